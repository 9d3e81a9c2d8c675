import Foundation
import Testing
import LiveActions
import Feeds

/// `watch --live`, watchlists and the config file, as a user runs them against `courtside serve`.
extension EndToEnd {
@Suite struct WatchLiveTests {
    /// A home whose config file holds `config` (none if nil), so that the machine's own settings cannot leak in.
    func home(config: String? = nil) throws -> (path: String, env: [String: String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-home-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir + "/cfg/courtside", withIntermediateDirectories: true)
        if let config { try config.write(toFile: dir + "/cfg/courtside/config.toml", atomically: true, encoding: .utf8) }
        return (dir, ["HOME": dir, "XDG_CONFIG_HOME": dir + "/cfg", "COURTSIDE_API": "", "COURTSIDE_ENDPOINT": "", "COURTSIDE_FEED": ""])
    }

    /// `serve` with the throwaway token, a clean home, the demo's soccer match, and where `record --out HOME/rec`
    /// puts its recording: the two recording-folder tests' setting. The caller stops the server and removes the home.
    func recordingSoccer() throws -> (server: BackgroundProcess, port: Int, dir: String, env: [String: String], soccer: FixtureRef, path: String) {
        let (server, port) = try startServe(["--token", "live-token"])
        do {
            let (dir, env) = try home()
            let soccer = try #require(demoRecording("soccer")).header.fixture
            return (server, port, dir, env, soccer, LiveSources.recordingPath(for: soccer, in: dir + "/rec"))
        } catch {
            server.stop()
            throw error
        }
    }

    /// The header of the recording `record` made of `fixture` in `dir`, and its path.
    func recordedHeader(of fixture: FixtureRef, in dir: String) throws -> (path: String, header: RecordingHeader) {
        let path = LiveSources.recordingPath(for: fixture, in: dir)
        return (path, try Recording.parseHeader(String(try String(contentsOfFile: path, encoding: .utf8).prefix { $0 != "\n" }), name: path))
    }

