import Foundation
import Simulator
import Testing
@testable import Feeds
import LiveActions
import ReplayServer

/// The pure parts of the live feed: backoff, connect pacing, the server's view of a stream, secrets.
struct LiveFeedUnitTests {
    @Test func backoffGrowsIsCappedAndJittered() {
        let b = Backoff(base: 0.5, cap: 30)
        #expect(b.delay(attempt: 1, unit: 0) == 0.25)
        #expect(b.delay(attempt: 1, unit: 1) == 0.5)
        #expect(b.delay(attempt: 3, unit: 1) == 2)
        #expect(b.delay(attempt: 40, unit: 1) == 30)
        #expect(b.delay(attempt: 40, unit: 0) == 15)
        var rng = SystemRandomNumberGenerator()
        for attempt in 1...50 {
            let d = b.delay(attempt: attempt, unit: Double.random(in: 0..<1, using: &rng))
            #expect(d > 0 && d <= 30)
        }
    }

    @Test func pacerNeverAllowsMoreThanFivePerSecond() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            var pacer = ConnectPacer(perSecond: 5)
            var now = 0.0
            var slots: [Double] = []
            for _ in 0..<60 {
                now += Double.random(in: 0..<0.3, using: &rng)
                let slot = pacer.reserve(now: now)
                #expect(slot >= now)
                slots.append(slot)
            }
            #expect(slots == slots.sorted())
            for (i, s) in slots.enumerated() {
                #expect(slots[i...].prefix { $0 < s + 1 }.count <= 5, "a one-second window from \(s) holds more than five")
            }
        }
    }

    @Test func pacerLetsAnIdleProcessConnectAtOnce() {
        var pacer = ConnectPacer(perSecond: 5)
        #expect((0..<5).map { _ in pacer.reserve(now: 10) } == [10, 10, 10, 10, 10])
        #expect(pacer.reserve(now: 10) > 11)
        #expect(pacer.reserve(now: 100) == 100)
    }

    @Test func queryParsing() {
        #expect(StreamQuery("startPosition=12&speed=fast") == { var q = StreamQuery(nil); q.startPosition = 12; q.fast = true; return q }())
        #expect(StreamQuery("speed=normal").fast == false)
        #expect(StreamQuery("startPosition=-3").problems == ["startPosition must be a whole number ≥ 0"])
        #expect(StreamQuery("speed=warp").problems == ["speed must be fast or normal"])
        #expect(StreamQuery("other=1").problems.isEmpty)
    }

    @Test func startPositionSkipsWhatTheClientHas() throws {
        let recording = try #require(demoRecording("basketball"))
        let served = ServedFixture(recording)
        #expect(served.items.allSatisfy { FrameDecoder.decode($0.text) != .heartbeat }, "recorded heartbeats are not replayed")
        #expect(served.firstIndex(startPosition: 0) == 0)
        #expect(served.endsFinished)
        for position in [1, 2, 17, 100, served.totalEvents - 1] {
            let i = served.firstIndex(startPosition: position)
            #expect(served.items[i].eventsBefore == position, "resumes exactly after event \(position)")
            #expect(served.items[..<i].reduce(0) { $0 + $1.events } == position)
        }
        #expect(served.firstIndex(startPosition: served.totalEvents) == served.items.count)
        #expect(served.firstIndex(startPosition: 1_000_000) == served.items.count, "beyond the end: nothing more to send")
    }

    @Test func urlCarriesTheResumePoint() {
        let f = FixtureRef("v2/volleyball/3f2c")!
        #expect(LiveActionsProtocol.url(endpoint: "ws://h:1/", fixture: f, speed: "fast", startPosition: 42)
                == "ws://h:1/v2/volleyball/fixtures/3f2c/actions?speed=fast&startPosition=42")
        #expect(LiveActionsProtocol.url(endpoint: "ws://h:1", fixture: f) == "ws://h:1/v2/volleyball/fixtures/3f2c/actions")
    }

    @Test func tokenNeverPrints() throws {
        let token = try #require(AuthToken("  s3cret-value\n"))
        #expect("\(token)" == "<token>")
        #expect(String(reflecting: token) == "<token>")
        #expect(token.authMessage == #"{"authToken":"s3cret-value"}"#)
        #expect(token.matches("s3cret-value") && !token.matches("s3cret") && !token.matches("s3cret-valuf"))
        #expect(AuthToken("   ") == nil)
        var dumped = ""
        dump(token, to: &dumped)
        #expect(!dumped.contains("s3cret"), "\(dumped)")
    }

    @Test func looseTokenFileDrawsAWarning() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-token-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "abc\n".write(toFile: path, atomically: true, encoding: .utf8)
        var warnings: [String] = []
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        _ = try AuthToken.load(file: path, environment: [:]) { warnings.append($0) }
        #expect(warnings.count == 1 && warnings[0].contains("chmod 600") && !warnings[0].contains("abc"))
        warnings = []
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let token = try AuthToken.load(file: path, environment: ["COURTSIDE_TOKEN": "other"]) { warnings.append($0) }
        #expect(warnings.isEmpty)
        #expect(token?.matches("abc") == true, "the file wins over the environment")
        #expect(try AuthToken.load(file: nil, environment: ["COURTSIDE_TOKEN": "env"]) { _ in }?.matches("env") == true)
        #expect(throws: AuthToken.TokenError.self) { try AuthToken.load(file: path + ".missing", environment: [:]) { _ in } }
    }

    /// A token file or variable whose token cannot be sent (two lines, a control character) is refused saying so: it
    /// was sent as it stood, and the request failed as "the connection ended before the answer did". A file reached
    /// through a link is judged by its own mode, not the link's (always 777, and the warning could not be silenced).
    @Test func aTokenThatCannotBeSentIsRefusedAndALinkIsJudgedByItsFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-tok-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (text, says) in [("# my token\nabcdefgh1234\n", "holds more than one line"), ("abcd\u{1B}efgh1234", "holds a control character")] {
            try text.write(toFile: dir + "/t", atomically: true, encoding: .utf8)
            chmod(dir + "/t", 0o600)
            #expect(throws: AuthToken.TokenError.self) { try AuthToken.load(file: dir + "/t", environment: [:]) { _ in } }
            do { _ = try AuthToken.load(file: dir + "/t", environment: [:]) { _ in } } catch { #expect("\(error)".contains(says), "\(error)") }
            #expect(throws: AuthToken.TokenError.self) { try AuthToken.load(file: nil, environment: ["COURTSIDE_TOKEN": text]) { _ in } }
        }
        try "abcdefgh1234\n".write(toFile: dir + "/t", atomically: true, encoding: .utf8)
        chmod(dir + "/t", 0o600)
        symlink(dir + "/t", dir + "/link")
        var warnings: [String] = []
        #expect(try AuthToken.load(file: dir + "/link", environment: [:]) { warnings.append($0) }?.matches("abcdefgh1234") == true)
        #expect(warnings.isEmpty, "\(warnings)")
        chmod(dir + "/t", 0o644)
        _ = try AuthToken.load(file: dir + "/link", environment: [:]) { warnings.append($0) }
        #expect(warnings.count == 1 && warnings[0].contains("mode 644"), "\(warnings)")
    }

    /// The token is taken out of what a server says, whole or cut short where the text ends (after at most spaces,
    /// dots or an ellipsis); fewer than `redactedLength` bytes of it are not a copy.
    @Test func theTokenIsRedactedWholeOrCutAtTheEnd() throws {
        let token = try #require(AuthToken("abcdefghij1234"))
        #expect(token.redacted("a abcdefghij1234 b") == "a <token> b")
        #expect(token.redacted("reason: abcdefghij12") == "reason: <token>…")
        #expect(token.redacted("reason: abcdefghij12…") == "reason: <token>…")
        #expect(token.redacted("reason: abcdefghij12...   ") == "reason: <token>…")
        #expect(token.redacted("tail abcdefg") == "tail abcdefg", "seven bytes are not a copy")
        #expect(token.redacted("abcdefghij12 then more") == "abcdefghij12 then more", "only a copy that ends the text")
        #expect(token.redacted("x") == "x" && token.redacted("") == "")
        #expect(AuthToken("short")?.redacted("short short") == "short short", "a loopback test token is not searched for")
        // A base64 token as JSON may spell it, its `/` escaped: decoded, it reached a scorer's name on screen, the
        // headless lines and the recording.
        let base64 = try #require(AuthToken("tokAB/CDEFGH+1234=="))
        // Or percent-encoded, as a server's error quoting the request's URL spelt it.
        // Any character JSON may escape, as any encoder escapes it (.NET writes `+` as `\u002B`): the name decoded from
        // it held the token.
        for echoed in [#"tokAB\/CDEFGH+1234=="#, #"tokAB\u002fCDEFGH+1234=="#, #"tokAB\u002FCDEFGH+1234=="#, "tokAB/CDEFGH+1234==", "tokAB%2FCDEFGH%2B1234%3D%3D",
                       // In lower-case hex, and with characters encoded that need not be: RFC 3986 makes them one.
                       "tokAB%2fCDEFGH%2b1234%3d%3d", "%74%6F%6b%41%42%2F%43%44%45%46%47%48%2B%31%32%33%34%3D%3D",
                       #"tokAB/CDEFGH\u002B1234\u003D\u003d"#, #"\u0074okAB\/CDEFGH\u002b1234=="#] {
            #expect(base64.redacted(#"{"name":"\#(echoed)"}"#) == #"{"name":"<token>"}"#, "\(echoed)")
        }
        // Cut short inside a text (a name cut to its field): sixteen bytes of the token are a copy wherever they stand.
        let long = try #require(AuthToken("eyJhbGciOiJIUzI1NiJ9+abc/DEF+ghiJKLmno=="))
        #expect(long.redacted(#"{"home":"H eyJhbGciOiJIUzI1NiJ9+abc/DEF+ghiJKLmno=","away":"B"}"#) == #"{"home":"H <token>…","away":"B"}"#)
        #expect(long.redacted(#"{"home":"H eyJhbGciOiJIUzI1NiJ9\u002Babc","away":"B"}"#) == #"{"home":"H <token>…","away":"B"}"#)
        #expect(long.redacted(#"{"home":"eyJhbGciOiJIUzI1"}"#) == #"{"home":"<token>…"}"#)
        #expect(long.redacted(#"{"home":"eyJhbGciOiJIUzI"}"#) == #"{"home":"eyJhbGciOiJIUzI"}"#, "fifteen bytes inside a text are not a copy")
        #expect(long.redacted("a \\ b \\u0065 c") == "a \\ b \\u0065 c", "backslashes alone are left as they are")
    }

    @Test func closeReasonsThatMeanTheTokenIsBad() {
        func outcome(_ code: UInt16?, _ reason: String?) -> Outcome {
            Outcome.after(.closed(code: code, reason: reason), progressed: false, matchOver: false)
        }
        #expect(outcome(1008, nil) == .failed("token rejected (closed with 1008)"))
        #expect(outcome(1000, "401 The supplied authentication is invalid") == .failed("token rejected: 401 The supplied authentication is invalid"))
        #expect(outcome(1001, "server restarting") == .retry("closed by the server (1001 going away): server restarting", progressed: false))
        #expect(outcome(1000, nil) == .retry("closed by the server (1000)", progressed: false))
    }
}

func demoRecording(_ sport: String) -> Recording? {
    let dir = repoRoot.appendingPathComponent("demo").path
    guard let name = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.first(where: { $0.hasPrefix(sport) && $0.hasSuffix(".jsonl") }),
          let text = try? String(contentsOfFile: dir + "/" + name, encoding: .utf8) else { return nil }
    return try? Recording.parse(text, name: name)
}

/// A small deterministic generator for property tests (SplitMix64).
/// The simulator's SplitMix64, for tests that need a reproducible sequence.
typealias SeededGenerator = SeededRandom
