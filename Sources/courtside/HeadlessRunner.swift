import LiveActions
import Scoreboard

/// Drives the app reducer from a replay with no screen, printing each fixture's state when it changes.
struct HeadlessRunner {
    var state: AppState
    var replay: Replay
    var loop: Bool

    /// Exit status: 0 when every fixture finished, 1 when one failed for good.
    mutating func run() async -> Int32 {
        var out = LineWriter()
        var printed: [String?] = Array(repeating: nil, count: state.fixtures.count)
        var clock = ReplayClock(speed: state.speed, wall: wallNow())
        while true {
            let events = replay.advance(to: clock.replayTime(atWall: wallNow()), limit: 4096)
            for event in events {
                _ = AppReducer.reduce(&state, event)
                guard case .feed(let feedEvent) = event, let i = state.index(of: feedEvent.fixture) else { continue }
                let line = HeadlessLine.json(for: state.fixtures[i])
                if line != printed[i] {
                    printed[i] = line
                    out.add(line)
                }
            }
            if replay.isDone {
                if loop && state.failures.isEmpty {
                    out.flush()
                    replay.restart()
                    _ = AppReducer.reduce(&state, .replayRestarted)
                    printed = Array(repeating: nil, count: state.fixtures.count)
                    clock = ReplayClock(speed: state.speed, wall: wallNow())
                    continue
                }
                break
            }
            if events.isEmpty, let due = replay.nextDue, let wake = clock.wallTime(forReplay: due) {
                out.flush()
                let delay = max(0, wake - wallNow())
                try? await Task.sleep(nanoseconds: UInt64(min(delay, 1) * 1e9))
            }
        }
        out.flush()
        for (ref, reason) in state.failures { warn("\(ref): \(reason)") }
        return state.failures.isEmpty ? 0 : 1
    }
}
