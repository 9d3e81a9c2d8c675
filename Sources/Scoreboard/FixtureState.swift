import LiveActions
import Scoring

/// Everything the app knows about one fixture: the match, the health of its stream, and where the user is
/// looking in its feed.
public struct FixtureState: Equatable, Sendable {
    public var ref: FixtureRef
    public var title: String?
    public var log: MatchLog
    public var connection: ConnectionStatus = .connecting
    /// When the last frame of any kind arrived, on the source's clock.
    public var lastFrameAt: Double?
    /// Spells of reconnecting: from the first failed try to the connection live again.
    public var reconnects = 0
    /// In such a spell now.
    public var reconnectingSpell = false
    public var frames = 0
    public var bytes = 0
    public var malformed = 0
    /// Of those, actions for another fixture (the headless run says each, as it does the frames it could not use).
    public var foreignActions = 0
    /// The fixture the newest of them belongs to: said once per fixture, without reading it back out of a problem.
    public var foreignFixtureId: String?
    public var duplicates = 0
    /// Frames that were neither actions nor heartbeats (notices, unknown shapes).
    public var otherTraffic = 0
    /// Each unknown frame shape once, for the log.
    public var shapesSeen: [String] = []
    /// The newest problems, bounded; the count is in `malformed` and friends.
    public var problems: [String] = []
    /// Arrival times of recent frames, for messages per second.
    var recentFrames: [Double] = []
    /// Lines scrolled back from the newest action in the feed.
    public var feedScroll = 0
    /// Replay position (frames played, total), for demo mode's progress bar.
    public var replay: ReplayProgress?
    /// Arrival minus the provider's timestamp of recent action messages (when the wall clock is known).
    public var latency = FeedLatency()
    /// Wall-clock seconds since 1970 at this fixture's source-clock 0, when known: a replayed recording's
    /// start. It wins over `AppState.epochOffset`, so that a replay shows the latency the stream had.
    public var clockOffset: Double?
    /// The newest frame's real arrival, while `--delay` holds the frame itself back.
    public var arrivedAt: Double?

    public static let maxProblems = 20

    /// A fixture as a listing or a lookup named it: its title and teams before its stream names them.
    public init(ref: FixtureRef, info: FixtureInfo?) {
        self.init(ref: ref, title: info?.title, home: info?.home, away: info?.away)
    }

    public init(ref: FixtureRef, title: String? = nil, home: String? = nil, away: String? = nil) {
        self.ref = ref
        self.title = title
        self.log = MatchLog(sport: Sport(path: ref.sport), homeName: home, awayName: away)
    }

    /// A recording's fixture, as a replay starts it: a recording made by `--record` replays with the latency it had.
    public init(header: RecordingHeader) {
        self.init(ref: header.fixture, title: header.title, home: header.home, away: header.away)
        clockOffset = header.started
    }

    public var match: MatchState { log.state }
    public var sport: Sport { log.state.sport }
    public var homeName: String { log.state.homeName ?? "Home" }
    public var awayName: String { log.state.awayName ?? "Away" }
    /// The provider's own collection and fixture status, and whether the newest packet came late.
    public var provider: ProviderStatus { log.provider }

    /// Finished by the feed or by the match itself.
    public var isOver: Bool {
        if case .finished = connection { return true }
        if case .failed = connection { return true }
        return false
    }

    /// Frames per second over the last few seconds before `now`.
    public func messagesPerSecond(now: Double) -> Double {
        let window = 5.0
        let n = recentFrames.reduce(0) { $0 + ($1 > now - window ? 1 : 0) }
        return Double(n) / window
    }

    /// "soccer/…: 4 unusable lines, frames or action messages left out": what a run with no screen, and the board
    /// after `q`, say of the fixture's `malformed`.
    public var leftOut: String {
        let n = malformed
        return "\(ref): \(n) unusable line\(n == 1 ? "" : "s"), frame\(n == 1 ? "" : "s") or action message\(n == 1 ? "" : "s") left out"
    }

    mutating func note(_ problem: String) {
        problems.append(TextSafety.clean(problem, limit: 200))
        if problems.count > FixtureState.maxProblems { problems.removeFirst(problems.count - FixtureState.maxProblems) }
    }

