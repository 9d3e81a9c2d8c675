import LiveActions

/// How far behind the provider the feed arrives: the arrival time of each action message minus its own
/// `timestamp`, over the most recent messages. Measured only when the wall clock of the source clock is known
/// (`AppState.epochOffset` in `watch`; a recording's `started`, per fixture, in a replay). A negative figure means
/// the provider's clock runs ahead of this machine's: it is kept, and the connection panel says so.
public struct FeedLatency: Equatable, Sendable {
    public private(set) var samples: [Double] = []
    public static let window = 200

    public init() {}

    public mutating func add(_ ms: Double) {
        // A catch-up (the history sent on joining mid-match) ends when a live message arrives, a tenth of the lag
        // before it: what came before says nothing of the feed now, and held the median at 1,000,000 ms for the
        // next 200 messages.
        if samples.count >= 10, let median = medianMs, median > 60_000, ms < median / 10 { samples.removeAll() }
        samples.append(ms)
        if samples.count > Self.window * 2 { samples.removeFirst(samples.count - Self.window) }
    }

    var recent: ArraySlice<Double> { samples.suffix(Self.window) }
    public var lastMs: Double? { samples.last }
    public var medianMs: Double? { percentile(0.5) }
    public var p95Ms: Double? { percentile(0.95) }

    /// Nearest-rank percentile of the recent samples.
    public func percentile(_ p: Double) -> Double? {
        let sorted = recent.sorted()
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    /// Milliseconds since 1970 of an ISO 8601 UTC time as the provider writes it: `2026-11-20T19:30:03.000Z`
    /// (fraction optional; `+hh:mm`/`-hh:mm` offsets too). nil for anything else.
    public static func epochMs(_ text: String) -> Double? {
        let b = Array(text.utf8)
        func num(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for i in at..<(at + n) {
                guard (48...57).contains(b[i]) else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count >= 19, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 32, b[13] == 58, b[16] == 58,
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2), let s = num(17, 2),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == 46 {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, (48...57).contains(b[i]) {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offset = 0
        if i < b.count, b[i] == 90 {
            i += 1
        } else if i < b.count, b[i] == 43 || b[i] == 45, let oh = num(i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let om = num(i + 4, 2) {
            offset = (oh * 60 + om) * 60 * (b[i] == 43 ? 1 : -1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = ISOTime.daysFromCivil(year: y, month: mo, day: d)
        let seconds = Double(days * 86_400 + h * 3600 + mi * 60 + s - offset) + fraction
        return seconds * 1000
    }
}
