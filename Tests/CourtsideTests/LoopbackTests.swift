import Foundation
import Testing
import Platform
@testable import Feeds
import LiveActions
@testable import ReplayServer
import Scoreboard
import Scoring

/// Real sockets on loopback: the live feed against the replay server, no mocks.
extension EndToEnd {
@Suite struct LoopbackTests {
    func limiter() -> ConnectLimiter { ConnectLimiter(perSecond: LiveActionsProtocol.maxConnectsPerSecond) }

    /// One fixture named with its sport in capitals and in lower case is one fixture: both were streamed, every line
    /// printed twice and the match recorded twice, and the lines' `sport` copied the typing.
    @Test func aSportTypedInCapitalsIsTheSameFixture() throws {
        let (server, port) = try startServe(["--token", "case"])
        defer { server.stop() }
        let soccer = try #require(demoRecording("soccer")).header.fixture
        func watch(_ names: [String]) throws -> [Substring] {
            let r = try runProcess(courtsideBinary, ["watch"] + names + ["--endpoint", "ws://127.0.0.1:\(port)", "--speed", "fast", "--headless"],
                                   environment: ["COURTSIDE_TOKEN": "case", "COURTSIDE_API": "", "COURTSIDE_ENDPOINT": ""], timeout: 60)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n")
        }
        let once = try watch([soccer.description])
        let both = try watch([soccer.description.uppercased(), soccer.description])
        #expect(both.count == once.count && both.allSatisfy { $0.contains(#""sport":"soccer""#) }, "\(both.count) lines against \(once.count)")
    }

