import LiveActions

/// The seeded match simulator behind `demo/`. The same seed writes the same bytes on every run.
public enum MatchSimulator {
    public static let defaultSeed: UInt64 = 2026

    /// One full match per sport, named as they are stored in `demo/`.
    public static func demoRecordings(seed: UInt64 = defaultSeed) -> [(fileName: String, recording: Recording)] {
        let evening = 1_795_201_200  // 2026-11-20 19:00 UTC
        return [
            ("basketball-zalgiris-efes.jsonl", BasketballSim.play(seed: seed &+ 1, start: evening)),
            ("soccer-groningen-lodz.jsonl", SoccerSim.play(seed: seed &+ 2, start: evening + 1800)),
            ("volleyball-perugia-zaksa.jsonl", VolleyballSim.play(seed: seed &+ 3, start: evening + 600)),
            ("snooker-osullivan-ding.jsonl", SnookerSim.play(seed: seed &+ 4, start: evening - 3600)),
        ]
    }
}

extension MatchSimulator {
    /// `count` different matches, the four sports in turn, for benchmarks and load tests.
    public static func matches(count: Int, seed: UInt64 = defaultSeed) -> [Recording] {
        let evening = 1_795_201_200
        return (0..<count).map { i in
            let s = seed &+ UInt64(i) &* 7919
            switch i % 4 {
            case 0: return BasketballSim.play(seed: s, start: evening)
            case 1: return SoccerSim.play(seed: s, start: evening)
            case 2: return VolleyballSim.play(seed: s, start: evening)
            default: return SnookerSim.play(seed: s, start: evening)
            }
        }
    }
}
