
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP end the app in order (the terminal restored) instead of killing it.
enum QuitSignals {
    nonisolated(unsafe) static var wakeFD: Int32 = -1
    nonisolated(unsafe) static var received: Int32 = 0

    static func install() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { sig in
                QuitSignals.received = sig
                var byte: UInt8 = 1
                _ = write(QuitSignals.wakeFD, &byte, 1)
            }
        }
    }
}
