import Foundation
import Testing
import LiveActions

/// `courtside watch --headless` end to end against a stand-in for the provider (Tests/e2e/provider_standin.py)
/// that behaves the ways the real one may. Final scores are checked against the independent Python fold, and
/// connection counts and resume positions against the stand-in's own log.
extension EndToEnd {
@Suite(.enabled(if: pythonWebsockets, noPythonWebsockets)) struct ProviderStandInTests {
    static let soccer = repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path
    static let fixture = "soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c"

    struct Run {
        var watch: ProcessResult
        var log: String
        var final: JSONValue?
        /// When each refusal and connection came, from the stand-in's log.
        var attemptTimes: [Double] {
            log.split(separator: "\n").compactMap { line -> Double? in
                let w = line.split(separator: " ")
                return (w.first == "refused" || w.first == "connection") ? w.first { $0.hasPrefix("t=") }.flatMap { Double($0.dropFirst(2)) } : nil
            }
        }
        var connections: [(t: Double, start: Int)] {
            log.split(separator: "\n").compactMap { line in
                let words = line.split(separator: " ")
                guard words.first == "connection", words.count == 4,
                      let t = Double(words[2].dropFirst(2)), let p = Int(words[3].split(separator: "=").last ?? "") else { return nil }
                return (t, p)
            }
        }
    }

    /// Starts the stand-in with `options`, runs `watch --headless` against it with `watchOptions`.
    func run(_ options: [String], watch watchOptions: [String] = [], fixture: String = Self.fixture, recording: String = Self.soccer,
             timeout: Double = 60, token: String = "stand-in-token") throws -> Run {
        let server = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/provider_standin.py").path, recording] + options)
        defer { server.stop() }
        let port = try #require(server.waitFor(#"listening (\d+)"#), "\(server.text)")
        let watch = try runProcess(courtsideBinary, ["watch", fixture, "--endpoint", "ws://127.0.0.1:\(port)", "--headless"] + watchOptions,
                                   environment: ["COURTSIDE_TOKEN": token], timeout: timeout)
        let final = finals(watch.stdout).values.first
        return Run(watch: watch, log: server.text, final: final)
    }

    /// A server that breaks the websocket protocol, or is no HTTP server at all, is said in plain words: the
    /// library's own names ("didReceiveFragmentBeforeReceivingTextOrBinaryFrame", "invalid constant string") told a
    /// user nothing, and a close whose payload is one byte read "(no code): �".
    @Test(arguments: [
        ("lonecont", "the server broke the websocket protocol: a continuation fragment with no message to continue"),
        ("fragping", "the server broke the websocket protocol: a control frame (ping, pong or close) sent in fragments"),
        ("bigping", "the server broke the websocket protocol: a control frame longer than 125 bytes"),
        ("newtext", "the server broke the websocket protocol: a new message began before the last one ended"),
        ("nothttp", "does not speak HTTP"),
        ("close1byte", "closed by the server (no code)\n"),
    ])
    func aBrokenProtocolIsSaidInPlainWords(breaking: String, says: String) throws {
        let server = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/protocol_breaker.py").path, "0", breaking])
        defer { server.stop() }
        let port = try #require(server.waitFor(#"listening (\d+)"#), "\(server.text)")
        // It reconnects for ever, as for any drop: what it said by then is enough.
        let watch = try runProcess(courtsideBinary, ["watch", Self.fixture, "--endpoint", "ws://127.0.0.1:\(port)", "--headless"],
                                   environment: ["COURTSIDE_TOKEN": "x"], timeout: 4)
        #expect(watch.stderr.contains(says) && !watch.stderr.contains("�"), "\(watch.stderr)")
    }

    /// A large message on a slow link takes longer than the stale timeout to arrive, in one frame or in fragments:
    /// its bytes arriving keep the connection alive. Closed for silence, the message was asked for again from its
    /// start, for ever, and the match never showed.
    @Test(arguments: [false, true]) func aLargeMessageOnASlowLinkArrives(fragments: Bool) throws {
        let server = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/slow_link.py").path, Self.soccer]
                                                       + (fragments ? ["--fragments"] : []) + ["--rate", "40000"])
        defer { server.stop() }
        let port = try #require(server.waitFor(#"listening (\d+)"#), "\(server.text)")
        // Stale after 2.5 s; the message takes about 7 s.
        let watch = try runProcess(courtsideBinary, ["watch", Self.fixture, "--endpoint", "ws://127.0.0.1:\(port)", "--headless", "--heartbeat", "1"],
                                   environment: ["COURTSIDE_TOKEN": "x"], timeout: 60)
        let final = finals(watch.stdout).values.first
        #expect(final?["score"]?["home"] == Self.expected?["home"] && final?["score"]?["away"] == Self.expected?["away"], "\(watch.stderr)")
        #expect(server.text.components(separatedBy: "connection ").count - 1 <= 2, "one connection, and one check after the end: \(server.text)")
    }

