import Feeds
import Foundation
import Testing
import LiveActions
import Simulator

/// The real binary, end to end: `courtside demo --headless` against an independent fold written in Python.
extension EndToEnd {
@Suite struct HeadlessDemoTests {
    func finalLines(_ stdout: String) throws -> [String: JSONValue] {
        var last: [String: JSONValue] = [:]
        for line in stdout.split(separator: "\n") {
            let value = try JSONScanner.withScanner(over: String(line)) { try $0.readValue() }
            if let id = value["fixture"]?.stringValue { last[id] = value }
        }
        return last
    }

    @Test func finalScoresEqualAnIndependentFold() throws {
        let demo = repoRoot.appendingPathComponent("demo").path
        let files = try FileManager.default.contentsOfDirectory(atPath: demo).filter { $0.hasSuffix(".jsonl") }.sorted().map { demo + "/" + $0 }
        #expect(files.count >= 4)
        let result = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let finals = try finalLines(result.stdout)
        #expect(finals.count == files.count)

        let python = try runProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/independent_fold.py").path] + files)
        #expect(python.status == 0, "\(python.stderr)")
        let expected = python.stdout.split(separator: "\n")
        #expect(expected.count == files.count)
        for line in expected {
            let value = try JSONScanner.withScanner(over: String(line)) { try $0.readValue() }
            let id = try #require(value["fixture"]?.stringValue)
            let final = try #require(finals[id])
            #expect(final["score"]?["home"] == value["home"], "\(id)")
            #expect(final["score"]?["away"] == value["away"], "\(id)")
            #expect(final["status"] == "finished")
            #expect(final["providerScore"] == nil, "derived score agrees with the provider's summary")
        }
    }

