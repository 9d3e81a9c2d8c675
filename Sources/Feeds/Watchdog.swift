/// Decides when a connection is dead. Every frame counts as a sign of life: data, JSON heartbeats, notices,
/// websocket pings and pongs. The provider heartbeats every 10 s, so `staleAfter` of silence means the
/// connection (not the match) is gone. Pure: the caller supplies the times.
public struct Watchdog: Equatable, Sendable {
    public enum Verdict: Equatable, Sendable {
        case wait(seconds: Double)
        /// No first frame since the auth message was sent.
        case noFirstFrame(after: Double)
        case stale(silentFor: Double)
        /// The match is over (a confirmed End Match) and nothing new came for `endGrace`: the stream has said all
        /// it will, though the server keeps it open.
        case over(quietFor: Double)
    }

    public var staleAfter: Double
    public var firstFrameDeadline: Double
    /// How long a connection is kept after the end of the match with nothing new on it. The provider may keep
    /// the stream open with heartbeats after its End Match, and then `watch --headless` and `record` never ended.
    public var endGrace: Double
    /// The same once a message said `finished`: shorter, but not nothing. The client closed at the `finished`
    /// message itself, and a correction sent moments after it (a goal cancelled) was never read: the final
    /// score was wrong where a stream that never said `finished` got it right.
    public var finishedGrace: Double

    public init(staleAfter: Double, firstFrameDeadline: Double, endGrace: Double = .infinity, finishedGrace: Double = .infinity) {
        self.staleAfter = staleAfter
        self.firstFrameDeadline = firstFrameDeadline
        self.endGrace = endGrace
        self.finishedGrace = finishedGrace
    }

    /// `openedAt`: when the auth message went out; `lastFrame`: the newest frame of any kind, if any. Before
    /// the first frame the wait is at most `staleAfter`, so that a first frame followed by silence is caught in time.
    /// `overSince`: since when the match has been over with nothing new (nil while it goes on); `saidFinished`:
    /// a message said so.
    public func check(now: Double, openedAt: Double, lastFrame: Double?, overSince: Double? = nil, saidFinished: Bool = false) -> Verdict {
        let verdict = connectionCheck(now: now, openedAt: openedAt, lastFrame: lastFrame)
        guard let overSince, case .wait(let seconds) = verdict else { return verdict }
        let quiet = now - overSince
        let grace = saidFinished ? min(finishedGrace, endGrace) : endGrace
        return quiet >= grace ? .over(quietFor: quiet) : .wait(seconds: min(seconds, grace - quiet))
    }

    func connectionCheck(now: Double, openedAt: Double, lastFrame: Double?) -> Verdict {
        guard let lastFrame else {
            let waited = now - openedAt
            return waited >= firstFrameDeadline ? .noFirstFrame(after: waited) : .wait(seconds: min(firstFrameDeadline - waited, staleAfter))
        }
        let silent = now - lastFrame
        return silent >= staleAfter ? .stale(silentFor: silent) : .wait(seconds: staleAfter - silent)
    }
}
