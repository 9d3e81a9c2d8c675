import LiveActions

/// Points by quarter (and overtime), team fouls per period.
public struct Basketball: Equatable, Sendable {
    public var points = Score()
    public var byPeriod = PeriodScores()
    public var fouls = PeriodScores()
    public var currentPeriod = 1

    public init() {}

    /// Quarters before overtime.
    public static let regulationPeriods = 4

    /// Team fouls that count towards the bonus in the period being played. Overtime carries on from the fourth
    /// quarter (FIBA: "all team fouls committed in any extra period shall be considered to have occurred in the
    /// fourth quarter"), so in overtime this is the fourth quarter's fouls and every extra period's so far.
    public var currentFouls: Score {
        guard currentPeriod > Basketball.regulationPeriods else { return fouls[currentPeriod] }
        var s = Score()
        for (period, score) in zip(fouls.periods, fouls.scores) where period >= Basketball.regulationPeriods && period <= currentPeriod {
            s.home += score.home
            s.away += score.away
        }
        return s
    }

    mutating func apply(_ action: Action, kind: ActionKind) {
        // Period 0: before the game, or administrative. The period moves forward only (see MatchState): an action
        // of an earlier period, sent late or not, counts in its own period.
        let period = action.periodOfPlay
        if let period, period > currentPeriod { currentPeriod = period }
        guard let isHome = action.teamIsHome else { return }
        let value: Int
        switch kind {
        case .twoPointsMade: value = 2
        case .threePointsMade: value = 3
        case .freeThrowMade: value = 1
        case .foul:
            fouls[period ?? currentPeriod][isHome] += 1
            return
        default: return
        }
        points[isHome] += value
        byPeriod[action.period ?? currentPeriod][isHome] += value
    }

    /// The `--headless` fields, written into the line's score object.
    func writeJSON(to w: inout JSONWriter) {
        w.key("periods"); byPeriod.writeJSON(to: &w)
        w.key("fouls"); w.sides(home: currentFouls.home, away: currentFouls.away)
    }
}