    var demoFinals: [String: JSONValue] {
        get throws { finals(try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max"]).stdout) }
    }

    @Test func watchLiveFollowsEveryLiveFixtureToItsEnd() throws {
        let (server, port) = try startServe(["--token", "live-token"])
        defer { server.stop() }
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let watch = try runProcess(courtsideBinary, ["watch", "--live", "basketball", "soccer", "v2/volleyball", "snooker",
                                                     "--endpoint", "ws://127.0.0.1:\(port)", "--speed", "fast", "--headless"],
                                   environment: env.merging(["COURTSIDE_TOKEN": "live-token"]) { $1 }, timeout: 90)
        #expect(watch.status == 0, "\(watch.stderr)")
        let live = finals(watch.stdout), demo = try demoFinals
        #expect(live.count == 4, "\(live.keys)")
        for (id, line) in demo {
            #expect(live[id]?["score"] == line["score"], "\(id)")
            #expect(live[id]?["home"] == line["home"] && live[id]?["away"] == line["away"], "names from the listing: \(id)")
            #expect(live[id]?["connection"]?.stringValue == "finished")
        }
    }

    /// The Fixtures API refusing the token is a failure, not an empty evening: `watch --live --headless` exited 0
    /// ("no live fixture right now", as if all were finished) and `record --live` asked again every minute, for ever.
    @Test func aTokenTheFixturesAPIRefusesFailsWatchAndRecordLive() throws {
        let (server, port) = try startServe(["--token", "live-token"])
        defer { server.stop() }
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let wrong = env.merging(["COURTSIDE_TOKEN": "wrong-token"]) { $1 }
        let watch = try runProcess(courtsideBinary, ["watch", "--live", "soccer", "snooker", "--endpoint", "ws://127.0.0.1:\(port)", "--headless"],
                                   environment: wrong, timeout: 20)
        #expect(watch.status == 1, "\(watch.stderr)")
        #expect(watch.stderr.contains("refused the token (401)") && !watch.stderr.contains("wrong-token"), "\(watch.stderr)")
        let record = try runProcess(courtsideBinary, ["record", "--live", "soccer", "--endpoint", "ws://127.0.0.1:\(port)", "--out", dir + "/rec"],
                                    environment: wrong, timeout: 20)
        #expect(record.status == 1 && record.stderr.contains("refused the token (401)"), "\(record.status) \(record.stderr)")
    }

    /// A sport named twice is listed once: each fixture was found twice, and the copy that no feed ran kept
    /// `watch --live --headless` and `record --live` waiting for ever.
    @Test func aSportNamedTwiceIsFollowedOnce() throws {
        let (server, port) = try startServe(["--token", "live-token"])
        defer { server.stop() }
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let watch = try runProcess(courtsideBinary, ["watch", "--live", "soccer", "soccer", "--endpoint", "ws://127.0.0.1:\(port)",
                                                     "--speed", "fast", "--headless"],
                                   environment: env.merging(["COURTSIDE_TOKEN": "live-token"]) { $1 }, timeout: 60)
        #expect(watch.status == 0, "\(watch.stderr)")
        #expect(finals(watch.stdout).count == 1 && finals(watch.stdout).values.first?["connection"]?.stringValue == "finished")
    }

    /// A sport in capitals, on the command line or in the config file, is the provider's lower-case path: `SOCCER`
    /// was asked for as it stood, found nothing, and `watch --live --headless` ended at once with status 0. What is no
    /// sport path, or a watchlist beside `--live`, is refused before anything is asked.
    @Test func aSportInCapitalsIsFollowedAndNoSportIsRefused() throws {
        let (server, port) = try startServe(["--token", "live-token"])
        defer { server.stop() }
        let (dir, env) = try home(config: "sports = [\"SOCCER\"]\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let live = env.merging(["COURTSIDE_TOKEN": "live-token"]) { $1 }
        for sports in [["SOCCER", "Soccer"], []] {
            let watch = try runProcess(courtsideBinary, ["watch", "--live"] + sports + ["--endpoint", "ws://127.0.0.1:\(port)", "--speed", "fast", "--headless"],
                                       environment: live, timeout: 60)
            #expect(watch.status == 0 && finals(watch.stdout).count == 1, "\(sports): \(watch.stderr)")
        }
        for (sports, says) in [(["soccer", "@evening"], "--live follows sports, not a watchlist"), (["soccer?live=false"], "is not a sport path"),
                               (["soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c"], "is a fixture, not a sport: watch it without --live")] {
            let watch = try runProcess(courtsideBinary, ["watch", "--live"] + sports + ["--endpoint", "ws://127.0.0.1:\(port)", "--headless"], environment: live, timeout: 20)
            #expect(watch.status == 64 && watch.stderr.contains(says), "\(sports): \(watch.stderr)")
        }
        // A refusal found as the command runs names that command's help, not the top level's `courtside <subcommand>`.
        let missing = try runProcess(courtsideBinary, ["watch", "@nope", "--endpoint", "ws://127.0.0.1:\(port)", "--headless"], environment: live, timeout: 20)
        #expect(missing.status == 64 && missing.stderr.contains("no watchlist @nope") && missing.stderr.contains("See 'courtside watch --help'.")
                && !missing.stderr.contains("<subcommand>"), "\(missing.stderr)")
    }

    /// A recording that fills its disk, or cannot be made, is said and the match is still watched: a full disk took
    /// the whole process down (FileHandle.write traps), and a recording that could not be made stopped every feed.
    /// `record`, whose only work it is, ends non-zero. The write limit stands in for a full disk (`ulimit -f`).
    @Test func aRecordingThatCannotBeWrittenIsSaidAndTheMatchGoesOn() throws {
        let (server, port) = try startServe(["--token", "live-token"])
        defer { server.stop() }
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let soccer = try #require(demoRecording("soccer")).header.fixture
        let basketball = try #require(demoRecording("basketball")).header.fixture
        let token = env.merging(["COURTSIDE_TOKEN": "live-token"]) { $1 }
        func limited(_ arguments: [String]) throws -> ProcessResult {
            let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
            return try runProcess("/bin/bash", ["-c", "trap '' XFSZ; ulimit -f 16; exec '\(courtsideBinary)' \(quoted)"], environment: token, timeout: 60)
        }
        let watch = try limited(["watch", soccer.description, "--endpoint", "ws://127.0.0.1:\(port)", "--speed", "fast", "--headless", "--record", dir + "/full"])
        #expect(watch.status == 0, "\(watch.stderr)")
        #expect(watch.stderr.contains("recording stopped"), "\(watch.stderr)")
        let expected = try demoFinals[soccer.id]?["score"]
        #expect(finals(watch.stdout)[soccer.id]?["connection"]?.stringValue == "finished" && finals(watch.stdout)[soccer.id]?["score"] == expected)
        let record = try limited(["record", soccer.description, "--endpoint", "ws://127.0.0.1:\(port)", "--speed", "fast", "--out", dir + "/full2"])
        #expect(record.status == 1 && record.stderr.contains("recording stopped"), "\(record.status) \(record.stderr)")
        #expect(record.stderr.contains("cut short (said above)"), "the closing summary says so: \(record.stderr)")
        // One fixture's recording cannot be made (its path is a folder): said, and both matches are watched.
        try FileManager.default.createDirectory(atPath: LiveSources.recordingPath(for: basketball, in: dir + "/rec"), withIntermediateDirectories: true)
        let both = try runProcess(courtsideBinary, ["watch", soccer.description, basketball.description, "--endpoint", "ws://127.0.0.1:\(port)",
                                                    "--speed", "fast", "--headless", "--record", dir + "/rec"], environment: token, timeout: 60)
        #expect(both.status == 0 && both.stderr.contains("not recorded"), "\(both.status) \(both.stderr)")
        #expect(finals(both.stdout).values.allSatisfy { $0["connection"]?.stringValue == "finished" } && finals(both.stdout).count == 2)
        // A folder that cannot be made is said of each fixture, and the matches are watched, as when one recording
        // cannot be made: it failed every fixture, and nothing was watched. `record` fails them (its own test).
        let nowhere = try runProcess(courtsideBinary, ["watch", soccer.description, basketball.description, "--endpoint", "ws://127.0.0.1:\(port)",
                                                       "--speed", "fast", "--headless", "--record", "/proc/self/courtside"], environment: token, timeout: 60)
        #expect(nowhere.status == 0 && nowhere.stderr.contains("not recorded: cannot record into /proc/self/courtside"), "\(nowhere.status) \(nowhere.stderr)")
        #expect(finals(nowhere.stdout).values.allSatisfy { $0["connection"]?.stringValue == "finished" } && finals(nowhere.stdout).count == 2,
                "\(nowhere.stdout.suffix(600))")
        #expect(finals(nowhere.stdout)[soccer.id]?["score"] == expected)
    }

    /// A recording already in the folder (another recorder of the same fixture, or an earlier run) is never written
    /// over: it was replaced, and the first recorder's whole recording lost without a word. `record` then has
    /// nothing to do with the match and ends (in real time here: it streamed the whole match, recording nothing).
    @Test func aRecordingAlreadyThereIsNeverWrittenOver() throws {
        let (server, port, dir, env, soccer, path) = try recordingSoccer()
        defer { server.stop(); try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/rec", withIntermediateDirectories: true)
        try "the first recorder's recording\n".write(toFile: path, atomically: true, encoding: .utf8)
        let record = try runProcess(courtsideBinary, ["record", soccer.description, "--endpoint", "ws://127.0.0.1:\(port)",
                                                      "--out", dir + "/rec"], environment: env.merging(["COURTSIDE_TOKEN": "live-token"]) { $1 }, timeout: 60)
        #expect(record.status == 1 && record.stderr.contains("a recording is there already"), "\(record.status) \(record.stderr)")
        #expect(record.stderr.contains("not recorded: \(soccer)") && !record.stderr.contains("no frame arrived"), "\(record.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the first recorder's recording\n")
    }

    /// An IPv6 loopback server: serve announces `ws://[::1]:PORT` (it said `ws://::1:PORT`, no URL), and watch
    /// connects to the bracketed address (it looked the brackets up as a host name, for ever).
    @Test func anIPv6EndpointIsReached() throws {
        let (server, port) = try startServe(["--token", "live-token", "--host", "::1"])
        defer { server.stop() }
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let soccer = try #require(demoRecording("soccer")).header.fixture
        let watch = try runProcess(courtsideBinary, ["watch", soccer.description, "--endpoint", "ws://[::1]:\(port)", "--speed", "fast", "--headless"],
                                   environment: env.merging(["COURTSIDE_TOKEN": "live-token"]) { $1 }, timeout: 60)
        #expect(watch.status == 0 && finals(watch.stdout)[soccer.id]?["connection"]?.stringValue == "finished", "\(watch.stderr)")
        // The loopback endpoint answers the Fixtures API too, bracketed or not.
        let listed = try runProcess(courtsideBinary, ["fixtures", "soccer", "--endpoint", "ws://[::1]:\(port)"],
                                    environment: env.merging(["COURTSIDE_TOKEN": "live-token"]) { $1 }, timeout: 30)
        #expect(listed.status == 0 && listed.stdout.contains("FC Groningen"), "\(listed.stderr)")
    }

    /// A recorder that gets no frame (a typo in `--endpoint`, a Ctrl-C while the server is down, a kill) leaves no
    /// file behind, and says that nothing was recorded. The header-only stub it left stood in the way of every later
    /// recording of the match ("a recording is there already"), and "recorded →" was said all the same; so did a
    /// refused token's, which recorded the refusal. A stub a killed recorder left is taken over.
    @Test func aRecorderThatGotNoFrameLeavesNothingInTheWay() throws {
        let (server, port, dir, env, soccer, path) = try recordingSoccer()
        defer { server.stop(); try? FileManager.default.removeItem(atPath: dir) }
        let token = env.merging(["COURTSIDE_TOKEN": "live-token"]) { $1 }
        func record(_ endpoint: String) throws -> ProcessResult {
            try runProcess(courtsideBinary, ["record", soccer.description, "--endpoint", endpoint, "--speed", "fast", "--out", dir + "/rec"],
                           environment: token, timeout: 60)
        }
        let typo = try record("ws://127.0.0.1:\(port)/typo")
        #expect(typo.status == 1 && typo.stderr.contains("nothing recorded for \(soccer)") && !typo.stderr.contains("recorded \(soccer) →"),
                "\(typo.status) \(typo.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path), "a stub was left")
        // A token refused: the refusal is no recording of the match, and stands in the way of nothing.
        let refused = try runProcess(courtsideBinary, ["record", soccer.description, "--endpoint", "ws://127.0.0.1:\(port)", "--speed", "fast", "--out", dir + "/rec"],
                                     environment: env.merging(["COURTSIDE_TOKEN": "wrong-token"]) { $1 }, timeout: 60)
        #expect(refused.status == 1 && refused.stderr.contains("token rejected") && !refused.stderr.contains("recorded \(soccer) →"),
                "\(refused.status) \(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path), "the refusal was recorded")
        // What a recorder killed before its first frame leaves: its header alone.
        try (RecordingHeader(sport: soccer.sport, fixtureId: soccer.id, source: "killed").jsonLine + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let right = try record("ws://127.0.0.1:\(port)")
        #expect(right.status == 0 && right.stderr.contains("recorded \(soccer) →"), "\(right.status) \(right.stderr)")
        let recording = try RecordingStore.load(path)
        #expect(recording.frames.count > 100 && recording.header.source != "killed")
    }

    /// A fixture whose feed ends with nothing recorded (unknown: 404) leaves no header-only file while the session
    /// goes on: it stayed until the end, and a replay of the folder meanwhile showed a 0 : 0 fixture that never was.
    @Test func aFeedThatEndsWithNothingRecordedLeavesNoFileBehind() throws {
        let (server, port, dir, env, soccer, path) = try recordingSoccer()
        defer { server.stop(); try? FileManager.default.removeItem(atPath: dir) }
        let unknown = try #require(FixtureRef("basketball/11111111-2222-4333-8444-555555555555"))
        let watch = try BackgroundProcess(courtsideBinary, ["watch", soccer.description, unknown.description, "--endpoint", "ws://127.0.0.1:\(port)",
                                                            "--headless", "--record", dir + "/rec"],
                                          environment: env.merging(["COURTSIDE_TOKEN": "live-token"]) { $1 })
        defer { watch.stop() }
        let stub = LiveSources.recordingPath(for: unknown, in: dir + "/rec")
        var gone = false
        for _ in 0..<100 where !gone {
            usleep(100_000)
            gone = FileManager.default.fileExists(atPath: path) && !FileManager.default.fileExists(atPath: stub) && watch.text.isEmpty == false
        }
        usleep(1_000_000)
        #expect(FileManager.default.fileExists(atPath: path), "the good fixture records")
        #expect(!FileManager.default.fileExists(atPath: stub), "the unknown fixture's header-only file is gone while the session goes on")
    }

    /// A `record` stopped by Ctrl-C, SIGTERM or a hang-up while its server is down stops in order: it says nothing
    /// was recorded, leaves no file, and exits with the signal's status. Killed outright, it left its header alone
    /// behind, which a replay played as a 0 : 0 match, and said nothing.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aRecordStoppedBeforeItsFirstFrameLeavesNothing(signal: Int32) throws {
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let record = try BackgroundProcess(courtsideBinary, ["record", "snooker/09d3de14-bb0d-425e-aeec-59787cc52334", "--endpoint", "ws://127.0.0.1:1",
                                                             "--out", dir + "/rec"], environment: env.merging(["COURTSIDE_TOKEN": "x"]) { $1 })
        #expect(record.waitFor("connection refused") != nil, "\(record.text)")
        let status = record.child.stop(signal)
        #expect(status == 128 + signal, "\(status) \(record.text)")
        #expect(record.text.contains("nothing recorded for snooker/09d3de14-bb0d-425e-aeec-59787cc52334"), "\(record.text)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir + "/rec")) ?? []).isEmpty, "a stub was left")
    }

    /// `record --live` names the match and its teams in each recording's header, from the listing: with none, a
    /// replay of the recording said "Home" and "Away" until an action named each team.
    @Test func recordLiveNamesTheTeamsInTheHeader() throws {
        let (server, port) = try startServe(["--token", "live-token"])
        defer { server.stop() }
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let record = try runProcess(courtsideBinary, ["record", "--live", "soccer", "--endpoint", "ws://127.0.0.1:\(port)", "--speed", "fast",
                                                      "--out", dir + "/rec"], environment: env.merging(["COURTSIDE_TOKEN": "live-token"]) { $1 }, timeout: 60)
        #expect(record.status == 0, "\(record.stderr)")
        let soccer = try #require(demoRecording("soccer")).header
        let (path, header) = try recordedHeader(of: soccer.fixture, in: dir + "/rec")
        #expect(header.home == soccer.home && header.away == soccer.away && header.title?.isEmpty == false, "\(header)")
        let replay = try runProcess(courtsideBinary, ["demo", path, "--headless", "--speed", "max"])
        let first = replay.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.contains("\"home\":\"FC Groningen\""), "\(first)")
    }

    /// A fixture named by id is looked up in the Fixtures API too: its recording's header and the first headless
    /// line name the teams (they said nothing and "Home"/"Away" until an action named each team).
    @Test func aFixtureNamedByIdIsNamedFromTheStart() throws {
        let (server, port) = try startServe(["--token", "live-token"])
        defer { server.stop() }
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let soccer = try #require(demoRecording("soccer")).header
        let token = env.merging(["COURTSIDE_TOKEN": "live-token"]) { $1 }
        let record = try runProcess(courtsideBinary, ["record", soccer.fixture.description, "--endpoint", "ws://127.0.0.1:\(port)",
                                                      "--speed", "fast", "--out", dir + "/rec"], environment: token, timeout: 60)
        #expect(record.status == 0, "\(record.stderr)")
        let (_, header) = try recordedHeader(of: soccer.fixture, in: dir + "/rec")
        #expect(header.home == soccer.home && header.away == soccer.away && header.title?.isEmpty == false, "\(header)")
        let watch = try runProcess(courtsideBinary, ["watch", soccer.fixture.description, "--endpoint", "ws://127.0.0.1:\(port)",
                                                     "--speed", "fast", "--headless"], environment: token, timeout: 60)
        #expect(watch.status == 0, "\(watch.stderr)")
        let first = watch.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.contains("\"home\":\"FC Groningen\""), "\(first)")
    }

