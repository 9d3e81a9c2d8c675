import Foundation
import Testing
import LiveActions
import Feeds

/// `courtside fixtures`, `import` and `config` as a user runs them, against `courtside serve`.
extension EndToEnd {
@Suite struct FixturesCommandTests {
    /// A filter that cannot match is refused before the API is asked: a typo in `--status`, a reversed range and 30
    /// February printed an empty table with status 0, which read as "no matches today". An empty listing says so on
    /// stderr, the table unchanged.
    @Test func fixturesFiltersThatCannotMatchAreRefused() throws {
        let env = ["COURTSIDE_TOKEN": "x", "COURTSIDE_API": "", "COURTSIDE_ENDPOINT": "", "HOME": NSTemporaryDirectory(), "XDG_CONFIG_HOME": NSTemporaryDirectory()]
        for (filter, says) in [(["--status", "finished"], "--status is one of scheduled, live, completed, postponed, abandoned, cancelled, suspended, unverified, not 'finished'"),
                               (["--from", "2026-11-21", "--to", "2026-11-19"], "--from 2026-11-21 is after --to 2026-11-19"),
                               (["--from", "2026-02-30"], "'2026-02-30' is not a date"), (["--to", "+026-01-01"], "'+026-01-01' is not a date")] {
            let r = try runProcess(courtsideBinary, ["fixtures", "soccer"] + filter + ["--endpoint", "ws://127.0.0.1:9"], environment: env, timeout: 20)
            #expect(r.status == 64 && r.stderr.contains(says), "\(filter): \(r.status) \(r.stderr)")
        }
        let (server, port) = try startServe(["--token", "x"])
        defer { server.stop() }
        let none = try runProcess(courtsideBinary, ["fixtures", "soccer", "--status", "postponed", "--endpoint", "ws://127.0.0.1:\(port)"], environment: env, timeout: 20)
        #expect(none.status == 0 && none.stderr.contains("no fixtures of soccer match") && none.stdout.hasPrefix("START"), "\(none.stderr)")
        // Every status a fixture object documents is taken, in any case.
        let cancelled = try runProcess(courtsideBinary, ["fixtures", "soccer", "--status", "Cancelled", "--endpoint", "ws://127.0.0.1:\(port)"], environment: env, timeout: 20)
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
    }

    /// A negative or out-of-range number is refused with its reason: `--speed -5` read "Missing value for
    /// '--speed'", as if nothing had been typed, and `--delay 3601` did not say that a delay is at most an hour.
    @Test(arguments: [
        (["demo", "--speed", "-5"], "a speed is a factor above 0"),
        (["demo", "--delay", "-5"], "a delay is a duration such as 45s"),
        (["demo", "--delay", "3601"], "a delay is at most 60 minutes"),
        (["serve", "--port", "-1"], "--port is 0…65535"),
        (["serve", "--speed", "-2"], "--speed must be a number above 0"),
    ])
    func aBadNumberIsRefusedWithItsReason(arguments: [String], says: String) throws {
        let r = try runProcess(courtsideBinary, arguments, environment: ["HOME": NSTemporaryDirectory(), "XDG_CONFIG_HOME": NSTemporaryDirectory()], timeout: 20)
        #expect(r.status == 64 && r.stderr.contains(says) && !r.stderr.contains("Missing value"), "\(arguments): \(r.status) \(r.stderr)")
    }

    /// A port already taken is said as such, naming it: NIO's "bind(descriptor:ptr:bytes:): Address already in use)
    /// (errno: 98)" named neither the port nor what to do.
    @Test func aPortInUseIsSaidAsSuch() throws {
        let (server, port) = try startServe([])
        defer { server.stop() }
        let r = try runProcess(courtsideBinary, ["serve", "--port", "\(port)"], timeout: 20)
        #expect(r.status == 1 && r.stderr.contains("port \(port) on 127.0.0.1 is in use: give another --port"), "\(r.status) \(r.stderr)")
    }

