import Testing
@testable import LiveActions
import Simulator

/// Teams, players and summaries that come back byte for byte are handed out from `ObjectMemo`: every frame must
/// decode exactly as it does with no cache, whatever came before it.
@Suite struct ObjectMemoTests {
    /// Decodes `frames` in order through one cache, each beside a decode with none.
    func expectSameAsAfresh(_ frames: [String], cache: StringCache = StringCache(), sourceLocation: SourceLocation = #_sourceLocation) {
        for text in frames {
            var copy = text
            let memoized = copy.withUTF8 { FrameDecoder.decode(utf8: $0, cache: cache) }
            #expect(memoized == FrameDecoder.decode(text), "\(text.prefix(300))", sourceLocation: sourceLocation)
        }
    }

    @Test func theSimulatorsMatchesDecodeThroughTheMemoAsAfresh() {
        let cache = StringCache()
        let frames = MatchSimulator.matches(count: 6).flatMap { $0.frames.map(\.frame) }
        expectSameAsAfresh(frames, cache: cache)
        // Not a memo that never hits: nearly every team and player comes back.
        #expect(cache.teams.hits > frames.count / 4)
        #expect(cache.players.hits > frames.count / 8)
        #expect(cache.summaries.hits > frames.count / 8)
    }

    static let longId = "6853d2e4-bc39-4eff-a1be-d8331d80e6c0"

    static func frame(team: String, player: String = "null", summary: String = "null", seq: Int = 1) -> String {
        #"{"fixtureAction":{"actionId":"a\#(seq)","fixtureSeqNum":\#(seq),"fixtureActionType":"Goal","team":\#(team),"player":\#(player)},"fixtureSummary":\#(summary)}"#
    }

