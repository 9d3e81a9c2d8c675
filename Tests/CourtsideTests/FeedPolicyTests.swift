import NIOCore
import NIOHTTP1
import NIOPosix
import Testing
@testable import Feeds
import LiveActions

/// The live feed's decisions, as pure functions of what happened: typed errors and closes to outcomes,
/// backoff without storms, resume positions without gaps, liveness, the end of a match.
struct FeedPolicyTests {
    @Test func typedErrorsBecomePlainOutcomes() {
        func after(_ end: ConnectionEnd, progressed: Bool = false, over: Bool = false) -> Outcome {
            Outcome.after(end, progressed: progressed, matchOver: over)
        }
        #expect(after(.error(IOError(errnoCode: ECONNREFUSED, reason: "connect"))) == .retry("connection refused", progressed: false))
        #expect(after(.error(IOError(errnoCode: ECONNRESET, reason: "read")), progressed: true) == .retry("connection reset", progressed: true))
        #expect(after(.error(ChannelError.eof)) == .retry("connection closed", progressed: false))
        // A wrong Sec-WebSocket-Accept: said in words, not as the library's "upgraderDeniedUpgrade".
        #expect(after(.error(NIOHTTPClientUpgradeError.upgraderDeniedUpgrade))
                == .retry("the server's answer to the websocket upgrade is not a valid handshake", progressed: false))
        #expect(after(.timedOut(.upgrade, seconds: 10)) == .retry("HTTP upgrade timed out after 10 s", progressed: false))
        #expect(after(.timedOut(.firstFrame, seconds: 15)) == .retry("first frame after auth timed out after 15 s", progressed: false))
        #expect(after(.stale(silentFor: 25.2), progressed: true) == .retry("no frame for 25 s", progressed: true))
        #expect(after(.rejected("token rejected (401): no")) == .failed("token rejected (401): no"))
        #expect(after(.finished) == .finished)
        #expect(after(.oversized(limitBytes: 64 << 20)) == .retry("the server sent a message larger than 64 MiB", progressed: true))
    }

    @Test func aCloseAfterTheEndOfTheMatchIsTheEndNotADrop() {
        #expect(Outcome.after(.closed(code: 1000, reason: nil), progressed: false, matchOver: true) == .finished)
        #expect(Outcome.after(.dropped, progressed: false, matchOver: true) == .finished)
        #expect(Outcome.after(.dropped, progressed: true, matchOver: false) == .retry("connection closed", progressed: true))
        // A refused token is a failure even after the end, until the end has been checked once: then it is the
        // check-back refused (below).
        #expect(Outcome.after(.closed(code: 1008, reason: nil), progressed: false, matchOver: true, checkedBack: false) == .failed("token rejected (closed with 1008)"))
        // Silence, a reset or a deadline after the end is the end too: each reconnect met the same end, for ever.
        for end in [ConnectionEnd.stale(silentFor: 30), .error(IOError(errnoCode: ECONNRESET, reason: "read")), .timedOut(.firstFrame, seconds: 15)] {
            #expect(Outcome.after(end, progressed: false, matchOver: true) == .finished, "\(end)")
            if case .retry = Outcome.after(end, progressed: false, matchOver: false) {} else { Issue.record("\(end) before the end is retried") }
        }
    }

    /// An end after a confirmed End Match (no `finished`) is checked once: a cut right after an End Match that the
    /// next message withdraws lost the rest of the match. Once checked, the same ends are the end, and so is a
    /// check-back that finds no stream; `finished` and a refused token need no check.
    @Test func anEndAfterTheEndOfTheMatchIsCheckedOnce() {
        let ends: [ConnectionEnd] = [.closed(code: 1000, reason: nil), .dropped, .stale(silentFor: 30),
                                     .error(IOError(errnoCode: ECONNRESET, reason: "read")), .timedOut(.firstFrame, seconds: 15)]
        for end in ends {
            if case .checkBack = Outcome.after(end, progressed: false, matchOver: true, checkedBack: false) {} else { Issue.record("\(end) not checked") }
            #expect(Outcome.after(end, progressed: false, matchOver: true, checkedBack: true) == .finished, "\(end)")
        }
        #expect(Outcome.after(.finished, progressed: true, matchOver: true, checkedBack: false) == .finished)
        #expect(Outcome.after(.closed(code: 1008, reason: nil), progressed: false, matchOver: true, checkedBack: false) == .failed("token rejected (closed with 1008)"))
        for status in [404, 403, 400] {
            #expect(Outcome.after(.refused(HTTPRefusal(status: status)), progressed: false, matchOver: true, checkedBack: true) == .finished, "\(status)")
        }
        // Busy is not gone: the check-back is still to be made.
        for status in [503, 429, 502] {
            if case .retry = Outcome.after(.refused(HTTPRefusal(status: status)), progressed: false, matchOver: true, checkedBack: true) {} else {
                Issue.record("\(status) after the end is retried")
            }
        }
        if case .retry = Outcome.after(.dropped, progressed: false, matchOver: false, checkedBack: false) {} else { Issue.record("a drop before the end") }
    }

    /// The end of the match by the End Match's name first, as the score decides it, its documented id for a name
    /// the catalogue does not know: by its id first, an "End Match" with another id ended the match on screen while
    /// the feed reconnected for ever.
    /// A summary whose status says the fixture is over ends it as an End Match does, until a newer summary says
    /// otherwise; a suspension does not.
    @Test func aSummaryThatSaysTheFixtureIsOver() {
        #expect(MatchEnd.isTerminal(status: "Completed", collection: "CollectingLive"))
        #expect(MatchEnd.isTerminal(status: "Live", collection: "CollectionDropped"))
        #expect(MatchEnd.isTerminal(status: "ABANDONED", collection: nil))
        #expect(MatchEnd.isTerminal(status: nil, collection: "Collection Completed"))
        for (status, collection) in [("Live", "CollectingLive"), ("Suspended", "CollectionSuspended"), ("Scheduled", nil)] as [(String?, String?)] {
            #expect(!MatchEnd.isTerminal(status: status, collection: collection), "\(status ?? "-") \(collection ?? "-")")
        }
    }

    @Test func theEndMatchIsKnownAsTheScoreKnowsIt() {
        func over(_ type: String, _ typeId: Int?) -> Bool {
            var end = MatchEnd()
            end.record(.actions([ActionMessage(action: Action(actionId: "e", seq: 1, sendType: .confirmed, type: type, typeId: typeId))]))
            return end.isOver
        }
        #expect(over("End Match", 0) && over("End Fixture", nil) && over("End Match", 5) && over("Renamed End", 5))
        #expect(!over("Start Fixture", 5) && !over("Shot", nil))
    }

    /// A failure before the socket opens (refused, reset, no such host) is no progress, whatever the connection
    /// before it brought: each such failure read as progress and a dead server was tried twice a second.
    @Test func anAttemptThatNeverOpensShowsNoProgress() {
        let session = FeedSession()
        #expect(!session.progressed(now: 10_000, staleTimeout: 25), "a clock that counts from boot is no opening time")
        session.opened(at: 100)
        session.record(.actions([ActionMessage(action: Action(actionId: "a1", seq: 1, sendType: .confirmed, type: "Shot"))]), at: 0)
        #expect(session.progressed(now: 101, staleTimeout: 25))
        session.attempting()
        #expect(!session.progressed(now: 500, staleTimeout: 25), "the next attempt failed before it opened")
        session.opened(at: 500)
        #expect(!session.progressed(now: 510, staleTimeout: 25) && session.progressed(now: 526, staleTimeout: 25))
        #expect(session.position == 1, "what was received stays received")
    }

    @Test func aRetryAfterDateIsReadAsSecondsFromNow() {
        #expect(HTTPRefusal.httpDate("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPRefusal.httpDate("Sat, 28 Feb 2026 23:59:59 GMT") == 1_772_323_199)
        #expect(HTTPRefusal.httpDate("Sun, 01 Mar 2026 00:00:00 GMT") == 1_772_323_200)
        #expect(HTTPRefusal.httpDate("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        for bad in ["Sun, 06 Nov 1994 08:49:37 UTC", "06 Nov 1994 08:49:37 GMT", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                    "Sun, 06 Nov 1994 24:00:00 GMT", "soon"] {
            #expect(HTTPRefusal.httpDate(bad) == nil, "\(bad)")
        }
        func refusal(_ header: String, now: Double) -> HTTPRefusal? {
            HTTPRefusal(response: Array("HTTP/1.1 503 Busy\r\nRetry-After: \(header)\r\n\r\n".utf8), now: now)
        }
        #expect(refusal("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_770)?.retryAfter == 7)
        #expect(refusal("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_790)?.retryAfter == 0, "a date past is now")
        #expect(refusal("Sun, 06 Nov 1994 08:49:37 GMT", now: 0)?.retryAfter == 3600, "held to an hour")
        #expect(refusal("soon", now: 0)?.retryAfter == nil)
        #expect(refusal("86400", now: 0)?.retryAfter == 3600 && refusal("7200", now: 0)?.retryAfter == 3600, "seconds held to an hour too")
        #expect(refusal("600", now: 0)?.retryAfter == 600)
    }

    @Test func httpStatusesOnTheUpgrade() {
        func after(_ status: Int, _ body: String = "", retryAfter: Double? = nil) -> Outcome {
            Outcome.after(.refused(HTTPRefusal(status: status, body: body, retryAfter: retryAfter)), progressed: false, matchOver: false)
        }
        #expect(after(401) == .failed("token rejected (401)"))
        #expect(after(403) == .failed("access denied (403): the token is not licensed for this fixture"))
        #expect(after(400, "Request is missing required HTTP header 'Accept'") == .failed("bad request (400): Request is missing required HTTP header 'Accept'"))
        #expect(after(404) == .failed("fixture not found or not licensed (404)"))
        #expect(after(429, retryAfter: 7) == .retry("too many requests (429)", progressed: false, retryAfter: 7))
        #expect(after(503, "busy\r\n") == .retry("upgrade refused (503): busy", progressed: false))
    }

    @Test func refusalsAreReadFromTheRawResponse() {
        let raw = Array("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 12\r\nContent-Length: 4\r\n\r\nslow".utf8)
        #expect(HTTPRefusal(response: raw, now: 0) == HTTPRefusal(status: 429, body: "slow", retryAfter: 12))
        #expect(HTTPRefusal(response: Array("HTTP/1.1 404 Not Found\r\n\r\n".utf8), now: 0) == HTTPRefusal(status: 404))
        #expect(HTTPRefusal(response: Array("garbage".utf8), now: 0) == nil)
        #expect(HTTPRefusal(status: 400, body: "a\u{1b}[2Jb").detail == ": a\u{FFFD}[2Jb", "control characters never reach a message")
    }

    @Test func anAcceptedThenClosedStreamIsTriedAtMostTenTimesInThirtySecondsThenEveryThirty() {
        for seed in 0..<50 as Range<UInt64> {
            var rng = SeededGenerator(seed: seed)
            var policy = RetryPolicy(backoff: Backoff(base: 0.5, cap: 30))
            var now = 0.0
            var attempts: [Double] = [0]
            while now < 600 {
                now += policy.delay(progressed: false, now: now, unit: Double.random(in: 0..<1, using: &rng))
                attempts.append(now)
            }
            #expect(attempts.filter { $0 < 30 }.count <= 10, "seed \(seed): \(attempts.prefix(12))")
            let late = zip(attempts, attempts.dropFirst()).filter { $0.0 >= 30 }
            #expect(late.allSatisfy { $0.1 - $0.0 >= 30 && $0.1 - $0.0 <= 37.5 }, "seed \(seed): \(late.prefix(5))")
        }
    }

    @Test func progressResetsTheBackoffAndRetryAfterIsHonoured() {
        var policy = RetryPolicy(backoff: Backoff(base: 0.5, cap: 30))
        for i in 0..<8 { _ = policy.delay(progressed: false, now: Double(i), unit: 1) }
        #expect(policy.attempt == 8)
        #expect(policy.delay(progressed: true, now: 100, unit: 1) == 0.5)
        #expect(policy.attempt == 1)
        #expect(policy.delay(progressed: false, now: 101, unit: 1, retryAfter: 20) == 20)
    }

    @Test func theResumePositionCountsDistinctMessagesOnly() {
        func frame(_ seqs: [Int], invalid: Int = 0) -> Frame {
            .actions(seqs.map { ActionMessage(action: Action(actionId: "a\($0)", seq: $0, sendType: .confirmed, type: "Shot")) },
                     invalid: Array(repeating: "bad", count: invalid))
        }
        var ledger = ResumeLedger()
        #expect(ledger.record(frame([1, 2])) == 2)
        #expect(ledger.record(frame([3], invalid: 1)) == 2)
        #expect(ledger.position == 4)
        // A server that ignores startPosition sends everything again: nothing new, the position stays.
        #expect(ledger.record(frame([1])) == 0)
        #expect(ledger.record(frame([2, 3])) == 0)
        #expect(ledger.position == 4)
        #expect(ledger.record(.heartbeat) == 0)
        ledger.recordUnreadable()
        #expect(ledger.record(frame([4])) == 1)
        #expect(ledger.position == 6)
    }

    /// After the end of the match, a connection kept alive with heartbeats ends once nothing new came for the grace.
    @Test func theWatchdogEndsAQuietConnectionAfterTheEnd() {
        let w = Watchdog(staleAfter: 25, firstFrameDeadline: 15, endGrace: 300)
        #expect(w.check(now: 100, openedAt: 0, lastFrame: 95) == .wait(seconds: 20), "while the match goes on, only silence counts")
        #expect(w.check(now: 100, openedAt: 0, lastFrame: 95, overSince: 90) == .wait(seconds: 20))
        #expect(w.check(now: 385, openedAt: 0, lastFrame: 380, overSince: 90) == .wait(seconds: 5))
        #expect(w.check(now: 390, openedAt: 0, lastFrame: 385, overSince: 90) == .over(quietFor: 300))
        #expect(w.check(now: 390, openedAt: 0, lastFrame: 340, overSince: 90) == .stale(silentFor: 50), "a dead connection is stale first")
    }

    /// Once a message said `finished`, the grace is the shorter one; the stream's end after it is the end, with no
    /// check-back, while an end without `finished` is checked once.
    @Test func afterFinishedTheGraceIsShortAndTheEndIsTheEnd() {
        let w = Watchdog(staleAfter: 25, firstFrameDeadline: 15, endGrace: 300, finishedGrace: 10)
        #expect(w.check(now: 105, openedAt: 0, lastFrame: 104, overSince: 100, saidFinished: true) == .wait(seconds: 5))
        #expect(w.check(now: 110, openedAt: 0, lastFrame: 109, overSince: 100, saidFinished: true) == .over(quietFor: 10))
        #expect(w.check(now: 110, openedAt: 0, lastFrame: 109, overSince: 100) == .wait(seconds: 24))
        // Before the end the wait is never longer than the grace after it: slept through, a `finished` that came just
        // after the connection opened was held for the first-frame deadline (15 s), not for the grace (10 s).
        #expect(w.check(now: 0, openedAt: 0, lastFrame: nil) == .wait(seconds: 10))
        #expect(w.check(now: 104, openedAt: 0, lastFrame: 100) == .wait(seconds: 10))
        #expect(w.check(now: 120, openedAt: 0, lastFrame: 100) == .wait(seconds: 5))
        let closed = ConnectionEnd.closed(code: 1000, reason: "fixture finished")
        #expect(Outcome.after(closed, progressed: true, matchOver: true, saidFinished: true, checkedBack: false) == .finished)
        if case .checkBack = Outcome.after(closed, progressed: true, matchOver: true, checkedBack: false) {} else { Issue.record("no check-back") }
        // A check-back refused by a close code ends a match that is over, as a refused upgrade does.
        #expect(Outcome.after(.closed(code: 4003, reason: nil), progressed: false, matchOver: true, checkedBack: true) == .finished)
        #expect(Outcome.after(.closed(code: 4003, reason: nil), progressed: false, matchOver: false) == .failed("access denied (closed with 4003): the token is not licensed for this fixture"))
        // Each code worded as the HTTP status it mirrors (4403 read "token rejected" where a 403 said access denied).
        #expect(Outcome.after(.closed(code: 4403, reason: "no"), progressed: false, matchOver: false) == .failed("access denied (closed with 4403: no): the token is not licensed for this fixture"))
        #expect(Outcome.after(.closed(code: 4401, reason: nil), progressed: false, matchOver: false) == .failed("token rejected (closed with 4401)"))
        // And so does one refused in band, by a message or a 1008 close (a token that expires at full time): the
        // finished match failed on it, with exit status 1.
        for refusal in [ConnectionEnd.rejected("token rejected (401): expired"), .closed(code: 1008, reason: "expired")] {
            #expect(Outcome.after(refusal, progressed: false, matchOver: true, checkedBack: true) == .finished, "\(refusal)")
            #expect(Outcome.after(refusal, progressed: false, matchOver: true, saidFinished: true, checkedBack: true) == .finished, "\(refusal)")
            if case .failed = Outcome.after(refusal, progressed: false, matchOver: false) {} else { Issue.record("\(refusal) mid-match fails") }
        }
    }

    /// An unusable message sent again (its frame's bytes the same) is not counted again: a server that resends the
    /// message before a cut would push the position one past what it sent, and the next resume skip a message.
    @Test func anUnusableMessageSentAgainCountsOnce() {
        var ledger = ResumeLedger()
        let bad = Frame.actions([], invalid: ["action message without fixtureSeqNum"])
        #expect(ledger.record(bad, identity: 42) == 1)
        #expect(ledger.record(bad, identity: 42) == 0)
        #expect(ledger.record(bad, identity: 7) == 1, "another frame's")
        #expect(ledger.record(.actions([], invalid: ["a", "b"]), identity: 42) == 1, "the second message of a frame is its own")
        #expect(ledger.record(bad) == 1, "with no identity, each counts")
        #expect(ledger.position == 4)
    }

    /// A message too big to read is known by the message before it: sent again after the same one, it is not counted again.
    @Test func anUnreadableMessageSentAgainCountsOnce() {
        var ledger = ResumeLedger()
        let one = Frame.actions([ActionMessage(action: Action(actionId: "a1", seq: 1, type: "Shot"))])
        ledger.record(one)
        let first = ledger.recordUnreadable(), second = ledger.recordUnreadable()
        #expect(first && second, "a second one in a row is its own")
        ledger.record(one)
        let again = ledger.recordUnreadable(), againSecond = ledger.recordUnreadable()
        #expect(!again && !againSecond, "the same two, sent again after the same message")
        #expect(ledger.position == 3)
    }

    /// Out of file descriptors, the reason says so (it said "connection failed").
    @Test func tooManyOpenFilesIsSaid() {
        if case .retry(let reason, _, _) = Outcome.after(.error(IOError(errnoCode: EMFILE, reason: "socket")), progressed: false, matchOver: false) {
            #expect(reason.contains("too many open files") && reason.contains("ulimit -n"), "\(reason)")
        } else {
            Issue.record("EMFILE is retried")
        }
    }

    /// The bytes of a frame still on its way keep a connection alive only while they come at a real link's pace:
    /// a server trickling a byte every few seconds held a fixture "authenticating", or "live" with nothing new,
    /// for good; a large message on a slow link must still get through.
    @Test func aFrameOnItsWayCountsOnlyWhileItKeepsComing() {
        let w = Watchdog(staleAfter: 25, firstFrameDeadline: 15)
        typealias Partial = Watchdog.PartialFrame
        // Before the first frame: a byte every 5 s (one per 5 s vouches for 2 ms each) is no first frame.
        #expect(w.check(now: 17, openedAt: 0, lastFrame: nil, partial: Partial(bytes: 3, since: 1, lastAt: 16)) == .noFirstFrame(after: 17))
        // 290 KB at 10 KB/s as the first frame: alive while it comes, for as long as it takes.
        #expect(w.check(now: 29, openedAt: 0, lastFrame: nil, partial: Partial(bytes: 280_000, since: 1, lastAt: 29)) == .wait(seconds: 15))
        // Mid-match: the frame after a whole one, a byte every 20 s, is stale (about) 25 s after the whole one.
        #expect(w.check(now: 126, openedAt: 0, lastFrame: 100, partial: Partial(bytes: 2, since: 100, lastAt: 120)) == .stale(silentFor: 26))
        #expect(w.check(now: 120, openedAt: 0, lastFrame: 100, partial: Partial(bytes: 512, since: 99, lastAt: 120)) == .wait(seconds: 5),
                "512 bytes vouch for a second")
        // A large one on a slow link, long past the stale timeout: alive, 25 s from its newest bytes.
        #expect(w.check(now: 160, openedAt: 0, lastFrame: 100, partial: Partial(bytes: 600_000, since: 100, lastAt: 159)) == .wait(seconds: 24))
        // A link that stalls mid-frame: stale 25 s after its newest bytes.
        #expect(w.check(now: 185, openedAt: 0, lastFrame: 100, partial: Partial(bytes: 600_000, since: 100, lastAt: 159)) == .stale(silentFor: 85))
    }

    @Test func theWatchdogWaitsForTheFirstFrameThenForSilence() {
        let w = Watchdog(staleAfter: 25, firstFrameDeadline: 15)
        #expect(w.check(now: 10, openedAt: 0, lastFrame: nil) == .wait(seconds: 5))
        #expect(Watchdog(staleAfter: 0.5, firstFrameDeadline: 15).check(now: 0, openedAt: 0, lastFrame: nil) == .wait(seconds: 0.5),
                "before the first frame it looks again within the stale timeout")
        #expect(w.check(now: 15, openedAt: 0, lastFrame: nil) == .noFirstFrame(after: 15))
        #expect(w.check(now: 30, openedAt: 0, lastFrame: 10) == .wait(seconds: 5))
        #expect(w.check(now: 36, openedAt: 0, lastFrame: 10) == .stale(silentFor: 26))
    }

    @Test func theEndOfTheMatchIsAConfirmedEndMatchOrAFinishedSummary() {
        func end(_ send: SendType, id: String = "e", typeId: Int? = 5, type: String = "End Match") -> Frame {
            .actions([ActionMessage(action: Action(actionId: PackedText(id), seq: 1, sendType: send, type: type, typeId: typeId))])
        }
        var m = MatchEnd()
        m.record(end(.pending))
        #expect(!m.isOver)
        m.record(end(.confirmed))
        #expect(m.isOver)
        m.record(end(.deleted))
        #expect(!m.isOver, "a withdrawn end is no end")
        m.record(end(.confirmed, id: "f", typeId: nil, type: "End Fixture"))
        #expect(m.isOver)
        var s = MatchEnd()
        s.record(.actions([ActionMessage(action: Action(actionId: "x", seq: 2, sendType: .confirmed, type: "Shot"),
                                         summary: FixtureSummary(finished: true))]))
        #expect(s.isOver)
    }
}