    /// The lookup is brief and optional: an API that accepts and never answers holds the start back a few seconds at
    /// most, and the match is watched to its end all the same.
    @Test func aSilentFixturesAPIDoesNotHoldTheStreamBack() throws {
        let (server, port) = try startServe(["--token", "live-token"])
        defer { server.stop() }
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let silent = try BackgroundProcess(python3(), ["-c", """
            import socket, sys, time
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
            print("listening", s.getsockname()[1], flush=True)
            held = []
            while True:
                c, _ = s.accept(); held.append(c)
            """])
        defer { silent.stop() }
        let apiPort = try #require(silent.waitFor(#"listening (\d+)"#))
        let soccer = try #require(demoRecording("soccer")).header
        let watch = try runProcess(courtsideBinary, ["watch", soccer.fixture.description, "--endpoint", "ws://127.0.0.1:\(port)",
                                                     "--api", "http://127.0.0.1:\(apiPort)", "--speed", "fast", "--headless"],
                                   environment: env.merging(["COURTSIDE_TOKEN": "live-token"]) { $1 }, timeout: 60)
        #expect(watch.status == 0, "\(watch.stderr)")
        #expect(finals(watch.stdout)[soccer.fixture.id]?["connection"]?.stringValue == "finished", "\(watch.stdout.suffix(400))")
    }

