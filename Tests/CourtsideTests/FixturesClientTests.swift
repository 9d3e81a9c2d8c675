import Foundation
import Testing
@testable import Feeds
import LiveActions
@testable import ReplayServer
import Scoreboard

/// `FixturesClient` on real sockets: against `ReplayServer` serving the demo matches, and against an
/// independent Python server that answers 401, 403, 429, 503 or breaks on page 2.
extension EndToEnd {
@Suite struct FixturesClientTests {
    static let sports = ["basketball", "soccer", "volleyball", "snooker"]

    func demo() throws -> [Recording] {
        try Self.sports.map { try #require(demoRecording($0), "demo/\($0)*.jsonl") }
    }

    func client(_ api: String, token: String = "local-token", timeout: Double = 10) -> FixturesClient {
        var config = FixturesClient.Configuration(api: api, token: AuthToken(token)!)
        config.timeout = timeout
        return FixturesClient(configuration: config, limiter: ConnectLimiter(perSecond: LiveActionsProtocol.maxConnectsPerSecond))
    }

    func api(_ server: RunningServer) -> String { "http://127.0.0.1:\(server.port)" }

    @Test(.timeLimit(.minutes(1))) func listsEveryDemoFixtureWithItsTeams() async throws {
        let recordings = try demo()
        let server = try await RunningServer.start(recordings) { $0.token = "local-token" }
        defer { server.stop() }
        let client = client(api(server))
        for recording in recordings {
            let h = recording.header
            let listing = try await client.fixtures(sport: h.sport, query: FixturesQuery())
            #expect(listing.pages == 1 && listing.problems.isEmpty)
            let f = try #require(listing.fixtures.first, "\(h.sport)")
            #expect(listing.fixtures.count == 1)
            #expect(f.ref == h.fixture, "the listed fixture is the one `watch` streams")
            #expect(f.home == h.home && f.away == h.away && h.home != nil)
            #expect(f.competition == h.title?.split(separator: ":").first.map(String.init))
            #expect(f.live && f.status == "Live", "served fixtures are live")
            #expect(f.startEpoch != nil && f.homeId != nil && f.awayId != nil)
        }
        #expect(try await client.fixtures(sport: "basketball", query: FixturesQuery(live: false)).fixtures.isEmpty)
        #expect(try await client.fixtures(sport: "basketball", query: FixturesQuery(status: "completed")).fixtures.isEmpty)
        #expect(try await client.fixtures(sport: "basketball", query: FixturesQuery(status: "live")).fixtures.count == 1)
        #expect(try await client.fixtures(sport: "tennis", query: FixturesQuery()).fixtures.isEmpty)
        #expect(server.lines.contains { $0.contains("/v2/volleyball/fixtures?") && $0.contains("→ 200 1 of 1 fixtures") }, "\(server.lines)")
    }

    @Test(.timeLimit(.minutes(1))) func sizeOneFollowsEveryPage() async throws {
        // Four copies of each match under new ids: 16 fixtures under one sport path, listed one a page.
        let recordings = try demo()
        var served: [Recording] = []
        for (i, r) in recordings.enumerated() {
            for copy in 0..<4 {
                var header = r.header
                header.sport = "basketball"
                header.fixtureId = String(format: "%08x-0000-4000-8000-%012x", i, copy)
                served.append(Recording(header: header, frames: r.frames))
            }
        }
        let server = try await RunningServer.start(served)
        defer { server.stop() }
        let listing = try await client(api(server)).fixtures(sport: "basketball", query: FixturesQuery(size: 1))
        #expect(listing.fixtures.count == 16)
        #expect(Set(listing.fixtures.map(\.id)) == Set(served.map(\.header.fixtureId)))
        #expect(listing.pages == 17, "one page per fixture, then the empty page that ends it")
        let pages = server.lines.compactMap { line in line.firstMatch(of: /page=(\d+)/).map { Int($0.1)! } }
        #expect(pages == Array(0...16), "every page, in order: \(pages)")
        // And in pages of 5: 5, 5, 5, 1.
        let five = try await client(api(server)).fixtures(sport: "basketball", query: FixturesQuery(size: 5))
        #expect(five.fixtures.map(\.id) == listing.fixtures.map(\.id) && five.pages == 4)
    }

    /// Headers with no Content-Length, then nothing: the deadline cuts the answer off, and says so (the cut-off
    /// body read as a complete one, "not JSON (unexpected end of input at byte 0)").
    @Test(.timeLimit(.minutes(1))) func anAnswerThatStallsAfterItsHeadersTimesOut() async throws {
        let script = """
            import socket, time
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
            print("listening", s.getsockname()[1], flush=True)
            c, _ = s.accept(); c.recv(65536)
            c.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\n\\r\\n[")
            time.sleep(30)
            """
        let server = try BackgroundProcess(python3(), ["-c", script])
        defer { server.stop() }
        let port = try #require(server.waitFor(#"listening (\d+)"#), "\(server.text)")
        await #expect(throws: HTTPGet.Failure.timeout(1)) {
            _ = try await HTTPGet.get(url: "http://127.0.0.1:\(port)/soccer/fixtures", headers: [], timeout: 1, maxBody: 1 << 20)
        }
    }

