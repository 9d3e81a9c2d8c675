/// Decides when a connection is dead. Every frame counts as a sign of life: data, JSON heartbeats, notices,
/// websocket pings and pongs. The provider heartbeats every 10 s, so `staleAfter` of silence means the
/// connection (not the match) is gone. Pure: the caller supplies the times.
public struct Watchdog: Equatable, Sendable {
    public enum Verdict: Equatable, Sendable {
        case wait(seconds: Double)
        /// No first frame since the auth message was sent.
        case noFirstFrame(after: Double)
        case stale(silentFor: Double)
    }

    public var staleAfter: Double
    public var firstFrameDeadline: Double

    public init(staleAfter: Double, firstFrameDeadline: Double) {
        self.staleAfter = staleAfter
        self.firstFrameDeadline = firstFrameDeadline
    }

    /// `openedAt`: when the auth message went out; `lastFrame`: the newest frame of any kind, if any. Before
    /// the first frame the wait is at most `staleAfter`, so that a first frame followed by silence is caught in time.
    public func check(now: Double, openedAt: Double, lastFrame: Double?) -> Verdict {
        guard let lastFrame else {
            let waited = now - openedAt
            return waited >= firstFrameDeadline ? .noFirstFrame(after: waited) : .wait(seconds: min(firstFrameDeadline - waited, staleAfter))
        }
        let silent = now - lastFrame
        return silent >= staleAfter ? .stale(silentFor: silent) : .wait(seconds: staleAfter - silent)
    }
}