    /// A URL that cannot work is refused before anything starts, as `ws://127.0.0.1:abc` was: a port past 65535 was
    /// dialled wrapped (99999 as 34463, an unrelated local service), and one with no host ("ws://", "ws://:80") was
    /// retried for ever by `watch --headless` and `record`. `watch` by id now checks its API as `fixtures` does.
    @Test(arguments: [
        (["watch", "soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c", "--headless", "--endpoint", "ws://127.0.0.1:99999"], "port 99999 is not between 1 and 65535"),
        (["watch", "soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c", "--headless", "--endpoint", "ws://"], "the endpoint must be a ws:// or wss:// URL with a host"),
        (["record", "soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c", "--out", "/tmp/courtside-never", "--endpoint", "ws://:18765"], "the endpoint must be a ws:// or wss:// URL with a host, not 'ws://:18765'"),
        (["fixtures", "soccer", "--api", "http://127.0.0.1:70000"], "port 70000 is not between 1 and 65535"),
        (["watch", "soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c", "--headless", "--endpoint", "ws://127.0.0.1:1", "--api", "garbage"], "the API must be an http:// or https:// URL"),
        // `fixtures` and `import` passed a bad endpoint over and asked the provider's API, with the token.
        (["fixtures", "snooker", "--endpoint", "ws://127.0.0.1:99999"], "--endpoint: the endpoint must be a ws:// or wss:// URL with a host (port 99999"),
        (["import", "soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c", "--out", "/tmp/courtside-never", "--endpoint", "ws://:18765"], "--endpoint: the endpoint must be"),
    ])
    func aURLThatCannotWorkIsRefusedAtOnce(arguments: [String], says: String) throws {
        let r = try runProcess(courtsideBinary, arguments, environment: ["COURTSIDE_TOKEN": "x", "COURTSIDE_API": "", "COURTSIDE_ENDPOINT": "", "HOME": NSTemporaryDirectory(), "XDG_CONFIG_HOME": NSTemporaryDirectory()], timeout: 20)
        #expect(r.status == 64 && r.stderr.contains(says), "\(arguments): \(r.status) \(r.stderr)")
    }

    /// Kick-off times follow `TZ` as the C library reads it, POSIX rules included: `UTC+5`, `CET-1CEST,…`,
    /// `:Europe/Amsterdam` and `<+0530>-5:30` showed the UTC time or the wrong one (Foundation reads zone names only).
    @Test func kickOffTimesFollowAnyTZTheSystemReads() throws {
        let api = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/fixtures_peer.py").path, "ok"])
        defer { api.stop() }
        let port = try #require(api.waitFor(#"listening (\d+)"#))
        // The peer's first fixture starts 2026-11-21 18:00 UTC.
        for (tz, shown) in [("UTC+5", "2026-11-21 13:00"), ("CET-1CEST,M3.5.0,M10.5.0/3", "2026-11-21 19:00"), (":Europe/Amsterdam", "2026-11-21 19:00"),
                            ("<+0530>-5:30", "2026-11-21 23:30"), ("Asia/Kolkata", "2026-11-21 23:30")] {
            let r = try runProcess(courtsideBinary, ["fixtures", "soccer", "--api", "http://127.0.0.1:\(port)"],
                                   environment: ["TZ": tz, "COURTSIDE_TOKEN": "x", "HOME": NSTemporaryDirectory(), "XDG_CONFIG_HOME": NSTemporaryDirectory()], timeout: 20)
            let row = r.stdout.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
            #expect(r.status == 0 && row.hasPrefix(shown), "TZ=\(tz): \(row) \(r.stderr)")
        }
    }

