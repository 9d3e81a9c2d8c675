import Dispatch
import Feeds
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP stop a run with no screen in order, as they stop the TUI: killed outright, a run cut
/// its standard output mid-line (a consumer's parser failed on the last line) and `record` left a recording of its
/// header alone behind, saying nothing. The first one runs `stop` (a live run stops its feeds, closes its
/// recordings and says what it has, a replay ends between two writes); a second one ends the process at once.
final class HeadlessStop: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    /// Every one made, kept to the end of the process: a signal source let go stops listening.
    nonisolated(unsafe) private static var kept: [HeadlessStop] = []
    private let lock = DispatchQueue(label: "courtside-stop")
    private var first: Int32?

    /// The signal that stopped the run, if one did: the exit status is then 128 + it, as for the TUI.
    var received: Int32? { lock.sync { first } }

    /// Starts listening; `stop` runs on another thread with the first signal.
    init(stop: @escaping @Sendable (Int32) -> Void) {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            // Ignored first, as a signal source asks; on Linux the source then puts its own handler in its place.
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                let again = lock.sync { () -> Bool in
                    if first != nil { return true }
                    first = sig
                    return false
                }
                if again { SignalEnd.now(sig) } else { stop(sig) }
            }
            source.resume()
            sources.append(source)
        }
        Self.kept.append(self)
    }

    /// A replay, which has nothing to close: ends the process between two writes of standard output.
    static func endingBetweenWrites() -> HeadlessStop {
        HeadlessStop { sig in StandardOutput.exitBetweenWrites(status: 128 + sig) }
    }
}
