import LiveActions
import Synchronization

/// Where a frame left its stream: the action messages in it, as the server counts them, and the messages of the
/// stream received by then, each once (a message sent again after a reconnect is not counted again).
public struct StreamPlace: Sendable {
    public var events: Int
    public var position: Int

    public init(events: Int, position: Int) {
        self.events = events
        self.position = position
    }
}

/// What one fixture's feed has learned, shared by its reader and its watchdog. Lives across connections:
/// the resume position and the end of the match belong to the fixture, not to one socket.
final class FeedSession: Sendable {
    struct State {
        var ledger = ResumeLedger()
        var matchEnd = MatchEnd()
        /// When the newest new action message arrived, on any connection.
        var lastNews: Double?
        /// This attempt: when the auth message went out (nil until the socket opened), the newest frame of any
        /// kind, new messages, whether the fixture was said to be live.
        var openedAt: Double?
        var lastFrame: Double?
        /// Bytes since the last whole frame.
        var partial: Watchdog.PartialFrame?
        var newMessages = 0
        var announced = false
        /// Set when the watchdog ended this connection: the reader's view of the close it caused is not the story.
        var watchdogEnd: ConnectionEnd?
    }

    let state = Mutex(State())

    var position: Int { state.withLock { $0.ledger.position } }
    var matchOver: Bool { state.withLock { $0.matchEnd.isOver } }
    /// A message said `finished`.
    var saidFinished: Bool { state.withLock { $0.matchEnd.saidFinished } }

    /// A new attempt begins: nothing of the last one's counts for it. An attempt that fails before its socket
    /// opens (refused, reset, no such host) then shows no progress: with the last connection's figures (or an
    /// opening time of 0 on a clock that counts from boot) each such failure read as progress, reset the
    /// backoff, and a dead server was tried two or three times a second for as long as Courtside ran.
    func attempting() { begin(openedAt: nil) }

    /// The socket is open and the auth message went out: this connection's figures start from here.
    func opened(at t: Double) { begin(openedAt: t) }

    private func begin(openedAt t: Double?) {
        state.withLock {
            $0.openedAt = t
            $0.lastFrame = nil
            $0.partial = nil
            $0.newMessages = 0
            $0.announced = false
            $0.watchdogEnd = nil
        }
    }

    /// True once per connection, for its first sign of life that is not a refusal: when to say it is live. A
    /// ping counts, as it does for the watchdog: a first ping used up the first-frame flag and the fixture said
    /// "authenticating" through the whole match.
    func announce() -> Bool {
        state.withLock { s in
            defer { s.announced = true }
            return !s.announced
        }
    }

    func watchdogFired(_ end: ConnectionEnd) { state.withLock { $0.watchdogEnd = end } }
    var watchdogEnd: ConnectionEnd? { state.withLock { $0.watchdogEnd } }

    /// Any whole frame, control frames included: the connection is alive.
    func frameArrived(at t: Double) {
        state.withLock {
            $0.lastFrame = t
            $0.partial = nil
        }
    }

    /// Bytes read from the socket, before they make a whole frame: alive, if they keep coming (`Watchdog`).
    func bytesArrived(_ count: Int, at t: Double) {
        state.withLock { s in
            guard s.openedAt != nil, count > 0 else { return }
            if s.partial == nil {
                s.partial = Watchdog.PartialFrame(bytes: count, since: t, lastAt: t)
            } else {
                s.partial!.bytes += count
                s.partial!.lastAt = t
            }
        }
    }

    func record(_ frame: Frame, at t: Double, identity: Int? = nil) {
        state.withLock { s in
            let new = s.ledger.record(frame, identity: identity)
            s.newMessages += new
            if new > 0 { s.lastNews = t }
            s.matchEnd.record(frame)
        }
    }

    func recordUnreadable() {
        state.withLock { s in
            if s.ledger.recordUnreadable() { s.newMessages += 1 }
        }
    }

    /// This connection brought at least one new action message.
    var broughtMessages: Bool { state.withLock { $0.newMessages > 0 } }

    /// At least one new action message, or up longer than the stale timeout.
    func progressed(now: Double, staleTimeout: Double) -> Bool {
        state.withLock { s in s.newMessages > 0 || s.openedAt.map { now - $0 > staleTimeout } == true }
    }

    func watchdogVerdict(_ watchdog: Watchdog, now: Double) -> Watchdog.Verdict {
        state.withLock { s in
            let opened = s.openedAt ?? now
            // Quiet since this connection opened or its newest news, whichever came later.
            let overSince = s.matchEnd.isOver ? max(opened, s.lastNews ?? opened) : nil
            return watchdog.check(now: now, openedAt: opened, lastFrame: s.lastFrame, partial: s.partial, overSince: overSince,
                                  saidFinished: s.matchEnd.saidFinished)
        }
    }
}
