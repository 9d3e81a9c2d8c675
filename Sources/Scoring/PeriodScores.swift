import LiveActions

/// Scores per period, in period order; grows as periods appear.
public struct PeriodScores: Equatable, Sendable {
    public private(set) var periods: [Int] = []
    public private(set) var scores: [Score] = []

    public init() {}

    public subscript(period: Int) -> Score {
        get { periods.firstIndex(of: period).map { scores[$0] } ?? Score() }
        set {
            if let i = periods.firstIndex(of: period) {
                scores[i] = newValue
            } else {
                let i = periods.firstIndex(where: { $0 > period }) ?? periods.count
                periods.insert(period, at: i)
                scores.insert(newValue, at: i)
            }
        }
    }

    /// `[{"period":1,"home":…,"away":…},…]`
    public func writeJSON(to w: inout JSONWriter) {
        w.openArray()
        for (p, s) in zip(periods, scores) { w.sides("period", p, home: s.home, away: s.away) }
        w.closeArray()
    }
}
