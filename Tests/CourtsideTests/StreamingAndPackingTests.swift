import Foundation
import Testing
import Feeds
@testable import LiveActions
import Simulator
@testable import Scoring
@testable import Scoreboard

/// The pieces behind a long replay in bounded memory: the packed match log, the sequence-number bits, the
/// recording read from disk as it plays, the byte-level JSON reader and writer. Each is checked against the
/// plain structure it replaces, which stays the reference.
@Suite struct StreamingAndPackingTests {
    static func action(_ r: inout SeededRandom, seq: Int) -> Action {
        func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &r)] }
        let sends: [SendType] = [.pending, .updated, .cancelled, .deleted, .confirmed, .restored, .unknown("Reviewed")]
        let ints: [Int?] = [nil, 0, 7, -3, 1 << 40, Int(Int32.max), Int(Int32.min), 22]
        return Action(
            actionId: PackedText(pick(["a\(seq)", "4f1c2d3e-0000-4000-a000-\(String(seq, radix: 16))", "", Self.uuid(&r), Self.uuid(&r).uppercased()])),
            fixtureId: pick([nil, "5e3eb2b8-e9d3-47e6-acf0-351f15d3d539"]), seq: seq,
            timelineSequence: pick([nil, 1e-06, 3.5]), timestamp: pick([nil, "2026-11-20T19:00:02.000Z", Self.timestamp(&r), "2026-11-20T19:00:02Z", "2026-11-20 19:00"]).map { PackedText($0) },
            period: pick(ints), clockTime: pick([nil, "", "12:34"]), sendType: pick(sends),
            type: pick(["Goal", "Two Points Made", "", "Ünïcode type with a long name"]), typeId: pick(ints),
            subType: pick([nil, "Penalty"]), subTypeId: pick(ints),
            team: pick([nil, TeamRef(isHome: nil), TeamRef(isHome: true, id: "t1", name: "Žalgiris Kaunas"), TeamRef(isHome: false, id: nil, name: "Anadolu Efes")]),
            player: pick([nil, PlayerRef(), PlayerRef(id: "p9", name: "Amadeo Tessitori")]),
            related: pick([[], ["x", "y"]]), metadata: pick([[:], ["points": 3, "homeTeamColour": "0, 128, 64"]]),
            delayStatus: pick([nil, "Delayed"]), periodType: pick([nil, "Regular", "Shootout"]))
    }

    static func uuid(_ r: inout SeededRandom) -> String {
        let hex = Array("0123456789abcdef")
        return String((0..<36).map { [8, 13, 18, 23].contains($0) ? "-" : hex[Int.random(in: 0..<16, using: &r)] })
    }

    static func timestamp(_ r: inout SeededRandom) -> String {
        func d(_ n: Int, _ width: Int) -> String { String(String(n + 10_000).suffix(width)) }
        return "\(d(Int.random(in: 0...9999, using: &r), 4))-\(d(Int.random(in: 1...12, using: &r), 2))-\(d(Int.random(in: 1...31, using: &r), 2))T"
            + "\(d(Int.random(in: 0...23, using: &r), 2)):\(d(Int.random(in: 0...59, using: &r), 2)):\(d(Int.random(in: 0...59, using: &r), 2)).\(d(Int.random(in: 0...999, using: &r), 3))Z"
    }

    /// Ids and timestamps in the provider's shapes live in sixteen bytes, and every text reads back as it came,
    /// whether packed or not: each valid shape, and each with one byte changed at each place.
    @Test func packedTextReadsBackAsItCameAndPacksOnlyTheShapesItKnows() {
        var r = SeededRandom(seed: 36)
        func packed(_ t: PackedText) -> Bool { if case .text = t.storage { false } else { true } }
        var valid = ["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "0000-01-01T00:00:00.000Z",
                     "9999-99-99T99:99:99.999Z", "61e84a1a45a641c8a30450bee624729d", "2023-05-14T13:36:57.372386Z",
                     "2023-05-14T13:36:57Z", "9999-99-99T99:99:99.999999Z"]
        for _ in 0..<200 {
            let time = Self.timestamp(&r)
            valid += [Self.uuid(&r), time, Self.uuid(&r).filter { $0 != "-" }, String(time.prefix(19)) + "Z", String(time.dropLast()) + "\(Int.random(in: 100...999, using: &r))Z"]
        }
        for text in valid {
            let p = PackedText(text)
            #expect(packed(p), "\(text)")
            #expect(p.string == text)
            #expect(p == PackedText(text) && p.hashValue == PackedText(text).hashValue)
        }
        let other = PackedText(valid[4])
        for text in valid.prefix(20) {
            var bytes = Array(text.utf8)
            for i in bytes.indices {
                let original = bytes[i]
                for b in Array("0af-:.TZAFg/ é`@9".utf8) + [0x7F, 0xFF] where b != original {
                    bytes[i] = b
                    let changed = String(decoding: bytes, as: UTF8.self)
                    let p = PackedText(changed)
                    #expect(p.string == changed)
                    #expect(p == PackedText(changed) && p != PackedText(text))
                    #expect((other == p) == (changed == valid[4]))
                    #expect((p == PackedText(text)) == (changed == text) && (p.key == PackedText(changed).key))
                    let stillTheShape = (b >= 0x30 && b <= 0x39) || ((text.count == 36 || text.count == 32) && b >= 0x61 && b <= 0x66)
                    #expect(packed(p) == (stillTheShape && (original >= 0x30 && original <= 0x39 || original >= 0x61 && original <= 0x66)), "\(changed)")
                }
                bytes[i] = original
            }
        }
        for text in ["", "a1", Self.uuid(&r).uppercased(), Self.uuid(&r).filter { $0 != "-" }.uppercased(), Self.uuid(&r) + "0", String(Self.uuid(&r).dropLast()), "2026-11-20T19:00:02.0Z", "2026-11-20T19:00:02.00000Z", "2026-11-20T19:00:02.000+01:00", "2026-11-20 19:00:02.000Z"] {
            #expect(!packed(PackedText(text)) && PackedText(text).string == text)
        }
    }

    @Test func aPackedEntryIsTheEntryItWasMadeOf() {
        var r = SeededRandom(seed: 11)
        var entries = ActionEntries()
        var plain: [ActionEntry] = []
        for seq in 0..<3000 {
            let a = Self.action(&r, seq: seq)
            let e = ActionEntry(action: a, kind: ActionKind(a), position: seq, versions: seq % 4 + 1, wasPending: seq % 3 == 0)
            entries.append(e)
            plain.append(e)
        }
        #expect(Array(entries) == plain)
    }

    @Test func entriesThatCountAreCountedInPlaceAsTheEntriesSay() {
        // A log across several chunks, with every send type and late versions of earlier actions: the count read
        // in place agrees with the entries rebuilt, for every kind.
        var r = SeededRandom(seed: 13)
        let kinds: [ActionKind] = [.goal, .twoPointsMade, .endPeriod, .other]
        let types = ["Goal", "Two Points Made", "End Period", "Ünïcode type"]
        var log = MatchLog(sport: .basketball)
        for seq in 0..<(2 * ActionEntries.chunkSize) {
            var a = Self.action(&r, seq: seq)
            // One in four messages is a later version of an earlier action.
            a.actionId = "a\(Int.random(in: 0..<4, using: &r) == 0 ? Int.random(in: 0...seq, using: &r) : seq)"
            a.type = types[Int.random(in: 0..<types.count, using: &r)]
            a.typeId = nil
            log.apply(ActionMessage(action: a))
        }
        #expect(log.entries.count > ActionEntries.chunkSize)
        for kind in kinds + [.redCard] {
            #expect(log.entries.countCounted(kind) == log.entries.filter { $0.kind == kind && $0.standing == .counted }.count)
        }
        #expect(kinds.map { log.entries.countCounted($0) }.allSatisfy { $0 > 0 })
    }

    @Test func insertsAndRemovesAcrossChunksMatchAnArray() {
        var r = SeededRandom(seed: 12)
        var entries = ActionEntries()
        var plain: [ActionEntry] = []
        for step in 0..<(3 * ActionEntries.chunkSize) {
            let a = Self.action(&r, seq: step)
            let e = ActionEntry(action: a, kind: .other, position: step, versions: 1, wasPending: false)
            switch Int.random(in: 0..<10, using: &r) {
            case 0 where !plain.isEmpty:
                let i = Int.random(in: 0..<plain.count, using: &r)
                #expect(entries.remove(at: i) == plain.remove(at: i))
            case 1, 2:
                let i = Int.random(in: 0...plain.count, using: &r)
                entries.insert(e, at: i)
                plain.insert(e, at: i)
            case 3 where !plain.isEmpty:
                let i = Int.random(in: 0..<plain.count, using: &r)
                entries.replace(at: i, with: e)
                plain[i] = e
            default:
                entries.append(e)
                plain.append(e)
            }
        }
        #expect(entries.count == plain.count)
        #expect(Array(entries) == plain)
        #expect(entries.chunks.dropLast().allSatisfy { $0.count == ActionEntries.chunkSize }, "every chunk but the last is full")
        // What the entries could not hold in place is held once for each entry that needs it: the slots of the
        // entries replaced and removed were let go (and reused), not kept.
        let texts = plain.reduce(0) { n, e in n + (e.action.actionId.words == nil ? 1 : 0) + (e.action.timestamp.map { $0.words == nil } == true ? 1 : 0) }
        let extras = plain.filter { e in
            let a = e.action
            return !a.related.isEmpty || !a.metadata.isEmpty || [a.period, a.typeId, a.subTypeId].contains { PackedEntry.small($0) == nil }
        }.count
        #expect(texts > 0 && extras > 0)
        #expect(entries.sideSlotsInUse.texts == texts && entries.sideSlotsInUse.extras == extras)
        #expect(entries.sideSlotsMade.texts < texts + texts / 20 && entries.sideSlotsMade.extras < extras + extras / 20, "slots let go are reused")
    }

    @Test func sequenceNumbersAsBitsHoldWhatASetHolds() {
        var r = SeededRandom(seed: 13)
        var bits = SeqSet()
        var set: Set<Int> = []
        for _ in 0..<20_000 {
            let n = switch Int.random(in: 0..<10, using: &r) {
            case 0: Int.random(in: -5...5, using: &r)
            case 1: Int.random(in: 0..<(1 << 40), using: &r)
            default: Int.random(in: 0..<30_000, using: &r)
            }
            #expect(bits.insert(n) == set.insert(n).inserted)
        }
        #expect(bits.count == set.count)
        for n in -10..<40_000 { #expect(bits.contains(n) == set.contains(n)) }
        // The same numbers in another order are stored differently, and are still equal.
        var again = SeqSet()
        for n in set.sorted().reversed() { _ = again.insert(n) }
        #expect(again == bits)
        _ = again.insert(1 << 41)
        #expect(again != bits)
    }

    @Test func theLogIsTheSameWhateverTheOrder() {
        // The packed log keeps the invariant the plain one had: any delivery order folds to the same log.
        let recording = MatchSimulator.matches(count: 1)[0]
        let messages = recording.frames.flatMap { f -> [ActionMessage] in
            if case .actions(let m, _) = FrameDecoder.decode(f.frame) { return m }
            return []
        }
        let inOrder = fold(.basketball, messages)
        var r = SeededRandom(seed: 14)
        let shuffled = fold(.basketball, messages.shuffled(using: &r) + messages.prefix(50))
        #expect(shuffled == inOrder)
        #expect(shuffled.state == shuffled.freshFold())
        #expect(shuffled.messageCount == inOrder.messageCount)
    }

    @Test func theKeyTableHoldsWhatADictionaryHolds() {
        var r = SeededRandom(seed: 21)
        var table = KeyTable()
        var plain: [UInt64: Int] = [:]
        // Few distinct keys among many writes (overwrites), low bits alike (probing), and keys 0 and 1.
        let keys = (0..<3000).map { i in i < 2 ? UInt64(i) : UInt64.random(in: 0...UInt64.max, using: &r) & ~0xFFFF | UInt64(i % 7) << 1 }
        for n in 0..<20000 {
            let key = keys[Int.random(in: 0..<keys.count, using: &r)]
            if n % 3 == 0 {
                // A lookup that stores when the key is new, in one probe.
                #expect(table.value(key, elseInserting: n) == plain[key | 1])
                if plain[key | 1] == nil { plain[key | 1] = n }
            } else {
                table[key] = n
                plain[key | 1] = n
            }
        }
        for key in keys { #expect(table[key] == plain[key | 1]) }
        #expect(table[0xDEAD_BEEF_0000_0000] == nil)
    }

    @Test func theSymbolTableNumbersEachStringOnce() {
        // Enough strings to grow its index several times, each asked for twice, in fresh storage the second time.
        let table = SymbolTable()
        let strings = (0..<5000).map { "a string long enough to live on the heap, number \($0)" } + ["", "Goal", "Žalgiris"]
        let symbols = strings.map { table.symbol($0) }
        #expect(Set(symbols.map(\.rawValue)).count == strings.count)
        #expect(strings.map { table.symbol(String($0.utf8)).rawValue } == symbols.map(\.rawValue))
        #expect(strings.map { s in Array(s.utf8).withUnsafeBufferPointer { table.symbol(utf8: $0).rawValue } } == symbols.map(\.rawValue))
        #expect(symbols.map { table.string($0) } == strings)
        #expect(Symbol(nil as String?) == .none && Symbol.none.string == nil && Symbol("").string == "")
        // The empty string is numbered second in every table, so that emptiness is known from the number alone.
        #expect(table.symbol("") == .empty && Symbol("") == .empty && Symbol.empty.isEmptyOrNone && Symbol.none.isEmptyOrNone)
        #expect(!Symbol("x").isEmptyOrNone && !table.symbol(" ").isEmptyOrNone)
        // An empty text with no address is the empty string too (its hash once differed, and it was numbered anew).
        #expect(table.symbol(utf8: UnsafeBufferPointer(start: nil, count: 0)) == .empty)
        #expect(Symbol(utf8: Symbol.none.utf8) == .empty && Symbol(utf8: UnsafeBufferPointer(start: nil, count: 0)) == .empty)
        // Invalid UTF-8 is repaired, as `String(decoding:)` repairs it, and then is that string's symbol.
        let bad: [UInt8] = [0x47, 0xFF, 0x6F]
        let repaired = bad.withUnsafeBufferPointer { table.symbol(utf8: $0) }
        #expect(table.string(repaired) == String(decoding: bad, as: UTF8.self))
        #expect(repaired == table.symbol(String(decoding: bad, as: UTF8.self)))
    }

    @Test func stringsNumberedOnSeveralThreadsAtOnceGetOneSymbolEach() async {
        let table = SymbolTable()
        let strings = (0..<3000).map { "player \($0 % 1000) of team \($0 % 7)" }
        let seen = await withTaskGroup(of: [Symbol].self) { group in
            for k in 0..<4 {
                group.addTask { (strings.indices.map { strings[($0 + k * 500) % strings.count] }).map { table.symbol($0) } }
            }
            var all: [[Symbol]] = []
            for await symbols in group { all.append(symbols) }
            return all
        }
        var bySymbol: [Symbol: String] = [:]
        for symbols in seen {
            for s in symbols {
                let text = table.string(s)
                #expect(bySymbol[s, default: text] == text)
                bySymbol[s] = text
            }
        }
        #expect(Set(bySymbol.values).count == Set(strings).count && bySymbol.count == Set(strings).count)
    }

    @Test func matchesDecodedAndFoldedOnSeveralThreadsAtOnceAreEachTheLogTheyWouldBeAlone() async {
        // Every decoder numbers its strings in the process's one table; matches decoded and folded on several
        // threads at once are each the log they would be alone.
        let matches = MatchSimulator.matches(count: 8, seed: 0x5EED_0F_7AB1E).map { r in
            (Sport(path: r.header.fixture.sport), r.frames.map(\.frame))
        }
        @Sendable func fold(_ sport: Sport, _ frames: [String]) -> MatchLog {
            let cache = StringCache()
            var log = MatchLog(sport: sport)
            for f in frames {
                var text = f
                if case .actions(let m, _) = text.withUTF8({ FrameDecoder.decode(utf8: $0, cache: cache) }) {
                    for message in m { log.apply(message) }
                }
            }
            return log
        }
        let together = await withTaskGroup(of: (Int, MatchLog).self) { group in
            for (k, (sport, frames)) in matches.enumerated() {
                group.addTask { (k, fold(sport, frames)) }
            }
            var logs: [(Int, MatchLog)] = []
            for await result in group { logs.append(result) }
            return logs.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let alone = matches.map { sport, frames in
            var log = MatchLog(sport: sport)
            for f in frames { if case .actions(let m, _) = FrameDecoder.decode(f) { for message in m { log.apply(message) } } }
            return log
        }
        #expect(together == alone)
        #expect(together.map(\.entries.count) == alone.map(\.entries.count))
        #expect(together.allSatisfy { $0.state == $0.freshFold() })
    }

    @Test func idsWhoseKeysCollideKeepTheirOwnPlaces() {
        // Ids forced onto one key (as a crafted feed could): each is still found at its own place.
        var positions = ActionPositions()
        var log = MatchLog(sport: .basketball)
        for seq in 0..<50 {
            log.apply(ActionMessage(action: Action(actionId: "id-\(seq)", seq: seq, type: "Foul")))
        }
        for seq in 0..<50 { positions.record("id-\(seq)", key: 42, at: seq) }
        for seq in 0..<50 {
            let candidate = positions.candidate("id-\(seq)", key: 42)
            #expect(candidate?.position == seq || (candidate?.verified == false && candidate?.position == 0))
        }
        // A correction of each arrives: every action keeps one entry.
        for seq in 0..<50 {
            log.apply(ActionMessage(action: Action(actionId: "id-\(seq)", seq: 100 + seq, sendType: .updated, type: "Foul")))
        }
        #expect(log.entries.count == 50)
        #expect(log.state == log.freshFold())
    }

    // MARK: recordings read as they play

    func write(_ lines: [String], trailingNewline: Bool = true) throws -> String {
        let path = NSTemporaryDirectory() + "courtside-stream-\(UUID()).jsonl"
        try (lines.joined(separator: "\n") + (trailingNewline ? "\n" : "")).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aRecordingReadAsItPlaysIsTheRecordingParsedWhole() throws {
        let source = try String(contentsOf: repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl"), encoding: .utf8)
        var lines = source.split(separator: "\n").map(String.init)
        lines.insert("this is not a recording line", at: 5)
        lines.insert("", at: 7)
        // A line far longer than the read-ahead buffer.
        let big = String(repeating: "x", count: 700_000)
        lines.insert(RecordedFrame(t: 3, frame: #"{"type":"notice","text":"\#(big)"}"#).jsonLine, at: 9)
        for trailing in [true, false] {
            let path = try write(lines, trailingNewline: trailing)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let whole = try Recording.parse(lines.joined(separator: "\n"), name: path)
            var file = try RecordingFile.open(path)
            #expect(file.header == whole.header)
            #expect(file.count > 0, "an estimate before reading")
            for pass in 0..<2 {
                var problems: [String] = []
                var frames: [RecordedFrame] = []
                while let f = file.next(problems: &problems) { frames.append(f) }
                #expect(frames == whole.frames, "pass \(pass)")
                #expect(file.count == lines.count - 1, "exact once read: every line after the header")
                #expect(problems == whole.problems)
                #expect(problems.first?.hasSuffix(":6: skipped, not a {\"t\":…,\"frame\":\"…\"} line") == true, "\(problems)")
                file.rewind()
            }
            // Decoded where it lies, as decoding its text would.
            let cache = StringCache()
            var problems: [String] = []
            var decoded: [DecodedFrame] = []
            while let f = file.nextDecoded(problems: &problems, cache: cache) { decoded.append(f) }
            #expect(decoded.map(\.frame) == whole.frames.map { FrameDecoder.decode($0.frame) })
            #expect(decoded.map(\.bytes) == whole.frames.map { $0.frame.utf8.count })
            #expect(decoded.map(\.t) == whole.frames.map(\.t))
        }
    }

    @Test func aReplayReportsABadLineWhenItGetsThere() throws {
        let path = try write([
            RecordingHeader(sport: "soccer", fixtureId: "f1").jsonLine,
            RecordedFrame(t: 1, frame: #"{"type":"heartbeat"}"#).jsonLine,
            "{broken",
            RecordedFrame(t: 2, frame: #"{"type":"heartbeat"}"#).jsonLine,
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try RecordingFile.open(path)
        var replay = Replay(tracks: [Replay.Track(fixture: file.header.fixture, stream: file)])
        let events = replay.advance(to: 10)
        let problems = events.compactMap { e -> String? in if case .feed(.problem(_, let m, _)) = e { m } else { nil } }
        #expect(problems == ["\(path):3: skipped, not a {\"t\":…,\"frame\":\"…\"} line"])
        #expect(events.filter { if case .feed(.frame) = $0 { true } else { false } }.count == 2)
        #expect(replay.isDone)
        #expect(events.last == .replayProgress(file.header.fixture, ReplayProgress(played: 2, total: 2)))
    }

    /// The replay's heap of next frames against a sorted list: frames due at the same time play in track order.
    @Test func theHeapOfNextFramesGivesThemSoonestFirstThroughEveryOperation() {
        var rng = SeededRandom(seed: 5)
        var heap = DueHeap()
        var reference: [DueHeap.Entry] = []
        var track = 0
        for _ in 0..<5000 {
            let entry = DueHeap.Entry(t: Double(Int.random(in: 0..<50, using: &rng)), track: track)
            track += 1
            switch Int.random(in: 0..<3, using: &rng) {
            case 0:
                heap.push(entry)
                reference.append(entry)
            case 1:
                heap.popFirst()
                if !reference.isEmpty { reference.removeFirst() }
            default:
                heap.replaceFirst(with: entry)
                if !reference.isEmpty { reference.removeFirst() }
                reference.append(entry)
            }
            reference.sort { $0.before($1) }
            #expect(heap.first.map { [$0.t, Double($0.track)] } == reference.first.map { [$0.t, Double($0.track)] })
        }
        while let first = heap.first {
            #expect([first.t, Double(first.track)] == [reference[0].t, Double(reference[0].track)])
            heap.popFirst()
            reference.removeFirst()
        }
        #expect(reference.isEmpty)
    }

    @Test func aSecondRecordingOfAFixtureIsReportedAndLeftOut() throws {
        let heartbeat = RecordedFrame(t: 1, frame: #"{"type":"heartbeat"}"#).jsonLine
        let paths = try [("soccer", "f1"), ("basketball", "f2"), ("soccer", "F1"), ("soccer", "f3"), ("v2/volleyball", "f2")].map {
            try write([RecordingHeader(sport: $0.0, fixtureId: $0.1).jsonLine, heartbeat])
        }
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        var warnings: [String] = []
        let files = try RecordingStore.openAll(paths) { warnings.append($0) }
        #expect(files.map(\.header.fixture.description) == ["soccer/f1", "basketball/f2", "soccer/f3", "v2/volleyball/f2"])
        #expect(warnings == ["\(paths[2]): fixture soccer/f1 is already loaded; skipped"], "ids compare without regard to case")
    }

    /// A folder stands for the `.jsonl` recordings in it, by name, among files named one by one; a folder with
    /// none fails with its name; loading and serving read folders too.
    @Test func aFolderStandsForTheRecordingsInIt() throws {
        let heartbeat = RecordedFrame(t: 1, frame: #"{"type":"heartbeat"}"#).jsonLine
        let folder = NSTemporaryDirectory() + "courtside-folder-\(UUID())"
        let empty = folder + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, id) in [("b.jsonl", "f2"), ("a.jsonl", "f1"), ("notes.txt", "f9"), ("c.jsonl", "f3")] {
            try ([RecordingHeader(sport: "soccer", fixtureId: id).jsonLine, heartbeat].joined(separator: "\n") + "\n")
                .write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        let single = try write([RecordingHeader(sport: "basketball", fixtureId: "f0").jsonLine, heartbeat])
        defer { try? FileManager.default.removeItem(atPath: single) }
        let files = try RecordingStore.openAll([single, folder]) { Issue.record("warned: \($0)") }
        #expect(files.map(\.header.fixture.description) == ["basketball/f0", "soccer/f1", "soccer/f2", "soccer/f3"])
        #expect(try RecordingStore.loadAll([folder]) { _ in }.map(\.header.fixtureId) == ["f1", "f2", "f3"])
        do {
            _ = try RecordingStore.openAll([folder, empty]) { _ in }
            Issue.record("a folder with no recording opened")
        } catch {
            #expect("\(error)" == "\(empty): no .jsonl recordings in this folder")
        }
    }

    /// A recording in a folder that cannot be read (empty, its header cut mid-write) is reported and left out, and
    /// the rest play: it stopped a whole archive with no line written. One named on its own is still refused, as is
    /// a folder with nothing that plays. A header saved with a byte-order mark reads.
    @Test func aBadRecordingInAFolderIsLeftOutAndTheRestPlay() throws {
        let heartbeat = RecordedFrame(t: 1, frame: #"{"type":"heartbeat"}"#).jsonLine
        let folder = NSTemporaryDirectory() + "courtside-archive-\(UUID())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ([RecordingHeader(sport: "soccer", fixtureId: "f1").jsonLine, heartbeat].joined(separator: "\n") + "\n").write(toFile: folder + "/a.jsonl", atomically: true, encoding: .utf8)
        try ("\u{FEFF}" + [RecordingHeader(sport: "soccer", fixtureId: "f2").jsonLine, heartbeat].joined(separator: "\n") + "\n").write(toFile: folder + "/b.jsonl", atomically: true, encoding: .utf8)
        try "".write(toFile: folder + "/c-empty.jsonl", atomically: true, encoding: .utf8)
        try #"{"recording":1,"sport":"soccer","fixtureId":"6794d8c6-bf"#.write(toFile: folder + "/d-cut.jsonl", atomically: true, encoding: .utf8)
        var warnings: [String] = []
        let files = try RecordingStore.openAll([folder]) { warnings.append($0) }
        #expect(files.map(\.header.fixtureId) == ["f1", "f2"])
        #expect(warnings.count == 2 && warnings.allSatisfy { $0.hasSuffix("; skipped") } && warnings[0].contains("c-empty.jsonl"), "\(warnings)")
        #expect(try RecordingStore.loadAll([folder]) { _ in }.map(\.header.fixtureId) == ["f1", "f2"])
        #expect(throws: RecordingStore.LoadError.self) { try RecordingStore.openAll([folder + "/c-empty.jsonl"]) { _ in } }
        let bad = folder + "/bad"
        try FileManager.default.createDirectory(atPath: bad, withIntermediateDirectories: true)
        try "".write(toFile: bad + "/only.jsonl", atomically: true, encoding: .utf8)
        #expect(throws: RecordingStore.LoadError.self) { try RecordingStore.openAll([bad]) { _ in } }
    }

    @Test func aMissingOrHeaderlessRecordingFailsClearly() throws {
        #expect(throws: RecordingStore.LoadError.self) { try RecordingFile.open("/nonexistent/x.jsonl") }
        let path = try write(["not a header"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try RecordingFile.open(path)
            Issue.record("a file without a header opened")
        } catch {
            #expect("\(error)".contains(":1: not a recording header"), "\(error)")
        }
    }

    // MARK: bytes in and out

    @Test func theWriterWritesWhatJSONValueWrites() {
        var r = SeededRandom(seed: 15)
        // Escapes before, at and after each eight-byte word (strings are checked a word at a time).
        let strings = ["", "plain", "quote \" and \\ backslash", "tab\tnew\nline\r", "\u{1}\u{1f}\u{7f}", "Žalgiris · ★", String(repeating: "é", count: 40),
                       "eight by", "sixteen bytes ok", "DEL after nine \u{7f}", "1234567\u{7f}", "12345678\u{7f}", "1234567\"", "~~~~~~~~\u{7e}\u{80}"]
        let numbers = [0, 9, 10, 99, 100, -1, -9, -10, 123_456, 99_999_999_999_999_999, 100_000_000_000_000_000, 999_999_999_999_999,
                       1_000_000_000_000_000, -999_999_999_999_999_999, -1_000_000_000_000_000, Int.max, Int.min]
        for _ in 0..<500 {
            var w = JSONWriter()
            var o = JSONObject()
            w.openObject()
            for k in 0..<Int.random(in: 0..<4, using: &r) {
                let key: StaticString = ["a", "b", "c", "d"][k]
                w.key(key)
                switch Int.random(in: 0..<6, using: &r) {
                case 0:
                    let s = strings[Int.random(in: 0..<strings.count, using: &r)]
                    w.string(s)
                    o["\(key)"] = .string(s)
                case 1:
                    let n = numbers[Int.random(in: 0..<numbers.count, using: &r)]
                    w.int(n)
                    o["\(key)"] = .number(Double(n))
                case 2:
                    w.null()
                    o["\(key)"] = .null
                case 3:
                    let home = numbers[Int.random(in: 0..<numbers.count, using: &r)]
                    let away = numbers[Int.random(in: 0..<numbers.count, using: &r)]
                    w.sides(home: home, away: away)
                    o["\(key)"] = ["home": .number(Double(home)), "away": .number(Double(away))]
                case 4:
                    let (label, home, away) = (numbers.randomElement(using: &r)!, numbers.randomElement(using: &r)!, numbers.randomElement(using: &r)!)
                    w.sides("period", label, home: home, away: away)
                    o["\(key)"] = ["period": .number(Double(label)), "home": .number(Double(home)), "away": .number(Double(away))]
                default:
                    w.openArray()
                    w.bool(true)
                    w.number(2.5)
                    w.closeArray()
                    o["\(key)"] = [true, 2.5]
                }
            }
            w.closeObject()
            #expect(w.text == JSONValue.object(o).jsonText)
        }
        // What is escaped, wherever it falls in a word; what is not is copied as it is.
        #expect(JSONValue.string("12345678\u{7f}").jsonText == #""12345678\u007f""#)
        #expect(JSONValue.string("1234567\u{1}x").jsonText == #""1234567\u0001x""#)
        #expect(JSONValue.string("abcdefgh\"").jsonText == #""abcdefgh\"""#)
        #expect(JSONValue.string("abcdefg~é€").jsonText == "\"abcdefg~é€\"")
    }

    @Test func stringsReadEightBytesAtATimeAreTheStringsWritten() throws {
        var r = SeededRandom(seed: 16)
        let pieces = ["a", "bcdefgh", "\"", "\\", "/", "\n", "\u{1}", "é", "€", "😀", " ", "\u{7f}", "12345678"]
        for _ in 0..<2000 {
            let s = (0..<Int.random(in: 0..<40, using: &r)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &r)] }.joined()
            let text = JSONValue.string(s).jsonText
            #expect(JSONValue.parse(text) == .string(s))
            #expect(JSONValue.parse("[" + text + ",1]") == .array([.string(s), 1]))
            // Escapes the writer never uses, and the cache's path.
            let cached = text.replacingOccurrences(of: "/", with: "\\/")
            var cachedCopy = cached
            let viaCache = cachedCopy.withUTF8 { bytes -> String? in
                JSONScanner.withScanner(over: bytes, cache: StringCache()) { try? $0.readRepeatingString() }
            }
            #expect(viaCache == s)
            // A recording line's frame: unescaped in one pass into a reused buffer, whatever it held before.
            var into: [UInt8] = Array(repeating: 0x2A, count: Int.random(in: 0..<200, using: &r))
            let line = Array(text.utf8) + Array(",\"after\":1}".utf8)
            try line.withUnsafeBufferPointer { bytes in
                var scanner = JSONScanner(bytes)
                try scanner.readString(into: &into)
                #expect(scanner.offset == text.utf8.count)
            }
            #expect(String(decoding: into, as: UTF8.self) == s)
        }
        for bad in ["\"abc", "\"a\u{1}b\"", "\"a\\x\"", "\"a\\", "\"a\\\"", "\"abcdefgh\\\"", "\"\\u12\"", "\"abcdefghijkl\u{1}\""] {
            #expect(JSONValue.parse(bad) == nil, "\(bad.debugDescription)")
            var into: [UInt8] = []
            var text = bad
            text.withUTF8 { bytes in
                var scanner = JSONScanner(bytes)
                #expect(throws: JSONError.self, "\(bad.debugDescription)") { try scanner.readString(into: &into) }
            }
        }
        #expect(JSONValue.parse("\"\\ud83d\\ude00 \\ud800x\"") == .string("😀 \u{FFFD}x"))
    }

    @Test func cleanTextIsCopiedAsItIsAndOnlyCleanText() {
        // Every scalar `clean` replaces, its neighbours in the encoding, accents, and strings around the limit.
        let pieces = ["a", "Ž", "č", " ", "\u{1B}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "\u{200D}", "\u{200E}", "\u{200F}",
                      "\u{2029}", "\u{202A}", "\u{202E}", "\u{202F}", "\u{2065}", "\u{2066}", "\u{2069}", "\u{206A}",
                      "\u{FEFE}", "\u{FEFF}", "\u{FFFD}", "😀", "\t", "\n"]
        var r = SeededRandom(seed: 5)
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 0...12, using: &r)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &r)] }.joined()
            for limit in [3, 8, 80] {
                // From the string's symbol, whose cleanliness was known when it was numbered.
                var out: [UInt8] = [0x2A]
                TextSafety.append(Symbol(text), limit: limit, to: &out)
                #expect(out == [0x2A] + Array(TextSafety.clean(text, limit: limit).utf8), "\(Array(text.unicodeScalars)) limit \(limit)")
            }
        }
    }

    /// A feed line made from the action's symbols reads as the line made from its strings: names cleaned and cut
    /// as strings are, and a team named as its player (canonically, in other bytes too) not said twice.
    @Test func aFeedLineFromSymbolsIsTheLineFromStrings() {
        func reference(_ a: Action) -> String {
            var parts = ""
            if let c = a.clockTime, !c.isEmpty { parts += TextSafety.clean(c, limit: 12) + " " }
            parts += TextSafety.clean(a.type, limit: 40)
            if let s = a.subType, !s.isEmpty { parts += " (" + TextSafety.clean(s, limit: 30) + ")" }
            let player = a.player?.name
            if let p = player, !p.isEmpty { parts += " · " + TextSafety.clean(p, limit: 40) }
            if let t = a.team?.name, !t.isEmpty, t != player { parts += " (" + TextSafety.clean(t, limit: 40) + ")" }
            return parts
        }
        let names: [String?] = [nil, "", "Amadeo Tessitori", "Jos\u{E9}", "Jose\u{301}", "Bad\u{1B}[31mName", "\u{202E}evil",
                                String(repeating: "Ž", count: 45), String(repeating: "x", count: 41), "Tab\there"]
        var r = SeededRandom(seed: 21)
        for _ in 0..<3000 {
            func pick() -> String? { names[Int.random(in: 0..<names.count, using: &r)] }
            var a = Action(actionId: "a", seq: 1, type: pick() ?? "Goal")
            a.clockTime = [nil, "", "12:34", "12:34:56.789\u{7}"][Int.random(in: 0..<4, using: &r)]
            a.subType = pick()
            a.player = Bool.random(using: &r) ? PlayerRef(id: "p", name: pick()) : nil
            a.team = Bool.random(using: &r) ? TeamRef(isHome: true, id: "t", name: Bool.random(using: &r) ? a.player?.name : pick()) : nil
            let entry = ActionEntry(action: a, kind: .other, position: 1, versions: 1, wasPending: false)
            #expect(entry.text == reference(a), "\(a)")
        }
    }

    @Test func repeatingStringsShareOneCopy() {
        let cache = StringCache()
        let long = Array("Anadolu Efes Istanbul".utf8)
        let a = long.withUnsafeBufferPointer { cache.string($0) }
        let b = long.withUnsafeBufferPointer { cache.string($0) }
        #expect(a == "Anadolu Efes Istanbul" && a == b)
        #expect(unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self), "the same storage")
    }

    // MARK: the headless runner's shortcut

    struct Lines: LineSink {
        var lines: [String] = []
        mutating func add(_ line: [UInt8]) { lines.append(String(decoding: line, as: UTF8.self)) }
        mutating func flush() {}
    }

    struct Events: EventSource {
        var batches: [[AppEvent]]
        mutating func next() async -> [AppEvent]? { batches.isEmpty ? nil : batches.removeFirst() }
    }

    /// Also what the runner's kept line starts must follow: status and connection change during a match, and
    /// without names in the headers the team names arrive with the feed.
    @Test(arguments: [true, false])
    func skippingHeartbeatsPrintsTheLinesALineForEveryEventWouldPrint(namesInHeaders: Bool) async {
        let recordings = MatchSimulator.demoRecordings().map(\.recording)
        let fixtures = recordings.map {
            FixtureState(ref: $0.header.fixture, title: $0.header.title, home: namesInHeaders ? $0.header.home : nil, away: namesInHeaders ? $0.header.away : nil)
        }
        var replay = Replay(tracks: recordings.map { Replay.Track(fixture: $0.header.fixture, frames: $0.frames) })
        var batches: [[AppEvent]] = []
        while !replay.isDone { batches.append(replay.advance(to: .infinity, limit: 500)) }
        // The reference: a line computed after every event, printed when it differs from the fixture's last.
        var state = AppState(mode: .replay, fixtures: fixtures)
        var last: [FixtureRef: String] = [:]
        var expected: [String] = []
        for event in batches.joined() {
            _ = AppReducer.reduce(&state, event)
            guard case .feed(let e) = event, let i = state.index(of: e.fixture) else { continue }
            let line = HeadlessLine.json(for: state.fixtures[i])
            if last[e.fixture] != line {
                last[e.fixture] = line
                expected.append(line)
            }
        }
        var runner = HeadlessRunner(state: AppState(mode: .replay, fixtures: fixtures), source: Events(batches: batches),
                                    sink: Lines(), stopsWhenAllOver: false, report: { _ in })
        #expect(await runner.run() == 0)
        #expect(runner.sink.lines == expected)
        #expect(expected.count > 1000)
    }

    @Test func aReplayReadAheadOnItsOwnThreadPlaysWhatOneThreadPlays() async {
        let recordings = MatchSimulator.demoRecordings().map(\.recording)
        func replay() -> Replay { Replay(tracks: recordings.map { Replay.Track(fixture: $0.header.fixture, frames: $0.frames) }) }
        var single = replay()
        var expected: [AppEvent] = []
        while !single.isDone { expected += single.advance(to: .infinity, limit: 4096) }

        var once = ReadAheadReplay(replay: replay(), loop: false, depth: 2)
        var played: [AppEvent] = []
        while let batch = await once.next() { played += batch }
        #expect(played == expected)

        // With --loop it starts over, the same again, for as long as it is read.
        var looping = ReadAheadReplay(replay: replay(), loop: true, depth: 2)
        var runs: [[AppEvent]] = [[]]
        while runs.count < 3, let batch = await looping.next() {
            if batch == [.replayRestarted] { runs.append([]) } else { runs[runs.count - 1] += batch }
        }
        #expect(runs[0] == expected)
        #expect(runs[1] == expected)
    }
}
