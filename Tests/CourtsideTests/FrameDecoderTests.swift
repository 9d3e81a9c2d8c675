import Testing
@testable import LiveActions
import Feeds
import Simulator

/// The action message of LIVE-ACTIONS.md, as documented.
let documentedMessage = #"""
{
  "traceId": "371c02cb042e8ad7e70ed1a801139b68",
  "version": 3,
  "finished": false,
  "fixtureAction": {
    "actionId": "f8406467-91f4-4487-a392-0f505ee4e082",
    "fixtureId": "f4a681f4-ee19-4073-bb43-82c765e5e596",
    "fixtureSeqNum": 110,
    "timelineSequence": 2.0000027000000110,
    "timestamp": "2023-05-14T13:36:57.372386Z",
    "period": 2,
    "clockTime": "45:00",
    "sendType": "Pending", "sendTypeId": 1,
    "fixtureActionType": "Yellow Card", "fixtureActionTypeId": 107,
    "fixtureActionSubType": "…", "fixtureActionSubTypeId": 0,
    "team": { "homeTeam": false, "id": "e8e6…", "name": "FC Groningen" },
    "player": { "id": "b9a8…", "name": "Amadeo Tessitori" },
    "relatedFixtureActionIds": [],
    "metadata": { "homeTeamColour": "0, 38, 255", "awayTeamColour": "255, 242, 0" }
  },
  "fixtureSummary": {
    "homeTeamScore": 0, "awayTeamScore": 0,
    "currentPeriod": 2, "currentClockTime": "45:00", "currentClockState": "stopped",
    "currentStatus": "Live", "collectionStatus": "CollectingLive",
    "finished": false, "isTied": true, "isHomeTeamInPossesion": false,
    "periods": [ { "id": 1, "label": "1st half", "type": "Regular",
                   "homeTeamScore": 0, "awayTeamScore": 0,
                   "homeTeamPeriodScore": 0, "awayTeamPeriodScore": 0,
                   "start": "2023-05-14T12:32:15", "end": "2023-05-14T13:09:01" } ]
  }
}
"""#

@Suite struct FrameDecoderTests {
    /// Ids, trace ids and timestamps are packed from the frame's bytes when they can be: written with an escape,
    /// as a number or as null, each decodes to what the general string reader made of it.
    @Test(arguments: [
        (#""f8406467-91f4-4487-a392-0f505ee4e082""#, "f8406467-91f4-4487-a392-0f505ee4e082"),
        (#""f8406467-91f4-4487-a392-0f505ee4e08\u0032""#, "f8406467-91f4-4487-a392-0f505ee4e082"),
        (#""F8406467-91F4-4487-A392-0F505EE4E082""#, "F8406467-91F4-4487-A392-0F505EE4E082"),
        (#""2023-05-14T13:36:57.372386Z""#, "2023-05-14T13:36:57.372386Z"),
        (#""2023-05-14T13:36:57.372386\u005a""#, "2023-05-14T13:36:57.372386Z"),
        (#""371c02cb042e8ad7e70ed1a801139b68""#, "371c02cb042e8ad7e70ed1a801139b68"),
        (#""é""#, "é"), ("12345", "12345"), ("1.5", "1.5"),
    ])
    func packedTextsDecodeAsTheirStrings(json: String, text: String) throws {
        let frame = #"{"traceId":\#(json),"fixtureAction":{"actionId":\#(json),"fixtureSeqNum":7,"timestamp":\#(json),"fixtureActionType":"Shot"}}"#
        guard case .actions(let messages, _) = FrameDecoder.decode(frame), let m = messages.first else {
            Issue.record("not decoded: \(frame)")
            return
        }
        for decoded in [m.traceId, m.action.actionId, m.action.timestamp] {
            #expect(decoded == PackedText(text) && decoded?.string == text)
        }
        let viaString = try JSONScanner.withScanner(over: json) { try $0.readStringOrNil() }
        #expect(viaString == text)
    }

    /// An array frame past 4 MiB of messages of the usual size (a catch-up on joining mid-match) is read: refused as
    /// one unusable message, it lost thousands of actions and the final score. One message past 4 MiB is still
    /// refused, and an array past 64 MiB.
    @Test func aLargeArrayOfUsualMessagesIsRead() {
        let one = { (seq: Int) in #"{"fixtureAction":{"actionId":"a\#(seq)","fixtureSeqNum":\#(seq),"fixtureActionType":"2 Points Made","team":{"homeTeam":true},"metadata":{"note":"\#(String(repeating: "n", count: 500))"}}}"# }
        let array = "[" + (1...8_000).map(one).joined(separator: ",") + "]"
        #expect(array.utf8.count > FrameDecoder.maxFrameBytes)
        guard case .actions(let messages, let invalid) = FrameDecoder.decode(array) else { Issue.record("not actions"); return }
        #expect(messages.count == 8_000 && invalid.isEmpty && messages.last?.action.seq == 8_000)
        let huge = #"{"fixtureAction":{"fixtureSeqNum":1,"fixtureActionType":"Shot","metadata":{"blob":""# + String(repeating: "x", count: 5 << 20) + #""}}}"#
        #expect(FrameDecoder.decode(huge).unusable.first?.contains("exceeds the 4 MiB limit") == true)
        let padded = " [" + String(repeating: " ", count: 65 << 20) + "]"
        #expect(FrameDecoder.decode(padded).unusable.first?.contains("exceeds the 64 MiB limit") == true)
    }

    /// A metadata value past the limit is left out and the rest kept: a server that sent megabytes in each action's
    /// metadata (under the frame limit) grew the process by that much per action, for good.
    @Test func aHugeMetadataValueIsLeftOut() throws {
        let huge = String(repeating: "x", count: FrameDecoder.maxMetadataValueBytes + 1)
        let text = #"{"fixtureAction":{"fixtureSeqNum":1,"fixtureActionType":"Team Colours","metadata":{"homeTeamColour":"0, 128, 64","blob":""#
            + huge + #"","points":[1,{"a":2}],"awayTeamColour":"0, 51, 153"}}}"#
        guard case .actions(let messages, let invalid) = FrameDecoder.decode(text) else { Issue.record("not an action"); return }
        #expect(invalid.isEmpty && messages.count == 1)
        let metadata = try #require(messages.first?.action.metadata)
        #expect(metadata.pairs.map(\.key) == ["homeTeamColour", "points", "awayTeamColour"])
        #expect(metadata["points"] == .array([.number(1), .object(["a": .number(2)])]) && metadata["awayTeamColour"] == .string("0, 51, 153"))
    }

    @Test func aMissingOrNullIdIsTheSequenceNumbers() {
        for id in ["null", "[]"] {
            guard case .actions(let messages, _) = FrameDecoder.decode(#"{"fixtureAction":{"actionId":\#(id),"fixtureSeqNum":7,"fixtureActionType":"Shot"}}"#) else {
                Issue.record("not decoded")
                continue
            }
            #expect(messages.first?.action.actionId == "seq-7" && messages.first?.action.timestamp == nil && messages.first?.traceId == nil)
        }
    }

    @Test func documentedMessageDecodesEveryField() throws {
        guard case .actions(let messages, let invalid) = FrameDecoder.decode(documentedMessage) else {
            Issue.record("not decoded as actions")
            return
        }
        #expect(invalid.isEmpty)
        let m = try #require(messages.first)
        #expect(m.traceId == "371c02cb042e8ad7e70ed1a801139b68")
        #expect(m.version == 3)
        #expect(m.finished == false)
        let a = m.action
        #expect(a.actionId == "f8406467-91f4-4487-a392-0f505ee4e082")
        #expect(a.fixtureId == "f4a681f4-ee19-4073-bb43-82c765e5e596")
        #expect(a.seq == 110)
        #expect(a.timelineSequence == 2.0000027000000110)
        #expect(a.timestamp == "2023-05-14T13:36:57.372386Z")
        #expect(a.period == 2)
        #expect(a.clockTime == "45:00")
        #expect(a.sendType == .pending)
        #expect(a.type == "Yellow Card")
        #expect(a.typeId == 107)
        #expect(a.subType == "…")
        #expect(a.subTypeId == 0)
        #expect(a.team == TeamRef(isHome: false, id: "e8e6…", name: "FC Groningen"))
        #expect(a.player == PlayerRef(id: "b9a8…", name: "Amadeo Tessitori"))
        #expect(a.related == [])
        #expect(a.metadata["homeTeamColour"] == "0, 38, 255")
        let s = try #require(m.summary)
        #expect(s.home == 0 && s.away == 0 && s.period == 2 && s.clockTime == "45:00")
        #expect(s.clockState == "stopped" && s.status == "Live" && s.finished == false)
        #expect(s.collection == "CollectingLive")
        #expect(s.periods == [SummaryPeriod(id: 1, label: "1st half", home: 0, away: 0, type: "Regular")])
        #expect(a.delayStatus == nil)
    }

    @Test func arrayOfMessages() {
        let one = #"{"fixtureAction":{"fixtureSeqNum":1,"actionId":"a","fixtureActionType":"Goal"}}"#
        let two = #"{"fixtureAction":{"fixtureSeqNum":2,"actionId":"b","fixtureActionType":"Goal"}}"#
        guard case .actions(let messages, let invalid) = FrameDecoder.decode("[\(one),\(two),{\"type\":\"heartbeat\"}]") else {
            Issue.record("array not decoded")
            return
        }
        #expect(messages.map(\.action.seq) == [1, 2])
        #expect(invalid.isEmpty)
    }

    @Test(arguments: zip(1...6, [SendType.pending, .updated, .cancelled, .deleted, .confirmed, .restored]))
    func sendTypeIds(id: Int, expected: SendType) {
        #expect(SendType(id: id, name: nil) == expected)
        #expect(SendType(id: nil, name: expected.name.uppercased()) == expected)
    }

    @Test func unknownSendTypeIsKeptAndCounts() {
        let t = SendType(id: 99, name: "Reviewed")
        #expect(t == .unknown("reviewed"))
        #expect(t.standing == .counted)
    }

    @Test func unknownFieldsAndTypesNeverFail() {
        let text = #"{"new":{"deep":[1,{"x":null}]},"fixtureAction":{"fixtureSeqNum":7,"fixtureActionType":"Quantum Kick","fixtureActionTypeId":99999,"extra":[[]],"team":"not an object","period":"2"},"fixtureSummary":42}"#
        guard case .actions(let m, _) = FrameDecoder.decode(text) else {
            Issue.record("not decoded")
            return
        }
        #expect(m[0].action.type == "Quantum Kick")
        #expect(m[0].action.actionId == "seq-7")
        #expect(m[0].action.team == nil)
        #expect(m[0].action.period == 2)
        #expect(m[0].summary == nil)
    }

    @Test(arguments: [
        (#"{"type":"heartbeat","timestamp":"2024-01-01T12:40:14.01Z"}"#, Frame.heartbeat),
        (#"{"timestamp":"2024-01-01T12:40:14.01Z","type":"HeartBeat"}"#, .heartbeat),
        (#"{"type":"status","timestamp":"2024-01-01T12:40:14.01Z"}"#, .traffic(shape: "{timestamp,type}")),
        (#"{"heartbeat":true}"#, .heartbeat),
        (#""heartbeat""#, .heartbeat),
        (#"{"message":"Connection authorised"}"#, .traffic(shape: "{message}")),
        (#"{"b":1,"a":2}"#, .traffic(shape: "{a,b}")),
        ("[]", .traffic(shape: "[0 items]")),
        ("42", .traffic(shape: "scalar")),
    ])
    func connectionTraffic(text: String, expected: Frame) {
        #expect(FrameDecoder.decode(text) == expected)
    }

    /// Every heartbeat the simulator writes (the recordings' and `courtside serve`'s) takes the short way.
    @Test func theRecordingsHeartbeatsAreKnownByTheirBytes() {
        var heartbeats = 0
        for (_, recording) in MatchSimulator.demoRecordings() {
            for frame in recording.frames where FrameDecoder.decode(frame.frame) == .heartbeat {
                var text = frame.frame
                #expect(text.withUTF8 { FrameDecoder.isPlainHeartbeat($0) }, "\(text)")
                heartbeats += 1
            }
        }
        #expect(heartbeats > 100)
    }

    /// A summary's periods are read key by key (`decodePeriod`); they must read as the `JSONValue` tree read them:
    /// the last of a repeated key, numbers as strings, other kinds as none, escaped keys, spacing, elements that
    /// are not objects, and values nested deep.
    @Test func periodsReadKeyByKeyAreThePeriodsTheTreeRead() throws {
        let keys = ["id", "label", "type", "homeTeamScore", "awayTeamScore", "start", #"i\u0064"#, #"\u0074ype"#, "Id"]
        let values = ["1", "2.0", "1e2", "-3", "0.5", #""4""#, #""x""#, #""3.0""#, "null", "true", "[1,{\"a\":[2]}]", #"{"id":9}"#,
                      #""Regular""#, #""\u0052egular""#, #""Shoot-out""#, "1e300", #""""#]
        var rng = SeededRandom(seed: 5)
        for round in 0..<1500 {
            var elements: [String] = []
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                if Int.random(in: 0..<8, using: &rng) == 0 {
                    elements.append(["7", "null", #""p""#, "[]"].randomElement(using: &rng)!)
                    continue
                }
                let pairs = (0..<Int.random(in: 0...7, using: &rng)).map { _ in
                    "\"\(keys.randomElement(using: &rng)!)\"" + (round % 5 == 0 ? " : " : ":") + values.randomElement(using: &rng)!
                }
                elements.append("{" + pairs.joined(separator: round % 7 == 0 ? " , " : ",") + "}")
            }
            let array = "[" + elements.joined(separator: ",") + "]"
            let frame = #"{"fixtureAction":{"actionId":"a","fixtureSeqNum":1,"fixtureActionType":"Shot"},"fixtureSummary":{"homeTeamScore":1,"periods":\#(array)}}"#
            let tree = try #require(JSONValue.parse(array))
            guard case .array(let items) = tree else { Issue.record(Comment(rawValue: array)); continue }
            let expected: [SummaryPeriod] = items.compactMap { item in
                guard case .object(let p) = item else { return nil }
                return SummaryPeriod(id: p["id"]?.intValue, label: p["label"]?.stringValue, home: p["homeTeamScore"]?.intValue,
                                     away: p["awayTeamScore"]?.intValue, typeSymbol: Symbol(p["type"]?.stringValue))
            }
            let cache = StringCache()
            for cached in [false, true, true] {
                var text = frame
                let decoded = text.withUTF8 { FrameDecoder.decode(utf8: $0, cache: cached ? cache : nil) }
                guard case .actions(let messages, _) = decoded, let summary = messages.first?.summary else {
                    Issue.record("\(decoded): \(frame)")
                    continue
                }
                #expect(summary.periods == expected, "\(array)")
            }
        }
    }

    /// A bad escape in a value the decoder skips (an unknown key of the action or of a period, a period that is not
    /// an object) costs no action; one in a value it reads (a period's label) refuses the frame, as before.
    @Test func aBadEscapeInASkippedValueCostsNoAction() {
        let action = #""fixtureAction":{"actionId":"a","fixtureSeqNum":1,"fixtureActionType":"Shot""#
        for skipped in [#"{\#(action),"note":"\q"}}"#, #"{\#(action)},"fixtureSummary":{"periods":["\q"]}}"#,
                        #"{\#(action)},"fixtureSummary":{"periods":[{"start":"\u12"}]}}"#] {
            guard case .actions(let messages, let invalid) = FrameDecoder.decode(skipped) else {
                Issue.record("\(FrameDecoder.decode(skipped)): \(skipped)")
                continue
            }
            #expect(messages.count == 1 && invalid.isEmpty, "\(skipped)")
        }
        let read = #"{\#(action)},"fixtureSummary":{"periods":[{"label":"\q"}]}}"#
        if case .malformed = FrameDecoder.decode(read) {} else { Issue.record("\(FrameDecoder.decode(read))") }
    }

    /// The heartbeat's head is compared as four words and a byte (`FrameDecoder.heartbeatWords`): the words are its
    /// text, and a heartbeat with any one byte of its head changed is not known by its bytes, and decodes as the
    /// scanner decodes it.
    @Test func theHeartbeatsHeadIsComparedByteForByte() {
        let head = Array(FrameDecoder.heartbeatHead.utf8Start..<FrameDecoder.heartbeatHead.utf8Start + FrameDecoder.heartbeatHead.utf8CodeUnitCount)
            .map { $0.pointee }
        let w = FrameDecoder.heartbeatWords
        let words = [w.0, w.1, w.2, w.3].flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        #expect(words == Array(head.prefix(32)))
        let plain = Array(#"{"type":"heartbeat","timestamp":"2024-01-01T12:40:14.01Z"}"#.utf8)
        #expect(plain.withUnsafeBufferPointer { FrameDecoder.isPlainHeartbeat($0) })
        for i in 0..<head.count {
            var near = plain
            near[i] = near[i] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
            #expect(!near.withUnsafeBufferPointer { FrameDecoder.isPlainHeartbeat($0) }, "byte \(i)")
            let text = String(decoding: near, as: UTF8.self)
            #expect(FrameDecoder.decode(text) == JSONScanner.withScanner(over: text) { FrameDecoder.decode(&$0) }, "byte \(i)")
        }
    }

    /// The heartbeat known by its bytes and the scanner agree on every near miss of its spelling.
    @Test(arguments: [
        #"{"type":"heartbeat","timestamp":"2024-01-01T12:40:14.01Z"}"#,
        #"{"type":"heartbeat","timestamp":""}"#,
        #"{"type":"heartbeat","timestamp":"2024-01-01T12:40:14.01Z"} "#,
        #"{"type":"heartbeat","timestamp":"2024-01-01T12:40:14.01Z"}}"#,
        #"{"type":"heartbeat","timestamp":"2024"01"}"#,
        #"{"type":"heartbeat","timestamp":"2024\"01"}"#,
        #"{"type":"heartbeat","timestamp":"2024\u0041"}"#,
        "{\"type\":\"heartbeat\",\"timestamp\":\"20\u{01}24\"}",
        #"{"type":"heartbeat","timestamp":"2024-01-01T12:40:14.01Z""#,
        #"{"type":"heartbeat","timestamp":"}"#,
        #"{"type":"heartbeat","timestamp":"x"}x"}"#,
        #"{"type":"heartbeat", "timestamp":"2024"}"#,
        #"{"type":"heartbeat","timestamp":42}"#,
        #"{"type":"heartbeat","timestamp":"2024","fixtureAction":{"fixtureSeqNum":1}}"#,
        #"{"type":"heartbeat","timestamp":"Ünïcödé"}"#,
    ])
    func plainHeartbeatsAreKnownByTheirBytesAsTheScannerKnowsThem(text: String) {
        let scanned = JSONScanner.withScanner(over: text) { FrameDecoder.decode(&$0) }
        var copy = text
        let plain = copy.withUTF8 { FrameDecoder.isPlainHeartbeat($0) }
        #expect(FrameDecoder.decode(text) == scanned)
        #expect(!plain || scanned == .heartbeat, "known by its bytes only when the scanner says heartbeat too")
    }

    /// A recording line holding the usual heartbeat is known by its bytes, and agrees with the long way (the line
    /// parsed, its frame unescaped and decoded) on time, frame and length for every near miss of its spelling.
    @Test(arguments: [
        (#"{"t":12.5,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"2026-11-20T19:00:10.000Z\"}"}"#, true),
        (#"{"t":0,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"\"}"}"#, true),
        (#"{"t":3e2,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"Ünïcödé\"}"}"#, true),
        (#"{"t": 7,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"x\"}"}"#, true),
        (#"{"t":-1,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"x\"}"}"#, false),
        (#"{"t":1e9,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"x\"}"}"#, false),
        (#"{"t":01,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"x\"}"}"#, false),
        (#"{"t":"5","frame":"{\"type\":\"heartbeat\",\"timestamp\":\"x\"}"}"#, false),
        (#"{"t":5,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"x\\\"y\"}"}"#, false),
        (#"{"t":5,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"x\u0041\"}"}"#, false),
        (#"{"t":5,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"x"}"}"#, false),
        (#"{"t":5,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"\"}"} "#, false),
        (#"{"t":5,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"\"}","t":6}"#, false),
        (#"{"t":5,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"}"}"#, false),
        (#"{"t":5,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"a\"}\"}"}"#, false),
        (#"{"t":5,"frame":"{\"type\":\"heartbeat\", \"timestamp\":\"x\"}"}"#, false),
        (#"{"t":5,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"x\"}x"}"#, false),
        (#"{"t":5,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"x\"}""#, false),
        (#"{"t":5,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"\"}"}"#, true),
        (#"{"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"x\"}","t":5}"#, false),
        ("{\"t\":5,\"frame\":\"{\\\"type\\\":\\\"heartbeat\\\",\\\"timestamp\\\":\\\"a\u{01}b\\\"}\"}", false),
        (#"{"t":5"#, false),
    ])
    func heartbeatLinesAreKnownByTheirBytesAsTheLongWayKnowsThem(line: String, short: Bool) {
        var copy = line
        copy.withUTF8 { bytes in
            #expect((Recording.plainHeartbeatLine(bytes) != nil) == short, "\(line)")
            var scratch: [UInt8] = []
            var reader = RecordingLines(name: "x")
            let got = reader.decodedFrame(onLine: bytes, scratch: &scratch, cache: StringCache())
            var frame: [UInt8] = []
            let long = Recording.parseFrameLine(bytes, frameInto: &frame).map { t in
                (t, frame.withUnsafeBufferPointer { FrameDecoder.decode(utf8: $0, cache: nil) }, frame.count)
            }
            switch got {
            case .success(let decoded)?:
                #expect(decoded.t == long?.0 && decoded.frame == long?.1 && decoded.bytes == long?.2, "\(line)")
            default:
                #expect(long == nil, "\(line)")
            }
        }
    }

    /// Every heartbeat line the recorder writes for the simulator's matches takes the short way.
    @Test func theRecordingsHeartbeatLinesAreKnownByTheirBytes() {
        var heartbeats = 0
        for (_, recording) in MatchSimulator.demoRecordings() {
            for frame in recording.frames where FrameDecoder.decode(frame.frame) == .heartbeat {
                let line = frame.jsonLine
                var copy = line
                #expect(copy.withUTF8 { Recording.plainHeartbeatLine($0)?.t } == frame.t, "\(line)")
                heartbeats += 1
            }
        }
        #expect(heartbeats > 100)
    }

    @Test(arguments: [
        #"{"statusCode":401,"message":"Unauthorized"}"#,
        #"{"error":"The supplied authentication is invalid"}"#,
        #"{"status":401}"#,
        "401 The supplied authentication is invalid",
        #"{"response":{"code":401}}"#,
        #"{"type":"UNAUTHORIZED","timestamp":"2024-01-01T12:40:14.01Z"}"#,
        #"{"type":"error","detail":"Token is INVALID (401)"}"#,
    ])
    func authFailuresAreRejections(text: String) {
        guard case .rejected(let reason) = FrameDecoder.decode(text) else {
            Issue.record("\(text) not a rejection")
            return
        }
        // The server's code where it gave one, its words where it did not (a 401 of our own misread a 403).
        #expect(reason.hasPrefix("token rejected") && (reason.contains("401") || !text.contains("401")), "\(reason)")
    }

    /// Ids that start with 401 are not a 401: a heartbeat or a notice naming one failed the fixture for good.
    @Test(arguments: [
        (#"{"type":"heartbeat","timestamp":"2026-11-20T19:00:10.000Z","connectionId":"4015e0c2-9b7a-4c1e-8f00-1c2d3e4f5a6b"}"#, Frame.heartbeat),
        (#"{"message":"Authorisation accepted for fixture 401d8c6a-1111-4111-8111-111111111111","level":"INFO"}"#, .traffic(shape: "{level,message}")),
        (#""4012 actions sent""#, .traffic(shape: "scalar")),
        (#"{"message":"Code (4017) accepted"}"#, .traffic(shape: "{message}")),
    ])
    func idsThatStartWith401AreNotRejections(text: String, expected: Frame) {
        #expect(FrameDecoder.decode(text) == expected)
    }

    @Test(arguments: ["401", "401: token expired", "HTTP 401", "closed (401)", "error 401."])
    func a401OfItsOwnIsARejection(text: String) {
        #expect(FrameDecoder.rejection(in: text) != nil, "\(text)")
    }

    /// A refusal's text is the server's: printed raw on stderr, its escapes retitled and cleared the terminal.
    @Test func aRejectionsTextIsCleaned() {
        let frame = FrameDecoder.decode(#"{"message":"The supplied authentication is invalid A\u001b]0;PWNED\u0007B\r\nC\u009bD","statusCode":401}"#)
        guard case .rejected(let reason) = frame else { Issue.record("\(frame)"); return }
        #expect(!reason.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(reason.debugDescription)")
        #expect(reason.hasPrefix("token rejected: The supplied authentication is invalid A"))
    }

    /// The reason names the code the server gave, or none: a 403 or a "Forbidden" read "token rejected (401)".
    @Test func aRefusalSaysTheServersCodeNotAnotherOne() {
        #expect(FrameDecoder.decode(#"{"error":"Forbidden"}"#) == .rejected(reason: "token rejected: Forbidden"))
        #expect(FrameDecoder.decode(#"{"statusCode":403,"message":"Not licensed"}"#) == .rejected(reason: "token rejected (403)"))
        #expect(FrameDecoder.decode(#"{"message":"403 Forbidden"}"#) == .rejected(reason: "token rejected: 403 Forbidden"))
    }

    @Test func authorisedNoticeIsNotARejection() {
        #expect(FrameDecoder.decode(#"{"message":"Connection authorised","timestamp":"2024-04-01T10:40:12Z"}"#)
            == .traffic(shape: "{message,timestamp}"))
    }

    @Test(arguments: [
        ("not json at all", "not JSON"),
        (#"{"fixtureAction":{"fixtureSeqNum":1}"#, "not JSON"),
    ])
    func malformedFrames(text: String, reason: String) {
        guard case .malformed(let why) = FrameDecoder.decode(text) else {
            Issue.record("\(text) not malformed")
            return
        }
        #expect(why.contains(reason), "\(why)")
    }

    /// An action message that breaks the contract is one unusable event, alone as in an array: the server counted
    /// it, so `startPosition` must (alone, it was `.malformed` and not counted, and a resume asked for it again).
    @Test(arguments: [
        (#"{"fixtureAction":{"actionId":"x"}}"#, "without fixtureSeqNum"),
        (#"{"fixtureAction":{"fixtureSeqNum":-5}}"#, "out of range"),
        (#"{"fixtureAction":{"fixtureSeqNum":1e30}}"#, "out of range"),
        (#"{"fixtureAction":{"fixtureSeqNum":2.5}}"#, "out of range"),
        (#"{"fixtureAction":[1,2]}"#, "not an object"),
    ])
    func unusableActionMessagesAreCountedEvents(text: String, reason: String) {
        for frame in [FrameDecoder.decode(text), FrameDecoder.decode("[" + text + "]")] {
            guard case .actions(let messages, let invalid) = frame else {
                Issue.record("\(text): \(frame)")
                continue
            }
            #expect(messages.isEmpty && invalid.count == 1 && invalid[0].contains(reason), "\(invalid)")
            #expect(frame.eventCount == 1)
            var ledger = ResumeLedger()
            ledger.record(frame)
            #expect(ledger.position == 1)
        }
    }

    @Test func invalidUTF8AndOversizeAreRefused() {
        #expect(FrameDecoder.decode(bytes: [0x7B, 0xFF, 0xFE, 0x7D]) == .malformed(reason: "frame is not valid UTF-8"))
        // An object past 4 MiB (an array that size is read: `aLargeArrayOfUsualMessagesIsRead`).
        let big = #"{"a":["# + String(repeating: "1,", count: 3 << 20) + "1]}"
        let frame = FrameDecoder.decode(big)
        guard case .actions(let messages, let invalid) = frame, messages.isEmpty, let why = invalid.first else {
            Issue.record("oversize frame accepted: \(frame)")
            return
        }
        #expect(why.contains("exceeds"))
        #expect(frame.eventCount == 1, "counted as one message, for startPosition")
    }

    @Test func finishedFlagFromEnvelopeOrSummary() {
        let a = FrameDecoder.decode(#"{"finished":true,"fixtureAction":{"fixtureSeqNum":1}}"#)
        let b = FrameDecoder.decode(#"{"fixtureAction":{"fixtureSeqNum":1},"fixtureSummary":{"finished":true}}"#)
        for frame in [a, b] {
            guard case .actions(let m, _) = frame else { Issue.record("not actions"); continue }
            #expect(m[0].finished)
        }
    }

    @Test func fixtureRefs() {
        #expect(FixtureRef("v2/volleyball/3f2c0d1e-0000-4000-a000-000000000001") == FixtureRef(sport: "v2/volleyball", id: "3f2c0d1e-0000-4000-a000-000000000001"))
        #expect(FixtureRef("basketball/abc")?.actionsPath == "/basketball/fixtures/abc/actions")
        #expect(FixtureRef("nofixture") == nil)
        #expect(FixtureRef("soccer/../etc") == nil)
        #expect(FixtureRef("soccer/a b") == nil)
        #expect(LiveActionsProtocol.url(endpoint: "ws://127.0.0.1:8765/", fixture: FixtureRef(sport: "soccer", id: "f"), speed: "fast", startPosition: 12)
            == "ws://127.0.0.1:8765/soccer/fixtures/f/actions?speed=fast&startPosition=12")
        #expect(LiveActionsProtocol.authMessage(token: "a\"b") == #"{"authToken":"a\"b"}"#)
    }
}