    @Test func fixturesThatGoLiveLaterAreAdded() throws {
        // Streams from serve (each match about four seconds long); the listing from a peer that shows the soccer
        // fixture only after 1.5 s. Listed again every second, it is added and followed to its end too.
        let (server, port) = try startServe(["--token", "t", "--speed", "1500"])
        defer { server.stop() }
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var routes: [String] = []
        for (sport, delay) in [("basketball", 0.0), ("soccer", 1.5)] {
            let body = try runProcess("/usr/bin/env", ["python3", "-c", "import sys,urllib.request as u; r=u.Request(sys.argv[1], headers={'Accept':'application/vnd.imggaming.dde.api+json;version=1','Authorization':'Bearer t'}); sys.stdout.write(u.urlopen(r).read().decode())",
                                                       "http://127.0.0.1:\(port)/\(sport)/fixtures?live=true"])
            #expect(body.status == 0, "\(body.stderr)")
            let file = dir + "/\(sport).json"
            try body.stdout.write(toFile: file, atomically: true, encoding: .utf8)
            routes.append("\(sport)=\(file)@\(delay)")
        }
        let api = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/late_fixtures_api.py").path] + routes)
        defer { api.stop() }
        let apiPort = try #require(api.waitFor(#"listening (\d+)"#))
        let watch = try runProcess(courtsideBinary, ["watch", "--live", "basketball", "soccer", "--api", "http://127.0.0.1:\(apiPort)",
                                                     "--endpoint", "ws://127.0.0.1:\(port)", "--relist", "1", "--headless"],
                                   environment: env.merging(["COURTSIDE_TOKEN": "t"]) { $1 }, timeout: 90)
        #expect(watch.status == 0, "\(watch.stderr)")
        let live = finals(watch.stdout), demo = try demoFinals
        let soccer = try #require(demoRecording("soccer")).header.fixture.id
        let basketball = try #require(demoRecording("basketball")).header.fixture.id
        #expect(live[soccer]?["score"] == demo[soccer]?["score"], "the fixture that went live later was followed: \(live.keys)")
        #expect(live[basketball]?["score"] == demo[basketball]?["score"])
        #expect(api.text.components(separatedBy: "GET /soccer/fixtures").count - 1 >= 2, "listed again: \(api.text)")
    }

