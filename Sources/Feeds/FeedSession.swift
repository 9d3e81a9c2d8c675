import LiveActions
import Synchronization

/// What one fixture's feed has learned, shared by its reader and its watchdog. Lives across connections:
/// the resume position and the end of the match belong to the fixture, not to one socket.
final class FeedSession: Sendable {
    struct State {
        var ledger = ResumeLedger()
        var matchEnd = MatchEnd()
        /// This connection: when the auth message went out, the newest frame of any kind, new messages.
        var openedAt = 0.0
        var lastFrame: Double?
        var newMessages = 0
        /// Set when the watchdog ended this connection: the reader's view of the close it caused is not the story.
        var watchdogEnd: ConnectionEnd?
    }

    let state = Mutex(State())

    var position: Int { state.withLock { $0.ledger.position } }
    var matchOver: Bool { state.withLock { $0.matchEnd.isOver } }

    func opened(at t: Double) {
        state.withLock {
            $0.openedAt = t
            $0.lastFrame = nil
            $0.newMessages = 0
            $0.watchdogEnd = nil
        }
    }

    func watchdogFired(_ end: ConnectionEnd) { state.withLock { $0.watchdogEnd = end } }
    var watchdogEnd: ConnectionEnd? { state.withLock { $0.watchdogEnd } }

    /// Any frame, control frames included: the connection is alive. Returns true for the first one.
    func touched(at t: Double) -> Bool {
        state.withLock { s in
            defer { s.lastFrame = t }
            return s.lastFrame == nil
        }
    }

    func record(_ frame: Frame) {
        state.withLock { s in
            s.newMessages += s.ledger.record(frame)
            s.matchEnd.record(frame)
        }
    }

    func recordUnreadable() {
        state.withLock { s in
            s.ledger.recordUnreadable()
            s.newMessages += 1
        }
    }

    /// At least one new action message, or up longer than the stale timeout.
    func progressed(now: Double, staleTimeout: Double) -> Bool {
        state.withLock { $0.newMessages > 0 || now - $0.openedAt > staleTimeout }
    }

    func watchdogVerdict(_ watchdog: Watchdog, now: Double) -> Watchdog.Verdict {
        state.withLock { watchdog.check(now: now, openedAt: $0.openedAt, lastFrame: $0.lastFrame) }
    }
}
