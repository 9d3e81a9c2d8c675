import LiveActions

/// Points per set, sets won, who serves. A set ends on "End Period" or by the rules: 25 points (15 in the
/// fifth) with a two-point lead. The match ends at three sets.
public struct Volleyball: Equatable, Sendable {
    public struct SetScore: Equatable, Sendable {
        public var points = Score()
        /// True when home won, false when away won, nil while it is played.
        public var homeWon: Bool?
        /// Its End Period came: after it only a point sent late (`delayStatus`) counts.
        public var closed = false

        /// A closed set goes to the side ahead (a tie stays as it was).
        mutating func settle() {
            if points.home != points.away { homeWon = points.home > points.away }
        }
    }

    public var sets: [SetScore] = []
    /// The side that won the last rally serves next.
    public var homeServing: Bool?

    public init() {}

    public var setsWon: Score {
        var s = Score()
        for set in sets { if let h = set.homeWon { s[h] += 1 } }
        return s
    }

    public var matchOver: Bool { max(setsWon.home, setsWon.away) >= 3 }

    /// The set being played (1-based), or the next one.
    public var currentSet: Int {
        if let last = sets.last, last.homeWon == nil { return sets.count }
        return sets.count + 1
    }

    public static func target(set: Int) -> Int { set >= 5 ? 15 : 25 }

    mutating func apply(_ action: Action, kind: ActionKind) {
        switch kind {
        case .point:
            guard let isHome = action.teamIsHome else { return }
            let n = action.period ?? currentSet
            guard n >= 1, n <= 7 else { return }
            // The match ends at three sets: a point of a set after that is not played (it went 3–0, then 3–1).
            if matchOver, case let before = setsBefore(n), max(before.home, before.away) >= 3 { return }
            ensure(n)
            // After its End Period, a set takes only a point collected offline and sent late, and goes to the side
            // ahead (any other point is noise). Before it, a set won by the rules is won for now: the points that
            // follow until its End Period still count (sent late, or the rule met and play went on), and decide it.
            // Settled at the rule and closed to the rest, a set whose late points gave it to the other side was
            // shown 27–25 won by the side with 25.
            if sets[n - 1].closed {
                guard action.isDelayed else { return }
                sets[n - 1].points[isHome] += 1
                sets[n - 1].settle()
                return
            }
            sets[n - 1].points[isHome] += 1
            if !action.isDelayed { homeServing = isHome }
            let p = sets[n - 1].points
            let won = max(p.home, p.away) >= Volleyball.target(set: n) && abs(p.home - p.away) >= 2
            sets[n - 1].homeWon = won ? p.home > p.away : nil
        case .endPeriod:
            let n = action.period ?? sets.count
            guard n >= 1, n <= sets.count, !sets[n - 1].closed else { return }
            sets[n - 1].closed = true
            sets[n - 1].settle()
        default:
            break
        }
    }

    /// The sets won before set `n`.
    func setsBefore(_ n: Int) -> Score {
        var s = Score()
        for set in sets.prefix(n - 1) { if let h = set.homeWon { s[h] += 1 } }
        return s
    }

    mutating func ensure(_ n: Int) {
        while sets.count < n { sets.append(SetScore()) }
    }

    /// The `--headless` fields, written into the line's score object.
    func writeJSON(to w: inout JSONWriter) {
        w.key("sets")
        w.openArray()
        for s in sets { w.sides(home: s.points.home, away: s.points.away) }
        w.closeArray()
        if let homeServing { w.key("serving"); w.string(homeServing ? "home" : "away") }
    }
}
