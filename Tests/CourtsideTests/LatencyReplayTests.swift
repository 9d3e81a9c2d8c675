import Foundation
import Testing
import LiveActions
@testable import Scoreboard
import TUI

/// Feed latency beyond `watch`: a replay shows the latency its recording had, a provider clock that runs ahead
/// is stated as skew, and a row past the threshold is marked in the overview.
@Suite struct LatencyReplayTests {
    static let ref = FixtureRef(sport: "soccer", id: "lat")

    func frame(timestamp: String) -> FeedEvent {
        .frame(Self.ref, .actions([ActionMessage(action: Action(actionId: "a", seq: 1, timestamp: PackedText(timestamp), type: "Shot"))]), at: 2, bytes: 10)
    }

    func state(clockOffset: Double?) -> AppState {
        var f = FixtureState(ref: Self.ref)
        f.clockOffset = clockOffset
        return AppState(mode: .replay, fixtures: [f])
    }

    @Test func aReplayOfARecordingMadeLiveShowsItsLatency() {
        // Recorded from 2026-11-20T19:30:00Z; the frame arrived 2 s in, the action is stamped 19:30:01.250.
        var s = state(clockOffset: 1_795_203_000)
        _ = AppReducer.reduce(&s, .feed(frame(timestamp: "2026-11-20T19:30:01.250Z")))
        #expect(s.fixtures[0].latency.lastMs == 750)
        let text = Screen.render(s, width: 100, height: 30, theme: .fallback).text
        #expect(text.range(of: #"latency\s+750 ms"#, options: .regularExpression) != nil, "\(text)")
        // A recording with no start (the simulated demo/) has no latency to show.
        var plain = state(clockOffset: nil)
        _ = AppReducer.reduce(&plain, .feed(frame(timestamp: "2026-11-20T19:30:01.250Z")))
        #expect(plain.fixtures[0].latency.lastMs == nil)
    }

    @Test func aProviderClockAheadIsStatedAsSkew() {
        var s = state(clockOffset: 1_795_203_000)
        _ = AppReducer.reduce(&s, .feed(frame(timestamp: "2026-11-20T19:30:05.000Z")))  // 3 s after it arrived
        #expect(s.fixtures[0].latency.lastMs == -3000, "kept negative, not clamped to 0")
        let text = Screen.render(s, width: 100, height: 30, theme: .fallback).text
        #expect(text.range(of: #"skew\s+provider 3\.0 s ahead"#, options: .regularExpression) != nil, "\(text)")
    }

    @Test func aRowPastTheThresholdIsMarked() {
        var s = state(clockOffset: 1_795_203_000)
        s.latencyThresholdMs = 500
        _ = AppReducer.reduce(&s, .feed(frame(timestamp: "2026-11-20T19:30:01.250Z")))
        let row = Screen.render(s, width: 100, height: 30, theme: .fallback).text.split(separator: "\n")[1]
        #expect(row.contains("»"), "\(row)")
        s.latencyThresholdMs = 5000
        let calm = Screen.render(s, width: 100, height: 30, theme: .fallback).text.split(separator: "\n")[1]
        #expect(!calm.contains("»"), "\(calm)")
    }

    @Test func recordingsKeepTheirStart() throws {
        let header = RecordingHeader(sport: "soccer", fixtureId: "x", source: "ws://h", started: 1_795_203_000.5)
        let text = header.jsonLine + "\n"
        #expect(try Recording.parse(text, name: "r").header.started == 1_795_203_000.5)
    }
}

/// With `--delay`, the screen runs behind but the connection panel still tells the truth about now.
@Suite struct DelayPanelTests {
    @Test func theHeldBackAmountAndRealTimeLivenessAreShown() {
        let ref = FixtureRef(sport: "soccer", id: "d")
        var s = AppState(mode: .live, fixtures: [FixtureState(ref: ref)])
        s.delay = 45
        _ = AppReducer.reduce(&s, .tick(now: 100))
        _ = AppReducer.reduce(&s, .arrived(ref, at: 99))
        _ = AppReducer.reduce(&s, .heldBack(12))
        #expect(s.fixtures[0].arrivedAt == 99 && s.heldBack == 12)
        #expect(s.fixtures[0].lastFrameAt == nil, "the frame itself is still held")
        let text = Screen.render(s, width: 100, height: 30, theme: .fallback).text
        #expect(text.range(of: #"now, live\s+1\.0 s ago"#, options: .regularExpression) != nil, "\(text)")
        #expect(text.range(of: #"held back\s+12 · 45s"#, options: .regularExpression) != nil, "\(text)")
    }
}