    /// `record --live`, started before kick-off, waits through a busy API (503) at its first listing, says so, and
    /// records the match once the API answers: one busy answer at start-up ended it with status 1. The next listing
    /// comes when the answer's `Retry-After` (1 s, held to 5) asks, not a `--relist` interval (60 s) later, and no
    /// "no live fixture" is said of a sport that could not be listed.
    @Test func recordLiveWaitsThroughABusyFirstListing() throws {
        let (server, port) = try startServe(["--token", "t", "--speed", "1500"])
        defer { server.stop() }
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let body = try runProcess("/usr/bin/env", ["python3", "-c", "import sys,urllib.request as u; r=u.Request(sys.argv[1], headers={'Accept':'application/vnd.imggaming.dde.api+json;version=1','Authorization':'Bearer t'}); sys.stdout.write(u.urlopen(r).read().decode())",
                                                   "http://127.0.0.1:\(port)/soccer/fixtures?live=true"])
        try body.stdout.write(toFile: dir + "/soccer.json", atomically: true, encoding: .utf8)
        let api = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/late_fixtures_api.py").path, "--busy", "soccer=\(dir)/soccer.json@1.5"])
        defer { api.stop() }
        let apiPort = try #require(api.waitFor(#"listening (\d+)"#))
        let record = try runProcess(courtsideBinary, ["record", "--live", "soccer", "--api", "http://127.0.0.1:\(apiPort)", "--endpoint", "ws://127.0.0.1:\(port)",
                                                      "--out", dir + "/rec"],
                                    environment: env.merging(["COURTSIDE_TOKEN": "t"]) { $1 }, timeout: 45)
        let soccer = try #require(demoRecording("soccer")).header.fixture
        #expect(record.status == 0 && record.stderr.contains("the API failed (503)") && record.stderr.contains("listed again in 5 s"), "\(record.status) \(record.stderr)")
        #expect(!record.stderr.contains("no live fixture"), "\(record.stderr)")
        #expect(record.stderr.contains("recorded \(soccer) →"), "\(record.stderr)")
    }