    /// A home with no config file, so the machine's own settings cannot leak in.
    func cleanHome() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-home-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir + "/cfg/courtside", withIntermediateDirectories: true)
        return dir
    }

    /// An actions answer that says it is one page of several is followed to its last page: the first page alone
    /// was written as the whole match (5 of 12 messages, exit 0). Two empty pages in a row end the list even when
    /// they say more follow (`endless`): such a server was asked for page after page, for ever; one empty page that
    /// says more follow is passed over (`empty-mid`: the import stopped there, 150 of 448 messages, exit 0). The
    /// fixture's lookup failing (`lookup-500`) only costs the teams' names from it (the import failed, the actions
    /// never asked for), and a token the API repeats is not written down (`echo`).
    /// `import` of the soccer demo from `paged_actions_api.py` in `mode` (150 messages a page) into `home`/imp: what
    /// it said, and the paths the API was asked for.
    func importPaged(_ mode: String, home: String, fixture: String? = nil) throws -> (imported: ProcessResult, asked: String) {
        let recording = try #require(demoRecording("soccer"))
        let path = repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path
        let api = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/paged_actions_api.py").path, path, "paged-token", "150"]
                                        + (mode.isEmpty ? [] : [mode]))
        defer { api.stop() }
        let port = try #require(api.waitFor(#"listening (\d+)"#))
        let env = ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg", "COURTSIDE_TOKEN": "paged-token", "COURTSIDE_API": "", "COURTSIDE_ENDPOINT": ""]
        let imported = try runProcess(courtsideBinary, ["import", fixture ?? recording.header.fixture.description, "--out", home + "/imp", "--api", "http://127.0.0.1:\(port)"],
                                      environment: env)
        return (imported, api.text)
    }

    @Test(arguments: ["", "endless", "empty-mid", "lookup-500", "echo"]) func importFollowsEveryPage(mode: String) throws {
        let recording = try #require(demoRecording("soccer"))
        let path = repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path
        let home = try cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (imported, asked) = try importPaged(mode, home: home)
        #expect(imported.status == 0, "\(imported.stderr)")
        let messages = recording.frames.filter { $0.frame.contains("fixtureAction") }.count
        #expect(imported.stderr.contains("wrote \(messages) action messages"), "\(imported.stderr)")
        let lastPage = (messages - 1) / 150 + (mode == "empty-mid" ? 1 : 0)
        #expect(asked.contains("?page=\(lastPage)"), "\(asked)")
        #expect(!asked.contains("?page=\(lastPage + 3)"), "asked past two empty pages: \(asked)")
        if mode == "lookup-500" { #expect(imported.stderr.contains("the fixture's lookup failed"), "\(imported.stderr)") }
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: home + "/imp").first)
        let written = try String(contentsOfFile: home + "/imp/" + file, encoding: .utf8)
        #expect(!written.contains("paged-token") && (mode != "echo" || written.contains("Team <token>")), "the token is not written down")
        let replay = try runProcess(courtsideBinary, ["demo", home + "/imp/" + file, "--headless", "--speed", "max"])
        let original = try runProcess(courtsideBinary, ["demo", path, "--headless", "--speed", "max"])
        #expect(finals(replay.stdout).values.first?["score"] == finals(original.stdout).values.first?["score"])
    }

    /// An answer of another fixture's actions is said in one line, not one an element (448 lines for this match),
    /// and the end says none could be kept, not that there are none yet.
    @Test func anotherFixturesActionsAreSaidInOneLine() throws {
        let home = try cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let imported = try importPaged("", home: home, fixture: "soccer/00000000-0000-0000-0000-000000000000").imported
        let lines = imported.stderr.split(separator: "\n")
        #expect(imported.status == 1 && lines.count <= 3, "\(lines.count) lines: \(imported.stderr.prefix(600))")
        #expect(imported.stderr.contains("448 elements (1, 2, 3, … 448): an action of another fixture (6794d8c6"), "\(imported.stderr)")
        #expect(imported.stderr.contains("has no action message that can be kept (said above); nothing written"), "\(imported.stderr)")
    }

    /// A server that ignores `page` (the same actions on every page, its envelope's page number changing) is an
    /// error: the import wrote page 0 five times over ("wrote 500 action messages", the match at 1–1), or asked 500 times.
    @Test func importRefusesAnAPIThatIgnoresPage() throws {
        let home = try cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let imported = try importPaged("ignore-page", home: home).imported
        #expect(imported.status == 1 && imported.stderr.contains("page 1 repeats page 0: the API ignores `page`"), "\(imported.status) \(imported.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: home + "/imp")) ?? []).isEmpty, "nothing written")
    }

    /// `paged_actions_api.py` serving the demo's soccer match (150 messages a page) with its token, and a clean home;
    /// the caller stops the one and removes the other.
    func pagedSoccerAPI() throws -> (api: BackgroundProcess, port: String, home: String, env: [String: String]) {
        let path = repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path
        let api = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/paged_actions_api.py").path, path, "paged-token", "150"])
        guard let port = api.waitFor(#"listening (\d+)"#) else {
            api.stop()
            throw ServeError(output: api.text)
        }
        let home = try cleanHome()
        return (api, port, home, ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg", "COURTSIDE_TOKEN": "paged-token", "COURTSIDE_API": "", "COURTSIDE_ENDPOINT": ""])
    }

    /// A recording of the fixture already in the folder (a `record`ed match, with its real timing) is not replaced
    /// unless `--replace` says so: it was, without a word. A folder that cannot be made is said in plain words.
    @Test func importNeverReplacesARecordingUnasked() throws {
        let recording = try #require(demoRecording("soccer"))
        let path = repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path
        let (api, port, home, env) = try pagedSoccerAPI()
        defer { api.stop(); try? FileManager.default.removeItem(atPath: home) }
        func importing(_ extra: [String] = [], into out: String) throws -> ProcessResult {
            try runProcess(courtsideBinary, ["import", recording.header.fixture.description, "--out", out, "--api", "http://127.0.0.1:\(port)"] + extra,
                           environment: env)
        }
        try FileManager.default.createDirectory(atPath: home + "/imp", withIntermediateDirectories: true)
        let file = LiveSources.recordingPath(for: recording.header.fixture, in: home + "/imp")
        try FileManager.default.copyItem(atPath: path, toPath: file)
        let refused = try importing(into: home + "/imp")
        #expect(refused.status == 1 && refused.stderr.contains("a recording of the fixture is there already") && refused.stderr.contains("--replace"),
                "\(refused.status) \(refused.stderr)")
        #expect(!refused.stderr.contains("Usage"))
        #expect(FileManager.default.contents(atPath: file) == FileManager.default.contents(atPath: path), "the recording there was changed")
        // A recorder holding the file (its lock): not replaced even with --replace, or it records into a lost file.
        let held = open(file, O_RDONLY)
        #expect(held >= 0 && flock(held, LOCK_EX) == 0)
        let busy = try importing(["--replace"], into: home + "/imp")
        close(held)
        #expect(busy.status == 1 && busy.stderr.contains("a recorder is writing this recording"), "\(busy.status) \(busy.stderr)")
        #expect(FileManager.default.contents(atPath: file) == FileManager.default.contents(atPath: path), "the recording being written was replaced")
        let replaced = try importing(["--replace"], into: home + "/imp")
        #expect(replaced.status == 0 && FileManager.default.contents(atPath: file) != FileManager.default.contents(atPath: path), "\(replaced.stderr)")
        try "a file".write(toFile: home + "/plain", atomically: true, encoding: .utf8)
        let asked = api.text.count
        let below = try importing(into: home + "/plain/imp")
        #expect(below.status == 1 && below.stderr.contains("\(home)/plain is not a folder") && !below.stderr.contains("NSCocoaErrorDomain"), "\(below.stderr)")
        #expect(api.text.count == asked, "the actions were fetched for a folder that cannot take them: \(api.text)")
        // `record` says it in the same words, and not that no frame arrived: nothing was dialled.
        let record = try runProcess(courtsideBinary, ["record", recording.header.fixture.description, "--endpoint", "ws://127.0.0.1:1", "--out", home + "/plain/rec"],
                                    environment: env, timeout: 20)
        #expect(record.status == 1 && record.stderr.contains("\(home)/plain is not a folder") && !record.stderr.contains("no frame arrived")
                && !record.stderr.contains("NSCocoaErrorDomain"), "\(record.stderr)")
    }

    /// A folder of one letter, not there yet, relative to the current folder, is made and written: `--out k` trapped
    /// (SIGILL) in `NSString.deletingLastPathComponent` before anything was asked. An empty `--out` is refused.
    @Test func importIntoAOneLetterFolder() throws {
        let recording = try #require(demoRecording("soccer"))
        let (api, port, home, env) = try pagedSoccerAPI()
        defer { api.stop(); try? FileManager.default.removeItem(atPath: home) }
        let r = try runProcess(courtsideBinary, ["import", recording.header.fixture.description, "--out", "k", "--api", "http://127.0.0.1:\(port)"],
                               environment: env, cwd: URL(fileURLWithPath: home))
        #expect(r.status == 0 && FileManager.default.fileExists(atPath: LiveSources.recordingPath(for: recording.header.fixture, in: home + "/k")), "\(r.status) \(r.stderr)")
        for command in [["import", recording.header.fixture.description, "--out", ""], ["record", recording.header.fixture.description, "--out", ""]] {
            let empty = try runProcess(courtsideBinary, command + ["--api", "http://127.0.0.1:\(port)"], environment: env, cwd: URL(fileURLWithPath: home))
            #expect(empty.status == 64 && empty.stderr.contains("--out names no folder"), "\(empty.stderr)")
        }
        #expect(FolderProblem.parent(of: "k") == "." && FolderProblem.parent(of: "/k") == "/" && FolderProblem.parent(of: "a/b/") == "a" && FolderProblem.parent(of: ".") == nil)
    }

    @Test func listImportAndReplay() throws {
        let secret = "serve-secret-\(UUID())"
        let (server, port) = try startServe(["--token", secret])
        defer { server.stop() }
        let home = try cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg", "COURTSIDE_TOKEN": secret, "COURTSIDE_API": "", "COURTSIDE_ENDPOINT": ""]
        let api = "http://127.0.0.1:\(port)"

        let list = try runProcess(courtsideBinary, ["fixtures", "basketball", "soccer", "v2/volleyball", "snooker", "--json", "--api", api], environment: env)
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n").compactMap { JSONValue.parse(String($0)) }
        #expect(lines.count == 4)
        // Standard output that cannot be written (a full disk) is said, status 1: the listing was lost with status 0.
        if FileManager.default.fileExists(atPath: "/dev/full") {
            for args in [["fixtures", "soccer", "--json", "--api", api], ["fixtures", "soccer", "--api", api], ["config"]] {
                let full = try runProcess("/bin/sh", ["-c", "exec \"$0\" \"$@\" > /dev/full", courtsideBinary] + args, environment: env)
                #expect(full.status == 1 && full.stderr.contains("standard output: No space left on device"), "\(args): \(full.status) \(full.stderr)")
            }
        }
        let twice = try runProcess(courtsideBinary, ["fixtures", "soccer", "Soccer", "--json", "--api", api], environment: env)
        #expect(twice.status == 0 && twice.stdout.split(separator: "\n").count == 1, "a sport named twice is listed once: \(twice.stdout)")
        // A sport typed in capitals is the provider's path in lower case (it listed nothing); one that is no path is
        // refused, not sent (`soccer?live=false` went into the URL).
        let capitals = try runProcess(courtsideBinary, ["fixtures", "SOCCER", "--json", "--api", api], environment: env)
        #expect(capitals.status == 0 && capitals.stdout.split(separator: "\n").count == 1, "\(capitals.stdout) \(capitals.stderr)")
        // Slashes around it are the same path: `soccer/` asked for `/soccer//fixtures`, listed nothing and ended 0.
        for slashed in ["soccer/", "/soccer", "//Soccer//"] {
            let tidy = try runProcess(courtsideBinary, ["fixtures", slashed, "--json", "--api", api], environment: env)
            #expect(tidy.status == 0 && tidy.stdout.split(separator: "\n").count == 1 && tidy.stdout.contains(#""fixture":"soccer/6794"#), "\(slashed): \(tidy.stdout) \(tidy.stderr)")
        }
        let contradiction = try runProcess(courtsideBinary, ["fixtures", "soccer", "--live", "--status", "completed", "--api", api], environment: env)
        #expect(contradiction.status == 64 && contradiction.stderr.contains("--live lists only fixtures that are live now"), "\(contradiction.stderr)")
        for bad in ["soccer?live=false", "", "../x"] {
            let refused = try runProcess(courtsideBinary, ["fixtures", bad, "--api", api], environment: env)
            #expect(refused.status == 64 && refused.stderr.contains("is not a sport path"), "\(bad): \(refused.stderr)")
        }
        for sport in ["basketball", "soccer", "volleyball", "snooker"] {
            let recording = try #require(demoRecording(sport))
            let line = try #require(lines.first { $0["fixture"]?.stringValue == recording.header.fixture.description })
            #expect(line["home"]?.stringValue == recording.header.home && line["away"]?.stringValue == recording.header.away)
            #expect(line["live"] == true)
        }

        // The same through a config file: sports from it, the API from a loopback endpoint, the token from its file.
        let tokenFile = home + "/token"
        try secret.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        chmod(tokenFile, 0o600)
        try "sports = [\"soccer\"]\ntoken_file = \"\(tokenFile)\"\n".write(toFile: home + "/cfg/courtside/config.toml", atomically: true, encoding: .utf8)
        let table = try runProcess(courtsideBinary, ["fixtures"], environment: ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg", "COURTSIDE_TOKEN": "",
                                                                                "COURTSIDE_API": "", "COURTSIDE_ENDPOINT": "ws://127.0.0.1:\(port)"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.split(separator: "\n").count == 2 && table.stdout.contains("FC Groningen") && table.stdout.contains("soccer/6794d8c6"), "\(table.stdout)")

        // The README's loopback example: --endpoint alone points the API at serve as well.
        let byFlag = try runProcess(courtsideBinary, ["fixtures", "soccer", "--endpoint", "ws://127.0.0.1:\(port)"], environment: env)
        #expect(byFlag.status == 0 && byFlag.stdout.contains("FC Groningen"), "\(byFlag.stderr)")
        // ...even when the config file names an API (flag over file): the file's API was asked, with the token.
        // `config` shows the API in force, and where it came from.
        let configFile = home + "/cfg/courtside/config.toml"
        let saved = try String(contentsOfFile: configFile, encoding: .utf8)
        try "api = \"http://127.0.0.1:9\"\n".write(toFile: configFile, atomically: true, encoding: .utf8)
        let overFile = try runProcess(courtsideBinary, ["fixtures", "soccer", "--endpoint", "ws://127.0.0.1:\(port)"], environment: env)
        #expect(overFile.status == 0 && overFile.stdout.contains("FC Groningen"), "\(overFile.stderr)")
        try "endpoint = \"ws://127.0.0.1:\(port)\"\n".write(toFile: configFile, atomically: true, encoding: .utf8)
        let shown = try runProcess(courtsideBinary, ["config"], environment: env)
        #expect(shown.stdout.contains("api") && shown.stdout.contains("\"http://127.0.0.1:\(port)\"  (\(configFile):1)"), "\(shown.stdout)")
        try saved.write(toFile: configFile, atomically: true, encoding: .utf8)

        let config = try runProcess(courtsideBinary, ["config"], environment: env)
        #expect(config.status == 0 && config.stdout.contains("set (environment COURTSIDE_TOKEN)"), "\(config.stdout)")
        for out in [list, table, config] { #expect(!(out.stdout + out.stderr).contains(secret), "the token is never printed") }

        // A finished match's actions, imported, play to the same end as the recording they were served from.
        let dir = home + "/imported"
        let soccer = try #require(demoRecording("soccer")).header.fixture
        let imported = try runProcess(courtsideBinary, ["import", soccer.description, "--out", dir, "--api", api], environment: env)
        #expect(imported.status == 0, "\(imported.stderr)")
        let path = dir + "/soccer-\(soccer.id).jsonl"
        let replay = try runProcess(courtsideBinary, ["demo", path, "--headless", "--speed", "max"])
        let original = try runProcess(courtsideBinary, ["demo", "demo/soccer-groningen-lodz.jsonl", "--headless", "--speed", "max"])
        #expect(finals(original.stdout)[soccer.id] != nil)
        #expect(replay.status == 0 && finals(replay.stdout)[soccer.id] == finals(original.stdout)[soccer.id])
        #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains(secret))

        let refused = try runProcess(courtsideBinary, ["fixtures", "soccer", "--api", api], environment: env.merging(["COURTSIDE_TOKEN": "wrong"]) { $1 })
        #expect(refused.status != 0 && refused.stderr.contains("refused the token (401)"), "\(refused.stderr)")
    }

    /// `config` shows what is in force as the file writes it, and a token file that cannot be read as such: it said
    /// "read from /nonexistent" (the next command failed on it), showed `no_spoilers = "true"` and
    /// `latency_threshold_ms = "3000.0"` (the file refuses both), and "(not set)" for the endpoint in force.
    @Test func configShowsWhatIsInForceAsTheFileWritesIt() throws {
        let home = try cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let file = home + "/cfg/courtside/config.toml"
        try "no_spoilers = true\nlatency_threshold_ms = 3000\n".write(toFile: file, atomically: true, encoding: .utf8)
        let env = ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg", "COURTSIDE_ENDPOINT": "", "COURTSIDE_API": ""]
        let shown = try runProcess(courtsideBinary, ["config"], environment: env)
        #expect(shown.status == 0, "\(shown.stderr)")
        for line in ["no_spoilers          = true  (\(file):1)", "latency_threshold_ms = 3000  (\(file):2)",
                     "endpoint             = \"\(LiveActionsProtocol.defaultEndpoint)\"  (default)"] {
            #expect(shown.stdout.contains(line), "\(line) in \(shown.stdout)")
        }
        // The lines shown read back as the same settings.
        let copied = shown.stdout.split(separator: "\n").filter { $0.hasPrefix("no_spoilers") || $0.hasPrefix("latency") }
            .map { $0.components(separatedBy: "  (")[0] }.joined(separator: "\n") + "\n"
        try copied.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try runProcess(courtsideBinary, ["config"], environment: env).stdout == shown.stdout)
        let missing = try runProcess(courtsideBinary, ["config"], environment: env.merging(["COURTSIDE_TOKEN_FILE": "/nonexistent"]) { $1 })
        #expect(missing.status == 1 && missing.stderr.contains("cannot read the token file /nonexistent"), "\(missing.status) \(missing.stderr)")
        // A theme no command would load, in the usual file or in one named by --file: listed without a word, while
        // `demo` refused it.
        let other = home + "/other.toml"
        try "theme = \"nosuch\"\n".write(toFile: other, atomically: true, encoding: .utf8)
        let theme = try runProcess(courtsideBinary, ["config", "--file", other], environment: env)
        #expect(theme.status == 1 && theme.stderr.contains("\(other):1: key 'theme': no theme named 'nosuch'"), "\(theme.status) \(theme.stderr)")
        try "theme = \"light\"\n".write(toFile: other, atomically: true, encoding: .utf8)
        #expect(try runProcess(courtsideBinary, ["config", "--file", other], environment: env).status == 0)
    }

    @Test func aBrokenConfigFileIsRefusedWithItsLine() throws {
        let home = try cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "theme = \"dark\"\nfeed = \"radio\"\n".write(toFile: home + "/cfg/courtside/config.toml", atomically: true, encoding: .utf8)
        let result = try runProcess(courtsideBinary, ["config"], environment: ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("config.toml:2: key 'feed' is betting or media, not 'radio'"), "\(result.stderr)")
    }

    /// An endpoint or API in the config file that a command would refuse is refused by `config` too, and by the
    /// command, naming the file, the line and the key: `config` showed it with status 0, and the command's refusal
    /// named no file.
    @Test func aConfigFilesBadURLIsRefusedWithItsLine() throws {
        let home = try cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "theme = \"dark\"\napi = \"http://:80\"\n".write(toFile: home + "/cfg/courtside/config.toml", atomically: true, encoding: .utf8)
        let env = ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg", "COURTSIDE_TOKEN": "x", "COURTSIDE_API": "", "COURTSIDE_ENDPOINT": ""]
        for arguments in [["config"], ["fixtures", "soccer"]] {
            let r = try runProcess(courtsideBinary, arguments, environment: env, timeout: 20)
            #expect(r.status != 0 && r.stderr.contains("config.toml:2: api: the API must be an http:// or https:// URL with a host"), "\(arguments): \(r.stderr)")
        }
    }

    /// A token that would go unencrypted to another machine (`http://`, `ws://`) is said, once; to this machine, and
    /// over https or wss, nothing is said. It went without a word.
    @Test func aTokenSentInPlainTextToAnotherMachineIsSaid() throws {
        let home = try cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg", "COURTSIDE_TOKEN": "x", "COURTSIDE_ENDPOINT": "", "COURTSIDE_FEED": ""]
        for (api, said) in [("http://192.0.2.2:9", true), ("https://192.0.2.2:9", false), ("http://127.0.0.1:9", false)] {
            let r = try runProcess(courtsideBinary, ["config"], environment: env.merging(["COURTSIDE_API": api]) { $1 }, timeout: 20)
            let lines = r.stderr.split(separator: "\n").filter { $0.contains("is not encrypted: the token goes to 192.0.2.2 in plain text") }
            #expect(r.status == 0 && lines.count == (said ? 1 : 0), "\(api): \(r.stderr)")
        }
    }

    /// `config` with a token file that cannot be read says so on its token line too: it said "read from" the file
    /// beside the error on stderr. An endpoint that `fixtures` only checks draws no plain-text word: the token goes
    /// to the API alone.
    @Test func configSaysATokenFileCannotBeRead() throws {
        let home = try cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg", "COURTSIDE_TOKEN_FILE": home + "/missing", "COURTSIDE_API": "", "COURTSIDE_ENDPOINT": "ws://192.0.2.2:9"]
        let r = try runProcess(courtsideBinary, ["config"], environment: env, timeout: 20)
        let line = r.stdout.split(separator: "\n").first { $0.hasPrefix("token ") }.map(String.init) ?? ""
        #expect(r.status == 1 && line.contains("not read: cannot read the token file") && !line.contains("read from"), "\(r.stdout)")
        #expect(!r.stderr.contains("is not encrypted"), "\(r.stderr)")
    }

    /// A config file that is there but cannot be read (here a folder in its place; unreadable permissions do the same
    /// for anyone but root) is an error, not "no file": its `no_spoilers` and `quiet` were silently off.
    @Test func aConfigFileThatCannotBeReadIsAnError() throws {
        let home = try cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/cfg/courtside/config.toml", withIntermediateDirectories: true)
        let result = try runProcess(courtsideBinary, ["config"], environment: ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg"])
        #expect(result.status != 0 && result.stderr.contains("cannot read the config file") && result.stderr.contains("(a folder)"), "\(result.status) \(result.stderr)")
        // Why, in the system's words, for a file asked for; `/dev/null` is an empty file, not an unreadable one.
        let missing = try runProcess(courtsideBinary, ["config", "--file", home + "/none.toml"], environment: ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg"])
        #expect(missing.status != 0 && missing.stderr.contains("(No such file or directory)"), "\(missing.stderr)")
        let empty = try runProcess(courtsideBinary, ["config", "--file", "/dev/null"], environment: ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg"])
        #expect(empty.status == 0 && empty.stdout.contains("config file: /dev/null"), "\(empty.stderr)")
    }

    /// Small refusals said as what they are: an empty `--favourite` (the file refuses one; the flag took it unsaid),
    /// a watchlist that is there but empty (it said "name at least one fixture"); and `demo --help` gives its speed.
    @Test func emptyFavouritesAndWatchlistsAreSaidAsSuch() throws {
        let home = try cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/cfg/courtside", withIntermediateDirectories: true)
        try "[watchlists]\nempty = []\n".write(toFile: home + "/cfg/courtside/config.toml", atomically: true, encoding: .utf8)
        let env = ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg", "COURTSIDE_TOKEN": "empty-list-token"]
        let favourite = try runProcess(courtsideBinary, ["demo", "--headless", "--favourite", " "], environment: env)
        #expect(favourite.status == 64 && favourite.stderr.contains("--favourite wants a team's name"), "\(favourite.stderr)")
        let empty = try runProcess(courtsideBinary, ["watch", "@empty", "--headless"], environment: env)
        #expect(empty.status == 64 && empty.stderr.contains("the watchlist @empty in \(home)/cfg/courtside/config.toml holds no fixture"), "\(empty.stderr)")
        let help = try runProcess(courtsideBinary, ["demo", "--help"], environment: env)
        #expect(help.stdout.contains("(default: 10)"), "\(help.stdout)")
    }

    /// A theme the file names that does not exist is refused naming the file, line and key, before the screen is
    /// taken (it said only "no theme named"); from the environment, naming the variable.
    @Test func anUnknownThemeIsRefusedWithItsLine() throws {
        let home = try cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "# mine\ntheme = \"nosuch\"\n".write(toFile: home + "/cfg/courtside/config.toml", atomically: true, encoding: .utf8)
        let env = ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg", "COURTSIDE_THEME": ""]
        let file = try runProcess(courtsideBinary, ["demo"], environment: env)
        #expect(file.status != 0 && file.stderr.contains("config.toml:2: key 'theme': no theme named 'nosuch'"), "\(file.stderr)")
        let variable = try runProcess(courtsideBinary, ["demo"], environment: env.merging(["COURTSIDE_THEME": "nope"]) { $1 })
        #expect(variable.status != 0 && variable.stderr.contains("COURTSIDE_THEME: key 'theme': no theme named 'nope'"), "\(variable.stderr)")
    }
}
}
