import Testing
import LiveActions
import TUI
import Simulator
@testable import Scoring
@testable import Scoreboard

/// The provider's own status (issue 12, item 11): decoded tolerantly, kept, shown only when it is news.
@Suite struct ProviderStatusTests {
    static let suspended = #"""
    {"version":3,"finished":false,
     "fixtureAction":{"actionId":"s1","fixtureId":"f1","fixtureSeqNum":40,"period":0,"clockTime":"00:00",
       "sendType":"Confirmed","sendTypeId":5,"fixtureActionType":"Status Updated","fixtureActionTypeId":22,
       "relatedFixtureActionIds":[],
       "metadata":{"coverageLevel":3,"fixtureStatus":1,"collectionStatus":3,"collectionStatusReason":"no signal","collectionStatusReasonCode":1}},
     "fixtureSummary":{"homeTeamScore":0,"awayTeamScore":0,"currentPeriod":1,"currentStatus":"Live",
       "collectionStatus":"CollectionSuspended","finished":false,
       "periods":[{"id":1,"label":"1st half","type":"Regular","homeTeamScore":0,"awayTeamScore":0}]}}
    """#

    static func message(_ text: String) -> ActionMessage? {
        guard case .actions(let m, _) = FrameDecoder.decode(text), let first = m.first else { return nil }
        return first
    }

    @Test func decodesSummaryStatusAndPeriodTypes() throws {
        let m = try #require(Self.message(Self.suspended))
        #expect(m.summary?.collection == "CollectionSuspended")
        #expect(m.summary?.status == "Live")
        #expect(m.summary?.periods.first?.type == "Regular")
        #expect(m.summary?.periodType(of: 1) == "Regular")
        #expect(m.action.delayStatus == nil && !m.action.isDelayed)
    }

    @Test(arguments: [
        (#"{"fixtureAction":{"fixtureSeqNum":1,"delayStatus":"DELAYED"}}"#, "DELAYED"),
        (#"{"delayStatus":"RECONSTRUCTED","fixtureAction":{"fixtureSeqNum":1}}"#, "RECONSTRUCTED"),
        (#"{"fixtureAction":{"fixtureSeqNum":1},"delayStatus":"DELAYED"}"#, "DELAYED"),
        (#"{"fixtureAction":{"fixtureSeqNum":1,"delayStatus":true}}"#, "true"),
        (#"{"fixtureAction":{"fixtureSeqNum":1,"delayStatus":1}}"#, "1"),
    ])
    func delayStatusAnywhereAnyNonEmptyValue(text: String, expected: String) throws {
        let m = try #require(Self.message(text))
        #expect(m.action.delayStatus == expected)
        #expect(m.action.isDelayed)
    }

    @Test(arguments: [
        #"{"fixtureAction":{"fixtureSeqNum":1,"delayStatus":""}}"#,
        #"{"fixtureAction":{"fixtureSeqNum":1,"delayStatus":null}}"#,
        #"{"fixtureAction":{"fixtureSeqNum":1,"delayStatus":false}}"#,
        #"{"delayStatus":"","fixtureAction":{"fixtureSeqNum":1}}"#,
    ])
    func emptyDelayStatusIsNotDelayed(text: String) throws {
        let m = try #require(Self.message(text))
        #expect(!m.action.isDelayed)
    }

    @Test func statusUpdatedIsTwentyTwoOnlyInSoccer() {
        let a = Action(actionId: "x", seq: 1, type: "Action type 22", typeId: 22)
        #expect(ActionKind(a, sport: .soccer) == .statusUpdated)
        #expect(ActionKind(a, sport: .basketball) == .steal)
        #expect(ActionKind(Action(actionId: "x", seq: 1, type: "Status Updated", typeId: 22), sport: .soccer) == .statusUpdated)
        #expect(ActionKind(Action(actionId: "x", seq: 1, type: "Steal", typeId: 22), sport: .basketball) == .steal)
    }

    /// Kinds worked out once are shared by every match of the process (`KindCache`): one type name, with one id,
    /// is still a steal in a basketball log and "Status Updated" in a soccer log, whichever match met it first.
    @Test func aKindWorkedOutInOneSportIsNotLentToAnother() {
        for (first, second) in [(Sport.basketball, Sport.soccer), (.soccer, .basketball)] {
            let type = "Shared kind \(first) first"
            for sport in [first, second, first] {
                var log = MatchLog(sport: sport)
                log.apply(ActionMessage(action: Action(actionId: "x", seq: 1, type: type, typeId: 22)))
                #expect(log.entries[0].kind == (sport == .soccer ? .statusUpdated : .steal), "\(sport) after \(first)")
            }
        }
    }

    @Test func suspendedThenDroppedCollection() throws {
        var log = MatchLog(sport: .soccer)
        log.apply(try #require(Self.message(Self.suspended)))
        #expect(log.provider.collection == "CollectionSuspended")
        #expect(log.provider.reason == "no signal")
        #expect(log.provider.collectionNews == "CollectionSuspended")
        #expect(log.state.collection == "CollectionSuspended", "from metadata.collectionStatus 3")
        // The drop, as documented: no summary collection status in this one, top-level finished.
        let drop = #"{"finished":true,"fixtureAction":{"actionId":"s2","fixtureSeqNum":41,"period":0,"sendTypeId":5,"#
            + #""fixtureActionType":"Status Updated","fixtureActionTypeId":22,"metadata":{"fixtureStatus":7,"collectionStatus":4,"#
            + #""collectionStatusReason":"This collection was dropped due to technical issues related to stream"}}}"#
        log.apply(try #require(Self.message(drop)))
        #expect(log.provider.collection == "CollectionDropped")
        #expect(log.provider.fixtureStatus == "Unverified")
        #expect(log.provider.reason?.hasPrefix("This collection was dropped") == true)
        #expect(log.status == .finished)
        #expect(log.state == log.freshFold())
    }

    /// A match the provider ends with its status alone (no End Match, no `finished`) is over where it is shown: its
    /// last headless line said "live", the board "stream ended", and a replay of its recording "ends before the match
    /// does". The newest of summary and "Status Updated" decides, as it does for the collection shown.
    @Test func aStatusThatSaysOverEndsTheMatch() throws {
        var log = MatchLog(sport: .soccer)
        var m = Msg(seq: 1)
        log.apply(m.make("Start Fixture", summary: FixtureSummary(status: "Live", collection: "CollectingLive")))
        #expect(log.status == .live)
        log.apply(m.make("Shot", summary: FixtureSummary(status: "Completed", collection: "CollectionCompleted")))
        #expect(log.status == .finished)
        log.apply(m.make("Shot", summary: FixtureSummary(status: "Live", collection: "CollectingLive")))
        #expect(log.status == .live, "a newer summary that says live again")
        log.apply(m.make("Shot", summary: FixtureSummary(status: "live", collection: "COLLECTIONDROPPED")))
        #expect(log.status == .finished, "folded, as every status is read")
        // A newer "Status Updated" that resumes the collection (fixture status Live, collection CollectingLive).
        log.apply(m.make("Status Updated", metadata: ["fixtureStatus": .number(1), "collectionStatus": .number(1)]))
        #expect(log.status == .live)
        #expect(log.state == log.freshFold())
    }

    @Test func newerSummaryOverridesAnOlderStatusUpdate() throws {
        var log = MatchLog(sport: .soccer)
        log.apply(try #require(Self.message(Self.suspended)))
        var m = Msg(seq: 41)
        log.apply(m.make("Start Clock", summary: FixtureSummary(status: "Live", collection: "CollectingLive")))
        #expect(log.provider.collection == "CollectingLive")
        #expect(log.provider.collectionNews == nil)
        #expect(log.provider.isQuiet)
    }

    @Test func delayedFollowsTheNewestPacket() {
        var m = Msg()
        var log = MatchLog(sport: .soccer)
        let late = m.make("Shot", team: true, delay: "DELAYED")
        let live = m.make("Corner", team: true)
        log.apply(late)
        #expect(log.provider.isDelayed)
        log.apply(live)
        #expect(!log.provider.isDelayed)
        var reversed = MatchLog(sport: .soccer)
        reversed.apply(live)
        reversed.apply(late)
        #expect(reversed == log, "a late delayed packet does not make the match delayed again")
    }

    /// What every headless line reads of the provider's status, read without making a `ProviderStatus`, is what
    /// the status says, after every message of status actions, summaries and late packets in any order.
    @Test func theLinesShortcutsSayWhatTheProviderStatusSays() throws {
        var m = Msg(seq: 50)
        let messages = [
            try #require(Self.message(Self.suspended)),
            m.make("Start Clock", summary: FixtureSummary(status: "Live", collection: "CollectingLive")),
            m.make("Shot", team: true, delay: "DELAYED"),
            m.make("Corner", team: true, summary: FixtureSummary(collection: "CollectionSuspended", reason: "no signal")),
            m.make("Goal", team: true, summary: FixtureSummary(collection: "")),
            m.make("Corner", team: false, delay: ""),
        ]
        var rng = SeededRandom(seed: 41)
        for order in [Array(messages.indices), Array(messages.indices.reversed())] + (0..<20).map({ _ in messages.indices.shuffled(using: &rng) }) {
            var log = MatchLog(sport: .soccer)
            for i in order {
                log.apply(messages[i])
                #expect(log.collectionNews == log.provider.collectionNews, "\(order) at \(i)")
                #expect(log.isDelayed == log.provider.isDelayed, "\(order) at \(i)")
            }
        }
    }

    func fixture(_ messages: [ActionMessage], sport: String = "soccer") -> FixtureState {
        var f = FixtureState(ref: FixtureRef(sport: sport, id: "f1"), home: "Home FC", away: "Away FC")
        for m in messages { f.log.apply(m) }
        return f
    }

    @Test func headlessLineCarriesOnlyNews() throws {
        var m = Msg()
        let quiet = fixture([m.make("Goal", team: true, period: 1, summary: FixtureSummary(status: "Live", collection: "CollectingLive"))])
        let line = HeadlessLine.json(for: quiet)
        #expect(!line.contains("\"collection\"") && !line.contains("\"delayed\""), "\(line)")

        let news = fixture([m.make("Goal", team: true, period: 1, summary: FixtureSummary(collection: "CollectionSuspended"), delay: "DELAYED")])
        let parsed = try #require(JSONValue.parse(HeadlessLine.json(for: news)))
        #expect(parsed["collection"]?.stringValue == "CollectionSuspended")
        #expect(parsed["delayed"] == .bool(true))
    }

    @Test func focusBannerAndOverviewMark() throws {
        var f = fixture([])
        f.log.apply(try #require(Self.message(Self.suspended)))
        var state = AppState(mode: .live, fixtures: [f, fixture([])])
        state.focus = 0
        let text = Screen.render(state, width: 120, height: 40, theme: .fallback).text
        #expect(text.contains("COLLECTION SUSPENDED: no signal"), "\(text)")
        let rows = text.split(separator: "\n")
        #expect(rows.filter { $0.contains("SOC") && $0.contains("‖") }.count == 1, "the overview marks the suspended fixture only")

        var m = Msg(seq: 100)
        f.log.apply(m.make("Shot", team: true, summary: FixtureSummary(status: "Suspended", collection: "CollectingLive"), delay: "DELAYED"))
        state.fixtures[0] = f
        let later = Screen.render(state, width: 120, height: 40, theme: .fallback).text
        #expect(later.contains("MATCH SUSPENDED"), "\(later)")
        #expect(later.contains("DELAYED: COLLECTED OFFLINE"))
        #expect(!later.contains("COLLECTION SUSPENDED"))
    }

    @Test func bannerWordsAndQuietStatuses() {
        #expect(ProviderStatus.words("CollectionSuspended") == "collection suspended")
        #expect(ProviderStatus.words("PostMatchChecked") == "post match checked")
        #expect(ProviderStatus(collection: "CollectingLive", fixtureStatus: "Live").isQuiet)
        #expect(ProviderStatus(fixtureStatus: "Scheduled").isQuiet)
        #expect(ProviderStatus(fixtureStatus: "Finished").isQuiet)
        #expect(ProviderStatus(fixtureStatus: "Suspended").fixtureStatusNews == "Suspended")
        #expect(ProviderStatus(collection: "CollectionCompleted").collectionNews == "CollectionCompleted")
        #expect(ProviderStatus.name(.number(6), in: ProviderStatus.collectionNames) == "PostMatchChecked")
        #expect(ProviderStatus.name(.number(42), in: ProviderStatus.collectionNames) == "42")
        #expect(ProviderStatus.name(.string("CollectionDropped"), in: ProviderStatus.collectionNames) == "CollectionDropped")
    }
}

/// The scoring rules of issue 12, item 12.
@Suite struct ScoringRulesTests {
    func soccer(_ log: MatchLog) -> Soccer? {
        if case .soccer(let s) = log.state.detail { return s }
        return nil
    }

    // MARK: 1. Disallowed goals

    @Test func disallowedGoalStopsCountingAndReturnsWhenTheDisallowingActionIsWithdrawn() throws {
        var m = Msg()
        let goal = m.make("Goal", team: true, id: "g1", period: 1, player: "Müller")
        let other = m.make("Goal", team: false, id: "g2", period: 1)
        let disallow = m.make("Goal Disallowed", id: "d1", period: 1, related: ["g1"])
        var log = fold(.soccer, [goal, other, disallow])
        #expect(log.state.headline == Score(0, 1))
        #expect(try #require(soccer(log)).byPeriod[1] == Score(0, 1))
        #expect(log.state == log.freshFold())
        log.apply(m.make("Goal Disallowed", id: "d1", send: .deleted, period: 1, related: ["g1"]))
        #expect(log.state.headline == Score(1, 1), "the disallowing action deleted: the goal counts again")
        #expect(log.state == log.freshFold())
        log.apply(m.make("Goal Disallowed", id: "d1", send: .restored, period: 1, related: ["g1"]))
        #expect(log.state.headline == Score(0, 1))
    }

    @Test(arguments: ["VAR Overturned", "Goal Cancelled", "Disallowed Goal"])
    func otherDisallowingNames(type: String) {
        var m = Msg()
        let log = fold(.soccer, [m.make("Goal", team: true, id: "g1", period: 1), m.make(type, related: ["g1"])])
        #expect(log.state.headline == Score())
    }

    /// A result that keeps the goal links it as a follow-on: "overturned" in it withdrew the goal.
    @Test(arguments: ["Offside overturned - goal stands", "Decision overturned: goal awarded", "Goal given"])
    func aResultThatKeepsTheGoalWithdrawsNothing(sub: String) {
        var m = Msg()
        let log = fold(.soccer, [m.make("Goal", team: true, id: "g1", period: 1), m.make("Video Check Result", sub: sub, related: ["g1"])])
        #expect(log.state.headline == Score(1, 0))
    }

    /// The goal `Restored` after the action that disallowed it is the provider's newer word: it stood disallowed for good.
    @Test func aGoalRestoredAfterItWasDisallowedCountsAgain() {
        var m = Msg()
        let goal = m.make("Goal", team: true, id: "g1", period: 1)
        let disallow = m.make("Video Check Result", sub: "Goal disallowed: offside", related: ["g1"])
        let restored = m.make("Goal", team: true, id: "g1", send: .restored, period: 1)
        let log = fold(.soccer, [goal, disallow, restored])
        #expect(log.state.headline == Score(1, 0))
        #expect(log.state == log.freshFold())
        // In any order of delivery.
        #expect(fold(.soccer, [restored, goal, disallow]).state == log.state)
        // Disallowed again after the restore: withdrawn again.
        var again = log
        again.apply(m.make("Video Check Result", sub: "Goal disallowed: handball", related: ["g1"]))
        #expect(again.state.headline == Score())
    }

    @Test func onlyACountedDisallowingActionNamingTheGoalWithdrawsIt() {
        var m = Msg()
        let log = fold(.soccer, [
            m.make("Goal", team: true, id: "g1", period: 1),
            m.make("Goal Disallowed", send: .pending, related: ["g1"]),
            m.make("Goal Disallowed", related: ["someone-else"]),
            m.make("Goal Disallowed"),
            m.make("Shot", team: false, related: ["g1"]),
        ])
        #expect(log.state.headline == Score(1, 0))
    }

    @Test func disallowedOwnGoalAndDisallowDeliveredFirst() {
        var m = Msg()
        let own = m.make("Own Goal", team: false, id: "og", period: 2)
        let disallow = m.make("Goal Disallowed", related: ["og"])
        #expect(fold(.soccer, [own, disallow]).state.headline == Score())
        // Delivered the wrong way round, the log places them and the fold is the same.
        let log = fold(.soccer, [disallow, own])
        #expect(log.state.headline == Score())
        #expect(log == fold(.soccer, [own, disallow]))
    }

    // MARK: 2. Second yellow and red

    @Test func secondYellowThenRedIsOneRed() throws {
        var m = Msg()
        let log = fold(.soccer, [
            m.make("Yellow Card", team: true, player: "Tessitori"),
            m.make("Second Yellow", team: true, player: "Tessitori"),
            m.make("Red Card", team: true, player: "Tessitori"),
            m.make("Red Card", team: false, player: "Ødegaard"),
        ])
        let s = try #require(soccer(log))
        #expect(s.redCards == Score(1, 1))
        #expect(s.yellowCards == Score(1, 0))
        #expect(s.cards.first { $0.isRed && $0.isHome }?.secondYellow == true)
    }

    @Test(arguments: ["Yellow Card", "Yellow Red Card", "Yellow Red"])
    func anySecondYellowThenRedIsOneRed(second: String) throws {
        var m = Msg()
        let log = fold(.soccer, [
            m.make("Yellow Card", team: false, player: "P"), m.make(second, team: false, player: "P"),
            m.make("Red Card", team: false, player: "P"),
        ])
        #expect(try #require(soccer(log)).redCards == Score(0, 1))
    }

    @Test func theRedForAnotherPlayerStillCounts() throws {
        var m = Msg()
        let log = fold(.soccer, [
            m.make("Yellow Card", team: true, player: "A"), m.make("Yellow Card", team: true, player: "A"),
            m.make("Red Card", team: true, player: "B"), m.make("Red Card", team: true),
        ])
        #expect(try #require(soccer(log)).redCards == Score(3, 0))
    }

    // MARK: 3. Penalty shoot-out

    @Test func shootoutPeriodFromTheSummaryIsTalliedApart() throws {
        var m = Msg()
        let periods = [SummaryPeriod(id: 1, type: "Regular"), SummaryPeriod(id: 2, type: "Regular"), SummaryPeriod(id: 3, type: "Shootout")]
        let log = fold(.soccer, [
            m.make("Goal", team: true, period: 1), m.make("Goal", team: false, period: 2),
            m.make("Start Period", period: 3, summary: FixtureSummary(home: 1, away: 1, period: 3, periods: periods)),
            m.make("Goal", team: true, period: 3), m.make("Goal", team: true, period: 3), m.make("Goal", team: false, period: 3),
            m.make("Goal", team: false, period: 3, summary: FixtureSummary(home: 1, away: 1, period: 3, periods: periods)),
            m.make("Goal", team: true),
        ])
        #expect(log.state.headline == Score(1, 1), "shoot-out goals do not change the match score")
        let s = try #require(soccer(log))
        #expect(s.shootoutScore == Score(3, 2))
        #expect(log.summaryMismatch == nil)
        #expect(detailJSON(s)?["shootout"] == JSONValue.object(["home": 3, "away": 2]))
        #expect(log.state == log.freshFold())
    }

    @Test func periodFiveAndShootoutTypesAreShootoutKicks() throws {
        var m = Msg()
        let log = fold(.soccer, [
            m.make("Goal", team: true, period: 4),
            m.make("Goal", team: false, period: 5),
            m.make("Goal", team: true, sub: "Penalty Shootout", period: 3),
            m.make("Penalty Shootout", team: true, sub: "Scored", period: 3),
            m.make("Penalty Shootout", team: false, sub: "Missed", period: 3),
            m.make("Shootout Goal", team: false, period: 3),
            m.make("Penalty Shootout", team: false, sub: "Saved", period: 3),
        ])
        #expect(log.state.headline == Score(1, 0))
        #expect(try #require(soccer(log)).shootoutScore == Score(2, 2))
    }

    @Test func noShootoutNoShootoutField() throws {
        var m = Msg()
        let s = try #require(soccer(fold(.soccer, [m.make("Goal", team: true, period: 2)])))
        #expect(s.shootoutScore == nil)
        #expect(detailJSON(s)?["shootout"] == nil)
    }

    @Test func shootoutScoreIsShownInTheFocusView() {
        var m = Msg()
        var f = FixtureState(ref: FixtureRef(sport: "soccer", id: "f1"), home: "Home FC", away: "Away FC")
        for msg in [m.make("Start Fixture"), m.make("Goal", team: true, period: 1), m.make("Goal", team: true, period: 5),
                    m.make("Goal", team: false, period: 5), m.make("Goal", team: false, period: 5)] { f.log.apply(msg) }
        var state = AppState(mode: .live, fixtures: [f])
        state.focus = 0
        let text = Screen.render(state, width: 120, height: 40, theme: .fallback).text
        #expect(text.contains("penalties"), "\(text)")
        #expect(text.contains("1 : 2"))
    }

    // MARK: 4. A goal with no period

    @Test func goalWithoutPeriodBelongsToTheCurrentPeriod() throws {
        var m = Msg()
        let log = fold(.soccer, [
            m.make("Start Period", period: 1), m.make("Goal", team: true),
            m.make("Start Period", period: 2), m.make("Status Updated", period: 0), m.make("Goal", team: false),
            m.make("Goal", team: true, period: 0),
        ])
        let s = try #require(soccer(log))
        #expect(s.byPeriod[1] == Score(1, 0))
        #expect(s.byPeriod[2] == Score(1, 1))
        #expect(s.byPeriod.periods == [1, 2])
        #expect(s.goals.map(\.period) == [1, 2, 2])
    }

    // MARK: 5. Basketball overtime fouls

    @Test func overtimeFoulsCarryOverFromTheFourthQuarter() throws {
        var m = Msg()
        var messages = [m.make("Start Period", period: 3), m.make("Foul", team: true, period: 3)]
        messages += (0..<3).map { _ in m.make("Foul", team: true, period: 4) }
        messages += [m.make("Foul", team: false, period: 4), m.make("Start Period", period: 4)]
        var log = fold(.basketball, messages)
        guard case .basketball(let q4) = log.state.detail else { Issue.record("wrong detail"); return }
        #expect(q4.currentFouls == Score(3, 1))
        log.apply(m.make("Start Period", period: 5))
        guard case .basketball(let ot1) = log.state.detail else { return }
        #expect(ot1.currentFouls == Score(3, 1), "overtime starts with the fourth quarter's fouls")
        log.apply(m.make("Foul", team: true, period: 5))
        log.apply(m.make("Start Period", period: 6))
        log.apply(m.make("Foul", team: false, period: 6))
        guard case .basketball(let ot2) = log.state.detail else { return }
        #expect(ot2.currentFouls == Score(4, 2))
        #expect(ot2.fouls[5] == Score(1, 0) && ot2.fouls[6] == Score(0, 1), "kept per period as well")
        #expect(log.state == log.freshFold())
    }

    // MARK: The fold invariant with the new rules

    static func randomStream(_ rng: inout SeededRandom, sport: Sport, count: Int) -> [ActionMessage] {
        let types: [String] = sport == .basketball
            ? ["2 Points Made", "Foul", "Foul", "Start Period", "Goal Disallowed"]
            : ["Goal", "Goal", "Own Goal", "Goal Disallowed", "VAR Overturned", "Yellow Card", "Second Yellow", "Red Card",
               "Penalty Shootout", "Start Period", "Status Updated", "Corner"]
        let sends: [SendType] = [.pending, .confirmed, .confirmed, .confirmed, .updated, .cancelled, .deleted, .restored]
        var messages: [ActionMessage] = []
        var ids: [String] = []
        for seq in 1...count {
            let reuse = !ids.isEmpty && Int.random(in: 0..<3, using: &rng) == 0
            let id = reuse ? ids.randomElement(using: &rng)! : "x\(seq)"
            if !reuse { ids.append(id) }
            let type = types.randomElement(using: &rng)!
            let related = type.contains("Disallowed") || type.contains("Overturned") ? [ids.randomElement(using: &rng)!] : []
            let action = Action(
                actionId: PackedText(id), seq: seq, period: [nil, 0, 1, 2, 3, 4, 5, 6].randomElement(using: &rng)!, clockTime: "\(seq)",
                sendType: sends.randomElement(using: &rng)!, type: type,
                subType: ["Scored", "Missed", nil].randomElement(using: &rng)!,
                team: Bool.random(using: &rng) ? TeamRef(isHome: Bool.random(using: &rng)) : nil,
                player: PlayerRef(id: "p\(Int.random(in: 0..<3, using: &rng))", name: "P"), related: related,
                metadata: type == "Status Updated" ? ["collectionStatus": .number(Double(Int.random(in: 0...6, using: &rng)))] : [:],
                delayStatus: Int.random(in: 0..<5, using: &rng) == 0 ? "DELAYED" : nil)
            let shootout = Int.random(in: 1...4, using: &rng)
            let summary = Bool.random(using: &rng)
                ? FixtureSummary(home: 0, away: 0, period: action.period, collection: ["CollectingLive", "CollectionSuspended", nil].randomElement(using: &rng)!,
                                 periods: [SummaryPeriod(id: shootout, type: "Shootout")])
                : nil
            messages.append(ActionMessage(finished: false, action: action, summary: summary))
        }
        return messages
    }

    @Test func newRulesHoldTheFreshFoldInvariantInAnyOrder() {
        var rng = SeededRandom(seed: 12)
        for trial in 0..<600 {
            let sport: Sport = trial % 3 == 0 ? .basketball : .soccer
            let messages = Self.randomStream(&rng, sport: sport, count: Int.random(in: 1...200, using: &rng))
            let reference = fold(sport, messages)
            #expect(reference.state == reference.freshFold(), "trial \(trial)")
            let log = fold(sport, DeliveryOrderPropertyTests.shuffledWithDuplicates(messages, &rng))
            #expect(log == reference, "trial \(trial)")
            #expect(log.state == log.freshFold(), "trial \(trial)")
            #expect(log.provider == reference.provider, "trial \(trial)")
        }
    }
}

/// A soccer detail's `--headless` fields, parsed.
func detailJSON(_ s: Soccer) -> JSONValue? {
    var w = JSONWriter()
    w.openObject()
    s.writeJSON(to: &w)
    w.closeObject()
    return JSONValue.parse(w.text)
}
