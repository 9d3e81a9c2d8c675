/// Decides when a connection is dead. Every frame counts as a sign of life: data, JSON heartbeats, notices,
/// websocket pings and pongs; so do the bytes of one still arriving, at a rate a real link keeps. The provider heartbeats every 10 s, so `staleAfter` of silence means the
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

    /// The slowest a frame may arrive, in bytes a second on average since its first byte, and still count as
    /// a sign of life before it is whole: a large message on a slow link (a 290 KB catch-up at 10 KB/s) took
    /// longer than the stale timeout, where a server or proxy trickling a byte every few seconds held a fixture
    /// "live", or "authenticating", for good with nothing coming.
    public static let slowestFrameRate = 512.0

    /// Bytes since the last whole frame: how many, when the first and the newest of them came.
    public struct PartialFrame: Equatable, Sendable {
        public var bytes: Int
        public var since: Double
        public var lastAt: Double

        public init(bytes: Int, since: Double, lastAt: Double) {
            self.bytes = bytes
            self.since = since
            self.lastAt = lastAt
        }

        /// The time its bytes vouch for: their newest, or less, as far as `slowestFrameRate` pays for it.
        var vouchesUntil: Double { min(lastAt, since + Double(bytes) / Watchdog.slowestFrameRate) }
    }

    /// `openedAt`: when the auth message went out; `lastFrame`: the newest whole frame of any kind, if any;
    /// `partial`: the bytes of a frame still on its way. Before the first frame the wait is at most `staleAfter`,
    /// so that a first frame followed by silence is caught in time.
    /// `overSince`: since when the match has been over with nothing new (nil while it goes on); `saidFinished`:
    /// a message said so.
    public func check(now: Double, openedAt: Double, lastFrame: Double?, partial: PartialFrame? = nil, overSince: Double? = nil,
                      saidFinished: Bool = false) -> Verdict {
        let verdict = connectionCheck(now: now, openedAt: openedAt, lastFrame: lastFrame, partial: partial)
        guard case .wait(let seconds) = verdict else { return verdict }
        // Not over yet: asked again within the shortest grace, since the end may come before this wait is out. Slept
        // through, a `finished` just after the connection opened held it for the 15 s of the first-frame deadline,
        // not the 10 s of one heartbeat period.
        guard let overSince else { return .wait(seconds: min(seconds, finishedGrace, endGrace)) }
        let quiet = now - overSince
        let grace = saidFinished ? min(finishedGrace, endGrace) : endGrace
        return quiet >= grace ? .over(quietFor: quiet) : .wait(seconds: min(seconds, grace - quiet))
    }

    func connectionCheck(now: Double, openedAt: Double, lastFrame: Double?, partial: PartialFrame?) -> Verdict {
        // A frame on its way moves the deadline on as far as its bytes vouch for.
        let vouched = partial.map { max(openedAt, $0.vouchesUntil) }
        guard let lastFrame else {
            let waited = now - openedAt
            let from = vouched ?? openedAt
            if now - from >= firstFrameDeadline { return .noFirstFrame(after: waited) }
            return .wait(seconds: min(firstFrameDeadline - (now - from), staleAfter))
        }
        let alive = max(lastFrame, vouched ?? lastFrame)
        let silent = now - alive
        return silent >= staleAfter ? .stale(silentFor: now - lastFrame) : .wait(seconds: staleAfter - silent)
    }
}