    /// Objects that share their first 48 bytes (the slot's hash) but not the rest, that are followed by other
    /// bytes, cut short, escaped, spaced or broken.
    static let nearMisses: [String] = {
        let home = #"{"homeTeam":true,"id":"\#(longId)","name":"Žalgiris Kaunas"}"#
        let summary = #"{"homeTeamScore":75,"awayTeamScore":87,"currentPeriod":4,"currentStatus":"Live","finished":false}"#
        return [
            frame(team: home, summary: summary),
            frame(team: home, summary: summary, seq: 2),
            frame(team: #"{"homeTeam":true,"id":"\#(longId)","name":"Žalgiris Kaunas II"}"#),
            frame(team: #"{"homeTeam":true,"id":"\#(longId)","name":"Žalgiris"}"#),
            frame(team: #"{"homeTeam":true,"id":"\#(longId)","name":"\u017dalgiris Kaunas"}"#),
            frame(team: #"{"homeTeam":true,"id":"\#(longId)","name":"Žalgiris Kaunas" }"#),
            frame(team: #"{"homeTeam":true,"id":"\#(longId)","name":"Žalgiris Kaunas","homeTeam":false}"#),
            frame(team: #"{"homeTeam":true,"id":"\#(longId)","name":nul}"#),
            frame(team: #"{"homeTeam":true,"id":"\#(longId)","name":"Žalgiris Kaunas"}"#, summary: #"{"homeTeamScore":75,"awayTeamScore":87,"currentPeriod":4,"currentStatus":"Live","finished":true}"#),
            frame(team: home, summary: #"{"homeTeamScore":75,"awayTeamScore":87,"currentPeriod":4,"currentStatus":"Live","finished":false,"periods":[{"id":1,"homeTeamScore":20,"awayTeamScore":30}]}"#),
            frame(team: home, summary: #"{"homeTeamScore":75,"awayTeamScore":87,"currentPeriod":4,"currentStatus":"Live","finished":false,"periods":[{"id":1,"homeTeamScore":20,"awayTeamScore":31}]}"#),
            frame(team: home, player: #"{"id":"\#(longId)","name":"Brady Manek"}"#),
            frame(team: home, player: #"{"id":"\#(longId)","name":"Brady Manek","extra":{"a":[1,2,{"b":null}]}}"#),
            frame(team: home, player: #"{"id":"\#(longId)","name":"Brady Manek","extra":{"a":[1,2,{"b":null}]}}"#, seq: 3),
            frame(team: home, player: #"{"id":"\#(longId)","name":"Brady \"Big\" Manek"}"#),
            frame(team: home, player: #"{"id":"\#(longId)","name":"Brady \"Big\" Manek"}"#, seq: 4),
            String(frame(team: home, summary: summary).dropLast(8)),
            String(frame(team: home).prefix(120)),
            "[" + frame(team: home, summary: summary) + "," + frame(team: home, summary: summary, seq: 9) + "]",
        ]
    }()

    /// A summary is one shared box, copied on write: the memo hands the same one to every message whose bytes
    /// repeat, so changing one message's must leave the memo's and every other's as decoded.
    @Test func aSummaryHandedOutAgainIsAValueOfItsOwn() throws {
        let cache = StringCache()
        let summary = #"{"homeTeamScore":75,"awayTeamScore":87,"currentPeriod":4,"currentStatus":"Live","finished":false,"periods":[{"id":4,"type":"Regular"}]}"#
        func decoded(_ seq: Int) throws -> ActionMessage {
            var text = Self.frame(team: "null", summary: summary, seq: seq)
            guard case .actions(let ms, _) = text.withUTF8({ FrameDecoder.decode(utf8: $0, cache: cache) }), let m = ms.first else {
                throw FrameDecoder.ContractError("no message")
            }
            return m
        }
        var first = try decoded(1)
        let second = try decoded(2)
        #expect(cache.summaries.hits == 1)
        let asDecoded = try #require(second.summary)
        first.summary?.home = 76
        first.summary?.periods.append(SummaryPeriod(id: 5, type: "Overtime"))
        first.summary?.status = "Finished"
        #expect(second.summary == asDecoded)
        #expect(second.summary?.home == 75 && second.summary?.periods.count == 1 && second.summary?.status == "Live")
        #expect(first.summary?.home == 76 && first.summary?.periods.count == 2 && first.summary?.status == "Finished")
        #expect(try decoded(3).summary == asDecoded)
        #expect(cache.summaries.hits == 2)
        // Equal by value, however many boxes: one built field by field equals one decoded, and hashes alike.
        let built = FixtureSummary(home: 75, away: 87, period: 4, status: "Live", finished: false, periods: [SummaryPeriod(id: 4, type: "Regular")])
        #expect(built == asDecoded && built.hashValue == asDecoded.hashValue)
        #expect(first.summary != asDecoded)
        #expect(Set([built, asDecoded, try #require(first.summary)]).count == 2)
        #expect(asDecoded.periodType(of: nil) == "Regular" && first.summary?.periodType(of: 5) == "Overtime")
        #expect(String(describing: built).hasPrefix("FixtureSummary(home: Optional(75), away: Optional(87), period: Optional(4)"))
    }

    @Test func objectsThatOnlyBeginAlikeDecodeAsAfreshInAnyOrder() {
        let frames = Self.nearMisses
        expectSameAsAfresh(frames)
        expectSameAsAfresh(frames.reversed())
        expectSameAsAfresh(frames + frames.reversed() + frames)
        let cache = StringCache()
        expectSameAsAfresh(frames + frames, cache: cache)
        #expect(cache.teams.hits > 0 && cache.players.hits > 0 && cache.summaries.hits > 0)
    }

    /// A team nested as deep as the limit allows in an object frame is too deep inside an array frame: the same
    /// bytes, one level further in, must fail there as they do with no cache.
    @Test func bytesTooDeepWhereTheyStandFailThereAsAfresh() {
        let depth = JSONScanner.maxDepth - 2  // the frame's object and its fixtureAction are two levels
        let deepTeam = #"{"homeTeam":true,"id":"\#(Self.longId)","x":"# + String(repeating: "[", count: depth - 1)
            + String(repeating: "]", count: depth - 1) + "}"
        let fits = Self.frame(team: deepTeam)
        let tooDeep = "[" + fits + "]"
        if case .actions(let messages, _) = FrameDecoder.decode(fits) { #expect(messages.count == 1) } else { Issue.record("\(FrameDecoder.decode(fits))") }
        if case .malformed = FrameDecoder.decode(tooDeep) {} else { Issue.record("\(FrameDecoder.decode(tooDeep))") }
        let cache = StringCache()
        expectSameAsAfresh([fits, tooDeep, fits, tooDeep], cache: cache)
        #expect(cache.teams.hits == 1)
    }

    /// A short object's half length stands for its nesting (each level opens and closes): where that bound would pass
    /// the depth limit the memo decodes it again rather than hand it out, to the same value; shallower, it is handed out.
    @Test func aShortObjectIsHandedOutOnlyWhereItsLengthFitsTheDepthLimit() throws {
        let memo = ObjectMemo<String>(slots: 4)
        let text = #"{"id":"\#(Self.longId)","name":"Keenan Evans"}"#
        var decoded = 0
        func read(atDepth depth: Int) throws -> String {
            try JSONScanner.withScanner(over: text) { s in
                s.depth = depth
                let value = try memo.value(&s) { s in
                    decoded += 1
                    var cursor = try s.beginObject()
                    var name = ""
                    while let key = try s.nextKey(&cursor) { if key == "name" { name = try s.readString() } else { try s.skipValue() } }
                    return name
                }
                #expect(s.offset == text.utf8.count)
                return value
            }
        }
        #expect(try read(atDepth: 2) == "Keenan Evans" && decoded == 1 && memo.hits == 0)
        #expect(try read(atDepth: 2) == "Keenan Evans" && decoded == 1 && memo.hits == 1)
        #expect(try read(atDepth: JSONScanner.maxDepth - text.utf8.count / 2) == "Keenan Evans" && decoded == 1 && memo.hits == 2)
        let deep = JSONScanner.maxDepth - text.utf8.count / 2 + 1  // the bound passes the limit; the object itself fits
        #expect(try read(atDepth: deep) == "Keenan Evans" && decoded == 2 && memo.hits == 2)
    }

    /// A field's string is compared first with the one it held in the stream's message before (`RecentSymbols`):
    /// strings that only begin alike, run on, change, are escaped, spaced, not UTF-8, not strings at all, or cut
    /// short must decode as they do with no cache, in any order.
    @Test func stringsComparedWithTheFieldsLastDecodeAsAfresh() {
        // JSON values as they stand in a frame: another of the same length in the same place, a string ending where
        // another began, one running on, escapes, a control character, spaces, and values that are not strings.
        let types = [#""Goal""#, #""Foul""#, #""Goal Kick""#, #""Goa""#, #""Goal\"""#, #""G\u006fal""#, #" "Goal""#, #""Goal" "#, #""Go\u0000al""#,
                     "\"Go\u{1}al\"", "null", "7", #""""#, #""Gol\u00e9""#, #""Goal\\""#, #"{"a":1}"#, #""Goal""#, #""Goal Kick""#]
        let frames = types.enumerated().map { i, type in
            #"{"fixtureAction":{"actionId":"a\#(i)","fixtureId":"f1","fixtureSeqNum":\#(i + 1),"clockTime":\#(type),"fixtureActionType":\#(type)},"fixtureSummary":{"currentStatus":\#(type)}}"#
        }
        // Invalid UTF-8 in a string, repaired alike with and without the cache.
        var invalid = Array(Self.frame(team: "null").utf8)
        let at = invalid.firstIndex(of: UInt8(ascii: "G"))!
        invalid[at] = 0xFF
        let broken = String(decoding: invalid, as: UTF8.self)
        var bytesFrames: [[UInt8]] = frames.map { Array($0.utf8) } + [invalid, Array(Self.frame(team: "null").utf8), invalid]
        bytesFrames += bytesFrames.reversed()
        let cache = StringCache()
        // Each frame in one reused buffer, as a recording's reader hands them over: a string kept by pointer into
        // the frame, not into the table, would read the next frame's bytes.
        var scratch: [UInt8] = []
        scratch.reserveCapacity(1024)
        for bytes in bytesFrames + bytesFrames.map({ Array($0.dropLast(3)) }) {
            scratch.removeAll(keepingCapacity: true)
            scratch += bytes
            scratch += [UInt8](repeating: 0x58, count: 64)  // bytes past the frame, where a stale pointer would look
            let cached = scratch.withUnsafeBufferPointer { FrameDecoder.decode(utf8: UnsafeBufferPointer(rebasing: $0[0..<bytes.count]), cache: cache) }
            let afresh = bytes.withUnsafeBufferPointer { FrameDecoder.decode(utf8: $0, cache: nil) }
            #expect(cached == afresh, "\(String(decoding: bytes, as: UTF8.self).prefix(200))")
            scratch.withUnsafeMutableBufferPointer { $0.update(repeating: 0x2A) }  // the frame gone, as a reused buffer's is
        }
        #expect(broken.contains("\u{FFFD}"))
    }

    /// Clock readings of the usual shape (`"MM:SS"`) are numbered by their digits in the cache's clock table: readings
    /// of that shape and ones just off it (a digit short or over, a sign, a character either side of the digits, an
    /// escape, spaces, not a string, cut short), in the action and in the summary, decode as they do with no cache;
    /// and the table does hold the readings it met.
    @Test func clockReadingsByTheirDigitsDecodeAsAfresh() {
        let readings = [#""09:46""#, #""00:00""#, #""99:99""#, #""9:46""#, #""09:4""#, #""09:466""#, #""109:46""#, #""-9:46""#,
                        #""/9:46""#, #"":9:46""#, #""09;46""#, #""09:46""#, #""09:46""#, #" "09:46""#, #""09:46" "#,
                        "946", "null", #""""#, #""09:46"#, #""09:46"""#, #""10:00""#, #""09:46""#]
        let frames = (readings + readings.reversed()).enumerated().map { i, clock in
            #"{"fixtureAction":{"actionId":"a\#(i)","fixtureSeqNum":\#(i + 1),"clockTime":\#(clock),"fixtureActionType":"Shot"},"# +
                #""fixtureSummary":{"homeTeamScore":\#(i),"awayTeamScore":0,"currentPeriod":1,"currentClockTime":\#(clock),"currentStatus":"Live"}}"#
        }
        let cache = StringCache()
        expectSameAsAfresh(frames + frames.map { String($0.prefix(while: { $0 != "," }) ) + #","clockTime":"09:4"# }, cache: cache)
        #expect(cache.context.clocks.symbols[946] == Symbol("09:46"))
        #expect(cache.context.clocks.symbols[9999] == Symbol("99:99"))
        #expect(cache.context.clocks.symbols[1000] == Symbol("10:00"))
        #expect(cache.context.clocks.symbols[1946].isNone, "109:46 is not a reading of the usual shape")
        // Read from the table, not found again: a symbol planted there is what the reading decodes to.
        cache.context.clocks.symbols[946] = Symbol("planted")
        // "09:46" in its action and in a summary not met before (one met before is the memo's).
        var planted = frames[0].replacingOccurrences(of: #""homeTeamScore":0"#, with: #""homeTeamScore":777"#)
        if case .actions(let m, _) = planted.withUTF8({ FrameDecoder.decode(utf8: $0, cache: cache) }) {
            #expect(m.first?.action.clockTime == "planted" && m.first?.summary?.clockTime == "planted")
        } else {
            Issue.record("not an action")
        }
        cache.context.clocks.symbols[946] = Symbol("09:46")
        // Cut off inside or right after a reading: the frame is refused alike.
        let cut = #"{"fixtureAction":{"actionId":"a1","fixtureSeqNum":1,"clockTime":"09:46""#
        expectSameAsAfresh((cut.count - 8...cut.count).map { String(cut.prefix($0)) }, cache: cache)
    }

    /// The symbol slots prove a hit by the bytes they hold inline (`SymbolSlots.Slot.inline`), and the table's
    /// entry beyond them: strings around that length, alike in their first bytes or their last, in a table of
    /// four slots where they push each other out, are numbered as the table numbers them.
    @Test func symbolSlotsHoldTheirStringsFirstBytesAndCheckTheRest() {
        let slots = SymbolSlots(count: 4)
        defer { slots.deallocate() }
        let inline = SymbolSlots.Slot.inline
        var texts: [[UInt8]] = [[], [0x41], Array("Goal".utf8), [0xFF, 0x41], [0xC3]]
        for n in [7, 8, 9, inline - 1, inline, inline + 1, 2 * inline, 57, 80] {
            let base = (0..<n).map { UInt8(0x61 + $0 % 26) }
            texts.append(base)
            var head = base, tail = base
            head[0] = 0x5A  // alike but for the first byte
            tail[n - 1] = 0x5A  // alike but for the last: beyond the inline bytes when n > inline
            texts += [head, tail]
            if n > inline {
                var past = base
                past[inline] = 0x5A  // the first byte not held inline
                texts.append(past)
            }
        }
        var rng = SeededRandom(seed: 14)
        for _ in 0..<2_000 {
            let text = texts.randomElement(using: &rng)!
            let got = text.withUnsafeBufferPointer { slots.symbol($0) }
            #expect(got == text.withUnsafeBufferPointer { Symbol(utf8: $0) }, "\(text)")
        }
    }

    /// The slots' and the recent strings' bytes are read at offsets written as literals (a `static let` of the
    /// layout cost a `swift_once` a read): they must be where the layout puts them.
    @Test func offsetsWrittenAsLiteralsAreTheLayouts() {
        #expect(SymbolSlots.Slot.headOffset == MemoryLayout<SymbolSlots.Slot>.offset(of: \.head))
        #expect(RecentSymbols.Entry.textOffset == MemoryLayout<RecentSymbols.Entry>.offset(of: \.text))
        #expect(RecentSymbols.Entry.capacity == MemoryLayout.size(ofValue: RecentSymbols.Entry().text))
    }

    /// A field's last string is kept in its entry (`RecentSymbols.Entry.capacity` bytes at most): strings around that
    /// length, alike but for their last byte, decode with the cache as they do with none.
    @Test func fieldsLastStringsAroundTheEntrysRoomDecodeAsAfresh() {
        let room = RecentSymbols.Entry.capacity
        var types: [String] = []
        for n in [room - 1, room, room + 1] {
            let base = String(repeating: "t", count: n - 1)
            types += [base + "a", base + "b", base + "a", base + "a"]
        }
        let frames = (types + types.reversed()).enumerated().map { i, type in
            #"{"fixtureAction":{"actionId":"a\#(i)","fixtureId":"f1","fixtureSeqNum":\#(i + 1),"fixtureActionType":"\#(type)"}}"#
        }
        expectSameAsAfresh(frames)
    }

    /// Ids, trace ids and timestamps are packed where they lie when a quote follows the shape's length: strings of
    /// other lengths, shapes broken or escaped, and quotes that happen to stand at that length read as they are.
    @Test func textsPackedWhereTheyLieReadAsTheyCame() throws {
        let uuid = Self.longId, hex = "61e84a1a45a641c8a30450bee624729d", time = "2026-11-20T19:00:02.000Z"
        let texts = [uuid, hex, time, "2026-11-20T19:00:02Z", String(uuid.dropLast()), uuid + "0", "x" + hex.dropFirst(), "\\u0036" + uuid.dropFirst(),
                     String(time.dropLast()) + "\\\"", "short", "", String(repeating: "a", count: 35) + "\\\"", uuid.uppercased()]
        for text in texts {
            // Another string after it, so that a quote stands at each shape's length from the start now and then.
            let frame = #"{"traceId":"\#(text)","fixtureAction":{"actionId":"\#(text)","fixtureSeqNum":1,"timestamp":"\#(text)","x":"\#(String(repeating: "y", count: 40))"}}"#
            let parsed = try #require(JSONValue.parse(frame)?["fixtureAction"]?["actionId"]?.stringValue)
            guard case .actions(let messages, _) = FrameDecoder.decode(frame), let m = messages.first else {
                Issue.record("\(frame)")
                continue
            }
            let expected = parsed.isEmpty ? "seq-1" : parsed
            #expect(m.action.actionId.string == expected && m.action.timestamp?.string == parsed && m.traceId?.string == parsed, "\(frame)")
        }
    }

    @Test(arguments: [
        ("{}", 1), ("[]", 1), (#"{"a":[1,{"b":[]}]}"#, 4), (#"{"a":"[{\"x\":1}]"}"#, 1), (#"{"a":"\\","b":[[]]}"#, 3),
    ])
    func nestingIsCountedOutsideStrings(text: String, nesting: Int) {
        var copy = text
        #expect(copy.withUTF8 { ObjectMemo<Int>.nesting(of: $0) } == nesting)
    }
}
