import Testing
import LiveActions
@testable import Scoreboard
import TUI

/// What the connection panel says while a fixture waits to reconnect: which step failed, and when the next try is.
@Suite struct ConnectionPanelTests {
    @Test func aTimedOutStepAndTheNextTryAreShown() {
        let ref = FixtureRef(sport: "soccer", id: "f1")
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref)])
        _ = AppReducer.reduce(&state, .feed(.problem(ref, "HTTP upgrade timed out after 10 s", at: 100)))
        _ = AppReducer.reduce(&state, .feed(.status(ref, .reconnecting(attempt: 3, retryAt: 104.5), at: 100)))
        let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        #expect(text.contains("reconnecting (3)"), "\(text)")
        #expect(text.range(of: #"next try\s+in 4\.5 s"#, options: .regularExpression) != nil, "\(text)")
        #expect(text.contains("HTTP upgrade timed out after 1"), "the step that timed out: \(text)")
    }
}
