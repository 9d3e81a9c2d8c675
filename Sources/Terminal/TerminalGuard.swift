#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back however the process ends. Quit signals are turned into an orderly shutdown by the
/// app; a crash (SIGSEGV, SIGABRT, a Swift trap's SIGILL/SIGTRAP) cannot run ncurses, so these handlers do
/// only async-signal-safe work: restore the saved terminal modes, leave the alternate screen, show the cursor,
/// then die of the same signal.
public enum TerminalGuard {
    /// The terminal's modes before the board, kept on the heap: a global `termios` is given 57 bytes by Swift 6.3
    /// (the padding inside it left out) where `tcgetattr` writes 60, over whatever the linker puts next (see
    /// `QuitSignals.previousResize`).
    nonisolated(unsafe) static var saved: UnsafeMutablePointer<termios>?
    nonisolated(unsafe) static var haveSaved: Int32 = 0
    nonisolated(unsafe) static var active: Int32 = 0

    /// Call once, before the terminal is taken over.
    public static func prepare() {
        if saved == nil {
            saved = .allocate(capacity: 1)
            saved?.initialize(to: termios())
        }
        if let saved, tcgetattr(STDIN_FILENO, saved) == 0 { haveSaved = 1 }
        // And every other signal whose default ends the process: SIGUSR1, a CPU limit's SIGXCPU or a stray
        // SIGALRM left the shell in the alternate screen, its cursor hidden and its typing drawn into the board.
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
                    SIGSYS, SIGPIPE] {
            signal(sig) { sig in
                TerminalGuard.restoreRaw()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    nonisolated(unsafe) static var heldStderr: Int32 = -1
    nonisolated(unsafe) static var realStderr: Int32 = -1
    nonisolated(unsafe) static var copyBuffer: UnsafeMutableRawPointer?

    static func noteStarted() {
        holdStderr()
        active = 1
    }

    static func noteEnded() {
        active = 0
        releaseStderr()
    }

    /// While the TUI owns the screen, stderr goes to an unlinked temporary file: a warning or a crash report
    /// written then would be drawn over the screen and vanish with the alternate screen. It is copied back to
    /// the real stderr as soon as the terminal is restored, on every way out.
    static func holdStderr() {
        if copyBuffer == nil { copyBuffer = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16) }
        var path = Array("/tmp/courtside-stderr-XXXXXX".utf8CString)
        let fd = path.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return }
        _ = path.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(fd, STDERR_FILENO) >= 0 else {
            close(fd)
            if saved >= 0 { close(saved) }
            return
        }
        heldStderr = fd
        realStderr = saved
    }

    /// Async-signal-safe: only `dup2`, `lseek`, `read`, `write` and `close`.
    static func releaseStderr() {
        guard heldStderr >= 0, realStderr >= 0, let buffer = copyBuffer else { return }
        let held = heldStderr
        heldStderr = -1
        dup2(realStderr, STDERR_FILENO)
        close(realStderr)
        realStderr = -1
        lseek(held, 0, SEEK_SET)
        while case let n = read(held, buffer, 4096), n > 0 { _ = write(STDERR_FILENO, buffer, n) }
        close(held)
    }

    /// Async-signal-safe restore: only `tcsetattr` and `write`.
    public static func restoreRaw() {
        guard active == 1 else { return }
        active = 0
        if haveSaved == 1, let saved { tcsetattr(STDIN_FILENO, TCSANOW, saved) }
        // Mouse reporting off too (ncurses turns on 1000, and 1006 where terminfo says so), and the cursor keys
        // and keypad back to normal mode (DECCKM, DECKPNM): left on, the shell's arrows sent other codes.
        let reset: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[?1l\u{1B}>\u{1B}[?2004l\u{1B}[?1049l\r\n"
        _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
        popTitle()
        releaseStderr()
    }

    nonisolated(unsafe) static var titlePushed: Int32 = 0
    public static let pushTitleSequence: StaticString = "\u{1B}[22;0t"
    public static let popTitleSequence: StaticString = "\u{1B}[23;0t"

    /// Saves the terminal's own title on its title stack (XTWINOPS 22) before Courtside sets one.
    static func pushTitle() {
        guard titlePushed == 0 else { return }
        titlePushed = 1
        _ = write(STDOUT_FILENO, pushTitleSequence.utf8Start, pushTitleSequence.utf8CodeUnitCount)
    }

    /// Puts the saved title back (XTWINOPS 23), once, on every way out. Async-signal-safe: only `write`.
    static func popTitle() {
        guard titlePushed == 1 else { return }
        titlePushed = 0
        _ = write(STDOUT_FILENO, popTitleSequence.utf8Start, popTitleSequence.utf8CodeUnitCount)
    }

    /// Writes bytes straight to the terminal, past ncurses (after it has flushed a frame).
    static func writeBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }
}
