import LiveActions

/// Goals with minute and scorer, cards, corners, score at each half.
public struct Soccer: Equatable, Sendable {
    public struct Goal: Equatable, Sendable {
        public var isHome: Bool
        public var minute: String?
        public var scorer: String?
        /// "Penalty", "Header", "Own goal", …
        public var note: String?
        /// The goal's `actionId`, which a disallowing action names in `relatedFixtureActionIds`.
        public var actionId: PackedText = ""
        /// The goal's period (the current one when the action carried none).
        public var period: Int = 1
        /// The `fixtureSeqNum` of the goal's version that counts: a version newer than the action that disallowed
        /// the goal (a `Restored`, an `Updated`) is the provider's newer word on it.
        public var version: Int = 0
    }

    public struct Card: Equatable, Sendable {
        public var isHome: Bool
        public var minute: String?
        public var player: String?
        public var isRed: Bool
        /// A red that came from a second yellow.
        public var secondYellow: Bool
    }

    public var goals: [Goal] = []
    /// Penalty shoot-out goals: tallied apart, they do not change the match score.
    public var shootoutGoals: [Goal] = []
    public var cards: [Card] = []
    public var corners = Score()
    public var byPeriod = PeriodScores()
    /// The period being played (actions with period 0 are pre-match and administrative: they do not move it).
    public var currentPeriod = 1
    /// Periods the provider's summary called a shoot-out.
    public var shootoutPeriods: Set<Int> = []
    var yellowsByPlayer: [String: Int] = [:]
    /// Players sent off by a second yellow: a red card that follows for them is the same red.
    var sentOff: Set<String> = []
    /// Goals a counted action disallowed, with that action's `fixtureSeqNum`, kept for a goal that is folded
    /// after the action that disallowed it.
    var disallowed: [PackedText: Int] = [:]

    public init() {}

    public var goalsScore: Score {
        var s = Score()
        for g in goals { s[g.isHome] += 1 }
        return s
    }

    /// The penalty shoot-out score; nil when there was none.
    public var shootoutScore: Score? {
        guard !shootoutGoals.isEmpty || currentPeriod >= 5 || shootoutPeriods.contains(currentPeriod) else { return nil }
        var s = Score()
        for g in shootoutGoals { s[g.isHome] += 1 }
        return s
    }

    public var yellowCards: Score { count { !$0.isRed } }
    public var redCards: Score { count { $0.isRed } }

    func count(_ predicate: (Card) -> Bool) -> Score {
        var s = Score()
        for c in cards where predicate(c) { s[c.isHome] += 1 }
        return s
    }

    mutating func apply(_ action: Action, kind: ActionKind) {
        if let p = action.period, p > currentPeriod, kind != .endFixture { currentPeriod = p }  // forward only
        if ActionName.folded(action.periodTypeSymbol, is: "shootout") {
            shootoutPeriods.insert(action.periodOfPlay ?? currentPeriod)
        }
        if !action.related.isEmpty, Soccer.disallows(action) {
            withdraw(action.related, by: action.seq)
            return
        }
        guard let isHome = action.teamIsHome else { return }
        // Read only for the kinds that keep them: made for every action with a team, the player's key was a new
        // string each time.
        var minute: String? { action.clockTime }
        var player: String? { action.player?.name }
        // A player is known by side and id (or name): by id or name alone, a yellow each for two players of the same
        // name (or a reused id) on the two sides was one player's second yellow, and a red for the wrong side.
        var key: String {
            let known = action.player?.id ?? player ?? ""
            return known.isEmpty ? "" : (isHome ? "H:" : "A:") + known
        }
        switch kind {
        case .goal, .ownGoal:
            if isDisallowed(action) { return }
            // An own goal: `team` is the side whose player put it in; the goal counts for the other side.
            let side = kind == .goal ? isHome : !isHome
            let period = action.periodOfPlay ?? currentPeriod
            let goal = Goal(isHome: side, minute: minute, scorer: player, note: kind == .goal ? action.subType : "Own goal",
                            actionId: action.actionId, period: period, version: action.seq)
            if isShootout(action, period: period) {
                shootoutGoals.append(goal)
            } else {
                goals.append(goal)
                byPeriod[period][side] += 1
            }
        case .yellowCard:
            let key = key
            let n = (yellowsByPlayer[key] ?? 0) + 1
            yellowsByPlayer[key] = n
            if n >= 2, !key.isEmpty {
                if sentOff.insert(key).inserted {
                    cards.append(Card(isHome: isHome, minute: minute, player: player, isRed: true, secondYellow: true))
                }
            } else {
                cards.append(Card(isHome: isHome, minute: minute, player: player, isRed: false, secondYellow: false))
            }
        case .secondYellow:
            let key = key
            if !key.isEmpty { yellowsByPlayer[key] = max(2, yellowsByPlayer[key] ?? 0) }
            if key.isEmpty || sentOff.insert(key).inserted {
                cards.append(Card(isHome: isHome, minute: minute, player: player, isRed: true, secondYellow: true))
            }
        case .redCard:
            // The explicit red that follows a second yellow is the same sending-off: one red, not two.
            let key = key
            if !key.isEmpty, sentOff.contains(key) { return }
            cards.append(Card(isHome: isHome, minute: minute, player: player, isRed: true, secondYellow: false))
        case .corner:
            corners[isHome] += 1
        case .other:
            // A shoot-out kick reported under its own type ("Penalty Shootout", sub-type "Scored").
            let period = action.periodOfPlay ?? currentPeriod
            if Soccer.namesShootout(action), Soccer.namesScored(action), !isDisallowed(action) {
                shootoutGoals.append(Goal(isHome: isHome, minute: minute, scorer: player, note: "Shoot-out",
                                          actionId: action.actionId, period: period, version: action.seq))
            }
        default:
            break
        }
    }

