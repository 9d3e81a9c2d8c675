import Foundation
import Testing
import Fuzzing
import TUI
import Feeds
import ReplayServer
@testable import LiveActions
import Scoring
@testable import Scoreboard
import Simulator
import Terminal

/// Input Courtside does not control, at its worst. Each case must end as a clear problem on the fixture (or a
/// skipped line), never a crash, and everything received before and after it must still count.
@Suite struct HostileInputTests {
    static let ref = FixtureRef(sport: "soccer", id: "f-hostile")

    /// A valid action message for `ref`, with `extra` spliced into its `fixtureAction`.
    static func message(seq: Int, type: String = "Goal", home: Bool = true, extra: String = "") -> String {
        #"{"fixtureAction":{"actionId":"a-\#(seq)","fixtureId":"f-hostile","fixtureSeqNum":\#(seq),"sendTypeId":5,"#
            + #""fixtureActionType":"\#(type)","team":{"homeTeam":\#(home),"name":"\#(home ? "Home" : "Away")"}\#(extra)}}"#
    }

    /// Plays text frames into one fixture the way the socket would, raw bytes included.
    static func play(_ frames: [[UInt8]]) -> FixtureState {
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref)])
        for (i, bytes) in frames.enumerated() {
            let frame = FrameDecoder.decode(bytes: bytes)
            _ = AppReducer.reduce(&state, .feed(.frame(ref, frame, at: Double(i), bytes: bytes.count)))
        }
        return state.fixtures[0]
    }

    /// A hostile frame between two goals: it is counted as malformed with `reason`, both goals still count.
    static func expectSurvived(_ hostile: [UInt8], reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let f = play([Array(message(seq: 1).utf8), hostile, Array(message(seq: 2, home: false).utf8)])
        #expect(f.malformed == 1, sourceLocation: sourceLocation)
        #expect(f.problems.contains { $0.contains(reason) }, "\(f.problems)", sourceLocation: sourceLocation)
        #expect(f.match.headline == Score(1, 1), sourceLocation: sourceLocation)
        #expect(f.log.state == f.log.freshFold(), sourceLocation: sourceLocation)
    }

    @Test func aSixteenMebibyteFrameIsRefusedByItsSizeAndTheStreamGoesOn() {
        let padding = String(repeating: "x", count: 16 << 20)
        let huge = Array(Self.message(seq: 3, extra: #","metadata":{"blob":"\#(padding)"}"#).utf8)
        #expect(huge.count > 16 << 20)
        Self.expectSurvived(huge, reason: "MiB limit")
        // Below the limit a large frame is an ordinary frame.
        let big = Self.message(seq: 3, extra: #","metadata":{"blob":"\#(String(repeating: "y", count: 3 << 20))"}"#)
        guard case .actions(let m, let invalid) = FrameDecoder.decode(big) else { Issue.record("3 MiB frame not decoded"); return }
        #expect(m.count == 1 && invalid.isEmpty)
    }

    @Test(arguments: [
        String(repeating: "[", count: 100_000),
        String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000),
        String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000),
        HostileInputTests.message(seq: 3, extra: #","metadata":"# + String(repeating: #"{"m":"#, count: 200) + "0" + String(repeating: "}", count: 200)),
    ])
    func deeplyNestedJSONStopsAtTheDepthLimit(text: String) {
        Self.expectSurvived(Array(text.utf8), reason: "nested deeper than 128")
    }

    @Test(arguments: [
        [0xFF, 0xFE, 0x00, 0x01],                         // a binary blob
        [0x7B, 0x22, 0xC0, 0xAF, 0x22, 0x3A, 0x31, 0x7D], // {"<overlong />":1}
        [0x22, 0xED, 0xA0, 0x80, 0x22],                   // a surrogate encoded in UTF-8
        Array(#"{"fixtureAction":{"fixtureSeqNum":3,"team":{"name":""#.utf8) + [0xE2, 0x82] + Array(#""}}}"#.utf8),
    ] as [[UInt8]])
    func invalidUTF8IsRefusedNotRepaired(bytes: [UInt8]) {
        Self.expectSurvived(bytes, reason: "not valid UTF-8")
    }

    @Test(arguments: [
        ("-1", "out of range"), ("1e400", "out of range"), ("1.5", "out of range"), ("-0.5", "out of range"),
        ("1099511627776", "out of range"), ("9007199254740993", "out of range"), ("99999999999999999999999", "out of range"),
        (#""seven""#, "without fixtureSeqNum"), ("null", "without fixtureSeqNum"), ("[3]", "without fixtureSeqNum"),
    ])
    func sequenceNumbersOutOfRangeAreMalformed(seq: String, reason: String) {
        let text = #"{"fixtureAction":{"actionId":"x","fixtureSeqNum":\#(seq),"fixtureActionType":"Goal","team":{"homeTeam":true}}}"#
        Self.expectSurvived(Array(text.utf8), reason: reason)
    }

    @Test func theLargestAcceptedSequenceNumberDoesNotDisturbTheOthers() {
        let top = (1 << 40) - 1
        let f = Self.play([Self.message(seq: top, home: false), Self.message(seq: 1), Self.message(seq: 2)].map { Array($0.utf8) })
        #expect(f.malformed == 0)
        #expect(f.log.entries.map(\.position) == [1, 2, top])
        #expect(f.match.headline == Score(2, 1))
        #expect(f.log.messageCount == 3)
    }

    @Test func otherNumbersOutOfRangeAreDroppedFieldByField() throws {
        let text = #"{"fixtureAction":{"actionId":"x","fixtureSeqNum":7,"period":1e300,"clockTime":12,"timelineSequence":1e400,"#
            + #""fixtureActionTypeId":-1e400,"sendTypeId":1e20,"fixtureActionType":"Goal","team":{"homeTeam":true}}}"#
        guard case .actions(let m, let invalid) = FrameDecoder.decode(text) else { Issue.record("not decoded"); return }
        let a = try #require(m.first?.action)
        #expect(invalid.isEmpty)
        #expect(a.period == nil)
        #expect(a.clockTime == "12")
        #expect(a.timelineSequence == nil)
        #expect(a.typeId == nil)
        #expect(a.sendType == .confirmed, "an unknown send type id falls back to the name, then Confirmed")
        // Snooker points beyond any real value are ignored, not added.
        var log = MatchLog(sport: .snooker)
        var pot = a
        pot.type = "Pot"
        pot.metadata = ["points": .number(1e308)]
        log.apply(ActionMessage(action: pot))
        #expect(log.state.headline == Score(0, 0))
        #expect(log.state == log.freshFold())
    }

    @Test func anActionForAnotherFixtureOnThisSocketIsIgnoredAndSaid() {
        let foreign = Self.message(seq: 3).replacingOccurrences(of: "f-hostile", with: "someone-else")
        Self.expectSurvived(Array(foreign.utf8), reason: "another fixture (someone-else)")
    }

    @Test func controlCharactersAndEscapesInNamesNeverReachTheScreenOrTheJSONLinesRaw() {
        let evil = "\u{1B}]2;PWNED\u{07}\u{1B}[2J\u{9B}31mEvil\u{202E}\u{0}"
        let text = #"{"fixtureAction":{"actionId":"x","fixtureId":"f-hostile","fixtureSeqNum":1,"fixtureActionType":"Goal \u001b[5m","#
            + #""team":{"homeTeam":true,"name":"\u001b]2;PWNED\u0007\u001b[2J\u009b31mEvil\u202e\u0000"},"player":{"name":"\u001b[31mRed"}}}"#
        let f = Self.play([Array(text.utf8)])
        #expect(f.homeName == evil, "kept as received")
        var state = AppState(mode: .live, fixtures: [f])
        state.focus = 0
        for (w, h) in [(120, 40), (80, 24)] {
            let canvas = Screen.render(state, width: w, height: h, theme: .fallback)
            for cell in canvas.cells {
                #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
            }
            #expect(canvas.text.contains("Evil"))
        }
        let line = HeadlessLine.json(for: f)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(line)")
        #expect(JSONValue.parse(line)?["home"]?.stringValue == evil, "escaped, and the same text once parsed")
    }

    @Test func veryLongNamesRenderWithinBounds() {
        let long = String(repeating: "Ωmega丁", count: 20_000)
        let f = Self.play([Array(Self.message(seq: 1).replacingOccurrences(of: #""name":"Home""#, with: #""name":"\#(long)""#).utf8)])
        #expect(f.homeName == long)
        var state = AppState(mode: .live, fixtures: [f, FixtureState(ref: FixtureRef(sport: "basketball", id: "b"))])
        for focus in [0, 1] {
            state.focus = focus
            for (w, h) in [(200, 60), (80, 24), (40, 12)] {
                let canvas = Screen.render(state, width: w, height: h, theme: .fallback)
                let rows = canvas.text.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(rows.count <= h)
                #expect(rows.allSatisfy { DisplayWidth.of(String($0)) <= w }, "\(w)×\(h) focus \(focus)")
            }
        }
    }

    @Test func aStartPositionBeyondTheEndServesNothingAndEndsTheStream() throws {
        let recording = try #require(MatchSimulator.matches(count: 1).first)
        let served = ServedFixture(recording)
        #expect(served.firstIndex(startPosition: served.totalEvents) == served.items.count)
        #expect(served.firstIndex(startPosition: served.totalEvents + 1) == served.items.count)
        #expect(served.firstIndex(startPosition: Int.max) == served.items.count)
        #expect(served.firstIndex(startPosition: Int.min) == 0)
        #expect(StreamQuery("startPosition=99999999999999999999999").problems.count == 1)
        #expect(StreamQuery("startPosition=-3").problems.count == 1)
        #expect(StreamQuery("startPosition=12&speed=fast") == StreamQuery("speed=fast&startPosition=12"))
    }

    @Test func aRecordingWithGarbageLinesPlaysEveryGoodLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-hostile-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func line(_ t: Int, _ frame: String) -> [UInt8] {
            Array((JSONValue.object(["t": .number(Double(t)), "frame": .string(frame)]).jsonText + "\n").utf8)
        }
        var bytes = Array(#"{"recording":1,"sport":"soccer","fixtureId":"f-hostile"}"#.utf8) + [0x0A]
        bytes += line(1, Self.message(seq: 1))
        bytes += [0xFF, 0x00, 0xC3, 0x28, 0x0A]                        // binary junk
        bytes += Array(#"{"t":2,"frame":"unterminated"#.utf8) + [0x0A]  // a cut line
        bytes += Array(repeating: UInt8(ascii: "{"), count: 100_000) + [0x0A]
        bytes += Array(#"{"t":1e999,"frame":"x"}"#.utf8) + [0x0A]
        bytes += line(3, Self.message(seq: 2, home: false))
        bytes += Array(#"{"t":4,"frame":"caf"#.utf8) + [0xE2, 0x82] + Array(#""}"#.utf8) + [0x0A]  // invalid UTF-8 inside
        bytes += line(5, Self.message(seq: 3))
        let path = dir.appendingPathComponent("garbage.jsonl").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let r = try RecordingStore.load(path)
        #expect(r.problems.map { $0.split(separator: ":").dropFirst().first.map(String.init) } == ["3", "4", "5", "6"])
        #expect(r.frames.count == 4, "three goals and the repaired line")
        #expect(r.frames[2].frame == "caf\u{FFFD}")
        let f = Self.play(r.frames.map { Array($0.frame.utf8) })
        #expect(f.match.headline == Score(2, 1))
    }

    /// A header names its fixture unchecked, and stderr's messages name the fixture: an escape sequence there
    /// retitled the terminal and cleared it from `demo --headless`.
    @Test func escapesInARecordingsHeaderNeverReachStderrRaw() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-hostile-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = #"{"recording":1,"sport":"bask\u001b]0;PWNED\u0007etball","fixtureId":"\u001b[2Jx"}"#
        let good = JSONValue.object(["t": .number(1), "frame": .string(Self.message(seq: 1))]).jsonText
        let path = dir.appendingPathComponent("hostile-header.jsonl").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data((header + "\n" + good + "\nnot json\n").utf8)))
        let r = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", path])
        #expect(r.stderr.contains("line 3") || r.stderr.contains(":3"), "the bad line is still reported: \(r.stderr)")
        #expect(!r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(r.stderr.debugDescription)")
        #expect(!r.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "the JSON lines escape them")
    }
}

/// The CI-sized fuzz run: seeded mutations of every demo frame and the protocol samples through the decoder
/// and the reducers, checking after each input that the fixture's state is still a fresh fold of its log, and that
/// the input decodes through a replay's cache (which earlier inputs filled) as it does with none.
/// `fuzz/run` is the full, coverage-guided run (libFuzzer, a million inputs).
@Suite struct FuzzTests {
    @Test(arguments: [1, 2] as [UInt64])
    func mutatedFramesNeverCrashOrBreakTheFold(seed: UInt64) throws {
        let corpus = try FuzzCorpus.frames(repository: repoRoot)
        #expect(corpus.count > 1000)
        var fuzzer = FrameFuzzer(seed: seed, corpus: corpus)
        var run = FuzzRun(resetEvery: 1000)
        var broken: [Int] = []
        for i in 0..<25_000 {
            let fixture = run.feed(fuzzer.next())
            if !run.isConsistent(fixture: fixture) { broken.append(i) }
        }
        #expect(broken.isEmpty, "inputs whose fold went wrong (seed \(seed)): \(broken.prefix(10))")
        #expect(run.cacheMismatches.isEmpty, "inputs decoded differently through a replay's cache (seed \(seed)): \(run.cacheMismatches.prefix(10))")
        // The mutations reach every outcome, so the run is not just bouncing off the JSON parser.
        for kind in ["actions", "heartbeat", "traffic", "malformed"] {
            #expect(run.frames[kind, default: 0] > 0, "no \(kind) frames in \(run.frames)")
        }
    }
}