    @Test func aWatchlistAndTheEndpointFromTheConfigFile() throws {
        let (server, port) = try startServe(["--token", "w"])
        defer { server.stop() }
        let soccer = try #require(demoRecording("soccer")).header.fixture, snooker = try #require(demoRecording("snooker")).header.fixture
        let (dir, env) = try home(config: """
            endpoint = "ws://127.0.0.1:\(port)"
            [watchlists]
            evening = ["\(soccer)", "\(snooker.sport)/\(snooker.id.uppercased())"]
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let watch = try runProcess(courtsideBinary, ["watch", "@evening", "--speed", "fast", "--headless"],
                                   environment: env.merging(["COURTSIDE_TOKEN": "w"]) { $1 }, timeout: 60)
        #expect(watch.status == 0, "\(watch.stderr)")
        let live = finals(watch.stdout), demo = try demoFinals
        #expect(Set(live.keys) == [soccer.id, snooker.id])
        for id in live.keys { #expect(live[id]?["score"] == demo[id]?["score"]) }
        let missing = try runProcess(courtsideBinary, ["watch", "@morning", "--headless"], environment: env.merging(["COURTSIDE_TOKEN": "w"]) { $1 })
        #expect(missing.status != 0 && missing.stderr.contains("no watchlist @morning") && missing.stderr.contains("@evening"), "\(missing.stderr)")
    }

    @Test func theThemeAndFavouritesFromTheConfigFileTakeEffect() throws {
        let (dir, env) = try home(config: "theme = \"mono\"\nfavourites = [\"ZAKSA Kędzierzyn-Koźle\"]\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try Tmux("\(courtsideBinary) demo --speed 30", width: 100, height: 30, env: env)
        defer { t.kill() }
        let (drawn, screen) = t.waitFor { $0.contains("COURTSIDE") && $0.contains("Perugia") }
        #expect(drawn && screen.contains("theme mono"), "\(screen)")
        let firstRow = screen.split(separator: "\n").dropFirst().first ?? ""
        #expect(firstRow.contains("★") && firstRow.contains("Sir Safety Perugia"), "the favourite's fixture first: \(screen)")
    }

    @Test func spoilerFreeAndQuietFromTheConfigFile() throws {
        let (dir, env) = try home(config: "no_spoilers = true\nquiet = true\nalerts = [\"score\"]\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try Tmux("\(courtsideBinary) demo --speed 120", width: 100, height: 30, env: env)
        defer { t.kill() }
        let (drawn, screen) = t.waitFor { $0.contains("COURTSIDE") && $0.contains("Žalgiris Kaunas") }
        #expect(drawn, "\(screen)")
        let overview = screen.split(separator: "\n").dropFirst().prefix(4).joined(separator: "\n")
        #expect(overview.range(of: #"\d+ : \d+"#, options: .regularExpression) == nil, "no score before r: \(overview)")
        t.send("r")
        func firstRowShowsAScore(_ screen: String) -> Bool {
            let row = screen.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
            return row.range(of: #"\d+ : \d+"#, options: .regularExpression) != nil
        }
        let (revealed, after) = t.waitFor(firstRowShowsAScore)
        #expect(revealed, "r reveals the focused fixture: \(after)")
    }
}
}

/// A config file is read once per run: its warnings are printed once, however many settings a command reads.
extension EndToEnd {
@Suite(.enabled(if: Tmux.available)) struct ConfigWarningTests {
    @Test func anUnknownKeyIsWarnedAboutOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-home-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir + "/cfg/courtside", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "theme = \"mono\"\ncolour = \"red\"\n".write(toFile: dir + "/cfg/courtside/config.toml", atomically: true, encoding: .utf8)
        let errors = dir + "/stderr"
        let t = try Tmux("\(courtsideBinary) demo --speed 30 2>\(errors)", width: 100, height: 30,
                         env: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/cfg"])
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("theme mono") }.0, "\(t.capture())")
        t.send("q")
        // stderr is held while the TUI owns the screen and written out on the way out.
        var text = ""
        for _ in 0..<100 where !text.contains("unknown key") {
            usleep(50_000)
            text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        }
        #expect(text.components(separatedBy: "unknown key 'colour'").count - 1 == 1, "\(text)")
    }
}
}