    /// A shoot-out kick: in a period the summary called a shoot-out, in period 5 or later (after two halves
    /// and two halves of extra time), or under a type or sub-type that names the shoot-out.
    func isShootout(_ action: Action, period: Int) -> Bool {
        period >= 5 || (!shootoutPeriods.isEmpty && shootoutPeriods.contains(period)) || Soccer.namesShootout(action)
    }

    static func namesShootout(_ action: Action) -> Bool {
        ActionName.folded(action.typeSymbol, contains: "shootout") || ActionName.folded(action.subTypeSymbol, contains: "shootout")
    }

    static func namesScored(_ action: Action) -> Bool {
        let text = ActionName.fold(action.type) + " " + ActionName.fold(action.subType ?? "")
        let scored = ActionName.contains(text, "goal") || ActionName.contains(text, "scored")
        let missed = ActionName.contains(text, "miss") || ActionName.contains(text, "saved") || ActionName.contains(text, "notscored")
            || ActionName.contains(text, "nogoal") || ActionName.contains(text, "woodwork") || ActionName.contains(text, "post")
        return scored && !missed
    }

    /// A counted action that disallows the goals it names: its type (or sub-type) says "disallowed",
    /// "overturned" or "goal cancelled", and nothing says the goal stands ("Offside overturned - goal stands"
    /// links the goal as a follow-on, and withdrew it). The provider documents the link, not the type's name.
    static func disallows(_ action: Action) -> Bool {
        let text = ActionName.fold(action.type) + " " + ActionName.fold(action.subType ?? "")
        let against = ActionName.contains(text, "disallow") || ActionName.contains(text, "overturn") || ActionName.contains(text, "goalcancel")
        let stands = ActionName.contains(text, "stand") || ActionName.contains(text, "award") || ActionName.contains(text, "given")
            || ActionName.contains(text, "goalallowed") || ActionName.contains(text, "goalconfirmed")
        return against && !stands
    }

    /// A goal that a counted action disallowed after the goal's own version that counts.
    func isDisallowed(_ action: Action) -> Bool {
        guard !disallowed.isEmpty, let by = disallowed[action.actionId] else { return false }
        return by > action.seq
    }

    /// Withdraws the goals named by `ids` whose counting version is older than `seq`, the disallowing action's, and
    /// any of them folded later: a goal `Restored` (or `Updated`) after it was disallowed is the newer word and stands.
    mutating func withdraw(_ ids: [String], by seq: Int) {
        for id in ids.lazy.map({ PackedText($0) }) {
            disallowed[id] = max(seq, disallowed[id] ?? seq)
            if let i = goals.firstIndex(where: { $0.actionId == id && $0.version < seq }) {
                let g = goals.remove(at: i)
                byPeriod[g.period][g.isHome] -= 1
            }
            shootoutGoals.removeAll { $0.actionId == id && $0.version < seq }
        }
    }

    /// The `--headless` fields, written into the line's score object.
    func writeJSON(to w: inout JSONWriter) {
        w.key("goals")
        w.openArray()
        for g in goals {
            w.openObject()
            w.key("side"); w.string(g.isHome ? "home" : "away")
            if let m = g.minute { w.key("minute"); w.string(m) }
            if let s = g.scorer { w.key("scorer"); w.string(s) }
            if let n = g.note { w.key("note"); w.string(n) }
            w.closeObject()
        }
        w.closeArray()
        w.key("yellow"); w.sides(home: yellowCards.home, away: yellowCards.away)
        w.key("red"); w.sides(home: redCards.home, away: redCards.away)
        w.key("corners"); w.sides(home: corners.home, away: corners.away)
        w.key("periods"); byPeriod.writeJSON(to: &w)
        // Only when there is one, so that the line of a match without a shoot-out is as before.
        if let shootout = shootoutScore { w.key("shootout"); w.sides(home: shootout.home, away: shootout.away) }
    }
}

extension Soccer {
    /// "67:12" → "68'" (the minute being played); anything else as it is.
    public static func minute(_ clock: String?) -> String {
        guard let clock, let m = clock.split(separator: ":").first, let n = Int(m) else { return clock ?? "" }
        return "\(n + 1)'"
    }
}