    /// A frame as the app takes it: its latency measured, folded in, and the feed's scroll kept in place.
    /// `live`: from a live feed, which says when it has ended (`.ended`), rather than a replay.
    mutating func arrived(taking frame: inout Frame, at: Double, bytes: Int, epochOffset: Double?, live: Bool) {
        // A scrolled reader's top row, by its entry's place in the match: new actions may arrive above it, below
        // it (a late one) or, once the fixture is finished and told by its timeline, anywhere in the feed.
        let anchor = feedScroll > 0 && feedScroll < log.entries.count ? log.entries.position(at: log.toldIndex(row: feedScroll)) : nil
        if let offset = clockOffset ?? epochOffset, case .actions(let messages, _) = frame {
            let arrival = (offset + at) * 1000
            // By index: `for m in messages` copied each whole message (a score of retains) to read one field.
            for k in messages.indices {
                // Kept negative when the provider's clock is ahead of this machine's: the skew is shown, not hidden.
                // A message sent again (a resume a server counts differently) says nothing of the feed's lag now.
                guard !log.holds(seq: messages[k].action.seq) else { continue }
                if let ts = messages[k].action.timestamp, let sent = FeedLatency.epochMs(ts.string) { latency.add(arrival - sent) }
            }
        }
        received(taking: &frame, at: at, bytes: bytes, endsAtFinished: !live)
        // The reader's top row kept where it was, whatever arrived.
        if let anchor, let i = log.entryIndex(position: anchor) { feedScroll = log.row(ofEntry: i) }
    }

    public mutating func received(frame: Frame, at t: Double, bytes n: Int) {
        var frame = frame
        received(taking: &frame, at: t, bytes: n)
    }

    /// `received(frame:)`, taking the frame's messages: each is moved into the match log rather than copied
    /// (a message holds a score of references, and a copy retained and released every one). `frame` is spent.
    /// `endsAtFinished`: a message that says `finished` ends the fixture, as in a replay. A live feed says when it
    /// has ended (`.ended`) instead, so that a correction sent just after that message is still folded (`watch
    /// --headless` stopped at it, and printed a final score the next message corrected).
    public mutating func received(taking frame: inout Frame, at t: Double, bytes n: Int, endsAtFinished: Bool = true) {
        frames += 1
        bytes += n
        lastFrameAt = t
        recentFrames.append(t)
        if recentFrames.count > 256 { recentFrames.removeFirst(recentFrames.count - 128) }
        switch frame {
        case .actions(var messages, let invalid):
            frame = .heartbeat  // the frame's hold on the messages goes, so that they are this function's alone
            // Each message is lent to the log where it lies, through the buffer: the log moves its action out, and
            // what is left of the messages goes with the array.
            messages.withUnsafeMutableBufferPointer { messages in
                for k in messages.indices {
                    if Frame.isForeign(fixtureId: messages[k].action.fixtureId, to: ref.id) {
                        malformed += 1
                        foreignActions += 1
                        foreignFixtureId = messages[k].action.fixtureId
                        note(Frame.foreignReason(fixtureId: messages[k].action.fixtureId, seq: messages[k].action.seq))
                        continue
                    }
                    if log.apply(taking: &messages[k]) == .duplicate { duplicates += 1 }
                }
            }
            for reason in invalid {
                malformed += 1
                note(reason)
            }
        case .heartbeat:
            break
        case .traffic(let shape):
            otherTraffic += 1
            if !shapesSeen.contains(shape), shapesSeen.count < 32 { shapesSeen.append(shape) }
        case .rejected(let reason):
            // Once the match is over, the feed decides (`Outcome.after`): a check-back refused because the token
            // expired at full time is the end, and failed here first, the finished match stayed failed.
            if log.status != .finished { connection = .failed(reason) }
            note(reason)
        case .malformed(let reason):
            malformed += 1
            note(reason)
        }
        if log.finished, endsAtFinished { connection = .finished }
    }
}

public struct ReplayProgress: Equatable, Sendable {
    public var played: Int
    public var total: Int
    public init(played: Int, total: Int) {
        self.played = played
        self.total = total
    }
}
