#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-Z, `fg`, `bg`, `kill %1` and a start in the background, as a shell's job control expects of a full-screen
/// program. ncurses' own SIGTSTP handler redrew the board the moment the process was continued, foreground or
/// not: `kill %1` (SIGTERM, then the SIGCONT bash sends with it) put the board back over the shell and stopped
/// the process again on the terminal's SIGTTOU, so it never ended; `courtside demo &` took the screen from the
/// shell; continued after an outside SIGSTOP, it drew in the shell's cooked mode, each key waiting for Enter.
/// The handlers only note the signal and wake the loop; the loop gives the terminal back, stops, and takes the
/// terminal again once it is in the foreground (until then, in the background, it waits and draws nothing).
enum JobControl {
    nonisolated(unsafe) static var suspendAsked: Int32 = 0
    nonisolated(unsafe) static var continued: Int32 = 0

    /// Installed before the terminal is taken over, so that ncurses installs no SIGTSTP handler of its own.
    static func install() {
        for sig in [SIGTSTP, SIGCONT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                if sig == SIGTSTP { JobControl.suspendAsked = 1 } else { JobControl.continued = 1 }
                QuitSignals.wake()
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(sig, &action, nil)
        }
    }

    static func takeSuspend() -> Bool {
        defer { suspendAsked = 0 }
        return suspendAsked != 0
    }

    static func takeContinued() -> Bool {
        defer { continued = 0 }
        return continued != 0
    }

    /// Whether this process's group owns the terminal (true where there is no terminal to ask).
    static var inForeground: Bool {
        let owner = tcgetpgrp(STDIN_FILENO)
        return owner < 0 || owner == getpgrp()
    }

    /// Stops this process, as Ctrl-Z stops any program; returns once it is continued. Raised on this thread:
    /// sent to the process (`kill`), it could be taken by another thread while this one went on, found itself
    /// still in the foreground and drew the board again before the stop reached it.
    static func stopHere() {
        raise(SIGSTOP)
    }

    /// Waits until the process is in the foreground (or `quit` says to give up), looking again ten times a second
    /// and leaving the terminal alone meanwhile. Not stopped by a SIGTTOU of its own: in a process of many
    /// threads that signal waits, pending, wherever every thread blocks it, and the wait spun.
    static func waitForForeground(quit: () -> Bool) {
        while !inForeground && !quit() { usleep(100_000) }
    }
}