    /// The headless lines of `demo/` are pinned: a refactor or a speed-up must print the same bytes. A change
    /// that means to alter them updates the digest and says why in its commit.
    @Test func theHeadlessOutputOfTheDemoIsPinned() throws {
        let out = try runProcess("/bin/bash", ["-c", "set -o pipefail; '\(courtsideBinary)' demo --headless --speed max | sha256sum"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.prefix(64) == "6c807682622a80103d86bc0815267fcacbd042d6e7bcb823ba7d207cac35799b")
    }

    @Test(arguments: ["0", "-2", "fast", "inf", "nan"])
    func anAbsurdSpeedIsRefused(speed: String) throws {
        let out = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", speed])
        #expect(out.status != 0 && out.stderr.contains("--speed"), "\(out.stderr)")
    }

    /// A warning with standard error closed (`2>&-`) is dropped, not a crash: `FileHandle.write(_:)` trapped.
    @Test func aClosedStandardErrorIsNoCrash() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-stderr-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var lines = try String(contentsOf: repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        lines.insert("a bad line", at: 3)
        try lines.joined(separator: "\n").write(toFile: dir + "/bad.jsonl", atomically: true, encoding: .utf8)
        let out = try runProcess("/bin/bash", ["-c", "'\(courtsideBinary)' demo '\(dir)/bad.jsonl' --headless --speed max 2>&- | tail -1"])
        #expect(out.status == 0 && out.stdout.contains("\"connection\":\"finished\""), "\(out.status) \(out.stdout.suffix(300))")
    }

    /// Standard output closed by the parent (`>&-`) is said as such, status 1, with one thread or several: NIO's
    /// epoll took descriptor 1, and the message blamed "Invalid argument".
    @Test func aClosedStandardOutputIsSaidAsSuch() throws {
        for extra in [[repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path], []] {
            let out = try runProcess("/bin/bash", ["-c", "'\(courtsideBinary)' demo --headless --speed max \(extra.map { "'\($0)'" }.joined(separator: " ")) >&-"])
            #expect(out.status == 1 && out.stderr.contains("standard output is closed (>&-)") && !out.stderr.contains("Invalid argument"), "\(out.status) \(out.stderr)")
        }
    }

    /// Lines that cannot be written (a full disk, here /dev/full) end the run with status 1 and say why: the run
    /// went on and exited 0, and a script took a truncated dataset for a whole one. One recording and several.
    @Test(arguments: [["demo/soccer-groningen-lodz.jsonl"], []])
    func linesThatCannotBeWrittenFailTheRun(recordings: [String]) throws {
        let paths = recordings.map { "'" + repoRoot.appendingPathComponent($0).path + "'" }.joined(separator: " ")
        let out = try runProcess("/bin/bash", ["-c", "'\(courtsideBinary)' demo \(paths) --headless --speed max > /dev/full"])
        #expect(out.status == 1 && out.stderr.contains("standard output: No space left on device"), "\(out.status) \(out.stderr)")
    }

    /// `--help` and `--version` that cannot be written end 1 and say why: they were lost with status 0.
    @Test(arguments: [["--version"], ["--help"], ["demo", "--help"], ["help", "fixtures"]])
    func helpThatCannotBeWrittenFailsToo(args: [String]) throws {
        let full = try runProcess("/bin/sh", ["-c", "exec \"$0\" \"$@\" > /dev/full", courtsideBinary] + args)
        #expect(full.status == 1 && full.stderr.contains("standard output: No space left on device"), "\(args): \(full.status) \(full.stderr)")
        let written = try runProcess(courtsideBinary, args)
        #expect(written.status == 0 && written.stdout.hasSuffix("\n") && written.stdout.count > 5 && written.stderr.isEmpty, "\(args): \(written.stdout)")
    }

    /// How many frames or messages of a fixture could not be used is said at the end, one line a fixture: each
    /// reason was said once, with no count, and a replay that left out a fifth of a match exited 0 with one line.
    /// One recording (one thread) and two (in shares).
    @Test(arguments: [false, true])
    func whatWasLeftOutIsCountedAtTheEnd(withAnother: Bool) throws {
        let source = try String(contentsOf: repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl"), encoding: .utf8)
        var actions = 0
        let lines = source.split(separator: "\n").map { line -> String in
            guard line.contains("fixtureAction") else { return String(line) }
            actions += 1
            guard (100..<200).contains(actions) else { return String(line) }
            return line.replacingOccurrences(of: #"\\"fixtureSeqNum\\":[0-9]+,"#, with: "", options: .regularExpression)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-lossy-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let other = withAnother ? [repoRoot.appendingPathComponent("demo/basketball-zalgiris-efes.jsonl").path] : []
        let r = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", path] + other)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c: 100 unusable lines, frames or action messages left out"), "\(r.stderr)")
        #expect(!r.stderr.contains("basketball/") , "\(r.stderr)")
    }

    /// A header that spells its sport in capitals is the same fixture as one in lower case: the demo's soccer
    /// match beside a copy saying `SOCCER` printed two interleaved streams of lines for one fixture id.
    @Test func aSportInCapitalsIsTheSameFixture() throws {
        let source = try String(contentsOf: repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl"), encoding: .utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-caps-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try source.replacingOccurrences(of: #""sport":"soccer""#, with: #""sport":"SOCCER""#).write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", path, repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path])
        let sports = Set(r.stdout.split(separator: "\n").compactMap { JSONValue.parse(String($0))?["sport"]?.stringValue })
        #expect(r.status == 0 && sports == ["soccer"], "\(sports) \(r.stderr)")
        #expect(r.stderr.contains("is already loaded; skipped"), "\(r.stderr)")
    }

    /// A recording read from a pipe (`<(zcat match.jsonl.gz)`) plays as the file does, two at once too: it was
    /// refused as "not a regular file". `--loop` cannot read a pipe again, and says so before it starts.
    @Test func aRecordingFromAPipePlaysAsTheFileDoes() throws {
        let soccer = repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path
        let snooker = repoRoot.appendingPathComponent("demo/snooker-osullivan-ding.jsonl").path
        let files = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", soccer, snooker])
        let piped = try runProcess("/bin/bash", ["-c", "'\(courtsideBinary)' demo --headless --speed max <(cat '\(soccer)') /dev/stdin < <(cat '\(snooker)')"])
        #expect(files.status == 0 && piped.status == 0, "\(piped.stderr)")
        #expect(piped.stderr.isEmpty, "\(piped.stderr)")
        #expect(!files.stdout.isEmpty && piped.stdout == files.stdout)
        let loop = try runProcess("/bin/bash", ["-c", "'\(courtsideBinary)' demo --headless --loop <(cat '\(soccer)')"])
        #expect(loop.status != 0 && loop.stderr.contains("is a pipe, read once: --loop"), "\(loop.stderr)")
    }

    /// Of two recordings of one fixture the fuller plays, whatever their order: a header-only stub a killed recorder
    /// left, first by name, played "0 : 0, ended" in place of the whole match, which was skipped.
    @Test func ofTwoRecordingsOfAFixtureTheFullerPlays() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-stub-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = repoRoot.appendingPathComponent("demo/basketball-zalgiris-efes.jsonl").path
        let whole = try String(contentsOfFile: source, encoding: .utf8)
        try (String(whole.prefix { $0 != "\n" }) + "\n").write(toFile: dir + "/a-stub.jsonl", atomically: true, encoding: .utf8)
        try whole.write(toFile: dir + "/b-full.jsonl", atomically: true, encoding: .utf8)
        let reference = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", source])
        for arguments in [[dir], [dir + "/b-full.jsonl", dir + "/a-stub.jsonl"]] {
            let r = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max"] + arguments)
            #expect(r.status == 0 && r.stdout == reference.stdout, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains("a-stub.jsonl") && r.stderr.contains("skipped"), "\(r.stderr)")
        }
    }

