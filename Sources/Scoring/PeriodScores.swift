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

    public var json: JSONValue {
        .array(zip(periods, scores).map { p, s in ["period": .number(Double(p)), "home": .number(Double(s.home)), "away": .number(Double(s.away))] })
    }
}