    @Test func watchAgainstServeEqualsTheHeadlessDemo_andRecordsWhatItSaw() throws {
        let (server, port) = try startServe(["--heartbeat", "1"])
        defer { server.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-rec-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fixtures = ["basketball", "soccer", "volleyball", "snooker"].compactMap { demoRecording($0)?.header.fixture.description }
        #expect(fixtures.count == 4)
        let watch = try runProcess(courtsideBinary, ["watch"] + fixtures + ["--endpoint", "ws://127.0.0.1:\(port)", "--speed", "fast", "--headless", "--record", dir],
                                   environment: ["COURTSIDE_TOKEN": "local-secret-token"], timeout: 60)
        #expect(watch.status == 0, "\(watch.stderr)")
        let demo = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max"])
        let live = finals(watch.stdout), replay = finals(demo.stdout)
        #expect(live.count == 4)
        for (id, line) in replay {
            let got = live[id]
            #expect(got?["score"] == line["score"], "\(id)")
            for key in ["seq", "status", "period", "clock", "last", "home", "away"] {
                #expect(got?[key] == line[key], "\(id) \(key)")
            }
        }
        // What was recorded replays to the same state, and holds no token.
        let files = RecordingStore.recordings(in: dir)
        #expect(files.count == 4)
        let again = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max"] + files)
        #expect(again.status == 0, "\(again.stderr)")
        for (id, line) in finals(again.stdout) { #expect(line["score"] == replay[id]?["score"], "\(id) recorded") }
        for f in files { #expect(!(try String(contentsOfFile: f, encoding: .utf8)).contains("local-secret-token")) }
        // Each recording knows when it started, so that its replay shows the latency the stream had.
        for f in files {
            let started = try RecordingStore.load(f).header.started ?? 0
            #expect(abs(started - Date().timeIntervalSince1970) < 300, "\(f): started \(started)")
        }
        #expect(!watch.stdout.contains("local-secret-token") && !watch.stderr.contains("local-secret-token") && !server.text.contains("local-secret-token"))
    }

    @Test func serverKilledAndRestartedTwentyTimesLosesAndDoublesNothing() async throws {
        let recording = try #require(demoRecording("basketball"))
        let f = recording.header.fixture
        // 6,290 s of match at 700×: about nine seconds of stream, killed every ~0.35 s.
        let args = ["--heartbeat", "0.5", "--speed", "700", "--token", "kill-test"]
        var (server, port) = try await offPool { try startServe(args) }
        var logs = ""
        let collector = FeedCollector()
        let feed = LiveFeed(fixture: f, configuration: .loopback("ws://127.0.0.1:\(port)", token: "kill-test", heartbeat: 0.5, speed: nil), limiter: limiter())
        let task = Task { await feed.run(emit: collector.emit) }
        var rng = SeededGenerator(seed: 2026)
        var kills = 0
        while kills < 20 {
            try await Task.sleep(nanoseconds: UInt64(Double.random(in: 0.15...0.5, using: &rng) * 1e9))
            if collector.all.contains(where: { if case .ended = $0 { true } else { false } }) { break }
            let killed = server
            try await offPool { killed.stop(SIGKILL) }
            logs += server.text
            kills += 1
            try await Task.sleep(nanoseconds: UInt64(Double.random(in: 0...0.3, using: &rng) * 1e9))
            let again = port
            (server, port) = try await offPool { try startServe(args, port: again) }
        }
        #expect(kills == 20, "the match ended before twenty kills")
        let ended = await collector.waitUntil(timeout: 60) { $0.contains { if case .ended = $0 { true } else { false } } }
        let last = server
        try await offPool { last.stop() }
        logs += server.text
        task.cancel()
        #expect(ended)
        let state = collector.state(for: [f])
        let expected = expectedState(recording)
        #expect(state.fixtures[0].match == expected.match)
        #expect(state.fixtures[0].duplicates == 0, "nothing arrived twice")
        // A spell of reconnecting a kill, or fewer where a kill came before the connection was live again.
        #expect((5...20).contains(state.fixtures[0].reconnects), "\(state.fixtures[0].reconnects)")
        // Every connection the servers saw asked for exactly what the client had received by then.
        var received = 0
        var asked: [Int] = []
        for e in collector.all {
            switch e {
            case .status(_, .connecting, _): asked.append(received)
            case .frame(_, let frame, _, _): received += frame.eventCount
            default: break
            }
        }
        let served = startPositions(in: logs)
        #expect(served.count >= 10, "most restarts saw the client come back")
        #expect(isSubsequence(served, of: asked), "server saw \(served), client asked \(asked)")
        #expect(served.last ?? 0 > 0)
    }

    func isSubsequence(_ a: [Int], of b: [Int]) -> Bool {
        var j = b.startIndex
        for x in a {
            guard let k = b[j...].firstIndex(of: x) else { return false }
            j = k + 1
        }
        return true
    }

    @Test func silenceMakesTheStreamStaleThenReconnects() async throws {
        let recording = try #require(demoRecording("soccer"))
        // No heartbeats and a glacial pace: after the first frames the socket goes quiet.
        let server = try await RunningServer.start([recording]) { $0.heartbeat = 0; $0.speed = 0.0001 }
        defer { server.stop() }
        let f = recording.header.fixture
        let collector = FeedCollector()
        let feed = LiveFeed(fixture: f, configuration: .loopback(server.endpoint, heartbeat: 0.2, speed: nil), limiter: limiter())
        let task = Task { await feed.run(emit: collector.emit) }
        defer { task.cancel() }
        let reconnected = await collector.waitUntil(timeout: 10) { _ in
            let s = collector.statuses(f)
            guard let stale = s.firstIndex(of: .stale) else { return false }
            return s[stale...].contains { $0.isReconnecting } && s[stale...].filter { $0 == .live }.count >= 1
        }
        #expect(reconnected, "\(collector.statuses(f))")
        let positions = startPositions(in: server.lines.joined(separator: "\n"))
        #expect(positions.count >= 2)
        #expect(positions.first == 0 && positions.dropFirst().allSatisfy { $0 > 0 }, "resumed after what it had: \(positions)")
    }

    @Test func aBadTokenFailsFastAndNeverRetries() async throws {
        let recording = try #require(demoRecording("snooker"))
        let server = try await RunningServer.start([recording]) { $0.token = "right" }
        defer { server.stop() }
        let f = recording.header.fixture
        let collector = FeedCollector()
        let start = MonotonicClock.seconds()
        let feed = LiveFeed(fixture: f, configuration: .loopback(server.endpoint, token: "wr0ng-t0ken-xyz"), limiter: limiter())
        await feed.run(emit: collector.emit)
        let took = MonotonicClock.seconds() - start
        #expect(took < 2, "failed after \(took) s")
        let state = collector.state(for: [f])
        #expect(state.fixtures[0].connection == .failed("token rejected: The supplied authentication is invalid") ||
                { if case .failed(let r) = state.fixtures[0].connection { r.contains("401") } else { false } }(), "\(state.fixtures[0].connection)")
        #expect(server.server.connectTimes.count == 1, "no retry after a rejected token (the feed has returned)")
        #expect(!server.lines.joined().contains("wr0ng-t0ken-xyz"), "the server does not log tokens either")
    }

    /// A client that upgrades and sends no token is told, and then dropped: only told, its connection stayed open
    /// and a token sent after the close frame still started the stream.
    @Test func serveDropsAClientThatSendsNoTokenInTime() async throws {
        let recording = try #require(demoRecording("snooker"))
        let server = try await RunningServer.start([recording]) { $0.authTimeout = 0.5 }
        defer { server.stop() }
        // A raw client that ignores the close frame, as a careless one would.
        let script = """
            import base64, os, socket, sys, time
            s = socket.create_connection(("127.0.0.1", \(server.port)))
            key = base64.b64encode(os.urandom(16)).decode()
            s.sendall(("GET \(recording.header.fixture.actionsPath) HTTP/1.1\\r\\nHost: x\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n"
                       "Accept: \(LiveActionsProtocol.acceptHeader)\\r\\nSec-WebSocket-Key: " + key + "\\r\\nSec-WebSocket-Version: 13\\r\\n\\r\\n").encode())
            s.settimeout(0.5)
            seen = b""
            end = time.time() + 4
            while time.time() < end:
                try:
                    chunk = s.recv(65536)
                except socket.timeout:
                    continue
                if not chunk:
                    print("closed by the server" if seen.startswith(b"HTTP/1.1 101") else "refused: " + repr(seen[:80]))
                    sys.exit(0)
                seen += chunk
            print("still open")
            """
        let result = try runProcess(python3(), ["-c", script], timeout: 20)
        #expect(result.stdout.contains("closed by the server"), "\(result.stdout) \(result.stderr) \(server.lines)")
    }

    /// Sends `request` (Python bytes-literal text) to the server and reads until it closes or 4 s pass: "closed by the
    /// server after N bytes", or "still open".
    func sendAndWaitForTheClose(_ request: String, port: Int) throws -> ProcessResult {
        let script = """
            import socket, sys
            s = socket.create_connection(("127.0.0.1", \(port)))
            s.sendall(b"\(request)")
            s.settimeout(4)
            received = 0
            try:
                while data := s.recv(65536):
                    received += len(data)
            except socket.timeout:
                print("still open"); sys.exit(0)
            print("closed by the server after", received, "bytes")
            """
        return try runProcess(python3(), ["-c", script], timeout: 20)
    }

    /// A client that sends half a request head and waits is dropped at the request deadline, unanswered (it held its
    /// descriptor until it left); a whole request in time is answered as before.
    @Test func serveDropsAHalfSentRequest() async throws {
        let recording = try #require(demoRecording("snooker"))
        let server = try await RunningServer.start([recording]) { $0.requestTimeout = 0.5 }
        defer { server.stop() }
        let result = try sendAndWaitForTheClose("GET /snooker/fixtures HTTP/1.1\\r\\nHost: x\\r\\n", port: server.port)
        #expect(result.stdout.contains("closed by the server after 0 bytes"), "\(result.stdout) \(result.stderr)")
        let listing = try await HTTPGet.get(url: "http://127.0.0.1:\(server.port)/snooker/fixtures",
                                            headers: [("Accept", LiveActionsProtocol.acceptHeader), ("Authorization", "Bearer x")], timeout: 5, maxBody: 1 << 20)
        #expect(listing.status == 200, "\(listing.status)")
    }

    /// An upgrade with no Sec-WebSocket-Key (NIO declines it before asking) is dropped at the request deadline too:
    /// waiting for a head NIO had already taken held the descriptor for as long as the client stayed.
    @Test func serveDropsAnUpgradeWithoutAKey() async throws {
        let recording = try #require(demoRecording("snooker"))
        let server = try await RunningServer.start([recording]) { $0.requestTimeout = 0.5 }
        defer { server.stop() }
        let request = "GET \(recording.header.fixture.actionsPath) HTTP/1.1\\r\\nHost: x\\r\\nAccept: application/vnd.imggaming.dde.api+json;version=1\\r\\n"
            + "Upgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Version: 13\\r\\n\\r\\n"
        let result = try sendAndWaitForTheClose(request, port: server.port)
        #expect(result.stdout.contains("closed by the server"), "\(result.stdout) \(result.stderr)")
    }

    /// A fixture removed (`x`) while its upgrade is unanswered stops at once and its socket closes: the wait for
    /// the upgrade ended only with the socket, and cancelling the deadline with it left both open for good.
    @Test(.timeLimit(.minutes(1))) func aFeedCancelledWhileItsUpgradeIsUnansweredStopsAtOnce() async throws {
        let server = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/provider_standin.py").path,
                                                       repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path, "--silent-upgrade"])
        defer { server.stop() }
        let port = try #require(server.waitFor(#"listening (\d+)"#))
        let fixture = try #require(FixtureRef("soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c"))
        let feed = LiveFeed(fixture: fixture, configuration: .loopback("ws://127.0.0.1:\(port)"), limiter: limiter())
        let task = Task { await feed.run(emit: { _ in }) }
        #expect(server.waitFor(#"connection (1) "#, timeout: 10) != nil, "\(server.text)")
        try await Task.sleep(nanoseconds: 300_000_000)
        let start = MonotonicClock.seconds()
        task.cancel()
        await task.value
        let took = MonotonicClock.seconds() - start
        #expect(took < 3, "stopped \(took) s after it was cancelled")
    }

