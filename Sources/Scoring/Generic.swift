import LiveActions

/// Any other sport: goals and points count one, made shots their value, `metadata.points` when given.
public struct Generic: Equatable, Sendable {
    public var points = Score()
    public var byPeriod = PeriodScores()

    public init() {}

    mutating func apply(_ action: Action, kind: ActionKind) {
        guard let isHome = action.teamIsHome else { return }
        var side = isHome
        let value: Int
        switch kind {
        case .goal, .point: value = action.metadataInt("points") ?? 1
        case .ownGoal: value = 1; side = !isHome
        case .twoPointsMade: value = 2
        case .threePointsMade: value = 3
        case .freeThrowMade: value = 1
        default: return
        }
        points[side] += value
        byPeriod[action.period ?? 1][side] += value
    }

    /// The `--headless` fields, written into the line's score object.
    func writeJSON(to w: inout JSONWriter) {
        w.key("periods"); byPeriod.writeJSON(to: &w)
    }
}