    /// Two recordings joined into one file: the second header is named as such, and its fixture's actions are
    /// said once, not once each (a hundred lines on stderr, each with its seq); the first match plays whole.
    @Test func twoRecordingsInOneFileAreSaidOnce() throws {
        let soccer = try String(contentsOf: repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl"), encoding: .utf8)
        let basketball = try String(contentsOf: repoRoot.appendingPathComponent("demo/basketball-zalgiris-efes.jsonl"), encoding: .utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-cat-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (soccer + basketball).write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", path])
        let said = r.stderr.split(separator: "\n")
        #expect(r.status == 0 && said.count == 3, "\(r.stderr)")
        #expect(said.first?.contains("skipped, another recording's header (basketball/5e3eb2b8-e9d3-47e6-acf0-351f15d3d539)") == true, "\(r.stderr)")
        #expect(said.filter { $0.contains("another fixture (5e3eb2b8") }.count == 1, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").last?.contains(#""status":"finished""#) == true)
    }

    /// Another fixture's action is said even when the same frame holds a message that breaks the contract after
    /// it: the fixture's newest problem was read back as the foreign action's reason, and the foreign one was lost.
    @Test func anotherFixturesActionIsSaidBesideABrokenMessage() throws {
        let soccer = try String(contentsOf: repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl"), encoding: .utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-foreign-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let foreign = #"{"fixtureAction":{"actionId":"a1","fixtureId":"0badf00d-0000-4000-8000-000000000000","fixtureSeqNum":9000,"fixtureActionType":"Goal"}}"#
        let broken = #"{"fixtureAction":{"actionId":"a2","fixtureActionType":"Goal"}}"#
        let frame = String(decoding: try JSONEncoder().encode("[\(foreign),\(broken)]"), as: UTF8.self)
        var lines = soccer.split(separator: "\n").map(String.init)
        lines.insert(#"{"t":3,"frame":"# + frame + "}", at: 2)
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("unusable frame: ignored an action for another fixture (0badf00d-0000-4000-8000-000000000000)"), "\(r.stderr)")
    }

    /// A recording that ends before its match does is said on stderr (status 0: the recording is what it is):
    /// its last line read `"status":"live"` with nothing said, and a dataset took half a match for a whole one.
    /// Whole ones beside it say nothing, one thread or several.
    @Test(arguments: [false, true])
    func aRecordingCutBeforeTheEndIsSaid(withAnother: Bool) throws {
        let source = try String(contentsOf: repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl"), encoding: .utf8)
        let lines = source.split(separator: "\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-half-\(UUID()).jsonl").path
        let stub = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-stub-\(UUID()).jsonl").path
        defer { for p in [path, stub] { try? FileManager.default.removeItem(atPath: p) } }
        try (lines.prefix(lines.count / 2).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let header = try #require(try String(contentsOf: repoRoot.appendingPathComponent("demo/volleyball-perugia-zaksa.jsonl"), encoding: .utf8)
            .split(separator: "\n").first)
        try (header + "\n").write(toFile: stub, atomically: true, encoding: .utf8)
        let other = withAnother ? [repoRoot.appendingPathComponent("demo/basketball-zalgiris-efes.jsonl").path] : []
        let r = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", path, stub] + other)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.range(of: #"soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c: the recording ends before the match does \(at seq \d+, live\)"#,
                                options: .regularExpression) != nil, "\(r.stderr)")
        #expect(r.stderr.contains("volleyball/") && r.stderr.contains("the recording ends before the match does (before its first action)"), "\(r.stderr)")
        #expect(!r.stderr.contains("basketball/"), "\(r.stderr)")
    }

    /// A replay stopped by a signal while its reader is behind ends between two lines: killed mid-write, it left the
    /// reader half a line (`timeout 5 courtside demo --headless | jq` ended in a parse error). One recording (read
    /// ahead on a thread) and several (in shares).
    @Test(arguments: [[], ["demo/basketball-zalgiris-efes.jsonl"]])
    func aReplayStoppedBySignalEndsBetweenLines(recordings: [String]) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-cut-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try runProcess("/bin/bash", ["-c", "timeout 0.5 '\(courtsideBinary)' demo \(recordings.joined(separator: " ")) --headless --speed max | (sleep 1.5; cat) > '\(out)'"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!text.isEmpty && text.hasSuffix("\n"), "cut mid-line: …\(text.suffix(80))")
        for line in text.split(separator: "\n") {
            let whole = (try? JSONScanner.withScanner(over: String(line)) { s -> Bool in
                try s.skipValue()
                try s.expectEnd()
                return true
            }) ?? false
            #expect(whole, "\(line.prefix(120))")
        }
    }

    /// A reader that leaves on purpose (`| head -1`) ends `watch` as it ends `demo` and any other program: quietly,
    /// killed by SIGPIPE (status 141). The network library ignores SIGPIPE, so `watch` found an error and said "the
    /// lines after it are lost", status 1, on every `| head`. A parent that starts it with SIGPIPE ignored is still
    /// told, as before.
    @Test func aReaderThatLeavesEndsWatchAsItEndsDemo() throws {
        let (server, port) = try startServe(["--token", "pipe"])
        defer { server.stop() }
        let fixture = try #require(demoRecording("soccer")).header.fixture
        let watch = "COURTSIDE_TOKEN=pipe COURTSIDE_API= COURTSIDE_ENDPOINT= '\(courtsideBinary)' watch \(fixture) --endpoint ws://127.0.0.1:\(port) --speed fast --headless"
        let demo = "'\(courtsideBinary)' demo --headless --speed max"
        for command in [watch, demo] {
            let out = try runProcess("/bin/bash", ["-c", "\(command) | head -1 > /dev/null; echo \"status ${PIPESTATUS[0]}\""], environment: ["HOME": NSTemporaryDirectory()])
            #expect(out.stdout.contains("status 141") && !out.stderr.contains("lines after it are lost"), "\(command): \(out.stdout) \(out.stderr)")
        }
        let told = try runProcess("/bin/bash", ["-c", "trap '' PIPE; \(watch) | head -1 > /dev/null; echo \"status ${PIPESTATUS[0]}\""], environment: ["HOME": NSTemporaryDirectory()])
        #expect(told.stdout.contains("status 1") && told.stderr.contains("standard output: Broken pipe; the lines after it are lost"), "\(told.stdout) \(told.stderr)")
    }

    /// A reader gone stops the run in order before SIGPIPE ends it: killed at the write, a fixture recorded with no
    /// frame yet (here one the server does not know) stayed behind as its header alone.
    @Test func aReaderThatLeavesLetsTheRecordingsClose() throws {
        let (server, port) = try startServe(["--token", "pipe"])
        defer { server.stop() }
        let fixture = try #require(demoRecording("soccer")).header.fixture
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-pipe-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let unknown = "soccer/00000000-0000-0000-0000-000000000001"
        let watch = "COURTSIDE_TOKEN=pipe COURTSIDE_API= COURTSIDE_ENDPOINT= '\(courtsideBinary)' watch \(fixture) \(unknown) --endpoint ws://127.0.0.1:\(port) --speed fast --headless --record '\(dir)'"
        // The reader leaves at the first line with an action: the match's recording holds frames by then.
        let out = try runProcess("/bin/bash", ["-c", "\(watch) | grep -m1 '\"seq\":[1-9]' > /dev/null; echo \"status ${PIPESTATUS[0]}\""], environment: ["HOME": NSTemporaryDirectory()])
        #expect(out.stdout.contains("status 141"), "\(out.stdout) \(out.stderr)")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        #expect(files == [LiveSources.recordingPath(for: fixture, in: dir).components(separatedBy: "/").last!], "\(files)")
    }

    /// A replay whose reader has stopped reading (`| less`, left idle) still ends on a signal, within moments: the
    /// signal waited for the write that the reader held for ever. A second signal ends it at once.
    @Test func aStalledReaderDoesNotHoldASignal() throws {
        let script = "( exec '\(courtsideBinary)' demo --headless --speed max ) > >(sleep 30) & P=$!; sleep 1; S=$(date +%s); kill -TERM $P; wait $P; "
            + "echo \"status $? after $(( $(date +%s) - S ))\""
        let out = try runProcess("/bin/bash", ["-c", script], timeout: 60)
        let words = out.stdout.split(separator: " ")
        #expect(words.count == 4 && words[1] == "143" && (Int(words[3].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 99) <= 4, "\(out.stdout) \(out.stderr)")
    }

    /// A standard output left non-blocking by the parent and read slowly: a write that finds the pipe full waits
    /// for room. It used to drop the rest of its batch, silently, with exit status 0.
    @Test func aNonBlockingStandardOutputLosesNothing() throws {
        let peer = repoRoot.appendingPathComponent("Tests/e2e/nonblocking_stdout.py").path
        let out = try runProcess(python3(), [peer, courtsideBinary, "demo", "--headless", "--speed", "max"])
        #expect(out.stdout == "6c807682622a80103d86bc0815267fcacbd042d6e7bcb823ba7d207cac35799b 0\n", "\(out.stderr)")
    }

    @Test func everyLineFollowsTheContract() throws {
        let result = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max"])
        var seqByFixture: [String: Double] = [:]
        for line in result.stdout.split(separator: "\n") {
            let v = try JSONScanner.withScanner(over: String(line)) { try $0.readValue() }
            for key in ["fixture", "sport", "seq", "status", "score", "clock", "last"] { #expect(v[key] != nil, "\(key) in \(line)") }
            #expect(v["score"]?["home"]?.intValue != nil)
            let id = v["fixture"]!.stringValue!
            let seq = v["seq"]!.doubleValue!
            #expect(seq >= seqByFixture[id, default: -1], "seq never goes back")
            seqByFixture[id] = seq
        }
    }

    @Test func badRecordingLinesAreReportedAndTheRestPlays() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try String(contentsOf: repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl"), encoding: .utf8)
        var lines = source.split(separator: "\n").map(String.init)
        lines.insert("this is not a recording line", at: 5)
        lines.insert(#"{"t":12,"frame":"{\"fixtureAction\":{\"fixtureSeqNum\":-3}}"}"#, at: 9)
        let path = dir.appendingPathComponent("broken.jsonl").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let result = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("broken.jsonl:6: skipped"), "\(result.stderr)")
        // Both counted: the line that is no recording line too (the count said 1 of 2 lost).
        #expect(result.stderr.contains(": 2 unusable lines, frames or action messages left out"), "\(result.stderr)")
        let finals = try finalLines(result.stdout)
        let clean = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path])
        let cleanFinals = try finalLines(clean.stdout)
        #expect(finals.values.first?["score"] == cleanFinals.values.first?["score"], "nothing else was lost")
    }

    /// `--speed max` over many recordings plays them in shares, a thread each (`--shares`, one a core by default):
    /// the same lines on standard output and the same problems on standard error, in the same order, as one thread
    /// playing them all in time order (`--speed 1e9`); one share (`--shares 1`, a machine with one core) too, and
    /// the folder that holds them.
    @Test func sharesOnThreadsPrintWhatOneThreadPrints() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for (i, recording) in MatchSimulator.matches(count: 10).enumerated() {
            var lines = recording.text.split(separator: "\n").map(String.init)
            if i % 4 == 2 { lines.insert("a bad line in match \(i)", at: 7 + i) }
            let path = dir.appendingPathComponent("match-\(i).jsonl").path
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let one = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "1000000000"] + paths)
        #expect(one.status == 0 && one.stdout.count > 100_000, "\(one.stderr)")
        #expect(one.stderr.components(separatedBy: ": skipped, not a").count == 3, "both bad lines reported: \(one.stderr)")
        for shares in ["1", "3", "16"] {
            let run = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", "--shares", shares] + paths)
            #expect(run.status == 0)
            #expect(run.stdout == one.stdout, "--shares \(shares)")
            #expect(run.stderr == one.stderr, "--shares \(shares)")
        }
        // Their folder, named instead of them, plays them in the order of their names, which is theirs here.
        let folder = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", dir.path])
        #expect(folder.status == 0)
        #expect(folder.stdout == one.stdout)
        #expect(folder.stderr == one.stderr)
    }

