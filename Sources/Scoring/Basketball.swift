import LiveActions

/// Points by quarter (and overtime), team fouls per period.
public struct Basketball: Equatable, Sendable {
    public var points = Score()
    public var byPeriod = PeriodScores()
    public var fouls = PeriodScores()
    public var currentPeriod = 1

    public init() {}

    /// Team fouls in the period being played.
    public var currentFouls: Score { fouls[currentPeriod] }

    mutating func apply(_ action: Action, kind: ActionKind) {
        if let p = action.period { currentPeriod = p }
        guard let isHome = action.team?.isHome else { return }
        let value: Int
        switch kind {
        case .twoPointsMade: value = 2
        case .threePointsMade: value = 3
        case .freeThrowMade: value = 1
        case .foul:
            fouls[currentPeriod][isHome] += 1
            return
        default: return
        }
        points[isHome] += value
        byPeriod[action.period ?? currentPeriod][isHome] += value
    }

    var json: JSONObject {
        ["periods": byPeriod.json,
         "fouls": ["home": .number(Double(currentFouls.home)), "away": .number(Double(currentFouls.away))]]
    }
}
