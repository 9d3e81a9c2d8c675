import Platform
import LiveActions
import Scoreboard

/// A replay paced by the wall clock (`--speed`), for the headless runner: events in batches as they fall due,
/// a sleep until the next one, and the start over with `--loop`.
public struct ReplaySource: EventSource {
    var replay: Replay
    var clock: ReplayClock
    let speed: Double?
    let loop: Bool
    let wall: any FeedClock

    public init(replay: Replay, speed: Double?, loop: Bool, wall: any FeedClock = MonotonicClock()) {
        self.replay = replay
        self.speed = speed
        self.loop = loop
        self.wall = wall
        clock = ReplayClock(speed: speed, wall: wall.now())
    }

    public mutating func next() async -> [AppEvent]? {
        while true {
            let events = replay.advance(to: clock.replayTime(atWall: wall.now()), limit: 4096)
            if !events.isEmpty { return events }
            if replay.isDone {
                guard loop else { return nil }
                replay.restart()
                clock = ReplayClock(speed: speed, wall: wall.now())
                return [.replayRestarted]
            }
            guard let due = replay.nextDue, let wake = clock.wallTime(forReplay: due) else { continue }
            do { try await wall.sleep(seconds: min(max(0, wake - wall.now()), 1)) } catch { return nil }
        }
    }
}