    /// A link stuck mid-frame, its bytes trickling a byte a second, as the first frame or after 100 messages: the
    /// connection goes stale and the match goes on from where it was. The trickle kept the fixture
    /// "authenticating", or "live" with nothing new, for good: bytes counted as life whatever their pace.
    @Test(.timeLimit(.minutes(1)), arguments: [0, 100]) func aFrameTrickledByteByByteIsNoSignOfLife(after messages: Int) throws {
        let server = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/slow_link.py").path, Self.soccer,
                                                       "--trickle", "\(messages)"])
        defer { server.stop() }
        let port = try #require(server.waitFor(#"listening (\d+)"#), "\(server.text)")
        // Stale after 2.5 s, the first frame due within 3 s.
        let watch = try runProcess(courtsideBinary, ["watch", Self.fixture, "--endpoint", "ws://127.0.0.1:\(port)", "--headless",
                                                     "--heartbeat", "1", "--step-timeout", "3"],
                                   environment: ["COURTSIDE_TOKEN": "x"], timeout: 40)
        let final = finals(watch.stdout).values.first
        #expect(watch.status == 0, "\(watch.stderr)")
        #expect(final?["score"]?["home"] == Self.expected?["home"] && final?["score"]?["away"] == Self.expected?["away"], "\(watch.stderr)")
        _ = server.waitFor(#"(startPosition \d+)"#, timeout: 5)
        #expect(server.text.contains("startPosition \(messages)"), "resumed where the stuck frame began: \(server.text)")
        #expect(watch.stderr.contains(messages == 0 ? "first frame" : "no frame for"), "\(watch.stderr)")
    }

    /// The independent fold's final score of the soccer recording.
    static let expected: JSONValue? = {
        let fold = try? runProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/independent_fold.py").path, soccer])
        return JSONValue.parse(fold?.stdout.split(separator: "\n").first.map(String.init) ?? "")
    }()

    /// The run ended well, on the independent fold's score less the goal the stand-in withdrew (`corrected SIDE`).
    func expectCorrectedScore(_ r: Run, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(r.watch.status == 0, "\(r.watch.stderr)", sourceLocation: sourceLocation)
        let side = try #require(r.log.firstMatch(of: /corrected (home|away)/)?.1, "\(r.log)", sourceLocation: sourceLocation)
        let score = r.final?["score"], expected = Self.expected
        let home = (expected?["home"]?.intValue ?? -9) - (side == "home" ? 1 : 0)
        let away = (expected?["away"]?.intValue ?? -9) - (side == "away" ? 1 : 0)
        #expect(score?["home"]?.intValue == home && score?["away"]?.intValue == away, "\(score?.jsonText ?? "none") vs \(home)-\(away)",
                sourceLocation: sourceLocation)
    }

    func expectRightScore(_ r: Run, sourceLocation: SourceLocation = #_sourceLocation) {
        let score = r.final?["score"]
        #expect(Self.expected?["home"] != nil && score?["home"] == Self.expected?["home"] && score?["away"] == Self.expected?["away"],
                "final \(score?.jsonText ?? "none") vs independent fold \(Self.expected?.jsonText ?? "none"); stderr: \(r.watch.stderr)", sourceLocation: sourceLocation)
        #expect(r.final?["connection"]?.stringValue == "finished", "\(r.final?.jsonText ?? "")", sourceLocation: sourceLocation)
    }

    @Test func authorisedNoticeAndBinaryFramesAndAnEndWithoutFinished() throws {
        let r = try run(["--binary", "--no-finished"])
        #expect(r.watch.status == 0, "headless exits 0 once the match ended: \(r.watch.stderr)")
        expectRightScore(r)
        #expect(r.connections.count == 2, "a close after a confirmed End Match is checked once, then the end: \(r.log)")
    }

    /// A goal cancelled moments after the message that said `finished`: the client closed at that message, and the
    /// final score kept the goal (a stream that never said `finished` got it right). It is read, on one connection,
    /// and the final score is the corrected one; held open after it, the stream is closed after the grace.
    @Test(arguments: [false, true]) func aCorrectionJustAfterFinishedCounts(held: Bool) throws {
        let r = try run(["--correct-after-end"] + (held ? ["--hold-after-end", "0.2"] : []), watch: ["--heartbeat", "1"])
        try expectCorrectedScore(r)
        #expect(r.final?["connection"]?.stringValue == "finished" && r.connections.count == 1, "\(r.log)")
    }

    /// A stream cut (a reset, with no close) just after the message that said `finished`: the correction that
    /// followed it is read on the connection that checks (and, as it brought news, one more). Taken as the end
    /// because a message had said `finished`, the final score kept a goal the provider withdrew, silently. A
    /// server's own close after `finished` stays the end (above: one connection).
    @Test func aCutJustAfterFinishedIsCheckedOnce() throws {
        let r = try run(["--drop-after-end", "--correct-on-reconnect"], watch: ["--heartbeat", "1"])
        try expectCorrectedScore(r)
        #expect(r.final?["connection"]?.stringValue == "finished" && r.connections.map(\.start) == [0, 448, 449],
                "the cut checked, and the news it brought checked once more: \(r.log)")
    }

    /// A close with 4001 or 4003 right after the auth message, with no reason or one without the usual words, is a
    /// refusal: the feed reconnected for ever.
    @Test(arguments: [4001, 4003]) func aRefusalSaidOnlyByItsCloseCodeFails(code: Int) throws {
        let r = try run(["--refuse-with-close", "\(code)"], timeout: 30)
        #expect(r.watch.status == 1 && r.watch.stderr.contains((code == 4003 ? "access denied" : "token rejected") + " (closed with \(code))"), "\(r.watch.status) \(r.watch.stderr)")
        #expect(r.connections.count == 1, "\(r.log)")
        // Its reason naming the token cut short, inside the refusal's own words: the cut copy is redacted too.
        let secret = "echoed/secret+0123456789=="  // base64's `/`, which the stand-in echoes escaped in the action
        let named = try run(["--refuse-with-close", "\(code)", "--echo-token"], timeout: 30, token: secret)
        #expect(named.watch.status == 1 && named.watch.stderr.contains("<token>"), "\(named.watch.stderr)")
        #expect(!named.watch.stderr.contains(String(secret.prefix(8))), "\(named.watch.stderr)")
    }

    @Test func aServerThatIgnoresStartPositionCostsBandwidthNeverAMessage() throws {
        let r = try run(["--ignore-start", "--drop-after", "150"])
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        #expect(r.connections.map(\.start) == [0, 150], "resumed at the distinct messages held: \(r.log)")
    }

    @Test func pingOnlyHeartbeatsThroughAQuietSpellCauseNoReconnect() throws {
        // Eight seconds of quiet with a ping a second, against a stale timeout of 2.5 s (--heartbeat 1).
        let r = try run(["--ping-heartbeats", "1", "--quiet-after", "100:8"], watch: ["--heartbeat", "1"])
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        #expect(r.connections.count == 1, "pings prove the connection alive: \(r.log)")
    }

    @Test func aStreamClosedRightAfterAuthIsRetriedSparingly() throws {
        // For its first 6 s the server accepts the token, says so, and closes 1000: no storm.
        let r = try run(["--close-after-auth", "6"])
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        let early = r.connections.filter { $0.t < 6 }
        #expect(early.count <= 6, "exponential backoff, not one attempt every half second: \(r.connections.map(\.t))")
        #expect(r.connections.count >= 2)
    }

    /// A port that resets every connection before the upgrade (a server going down, a laptop offline): each
    /// failure read as progress, reset the backoff, and the fixture was tried two or three times a second.
    @Test func aPortThatResetsEveryConnectionIsRetriedSparingly() throws {
        let r = try run(["--reset-for", "6"])
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        let resets = r.log.split(separator: "\n").filter { $0.hasPrefix("reset ") }
        #expect(resets.count >= 2 && resets.count <= 6, "exponential backoff, not an attempt every half second: \(resets)")
        #expect(r.connections.count == 1, "\(r.log)")
    }

    /// A confirmed End Match, no `finished`, then the connection reset with no close frame: the end of the match,
    /// not an error to reconnect after (every reconnect met the same end, for ever).
    @Test func aConfirmedEndThenACutConnectionIsTheEnd() throws {
        let r = try run(["--no-finished", "--drop-after-end"], timeout: 30)
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        #expect(r.connections.count == 2, "checked once, then the end: \(r.log)")
    }

    /// No End Match and no `finished`, but a summary that says `Completed` (its collection `CollectionCompleted`),
    /// then a normal close: over, checked once, then the end. It was reconnected to for ever, and `watch
    /// --headless` never ended.
    @Test func aSummaryThatSaysCompletedThenACloseIsTheEnd() throws {
        let r = try run(["--no-finished", "--completed-without-end"], timeout: 30)
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        #expect(r.connections.count == 2, "checked once, then the end: \(r.log)")
        // And the match is over where it is shown: its last line said "live" (the board "stream ended").
        #expect(r.final?["status"]?.stringValue == "finished", "\(r.final?.jsonText ?? "")")
    }

    /// A confirmed End Match, no `finished`, a close, and every check-back answered 503: retried while the server is
    /// busy, then, past the patience (600 s; 3 s here), the end as it stands, said on stderr. `watch --headless`
    /// ran for ever after the final whistle.
    @Test func aCheckBackThatStaysBusyEndsAfterItsPatience() throws {
        let r = try run(["--no-finished", "--refuse-later", "503"], watch: ["--check-back-patience", "3"], timeout: 40)
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        #expect(r.log.components(separatedBy: "refused 503").count - 1 >= 2, "retried while busy: \(r.log)")
        #expect(r.watch.stderr.contains("the match ends as it stands"), "\(r.watch.stderr)")
    }

    /// A confirmed End Match, no `finished`, a close, and the check-back refused in band (a token that expired at
    /// full time, said in a 401 message): the end of the match, as a refused upgrade is. The finished match failed on
    /// it, with exit status 1.
    @Test func aCheckBackRefusedInBandIsTheEnd() throws {
        let r = try run(["--no-finished", "--reject-later"], timeout: 30)
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        #expect(r.connections.count == 2, "checked once, then the end: \(r.log)")
        #expect(r.final?["status"]?.stringValue == "finished" && r.final?["connection"]?.stringValue == "finished", "\(r.watch.stdout.suffix(400))")
    }

    /// A confirmed End Match, no `finished`, and the server keeps the stream open with heartbeats: after the end's
    /// grace (30 heartbeat periods with nothing new) the client closes it and the fixture is finished (`watch
    /// --headless` and `record` ran for ever).
    @Test func aStreamKeptOpenAfterTheEndIsClosedAfterTheGrace() throws {
        let r = try run(["--no-finished", "--hold-after-end", "0.1"], watch: ["--heartbeat", "0.2"], timeout: 40)
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        #expect(r.connections.count == 1, "no reconnect: \(r.log)")
    }

    /// Another fixture's action on this stream (saying `finished`, then a drop): shown and said, but it neither
    /// ends this fixture nor counts for `startPosition` (it ended the match at 1:1, or shifted the resume past a goal).
    @Test func anotherFixturesActionNeitherEndsTheMatchNorShiftsTheResume() throws {
        let r = try run(["--foreign-at", "100", "--drop-after", "200"])
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        #expect(r.connections.map(\.start) == [0, 200], "\(r.log)")
        #expect(r.watch.stderr.contains("another fixture (11111111-1111-4111-8111-111111111111)"), "\(r.watch.stderr)")
    }

    /// A server that repeats the token (in its notice, an action's text, a close reason) does not get it onto stderr,
    /// the lines, the screen or the recording: it went everywhere the server's words go.
    @Test func aTokenTheServerRepeatsIsNeverShownNorRecorded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-echo-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let secret = "echoed/secret+0123456789=="  // base64's `/`, which the stand-in echoes escaped in the action
        let r = try run(["--echo-token"], watch: ["--record", dir], token: secret)
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        #expect(r.connections.count == 2, "\(r.log)")
        // The close reason names the token cut short, as a server must cut a reason at 123 bytes: a cut copy is a
        // copy (its first fifteen characters reached stderr).
        #expect(r.watch.stderr.contains("accepted by this service: <token>…"), "\(r.watch.stderr)")
        #expect(!r.watch.stderr.contains(String(secret.prefix(8))), "\(r.watch.stderr)")
        let recorded = try FileManager.default.contentsOfDirectory(atPath: dir).map { try String(contentsOfFile: dir + "/" + $0, encoding: .utf8) }.joined()
        #expect(recorded.contains("Authorisation accepted for <token>"))
        #expect(r.watch.stdout.contains("Comment <token>"), "an action's own text too")
        for text in [r.watch.stderr, r.watch.stdout, recorded] { #expect(!text.contains(secret) && !text.contains(#"echoed\/secret"#)) }
    }

    /// A server that sends everything again on every connection, a message too big to use among it, and no
    /// `finished`: the big message is known again, so the check-back after the End Match brings nothing new and the
    /// fixture ends (counted anew each time, it kept the feed reconnecting for as long as it ran).
    @Test func aMessageTooBigSentAgainIsNotNewNews() throws {
        let r = try run(["--ignore-start", "--no-finished", "--huge-at", "100"], timeout: 40)
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        #expect(r.connections.count == 2, "checked once, then the end: \(r.log)")
    }

    /// The stream is cut right after an End Match that the next message withdraws: the match is not over, and the
    /// check-back connection brings the withdrawal and the rest (taken as the end at once, the final free throw
    /// and the real end were lost, and the score stayed 2–0).
    /// Also when the check-back is answered 503 or 429 first: busy is not gone, and taken as the end it lost the
    /// correction (the score stayed 2–0).
    @Test(arguments: [[], ["--refuse-second", "503"], ["--refuse-second", "429"]])
    func aCutRightAfterAnEndMatchLaterWithdrawnLosesNothing(busy: [String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-withdrawn-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let id = "11111111-1111-4111-8111-111111111111"
        func message(_ seq: Int, _ action: String, type: String, typeId: Int, send: String = "Confirmed", sendId: Int = 5, finished: Bool = false) -> String {
            #"{"traceId":"t\#(seq)","finished":\#(finished),"fixtureAction":{"actionId":"\#(action)","fixtureId":"\#(id)","fixtureSeqNum":\#(seq),"period":4,"sendType":"\#(send)","sendTypeId":\#(sendId),"fixtureActionType":"\#(type)","fixtureActionTypeId":\#(typeId),"team":{"homeTeam":true,"name":"Home BC"}}}"#
        }
        let frames = [
            message(1, "a1", type: "2 Points Made", typeId: 20),
            message(2, "end", type: "End Match", typeId: 5),
            message(3, "end", type: "End Match", typeId: 5, send: "Deleted", sendId: 4),
            message(4, "a2", type: "Free Throw Made", typeId: 25),
            message(5, "end2", type: "End Match", typeId: 5, finished: true),
        ]
        let path = dir + "/withdrawn.jsonl"
        let text = ([RecordingHeader(sport: "basketball", fixtureId: id, home: "Home BC", away: "Away BC").jsonLine]
                    + frames.enumerated().map { RecordedFrame(t: Double($0.offset + 1), frame: $0.element).jsonLine }).joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let direct = try runProcess(courtsideBinary, ["demo", path, "--headless", "--speed", "max"])
        let expected = finals(direct.stdout)[id]?["score"]
        #expect(expected?["home"] == 3, "\(direct.stdout)")
        let r = try run(["--drop-after", "2"] + busy, fixture: "basketball/" + id, recording: path, timeout: 30)
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        #expect(r.final?["score"] == expected, "\(r.final?.jsonText ?? "none"): \(r.log)")
        #expect(r.connections.map(\.start) == [0, 2], "\(r.log)")
    }

    /// A ping before anything else is the first sign of life: the fixture is live from then on (it said
    /// "authenticating" through the whole match).
    @Test func aPingBeforeAnythingElseMakesTheFixtureLive() throws {
        let r = try run(["--ping-first"])
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        let actionLines = r.watch.stdout.split(separator: "\n").filter { $0.contains("\"seq\":") && !$0.contains("\"seq\":-1") }
        #expect(!actionLines.isEmpty)
        #expect(!actionLines.contains { $0.contains("\"connection\":\"authenticating\"") }, "\(actionLines.prefix(3))")
    }

    @Test func aRetryAfterDateIsHonoured() throws {
        let r = try run(["--status", "503:1", "--retry-after-date", "2"])
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        let times = r.attemptTimes
        #expect(times.count == 2 && times[1] - times[0] >= 0.95, "a date one to two seconds ahead: \(r.log)")
    }

    /// Unanswered, or answered by a status line and then nothing: the deadline is what is said (with the half answer,
    /// "stream ended at an unexpected time", what the closed socket made of it, was said instead).
    @Test(arguments: [false, true]) func anUnansweredUpgradeIsAbandonedAtItsDeadlineAndRetried(half: Bool) throws {
        let server = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/provider_standin.py").path, Self.soccer, "--silent-upgrade"]
                                           + (half ? ["--half-upgrade"] : []))
        defer { server.stop() }
        let port = try #require(server.waitFor(#"listening (\d+)"#))
        let watch = try BackgroundProcess(courtsideBinary, ["watch", Self.fixture, "--endpoint", "ws://127.0.0.1:\(port)", "--headless", "--step-timeout", "1"],
                                          environment: ["COURTSIDE_TOKEN": "stand-in-token"])
        defer { watch.stop() }
        #expect(watch.waitFor(#"(HTTP upgrade timed out after 1 s)"#, timeout: 10) != nil, "\(watch.text)")
        #expect(server.waitFor(#"connection (2) "#, timeout: 10) != nil, "retried after the deadline: \(server.text)")
        #expect(watch.text.contains("\"connection\":\"reconnecting\""), "\(watch.text)")
    }

    @Test(arguments: [(404, "fixture not found or not licensed (404)"), (403, "access denied (403)"),
                      (301, "redirects (301) to wss://streams.example/soccer/fixtures/x/actions: point --endpoint there")])
    func aRefusalThatRetryingCannotFixFailsAtOnce(status: Int, says: String) throws {
        let r = try run(["--status", "\(status)"])
        #expect(r.watch.status != 0)
        #expect(r.watch.stderr.contains(says), "\(r.watch.stderr)")
        #expect(r.log.components(separatedBy: "refused").count - 1 == 1, "asked once: \(r.log)")
    }

    @Test(arguments: [429, 503])
    func busyAnswersAreRetriedHonouringRetryAfter(status: Int) throws {
        let r = try run(["--status", "\(status):2", "--retry-after", "1"])
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        let times = r.attemptTimes
        #expect(times.count == 3, "\(r.log)")
        for (a, b) in zip(times, times.dropFirst()) { #expect(b - a >= 0.95, "Retry-After: 1 honoured: \(times)") }
    }

    @Test func upperCaseIdsAndTheMediaFeedReachTheSameFixture() throws {
        let r = try run([], watch: ["--feed", "media"], fixture: Self.fixture.uppercased().replacingOccurrences(of: "SOCCER", with: "soccer"))
        #expect(r.watch.status == 0, "\(r.watch.stderr)")
        expectRightScore(r)
        #expect(r.final?["fixture"]?.stringValue == "6794d8c6-bfa3-4e1a-afd1-c564c00ff46c", "headless lines use the lower-case id")
        #expect(r.watch.stdout.contains("\"seq\":") && !r.watch.stderr.contains("another fixture"))
    }
}
}