    @Test(.timeLimit(.minutes(1))) func theServerChecksTheBearerTokenAndTheAcceptHeader() async throws {
        let server = try await RunningServer.start([try #require(demoRecording("soccer"))]) { $0.token = "right" }
        defer { server.stop() }
        await #expect(throws: FixturesClient.Failure.unauthorized) {
            try await client(api(server), token: "wrong").fixtures(sport: "soccer", query: FixturesQuery())
        }
        #expect(try await client(api(server), token: "right").fixtures(sport: "soccer", query: FixturesQuery()).fixtures.count == 1)
        // Without the Accept header the server answers as the provider does.
        let plain = try await HTTPGet.get(url: api(server) + "/soccer/fixtures", headers: [("Authorization", "Bearer right")], timeout: 5, maxBody: 1 << 20)
        #expect(plain.status == 400 && plain.text.contains("Accept"))
        #expect(!server.lines.joined().contains("right"), "the token never reaches the log")
    }

    @Test(.timeLimit(.minutes(1))) func serveHonoursDatesRefusesBadQueriesAndAnswersOneFixture() async throws {
        let recording = try #require(demoRecording("soccer"))  // starts 2026-11-20
        let server = try await RunningServer.start([recording])
        defer { server.stop() }
        let client = client(api(server))
        #expect(try await client.fixtures(sport: "soccer", query: FixturesQuery(dateFrom: "2026-11-20", dateTo: "2026-11-20")).fixtures.count == 1)
        #expect(try await client.fixtures(sport: "soccer", query: FixturesQuery(dateFrom: "2026-11-21")).fixtures.isEmpty)
        #expect(try await client.fixtures(sport: "soccer", query: FixturesQuery(dateTo: "2026-11-19")).fixtures.isEmpty)
        for (query, words) in [("size=0", "size must be"), ("page=-1", "page must be"), ("live=maybe", "live must be"), ("dateFrom=20261120", "YYYY-MM-DD")] {
            let answer = try await HTTPGet.get(url: api(server) + "/soccer/fixtures?" + query,
                                               headers: [("Accept", LiveActionsProtocol.acceptHeader), ("Authorization", "Bearer x")], timeout: 5, maxBody: 1 << 20)
            #expect(answer.status == 400 && answer.text.contains(words), "\(query): \(answer.status) \(answer.text)")
        }
        let one = try await client.fixture(recording.header.fixture)
        #expect(one?.home == recording.header.home && one?.ref == recording.header.fixture)
        #expect(try await client.fixture(FixtureRef(sport: "soccer", id: "00000000-0000-0000-0000-000000000000")) == nil, "404: not listed")
        // Ids compare without regard to case: another client's upper-case UUID was a 404.
        for path in ["", "/actions"] {
            let upper = try await HTTPGet.get(url: api(server) + "/soccer/fixtures/" + recording.header.fixture.id.uppercased() + path,
                                              headers: [("Accept", LiveActionsProtocol.acceptHeader), ("Authorization", "Bearer x")], timeout: 5, maxBody: 8 << 20)
            #expect(upper.status == 200, "\(path): \(upper.status) \(upper.text.prefix(200))")
        }
    }

    @Test(.timeLimit(.minutes(1))) func importedActionsReplayToTheSameMatch() async throws {
        // The REST actions list of a served recording, imported, folds to the state the recording itself does.
        let recordings = try demo()
        let server = try await RunningServer.start(recordings)
        defer { server.stop() }
        let client = client(api(server))
        for recording in recordings {
            let h = recording.header
            let listed = try await client.fixtures(sport: h.sport, query: FixturesQuery()).fixtures.first
            let imported = try await client.importRecording(h.fixture, listed: listed)
            #expect(imported.problems.isEmpty, "\(imported.problems)")
            #expect(imported.header.home == h.home && imported.header.away == h.away)
            let competition = try #require(h.title?.split(separator: ":").first)
            #expect(imported.header.title == "\(competition): \(h.home!) v \(h.away!)", "the title from the listing")
            #expect(imported.header.source == "http://127.0.0.1:\(server.port)")
            let actionFrames = recording.frames.filter { FrameDecoder.decode($0.frame).eventCount > 0 }
            #expect(imported.frames.map(\.frame) == actionFrames.map(\.frame), "one frame per action message, as recorded")
            #expect(zip(imported.frames, imported.frames.dropFirst()).allSatisfy { $0.t <= $1.t })
            #expect((imported.frames.last?.t ?? 0) > 3600, "timed by the actions: a match lasts over an hour")
            let want = expectedState(recording), got = expectedState(imported)
            #expect(got.match == want.match, "\(h.sport)")
            #expect(got.log.entries.count == want.log.entries.count)
        }
    }

    // MARK: Against an independent server

    func peer(_ mode: String) throws -> (BackgroundProcess, String) {
        let server = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/fixtures_peer.py").path, mode])
        guard let port = server.waitFor(#"listening (\d+)"#) else {
            server.stop()
            throw ServeError(output: server.text)
        }
        return (server, "http://127.0.0.1:\(port)")
    }

    @Test(.timeLimit(.minutes(1))) func statusesBecomePlainErrors() async throws {
        let cases: [(String, (FixturesClient.Failure) -> Bool, String)] = [
            ("401", { $0 == .unauthorized }, "refused the token (401)"),
            ("403", { if case .forbidden = $0 { true } else { false } }, "not licensed for this sport or fixture: Not licensed for this sport"),
            ("429", { if case .status(429, page: 0, _, _) = $0 { true } else { false } }, "too many requests (429): slow down and try again later (page 0) (Retry-After: 7): Rate limit exceeded"),
            ("503", { if case .status(503, page: 0, _, _) = $0 { true } else { false } }, "the API failed (503) (page 0): Service Unavailable"),
            // Where it moved, without the query (it may hold a session), and not followed: the token would go along.
            ("301", { if case .status(301, page: 0, _, _) = $0 { true } else { false } },
             "the API redirects (301) (page 0) to https://api.example.net/v2/soccer/fixtures: point --api there"),
        ]
        for (mode, matches, words) in cases {
            let (server, api) = try peer(mode)
            defer { server.stop() }
            do {
                let listing = try await client(api, token: "peer-secret").fixtures(sport: "soccer", query: FixturesQuery())
                Issue.record("\(mode): no error, \(listing)")
            } catch let failure as FixturesClient.Failure {
                #expect(matches(failure), "\(mode): \(failure)")
                #expect(failure.description.contains(words), "\(mode): \(failure)")
                #expect(!failure.description.contains("peer-secret") && !failure.description.contains("s3cr3t"))
            }
            _ = server.waitFor(#"(GET )"#, timeout: 5)  // the peer's log is read from its pipe, a moment behind
            let requests = server.text.split(separator: "\n").filter { $0.hasPrefix("GET ") }
            #expect(requests.count == 1, "\(mode): one request, no retry storm: \(requests)")
            #expect(requests.first?.hasSuffix("auth=yes accept=yes") == true, "\(requests)")
            #expect(requests.first?.contains("subscribed=true") == true)
        }
    }

    /// A page with nothing new is passed over once: a server counting pages from 1 answers page 0 as page 1, and a
    /// page left empty mid-list says more follow; the list stopped there, short, with no word (20 of 41 fixtures).
    /// A token the API repeats is not shown.
    @Test(.timeLimit(.minutes(1)), arguments: [("one-based", 5), ("empty-middle", 3), ("echo", 5), ("echo-pct", 5)])
    func aPageWithNothingNewIsPassedOverOnce(mode: String, count: Int) async throws {
        let (server, api) = try peer(mode)
        defer { server.stop() }
        let listing = try await client(api, token: "peer-secret-token").fixtures(sport: "soccer", query: FixturesQuery(size: 2))
        #expect(listing.fixtures.count == count, "\(mode): \(listing.fixtures.map(\.id))")
        #expect(listing.problems.isEmpty, "\(listing.problems)")
        if mode.hasPrefix("echo") { #expect(listing.fixtures[0].home == "Home <token>", "\(listing.fixtures[0])") }
    }

    @Test(.timeLimit(.minutes(1))) func aPageThatFailsPartWayIsAnErrorNotAShortList() async throws {
        for mode in ["cut-page-2", "fail-page-2"] {
            let (server, api) = try peer(mode)
            defer { server.stop() }
            do {
                let listing = try await client(api).fixtures(sport: "soccer", query: FixturesQuery(size: 2))
                Issue.record("\(mode): a short list of \(listing.fixtures.count) instead of an error")
            } catch let failure as FixturesClient.Failure {
                switch (mode, failure) {
                case ("cut-page-2", .transport(let reason, page: 1)):
                    #expect(reason.contains("ended before the answer"), "\(failure)")
                case ("fail-page-2", .status(500, page: 1, _, _)):
                    #expect(failure.description.contains("page 2 broke"))
                default:
                    Issue.record("\(mode): \(failure)")
                }
            }
            _ = server.waitFor(#"GET [^\n]*\n[\s\S]*(GET )"#, timeout: 5)  // the peer's log, read from its pipe
            #expect(server.text.split(separator: "\n").filter { $0.hasPrefix("GET ") }.count == 2, "\(server.text)")
        }
        // The same server's healthy twin: every page, in order, then done.
        let (server, api) = try peer("ok")
        defer { server.stop() }
        let listing = try await client(api).fixtures(sport: "soccer", query: FixturesQuery(size: 2))
        #expect(listing.fixtures.map(\.home) == ["Home 1", "Home 2", "Home 3", "Home 4", "Home 5"])
        #expect(listing.fixtures.allSatisfy { $0.competition == "Peer League" })
    }

    @Test(.timeLimit(.minutes(1))) func httpsVerifiesTheCertificateBeforeTheTokenIsSent() async throws {
        let (server, api) = try peer("tls")
        defer { server.stop() }
        let https = api.replacingOccurrences(of: "http://127.0.0.1", with: "https://localhost")
        await #expect {
            try await client(https).fixtures(sport: "soccer", query: FixturesQuery())
        } throws: { error in
            guard case .transport(let reason, page: 0)? = error as? FixturesClient.Failure else { return false }
            return reason.contains("TLS")
        }
        #expect(!server.text.contains("GET "), "no request reached a server whose certificate failed: \(server.text)")
    }

    @Test(.timeLimit(.minutes(1))) func noServerOrAnUncheckableServerIsATransportError() async throws {
        await #expect {
            try await client("http://127.0.0.1:1", timeout: 3).fixtures(sport: "soccer", query: FixturesQuery())
        } throws: { error in
            guard case .transport(let reason, page: 0)? = error as? FixturesClient.Failure else { return false }
            return reason.contains("refused")
        }
        await #expect {
            try await client("https://127.0.0.1:1", timeout: 3).fixtures(sport: "soccer", query: FixturesQuery())
        } throws: { error in
            guard case .transport(let reason, page: 0)? = error as? FixturesClient.Failure else { return false }
            return reason.contains("cannot be checked against a certificate")
        }
    }
}
}
