#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back however the process ends. Quit signals are turned into an orderly shutdown by the
/// app; a crash (SIGSEGV, SIGABRT, a Swift trap's SIGILL/SIGTRAP) cannot run ncurses, so these handlers do
/// only async-signal-safe work: restore the saved terminal modes, leave the alternate screen, show the cursor,
/// then die of the same signal.
public enum TerminalGuard {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var haveSaved: Int32 = 0
    nonisolated(unsafe) static var active: Int32 = 0

    /// Call once, before the terminal is taken over.
    public static func prepare() {
        if tcgetattr(STDIN_FILENO, &saved) == 0 { haveSaved = 1 }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { sig in
                TerminalGuard.restoreRaw()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    static func noteStarted() { active = 1 }
    static func noteEnded() { active = 0 }

    /// Async-signal-safe restore: only `tcsetattr` and `write`.
    public static func restoreRaw() {
        guard active == 1 else { return }
        active = 0
        if haveSaved == 1 { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        let reset: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
        _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
    }
}