    /// Recordings are read as they play: a recording's size adds nothing to the peak memory of its replay
    /// beyond what its match holds (these frames are notices, which hold nothing). Read whole, as before, it
    /// added twice its size.
    @Test func aRecordingsSizeDoesNotAddToPeakMemory() throws {
        let path = NSTemporaryDirectory() + "courtside-notices-\(UUID()).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let notice = RecordedFrame(t: 1, frame: #"{"type":"notice","text":""# + String(repeating: "x", count: 10_000) + #""}"#).jsonLine
        var text = RecordingHeader(sport: "soccer", fixtureId: "notices").jsonLine + "\n"
        for _ in 0..<1500 { text += notice + "\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let size = Double(text.utf8.count) / 1024
        let peak = repoRoot.appendingPathComponent("Tests/e2e/peak_rss.py").path
        func peakKiB(_ recording: String) throws -> Double {
            let result = try runProcess(python3(), [peak, courtsideBinary, "demo", "--headless", "--speed", "max", recording])
            #expect(result.status == 0, "\(result.stderr)")
            return Double(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .infinity
        }
        let small = try peakKiB(repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path)
        let big = try peakKiB(path)
        #expect(big - small < size / 2, "peak \(Int(big)) KiB for a \(Int(size)) KiB recording, \(Int(small)) KiB for the demo's")
    }

    /// A frame that is not JSON and an action message that breaks the contract are said on standard error, once
    /// each, in the same place at every speed; the lines are what they are without them (they were only counted,
    /// and a headless user never learnt of them).
    @Test func unusableFramesAreReportedNotJustCounted() throws {
        let demo = try String(contentsOf: repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl"), encoding: .utf8)
        var lines = demo.split(separator: "\n").map(String.init)
        let dir = NSTemporaryDirectory() + "courtside-unusable-\(UUID())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plain = dir + "/plain.jsonl", bad = dir + "/bad.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: plain, atomically: true, encoding: .utf8)
        lines.insert(RecordedFrame(t: 30, frame: "not json at all").jsonLine, at: 4)
        lines.insert(RecordedFrame(t: 31, frame: #"{"fixtureAction":{"actionId":"x"}}"#).jsonLine, at: 5)
        lines.insert(RecordedFrame(t: 32, frame: "not json at all").jsonLine, at: 6)
        try (lines.joined(separator: "\n") + "\n").write(toFile: bad, atomically: true, encoding: .utf8)
        let expected = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", plain])
        let fast = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", bad, plain])
        let timed = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "1e9", bad, plain])
        #expect(fast.status == 0 && timed.status == 0, "\(fast.stderr)")
        #expect(fast.stderr.components(separatedBy: "unusable frame: not JSON").count - 1 == 1, "\(fast.stderr)")
        #expect(fast.stderr.contains("unusable frame: action message without fixtureSeqNum"), "\(fast.stderr)")
        #expect(fast.stdout == timed.stdout && fast.stderr == timed.stderr)
        let alone = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", bad])
        #expect(alone.stdout == expected.stdout, "the lines are the plain recording's")
    }

    /// A line longer than the reader's limit (64 MiB; here 200 MB of NULs, a sparse file) is skipped unread and
    /// reported with its line number, and the lines before and after it play as they do without it. Grown to fit
    /// it, the buffer doubled to 256 MiB here, and to 4 GiB for a 2.5 GB line, where the replay died with nothing
    /// printed.
    @Test func aLineLongerThanTheLimitIsSkippedAndTheRestPlays() throws {
        let demo = try String(contentsOf: repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl"), encoding: .utf8)
        let lines = demo.split(separator: "\n", omittingEmptySubsequences: false)
        let head = lines.prefix(4).joined(separator: "\n") + "\n"
        let tail = "\n" + lines.dropFirst(4).joined(separator: "\n")
        let dir = NSTemporaryDirectory() + "courtside-long-\(UUID())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plain = dir + "/plain.jsonl", long = dir + "/long.jsonl"
        try (head + tail.dropFirst()).write(toFile: plain, atomically: true, encoding: .utf8)
        try head.write(toFile: long, atomically: true, encoding: .utf8)
        let file = try #require(FileHandle(forWritingAtPath: long))
        try file.truncate(atOffset: UInt64(head.utf8.count) + 200_000_000)  // a sparse run of NUL bytes, no newline
        try file.seekToEnd()
        try file.write(contentsOf: Data(tail.utf8))
        try file.close()
        let peak = repoRoot.appendingPathComponent("Tests/e2e/peak_rss.py").path
        let expected = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", plain])
        let result = try runProcess(python3(), [peak, courtsideBinary, "demo", "--headless", "--speed", "max", long], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let kib = Double(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .infinity
        #expect(kib < 150 * 1024, "peak \(Int(kib)) KiB")
        let replay = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", long], timeout: 120)
        #expect(replay.stderr.contains("long.jsonl:5: skipped, a line longer than 64 MiB"), "\(replay.stderr)")
        let lastScore = { (text: String) in finals(text).values.first?["score"] }
        #expect(lastScore(replay.stdout) != nil && lastScore(replay.stdout) == lastScore(expected.stdout), "the lines after it play")
    }

    /// An archive holds more recordings than the usual soft limit of open files (1,024), and each is held open
    /// while it plays: the replay raises its limit toward the hard one and plays them all, as it does unlimited;
    /// where the hard limit is too low it fails before it starts, saying which limit, not "cannot read" a file; a
    /// limit too low for an archive is still enough for a few recordings.
    @Test func anArchiveLargerThanTheSoftLimitOfOpenFilesPlaysWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 300
        for i in 0..<count {
            let header = RecordingHeader(sport: ["soccer", "basketball", "volleyball", "snooker"][i % 4], fixtureId: "archived-\(i)")
            let frame = RecordedFrame(t: Double(i % 7), frame: #"{"type":"heartbeat"}"#).jsonLine
            try (header.jsonLine + "\n" + frame + "\n").write(toFile: dir.appendingPathComponent(String(format: "m-%04d.jsonl", i)).path, atomically: true, encoding: .utf8)
        }
        func run(_ limits: String) throws -> ProcessResult {
            try runProcess("/bin/sh", ["-c", "\(limits) exec \"$0\" \"$@\"", courtsideBinary, "demo", "--headless", "--speed", "max", dir.path])
        }
        let unlimited = try run("")
        #expect(unlimited.status == 0, "\(unlimited.stderr)")
        #expect(Set(unlimited.stdout.split(separator: "\n").compactMap { JSONValue.parse(String($0))?["fixture"] }).count == count)
        // A share of this many tracks plays in wider windows (`Window.forShare`): the order is one thread's still.
        for extra in [["--speed", "1000000000"], ["--speed", "max", "--shares", "1"]] {
            let other = try runProcess(courtsideBinary, ["demo", "--headless", dir.path] + extra)
            #expect(other.status == 0 && other.stdout == unlimited.stdout && other.stderr == unlimited.stderr, "\(extra)")
        }
        let soft = try run("ulimit -Sn 100 &&")
        #expect(soft.status == 0, "\(soft.stderr)")
        #expect(soft.stdout == unlimited.stdout && soft.stderr == unlimited.stderr)
        let hard = try run("ulimit -Sn 100 && ulimit -Hn 100 &&")
        #expect(hard.status != 0 && hard.stdout.isEmpty)
        #expect(hard.stderr.contains("\(count) recordings play at once") && hard.stderr.contains("ulimit -Hn"), "\(hard.stderr)")
        #expect(!hard.stderr.contains("cannot read"))
        // A limit of a dozen files beyond those the shell hands down (the test runner's, inherited).
        let tight = "n=$(( $(ls /proc/$$/fd | wc -l) + 12 )) && ulimit -Sn $n && ulimit -Hn $n && exec \"$0\" \"$@\""
        let few = try runProcess("/bin/sh", ["-c", tight, courtsideBinary, "demo", "--headless", "--speed", "max",
                                             dir.appendingPathComponent("m-0000.jsonl").path, dir.appendingPathComponent("m-0001.jsonl").path])
        #expect(few.status == 0 && few.stdout.split(separator: "\n").count == 4, "\(few.stderr)")
    }

    @Test func missingRecordingFailsClearly() throws {
        // `serve` says why as `demo` does: it said only "cannot read the file".
        for command in ["demo", "serve"] {
            let result = try runProcess(courtsideBinary, [command, command == "demo" ? "--headless" : "--port=0", "/nonexistent/x.jsonl"], timeout: 10)
            #expect(result.status != 0)
            #expect(result.stderr.contains("/nonexistent/x.jsonl: cannot read the file (No such file or directory)"), "\(command): \(result.stderr)")
        }
    }
}
}
