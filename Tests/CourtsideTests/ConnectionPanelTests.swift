import Testing
import LiveActions
@testable import Scoreboard
@testable import TUI

/// What the connection panel says while a fixture waits to reconnect: which step failed, and when the next try is.
@Suite struct ConnectionPanelTests {
    @Test func aTimedOutStepAndTheNextTryAreShown() {
        let ref = FixtureRef(sport: "soccer", id: "f1")
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref)])
        _ = AppReducer.reduce(&state, .feed(.problem(ref, "HTTP upgrade timed out after 10 s", at: 100)))
        _ = AppReducer.reduce(&state, .feed(.status(ref, .reconnecting(attempt: 3, retryAt: 104.5), at: 100)))
        let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        // The try of this spell, worded apart from the panel's count of spells ("(3)" was read against "reconnects 1").
        #expect(text.contains("reconnecting, try 3") && text.contains("RECONNECTING, TRY 3"), "\(text)")
        #expect(text.range(of: #"reconnects\s+1"#, options: .regularExpression) != nil, "\(text)")
        #expect(text.range(of: #"next try\s+in 4\.5 s"#, options: .regularExpression) != nil, "\(text)")
        #expect(text.contains("HTTP upgrade timed out after 1"), "the step that timed out: \(text)")
        // A failure's reason too long for the status line ends in "…", not at its colon as if it had none.
        _ = AppReducer.reduce(&state, .feed(.status(ref, .failed("fixture not found or not licensed (404): the fixture is not in the feed's list"), at: 101)))
        let failed = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        #expect(failed.contains("● FAILED: FIXTURE NOT FOUND OR NOT LICENSED (404)…"), "\(failed)")
        // Its feed does not say it waits for an action that will not come.
        #expect(failed.contains("no actions: the feed failed") && !failed.contains("waiting for the first action"), "\(failed)")
    }

    /// Every row keeps a space after its label, and a value too wide ends in "…" rather than losing its end
    /// (a failed status ran into "status", and a latency of 762705001 / 764023501 ms read "762705001 / 7640235").
    @Test(arguments: [90, 100, 120, 160])
    func aLongValueIsCutWithAMarkNotRunTogether(width: Int) {
        let ref = FixtureRef(sport: "soccer", id: "f1")
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref)])
        _ = AppReducer.reduce(&state, .feed(.status(ref, .failed("token rejected (401): The supplied authentication is invalid for this fixture"), at: 100)))
        let text = Screen.render(state, width: width, height: 30, theme: .fallback).text
        let status = text.split(separator: "\n").first { $0.contains("status") }.map(String.init) ?? ""
        #expect(status.range(of: #"status\s+\S"#, options: .regularExpression) != nil && !status.contains("status●"), "\(status)")
        #expect(status.contains("…"), "\(status)")
        #expect("762705001 / 764023501 ms".fitted(18) == "762705001 / 76402…")
        #expect("12 ms".fitted(18) == "12 ms" && "abc".fitted(0) == "")
    }

    /// A stream that ends says so, and says "finished" only when the match did: a recording cut at 0 : 0 read
    /// "FINISHED" in the focused view while the overview said "pre".
    @Test func aStreamThatEndsBeforeTheMatchIsNotFinished() {
        let ref = FixtureRef(sport: "soccer", id: "f1")
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref)])
        _ = AppReducer.reduce(&state, .feed(.status(ref, .live, at: 1)))
        _ = AppReducer.reduce(&state, .feed(.ended(ref, at: 2)))
        #expect(Labels.health(state.fixtures[0]).2 == "stream ended")
        state.fixtures[0].replay = ReplayProgress(played: 0, total: 0)
        #expect(Labels.health(state.fixtures[0]).2 == "recording ended")
        let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        #expect(!text.lowercased().contains("finished"), "\(text)")
        #expect(text.contains("no actions arrived"), "\(text)")
    }

    /// With the score hidden, the last frame's age reads the same whether a hidden action or only a heartbeat came
    /// between two heartbeats: an age that restarted at 3 s after one told of a goal the feed did not show.
    @Test func withTheScoreHiddenTheAgeDoesNotTellOfAHiddenAction() {
        let ref = FixtureRef(sport: "soccer", id: "f1")
        let goal = #"{"fixtureAction":{"actionId":"a1","fixtureSeqNum":1,"fixtureActionType":"Goal","team":{"homeTeam":true}}}"#
        func panel(withGoal: Bool, now: Double, hidden: Bool = true) -> String {
            var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref)])
            state.spoilerFree = hidden
            _ = AppReducer.reduce(&state, .feed(.status(ref, .live, at: 0)))
            _ = AppReducer.reduce(&state, .feed(.frame(ref, .heartbeat, at: 0, bytes: 40)))
            if withGoal { _ = AppReducer.reduce(&state, .feed(.frame(ref, FrameDecoder.decode(goal), at: 3, bytes: goal.utf8.count))) }
            _ = AppReducer.reduce(&state, .tick(now: now))
            let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text
            return text.split(separator: "\n").first { $0.contains("last frame") }.map(String.init) ?? ""
        }
        #expect(panel(withGoal: true, now: 5) == panel(withGoal: false, now: 5))
        #expect(panel(withGoal: false, now: 5).contains("< 10 s ago"), "\(panel(withGoal: false, now: 5))")
        // Past the heartbeat interval the age is told, as a stream gone quiet must be.
        #expect(panel(withGoal: false, now: 14).contains("14 s ago"), "\(panel(withGoal: false, now: 14))")
        // Shown, the age is exact.
        #expect(panel(withGoal: true, now: 5, hidden: false).contains("2.0 s ago"), "\(panel(withGoal: true, now: 5, hidden: false))")
    }

    /// Where the key line's hints do not all fit, the least needed go first: cut at the first that did not fit, it lost
    /// "? help" and "q quit" at 80 columns, and the way back from the box score and the overview.
    @Test(arguments: [80, 84, 90])
    func theKeyLineKeepsQuitHelpAndTheWayBack(width: Int) {
        let ref = FixtureRef(sport: "soccer", id: "f1")
        var state = AppState(mode: .replay, fixtures: [FixtureState(ref: ref)])
        state.spoilerFree = true
        state.showBoxScore = true
        let text = Screen.render(state, width: width, height: 24, theme: .fallback).text
        let keys = String(text.split(separator: "\n").last ?? "")
        #expect(keys.contains("q quit") && keys.contains("? help") && keys.contains("b feed"), "\(width): \(keys)")
        #expect(keys.contains("r reveal"), "\(keys)")
        #expect(DisplayWidth.of(keys) <= width, "\(keys)")
    }

    /// The title's "N live" counts matches in play, as the rows' green dot does: it counted connections, and a board
    /// before kick-off read "2 live" over two rows of "pre" (and "0 live" with a delay).
    @Test func theTitleCountsMatchesInPlayNotConnections() {
        let refs = (1...2).map { FixtureRef(sport: "soccer", id: "f\($0)") }
        var state = AppState(mode: .live, fixtures: refs.map { FixtureState(ref: $0) })
        for ref in refs { _ = AppReducer.reduce(&state, .feed(.status(ref, .live, at: 1))) }
        let title = { String(Screen.render(state, width: 100, height: 30, theme: .fallback).text.split(separator: "\n")[0]) }
        #expect(title().contains("2 fixtures · 0 live"), "\(title())")
        let start = #"{"fixtureAction":{"actionId":"a1","fixtureSeqNum":1,"fixtureActionType":"Start Fixture"},"fixtureSummary":{"currentStatus":"Live"}}"#
        _ = AppReducer.reduce(&state, .feed(.frame(refs[0], FrameDecoder.decode(start), at: 2, bytes: start.utf8.count)))
        #expect(title().contains("2 fixtures · 1 live"), "\(title())")
        // A theme's long name is cut; the counts stay (a 300-character name took the whole right half away).
        state.themes = [String(repeating: "W", count: 300)]
        #expect(title().contains("2 fixtures · 1 live · theme WWWW") && title().contains("…"), "\(title())")
    }
}
