
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
                var byte: UInt8 = 1
                _ = write(QuitSignals.wakeFD, &byte, 1)
            }
        }
    }
}