    /// A `Retry-After` of 1e20 seconds is waited on for an hour, as any longer one is (it was converted past
    /// `UInt64.max` once, then held to a year, then waited on for a day when a proxy said 86400).
    @Test(.timeLimit(.minutes(1))) func aRetryAfterOfAnyLengthIsWaitedOnNotTrappedOn() async throws {
        let server = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/provider_standin.py").path,
                                                       repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path,
                                                       "--status", "503", "--retry-after", "99999999999999999999"])
        defer { server.stop() }
        let port = try #require(server.waitFor(#"listening (\d+)"#))
        let fixture = try #require(FixtureRef("soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c"))
        let collector = FeedCollector()
        let feed = LiveFeed(fixture: fixture, configuration: .loopback("ws://127.0.0.1:\(port)"), limiter: limiter())
        let start = MonotonicClock.seconds()
        let task = Task { await feed.run(emit: collector.emit) }
        let waiting = await collector.waitUntil(timeout: 15) { events in
            events.contains { if case .status(_, .reconnecting(_, let retryAt), _) = $0 { retryAt > start + 3500 && retryAt < start + 3620 } else { false } }
        }
        try await Task.sleep(nanoseconds: 300_000_000)  // into the wait itself
        task.cancel()
        await task.value
        #expect(waiting, "\(collector.statuses(fixture))")
    }

    @Test func serveWaitsOfAnyLengthNeverTrap() {
        #expect(MonotonicClock.nanoseconds(1.5) == 1_500_000_000)
        #expect(MonotonicClock.nanoseconds(0) == 0 && MonotonicClock.nanoseconds(-3) == 0 && MonotonicClock.nanoseconds(.nan) == 0)
        #expect(MonotonicClock.nanoseconds(1e11) == 365 * 86_400 * 1_000_000_000)
        #expect(MonotonicClock.nanoseconds(.infinity) == 365 * 86_400 * 1_000_000_000)
    }

    @Test func aRefusedUpgradeIsSurfacedWithItsStatusAndNotRetried() async throws {
        // An independent HTTP server that refuses like the provider does without the Accept header.
        let script = """
            import http.server, sys
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = b"Request is missing required HTTP header 'Accept'"
                    self.send_response(400); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
                def log_message(self, *a): sys.stderr.write("request\\n"); sys.stderr.flush()
            s = http.server.HTTPServer(("127.0.0.1", 0), H)
            print("listening on ws://127.0.0.1:%d" % s.server_address[1], flush=True)
            s.serve_forever()
            """
        let peer = try BackgroundProcess(python3(), ["-c", script])
        defer { peer.stop() }
        let port = try #require(peer.waitFor(#"listening on ws://127\.0\.0\.1:(\d+)"#).flatMap(Int.init))
        let f = FixtureRef("soccer/abc")!
        let collector = FeedCollector()
        await LiveFeed(fixture: f, configuration: .loopback("ws://127.0.0.1:\(port)"), limiter: limiter()).run(emit: collector.emit)
        let state = collector.state(for: [f])
        #expect(state.fixtures[0].connection == .failed("bad request (400): Request is missing required HTTP header 'Accept'"))
        #expect(!collector.statuses(f).contains { $0.isReconnecting })
        _ = peer.waitFor("(request)", timeout: 5)  // the peer's log is read from its pipe, a moment behind
        #expect(peer.text.components(separatedBy: "request").count - 1 == 1, "one upgrade, whose answer says it all: \(peer.text)")
    }

    @Test func missingAcceptHeaderGetsA400FromServe() async throws {
        let recording = try #require(demoRecording("basketball"))
        let server = try await RunningServer.start([recording])
        defer { server.stop() }
        let script = """
            import urllib.request, urllib.error, sys
            try:
                urllib.request.urlopen(sys.argv[1]); print("200")
            except urllib.error.HTTPError as e:
                print(e.code, e.read().decode())
            """
        let url = "http://127.0.0.1:\(server.port)\(recording.header.fixture.actionsPath)"
        let r = try await offPool { try runProcess(python3(), ["-c", script, url]) }
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "400 Request is missing required HTTP header 'Accept'", "\(r.stdout) \(r.stderr)")
    }

    @Test func malformedAndUnknownFramesMidStreamAreCountedAndTheStreamGoesOn() async throws {
        let clean = try #require(demoRecording("volleyball"))
        let f = clean.header.fixture
        var frames = clean.frames
        let garbage = [
            "not json {",
            #"{"type":"notice","text":"maintenance at midnight"}"#,
            #"[1, 2, 3]"#,
            #"{"fixtureAction": {"fixtureSeqNum": "seven"}}"#,
            #"{"fixtureAction": {"fixtureId": "someone-else", "fixtureSeqNum": 3, "actionId": "x", "sendType": "Confirmed", "fixtureActionType": "Point"}}"#,
        ]
        for (k, g) in garbage.enumerated() { frames.insert(RecordedFrame(t: frames[40 * (k + 1)].t, frame: g), at: 40 * (k + 1)) }
        let hostile = Recording(header: clean.header, frames: frames)
        let server = try await RunningServer.start([hostile])
        defer { server.stop() }
        let collector = FeedCollector()
        await LiveFeed(fixture: f, configuration: .loopback(server.endpoint), limiter: limiter()).run(emit: collector.emit)
        let fixture = collector.state(for: [f]).fixtures[0]
        #expect(fixture.connection == .finished)
        #expect(fixture.match == expectedState(clean).match, "the garbage changed nothing")
        #expect(fixture.malformed == 3, "\(fixture.problems)")
        #expect(fixture.otherTraffic >= 2)
        #expect(fixture.problems.contains { $0.contains("another fixture") })
    }

    @Test func twentyFixturesAtOnceWithinTheConnectRate() async throws {
        var recordings: [Recording] = []
        for sport in ["basketball", "soccer", "volleyball", "snooker"] {
            let base = try #require(demoRecording(sport))
            for k in 0..<5 { recordings.append(renamed(base, id: "00000000-0000-4000-8000-0000000000\(sport.count)\(k)")) }
        }
        let server = try await RunningServer.start(recordings)
        defer { server.stop() }
        let collector = FeedCollector()
        let shared = limiter()
        await withTaskGroup(of: Void.self) { group in
            for r in recordings {
                let feed = LiveFeed(fixture: r.header.fixture, configuration: .loopback(server.endpoint), limiter: shared)
                group.addTask { await feed.run(emit: collector.emit) }
            }
        }
        let state = collector.state(for: recordings.map(\.header.fixture))
        for (r, fixture) in zip(recordings, state.fixtures) {
            #expect(fixture.connection == .finished, "\(r.header.fixture)")
            #expect(fixture.match == expectedState(r).match, "\(r.header.fixture)")
        }
        let times = server.server.connectTimes.sorted()
        #expect(times.count == 20)
        for (i, t) in times.enumerated() {
            let inWindow = times[i...].prefix { $0 < t + 1 }.count
            #expect(inWindow <= 5, "\(inWindow) connects within a second of \(t)")
        }
    }

    @Test(.enabled(if: pythonWebsockets, noPythonWebsockets), .timeLimit(.minutes(1))) func hugeAndBinaryFramesFromAHostileServerAreCountedSkippedAndResumedAfter() async throws {
        // An independent server (Python websockets): a binary frame, a 16 MiB and a 40 MiB message, an 80 MiB
        // message in fragments and a 70 MiB one in a single frame, between goals.
        let server = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/hostile_server.py").path, "hostile"])
        defer { server.stop() }
        let port = try #require(server.waitFor(#"listening (\d+)"#), "\(server.text)")
        let f = FixtureRef(sport: "soccer", id: "hostile")
        let collector = FeedCollector()
        await LiveFeed(fixture: f, configuration: .loopback("ws://127.0.0.1:\(port)"), limiter: limiter()).run(emit: collector.emit)
        let fixture = collector.state(for: [f]).fixtures[0]
        #expect(fixture.connection == .finished)
        #expect(fixture.match.headline == Score(2, 1), "every goal around the hostile frames counts")
        #expect(fixture.log.entries.map(\.position) == [1, 2, 4, 9, 10, 11])
        #expect(fixture.malformed == 5, "binary, 16 MiB, 40 MiB, 80 MiB, 70 MiB: \(fixture.problems) \(fixture.malformed)")
        #expect(fixture.problems.contains { $0.contains("not valid UTF-8") }, "a binary frame is read as UTF-8 JSON, and this one is not")
        #expect(fixture.problems.filter { $0.contains("exceeds the 4 MiB limit") }.count == 2)
        #expect(fixture.problems.filter { $0.contains("larger than 64 MiB was skipped") }.count == 2, "\(fixture.problems)")
        // The fragmented message is refused as it comes, the single frame from its header (a typed error of the
        // feed's own pipeline): each connection resumes right after the message it skipped, and no connection
        // is spent asking again. The server's last line may still be on its way through the pipe.
        _ = server.waitFor("connection startPosition=7", timeout: 5)
        let starts = server.text.split(separator: "\n").filter { $0.hasPrefix("connection startPosition") }
        #expect(starts == ["connection startPosition=0", "connection startPosition=6", "connection startPosition=7"],
                "resumed right after each skipped message: \(starts)")
    }

    @Test(.enabled(if: pythonWebsockets, noPythonWebsockets), .timeLimit(.minutes(1))) func wssVerifiesTheCertificateAndAnUntrustedServerNeverSeesTheToken() async throws {
        let server = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/untrusted_tls_server.py").path])
        defer { server.stop() }
        let port = try #require(server.waitFor(#"listening (\d+)"#), "\(server.text)")
        let f = FixtureRef(sport: "soccer", id: "tls")
        let collector = FeedCollector()
        let start = MonotonicClock.seconds()
        await LiveFeed(fixture: f, configuration: .loopback("wss://localhost:\(port)"), limiter: limiter()).run(emit: collector.emit)
        #expect(MonotonicClock.seconds() - start < 5, "failed at once, no retries")
        #expect(collector.state(for: [f]).fixtures[0].connection == .failed("TLS certificate not trusted (verification failed)"))
        #expect(!server.text.contains("auth received"), "the token went to a server whose certificate failed: \(server.text)")

        // An IP address cannot be checked against a certificate: said plainly, not as a retry loop.
        let byIP = FeedCollector()
        await LiveFeed(fixture: f, configuration: .loopback("wss://127.0.0.1:\(port)"), limiter: limiter()).run(emit: byIP.emit)
        guard case .failed(let reason) = byIP.state(for: [f]).fixtures[0].connection else {
            Issue.record("\(byIP.state(for: [f]).fixtures[0].connection)"); return
        }
        #expect(reason.contains("host name"))
        #expect(!server.text.contains("auth received"))
    }

    @Test(.enabled(if: pythonWebsockets, noPythonWebsockets)) func anIndependentPythonClientSeesAuthHeartbeatsAndStartPosition() throws {
        let recording = try #require(demoRecording("basketball"))
        let (server, port) = try startServe(["--heartbeat", "0.3", "--token", "peer-token", "--speed", "0.001"])
        defer { server.stop() }
        let url = "ws://127.0.0.1:\(port)\(recording.header.fixture.actionsPath)"
        let r = try runProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/ws_peer.py").path, url, "peer-token"], timeout: 60)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        let lines = Dictionary(uniqueKeysWithValues: r.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
            let kv = line.split(separator: " ", maxSplits: 1).map(String.init)
            return kv.count == 2 ? (kv[0], kv[1]) : nil
        })
        #expect(lines["bad_token"]?.hasPrefix("closed 1008") == true, "\(r.stdout)")
        #expect(lines["no_accept"] == "rejected 400", "\(r.stdout)")
        #expect(lines["authorised"] == "yes", "\(r.stdout)")
        #expect(Int(lines["heartbeats"] ?? "") ?? 0 >= 2, "\(r.stdout)")
        // startPosition=10 must start at the eleventh action message of the recording.
        let served = ServedFixture(recording)
        let eleventh = served.items[served.firstIndex(startPosition: 10)].text
        guard case .actions(let m, _) = FrameDecoder.decode(eleventh) else { Issue.record("not an action"); return }
        #expect(lines["resumed_seq"] == "\(m[0].action.seq)", "\(r.stdout)")
        #expect(lines["fast_count"] == "\(served.totalEvents)", "\(r.stdout)")
    }
}
}

func finals(_ stdout: String) -> [String: JSONValue] {
    var last: [String: JSONValue] = [:]
    for line in stdout.split(separator: "\n") {
        if let value = JSONValue.parse(String(line)), let id = value["fixture"]?.stringValue { last[id] = value }
    }
    return last
}
