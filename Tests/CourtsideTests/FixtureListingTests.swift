import Testing
@testable import LiveActions

/// The Fixtures API page decoder, its output forms, and the actions-endpoint import: pure, no sockets.
@Suite struct FixtureListingTests {
    static let documentedShape = #"""
    [
      {"id": "F4A681F4-EE19-4073-BB43-82C765E5E596", "name": "FC Groningen v Łódź United",
       "startDateUTC": "2026-11-20T19:30:00", "status": "Live", "type": "Official", "coverageLevel": "In Venue",
       "collectionStatus": "CollectingLive", "sport": "Soccer", "fixtureDeleted": false, "updateCount": 2,
       "stage": {"id": "s1", "name": "Regular", "season": {"id": "x", "name": "2026/27",
                 "competition": {"id": "c", "name": "Eredivisie", "type": "Official"}}},
       "venue": {"name": "Euroborg"},
       "teams": [{"id": "AWAY-ID", "name": "Łódź United", "homeTeam": false},
                 {"id": "HOME-ID", "name": "FC Groningen", "homeTeam": true}]},
      {"id": "0b1c2d3e-0000-4000-8000-000000000001", "startDateUTC": "2026-11-21T12:00:00Z", "status": "Scheduled",
       "teams": [{"name": "First FC"}, {"name": "Second FC"}], "somethingNew": {"deep": [1, 2, {"x": null}]}},
      {"name": "no id here"},
      42,
      {"id": "bad id with spaces"},
      {"id": "11111111-2222-4333-8444-555555555555", "name": "Alpha v Beta", "status": 1},
      {"id": "a777703c-3c72-4a09-ad3a-355a965067ad", "name": "Nyköbing FC v FC Helsingör", "status": "Unverified",
       "collectionStatus": "CollectionDropped", "startDateUTC": "2023-02-25T14:00:00",
       "teams": [{"id": "t2", "name": "FC Helsingör", "club": {"name": "FC HELSINGÖR"}}, {"id": "t1", "name": "Nyköbing FC"}]}
    ]
    """#

    @Test func aBareArrayPageDecodesWhatItKnowsAndReportsWhatItCannot() throws {
        let page = try FixturesAPI.decodePage(Self.documentedShape, sport: "soccer")
        #expect(page.elementCount == 7)
        #expect(page.fixtures.count == 4)
        #expect(page.problems.count == 3, "\(page.problems)")
        #expect(page.problems[0].hasPrefix("fixture 3 on the page: no fixture id"))
        #expect(page.problems[1].hasPrefix("fixture 4 on the page: not an object"))
        #expect(page.problems[2].contains("is not a UUID"))
        #expect(page.saysNext == nil, "a bare array says nothing about paging")

        let first = page.fixtures[0]
        #expect(first.id == "f4a681f4-ee19-4073-bb43-82c765e5e596", "ids are lower-cased")
        #expect(first.sport == "soccer", "the sport path asked for, not the provider's display name")
        #expect(first.home == "FC Groningen" && first.away == "Łódź United", "sides from homeTeam, not from order")
        #expect(first.homeId == "HOME-ID" && first.awayId == "AWAY-ID")
        #expect(first.competition == "Eredivisie")
        #expect(first.start == "2026-11-20T19:30:00")
        #expect(first.startEpoch == 1_795_203_000, "no zone is read as UTC")
        #expect(first.status == "Live" && first.live)
        #expect(first.ref.description == "soccer/f4a681f4-ee19-4073-bb43-82c765e5e596")

        let second = page.fixtures[1]
        #expect(second.home == "First FC" && second.away == "Second FC", "no side marked: first is home")
        #expect(second.competition == nil && second.name == nil)
        #expect(!second.live)

        let third = page.fixtures[2]
        #expect(third.status == "Live" && third.live, "a numeric status is the documented enum's index")
        #expect(third.home == "Alpha" && third.away == "Beta", "no teams: from the 'Home v Away' name")

        // The provider's own FAQ example: teams carry no side, the name says which is home.
        let faq = page.fixtures[3]
        #expect(faq.home == "Nyköbing FC" && faq.away == "FC Helsingör" && faq.homeId == "t1")
        #expect(!faq.live && faq.status == "Unverified" && faq.startEpoch == 1_677_333_600)
    }

    @Test func paging() throws {
        // A bare array: a full page means there may be another.
        let full = try FixturesAPI.decodePage(#"[{"id":"a"},{"id":"b"}]"#, sport: "basketball")
        #expect(full.hasNext(requestedSize: 2))
        #expect(!full.hasNext(requestedSize: 3))
        #expect(!(try FixturesAPI.decodePage("[]", sport: "basketball")).hasNext(requestedSize: 20))
        // Envelopes say it themselves.
        let spring = try FixturesAPI.decodePage(#"{"content":[{"id":"a"}],"last":false,"totalPages":3,"number":0}"#, sport: "b")
        #expect(spring.fixtures.map(\.id) == ["a"] && spring.saysNext == true && spring.hasNext(requestedSize: 20))
        let last = try FixturesAPI.decodePage(#"{"content":[{"id":"a"},{"id":"b"}],"totalPages":2,"number":1}"#, sport: "b")
        #expect(last.saysNext == false && !last.hasNext(requestedSize: 2))
        let hal = try FixturesAPI.decodePage(#"{"fixtures":[{"id":"a"}],"page":{"number":0,"totalPages":2}}"#, sport: "b")
        #expect(hal.saysNext == true)
        let links = try FixturesAPI.decodePage(#"{"items":[{"id":"a"}],"links":{"next":null}}"#, sport: "b")
        #expect(links.saysNext == false)
        // One fixture object, as /{sport}/fixtures/{id} answers.
        let one = try FixturesAPI.decodePage(#"{"id":"ABC","name":"X v Y"}"#, sport: "b")
        #expect(one.fixtures.map(\.id) == ["abc"] && one.saysNext == false)
    }

    @Test func aBodyThatIsNotAFixtureListIsAnError() {
        for body in ["", "not json", "[1,", #"{"message":"Internal error"}"#, "17", #"[{"id":"a"}] trailing"#] {
            #expect(throws: FixturesAPI.BodyError.self, "\(body)") { try FixturesAPI.decodePage(body, sport: "soccer") }
        }
    }

    @Test func theQueryIsEncodedAndPaged() {
        var q = FixturesQuery(live: true, status: "live", dateFrom: "2026-11-20", dateTo: "2026-11-21", size: 5)
        #expect(FixturesAPI.fixturesURL(api: "https://dde-api.data.srarena.io/", sport: "v2/volleyball", query: q, page: 3)
                == "https://dde-api.data.srarena.io/v2/volleyball/fixtures?live=true&status=live&dateFrom=2026-11-20&dateTo=2026-11-21&subscribed=true&size=5&page=3")
        q = FixturesQuery(status: "a b&c", subscribed: nil)
        #expect(q.queryString(page: 0) == "status=a%20b%26c&size=20&page=0")
        #expect(FixturesAPI.actionsURL(api: "http://127.0.0.1:8765", fixture: FixtureRef(sport: "soccer", id: "x"))
                == "http://127.0.0.1:8765/soccer/fixtures/x/actions")
    }

    /// A base URL's own query stays a query, after the path: `ws://host/?key=abc` asked for
    /// `/?key=abc/soccer/fixtures/…/actions?speed=fast`, a 404. A fragment is dropped.
    @Test func aBaseURLsQueryStaysAQuery() {
        let f = FixtureRef(sport: "soccer", id: "x")
        #expect(LiveActionsProtocol.url(endpoint: "ws://127.0.0.1:9/?key=abc", fixture: f, speed: "fast", startPosition: 3)
                == "ws://127.0.0.1:9/soccer/fixtures/x/actions?key=abc&speed=fast&startPosition=3")
        #expect(LiveActionsProtocol.url(endpoint: "wss://streams.example/base/#top", fixture: f, feed: .media)
                == "wss://streams.example/base/media/soccer/fixtures/x/actions")
        #expect(FixturesAPI.actionsURL(api: "https://api.example/v1?key=abc", fixture: f, page: 2)
                == "https://api.example/v1/soccer/fixtures/x/actions?key=abc&page=2")
        #expect(FixturesAPI.fixtureURL(api: "https://api.example/", fixture: f) == "https://api.example/soccer/fixtures/x")
    }

    @Test func isoTimes() {
        #expect(ISOTime.epochSeconds("1970-01-01T00:00:00Z") == 0)
        #expect(ISOTime.epochSeconds("2026-11-20T19:00:02.000Z") == 1_795_201_202)
        #expect(ISOTime.epochSeconds("2026-11-20T19:00:02.250Z") == 1_795_201_202.25)
        #expect(ISOTime.epochSeconds("2026-11-20T20:00:02+01:00") == 1_795_201_202)
        #expect(ISOTime.epochSeconds("2026-11-20T14:30:02-04:30") == 1_795_201_202)
        #expect(ISOTime.epochSeconds("2026-11-20") == 1_795_132_800)
        #expect(ISOTime.epochSeconds("2024-02-29T00:00:00Z") == 1_709_164_800)
        for bad in ["", "2026-13-01", "2026-11-20T25:00", "20261120", "2026-11-20T19:00:02Zjunk", "2026-11-20T19:00:02.Z"] {
            #expect(ISOTime.epochSeconds(bad) == nil, "\(bad)")
        }
        #expect(ISOTime.localText(1_795_201_202, utcOffset: 0) == "2026-11-20 19:00")
        #expect(ISOTime.localText(1_795_201_202, utcOffset: 5 * 3600 + 1800) == "2026-11-21 00:30")
        #expect(ISOTime.localText(0, utcOffset: -3600) == "1969-12-31 23:00")
        // Each kick-off at its own date's offset: a July match listed in November (London: +1 h then, +0 now) read
        // an hour early.
        let july = ListedFixture(id: "00000000-0000-4000-8000-000000000001", sport: "soccer", startEpoch: 1_782_928_800)  // 2026-07-01 18:00Z
        let table = FixturesAPI.table([july], utcOffsetAt: { $0 < 1_792_890_000 ? 3600 : 0 })  // summer time until 25 October
        #expect(table.contains("2026-07-01 19:00"), "\(table)")
    }

    @Test func jsonLinesAndTheTable() throws {
        let page = try FixturesAPI.decodePage(Self.documentedShape, sport: "soccer")
        let line = FixturesAPI.jsonLine(page.fixtures[0])
        #expect(line == #"{"fixture":"soccer/f4a681f4-ee19-4073-bb43-82c765e5e596","sport":"soccer","id":"f4a681f4-ee19-4073-bb43-82c765e5e596","competition":"Eredivisie","name":"FC Groningen v Łódź United","start":"2026-11-20T19:30:00","startEpoch":1795203000,"home":"FC Groningen","away":"Łódź United","status":"Live","live":true}"#)
        #expect(JSONValue.parse(FixturesAPI.jsonLine(page.fixtures[1]))?["competition"] == .null, "every key, null when unknown")

        var hostile = page.fixtures[1]
        hostile.home = "Evil\u{1B}[2J FC"
        let table = FixturesAPI.table(FixturesAPI.sorted([hostile, page.fixtures[0]]), utcOffset: 3600)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("START             STATUS       HOME"))
        #expect(lines[1].hasPrefix("2026-11-20 20:30  ● Live       FC Groningen              Łódź United               Eredivisie                soccer/f4a681f4"),
                "local time (UTC+1), sorted by start:\n\(table)")
        #expect(lines[2].hasPrefix("2026-11-21 13:00  Scheduled    Evil\u{FFFD}[2J FC"), "no escape reaches the terminal")
        #expect(!table.contains("\u{1B}"))
        let long = ListedFixture(id: "x", sport: "s", competition: String(repeating: "C", count: 40), home: "H")
        let row = FixturesAPI.table([long], utcOffset: 0).split(separator: "\n")[1]
        #expect(row.contains(String(repeating: "C", count: 23) + "…  s/x"), "cut to its column: \(row)")
        // Wide characters take two columns: counted as one each, `東京ヴェルディ` pushed the columns after it 7 to the right.
        let wide = [ListedFixture(id: "w1", sport: "s", competition: "J1 リーグ", home: "東京ヴェルディ", away: "⚽ United"),
                    ListedFixture(id: "w2", sport: "s", competition: "League", home: String(repeating: "東", count: 30), away: "Plain")]
        let rows = FixturesAPI.table(wide, utcOffset: 0).split(separator: "\n").map(String.init)
        let fixtureColumn = rows.map { row in DisplayWidth.of(String(row[..<(row.range(of: "s/w") ?? row.range(of: "FIXTURE")!).lowerBound])) }
        #expect(Set(fixtureColumn).count == 1, "the FIXTURE column starts at one column on every row: \(rows)")
        #expect(rows[2].contains(String(repeating: "東", count: 11) + "…"), "cut by columns: \(rows[2])")
    }

    // MARK: The actions endpoint

    static func message(_ seq: Int, home: Bool, type: String = "Goal", at time: String, fixture: String = "fx1") -> String {
        #"{"traceId":"t\#(seq)","finished":false,"fixtureAction":{"actionId":"a\#(seq)","fixtureId":"\#(fixture)","fixtureSeqNum":\#(seq),"timestamp":"\#(time)","sendTypeId":5,"fixtureActionType":"\#(type)","team":{"homeTeam":\#(home),"id":"\#(home ? "h" : "a")","name":"\#(home ? "Home FC" : "Away FC")"}}}"#
    }

    @Test func theActionListBecomesARecordingTimedByTheActions() throws {
        let body = "[" + [
            Self.message(1, home: true, type: "Start Fixture", at: "2026-11-20T19:00:00Z"),
            Self.message(2, home: true, at: "2026-11-20T19:00:30.5Z"),
            "  " + Self.message(4, home: false, at: "2026-11-20T19:02:00Z"),
            Self.message(3, home: true, type: "Shot", at: "2026-11-20T19:01:00Z"),  // delivered late: plays at once
            #"{"type":"heartbeat"}"#,
            Self.message(5, home: false, at: "2026-11-20T19:03:00Z", fixture: "other"),
        ].joined(separator: ",\n") + "]"
        let ref = FixtureRef(sport: "soccer", id: "fx1")
        let recording = try ActionsImport.recording(from: body, fixture: ref, source: "http://127.0.0.1:1")
        #expect(recording.header == RecordingHeader(sport: "soccer", fixtureId: "fx1", title: "Home FC v Away FC", home: "Home FC", away: "Away FC", source: "http://127.0.0.1:1"))
        #expect(recording.frames.map(\.t) == [0, 30.5, 120, 120])
        #expect(recording.frames[2].frame == Self.message(4, home: false, at: "2026-11-20T19:02:00Z"), "each frame exactly as the server wrote it")
        #expect(recording.problems == ["element 5: not an action message", "element 6: an action of another fixture (other)"])
        // One line a reason, with its count and first elements; past twenty reasons, one line counts the rest.
        let many = "[" + (0..<30).map { Self.message($0 + 1, home: true, at: "2026-11-20T19:00:00Z", fixture: "other\($0 % 25)") }.joined(separator: ",") + "]"
        let lines = try ActionsImport.recording(from: many, fixture: ref).problems
        #expect(lines.count == 21 && lines[0] == "2 elements (1, 26): an action of another fixture (other0)" && lines[5] == "element 6: an action of another fixture (other5)", "\(lines)")
        #expect(lines.last == "5 more elements, for 5 more reasons", "\(lines)")
        // It is a recording like any other: its text parses back to the same thing.
        let again = try Recording.parse(recording.text)
        #expect(again.header == recording.header && again.frames == recording.frames)

        // With the Fixtures API's view of the fixture, the header says what the listing said.
        let listed = ListedFixture(id: "fx1", sport: "soccer", name: "Home v Away", competition: "Cup", home: "Home", away: "Away")
        let titled = try ActionsImport.recording(from: body, fixture: ref, listed: listed)
        #expect(titled.header.title == "Cup: Home v Away" && titled.header.home == "Home")
    }

    /// A timestamp days from the match's (a year 1, a year 9999, first or later in the list) plays with the
    /// action before it and is named; the others keep their gaps, and every frame stays one `demo` plays (one such
    /// stamp put every frame after it past what a recording holds, and `demo` skipped them all).
    @Test func aTimestampFarFromTheMatchsPlaysWithTheActionBefore() throws {
        let ref = FixtureRef(sport: "soccer", id: "fx1")
        for (odd, at) in [("0001-01-01T00:00:00Z", 0), ("9999-12-31T23:59:59Z", 0), ("0001-01-01T00:00:00Z", 2), ("9999-12-31T23:59:59Z", 2)] {
            var stamps = ["2026-11-20T19:00:00Z", "2026-11-20T19:00:30Z", "2026-11-20T19:01:00Z", "2026-11-20T19:02:00Z"]
            stamps[at] = odd
            let body = "[" + stamps.enumerated().map { Self.message($0.offset + 1, home: true, at: $0.element) }.joined(separator: ",") + "]"
            let recording = try ActionsImport.recording(from: body, fixture: ref)
            let expected: [Double] = at == 0 ? [0, 0, 30, 90] : [0, 30, 30, 120]
            #expect(recording.frames.map(\.t) == expected, "\(odd) at \(at)")
            #expect(recording.problems == ["element \(at + 1): its timestamp is days from the match's; it plays with the action before it"])
            let again = try Recording.parse(recording.text)
            #expect(again.frames == recording.frames, "every line reads back")
        }
    }

    @Test func bareActionsAndEnvelopesAreAccepted() throws {
        let ref = FixtureRef(sport: "basketball", id: "fx1")
        let bare = #"[{"actionId":"a1","fixtureId":"fx1","fixtureSeqNum":1,"fixtureActionType":"Start Fixture","timestamp":"2026-11-20T19:00:00Z"}]"#
        let fromBare = try ActionsImport.recording(from: bare, fixture: ref)
        #expect(fromBare.frames.count == 1 && fromBare.frames[0].frame.hasPrefix(#"{"fixtureAction":{"actionId":"a1""#))
        guard case .actions(let m, _) = FrameDecoder.decode(fromBare.frames[0].frame) else { Issue.record("not an action"); return }
        #expect(m[0].action.seq == 1)

        let envelope = #"{"fixtureId":"fx1","actions":["# + Self.message(1, home: true, at: "2026-11-20T19:00:00Z", fixture: "FX1") + "]}"
        #expect(try ActionsImport.recording(from: envelope, fixture: ref).frames.count == 1, "fixture ids compare without case")
        #expect(try ActionsImport.recording(from: Self.message(1, home: true, at: "x", fixture: "fx1"), fixture: ref).frames == [RecordedFrame(t: 0, frame: Self.message(1, home: true, at: "x", fixture: "fx1"))])
        #expect(try ActionsImport.recording(from: "[]", fixture: ref).frames.isEmpty)
        for body in ["", "{", #"{"message":"nope"}"#, "\"text\""] {
            #expect(throws: ActionsImport.ImportError.self, "\(body)") { try ActionsImport.recording(from: body, fixture: ref) }
        }
    }
}
