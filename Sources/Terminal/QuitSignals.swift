
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT (Ctrl-\) end the app in order (the terminal restored) instead of killing
/// it. SIGQUIT went to the runtime's crash reporter, which wrote over the board in raw mode and left it garbled,
/// scores in the wrong rows, while the app went on.
enum QuitSignals {
    nonisolated(unsafe) static var wakeFD: Int32 = -1
    nonisolated(unsafe) static var received: Int32 = 0

    static func install() {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig) { sig in
                QuitSignals.received = sig
                QuitSignals.wake()
            }
        }
    }

    /// Wakes the loop from a signal handler: one byte down the inbox's pipe (`write` is async-signal-safe).
    static func wake() {
        var byte: UInt8 = 1
        _ = write(wakeFD, &byte, 1)
    }

    /// ncurses' resize handler, which the one here chains to. Only the handler is kept: a global `sigaction` is
    /// given 148 bytes by Swift 6.3 (the padding inside it left out) where glibc writes 152, and the four bytes past
    /// it, `received` in a release build, took the top of a pointer: the board quit at once, with a random status.
    nonisolated(unsafe) static var previousResize: __sighandler_t?

    /// A resize wakes the loop at once, after ncurses' own handler has noted it: the signal goes to any of the
    /// process's threads, seldom the one waiting in `poll`, and the board was redrawn at the next clock tick, up
    /// to a second later. Installed after the terminal is taken over, so that ncurses' handler is there to chain.
    static func wakeOnResize() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { sig in
            if let previous = QuitSignals.previousResize,
               unsafeBitCast(previous, to: Int.self) != unsafeBitCast(SIG_DFL, to: Int.self),
               unsafeBitCast(previous, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) {
                previous(sig)
            }
            QuitSignals.wake()
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        var previous = sigaction()
        sigaction(SIGWINCH, &action, &previous)
        previousResize = previous.__sigaction_handler.sa_handler
    }
}
