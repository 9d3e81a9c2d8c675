import LiveActions

/// Goals with minute and scorer, cards, corners, score at each half.
public struct Soccer: Equatable, Sendable {
    public struct Goal: Equatable, Sendable {
        public var isHome: Bool
        public var minute: String?
        public var scorer: String?
        /// "Penalty", "Header", "Own goal", …
        public var note: String?
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
    public var cards: [Card] = []
    public var corners = Score()
    public var byPeriod = PeriodScores()
    var yellowsByPlayer: [String: Int] = [:]

    public init() {}

    public var goalsScore: Score {
        var s = Score()
        for g in goals { s[g.isHome] += 1 }
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
        guard let isHome = action.team?.isHome else { return }
        let minute = action.clockTime
        let player = action.player?.name
        switch kind {
        case .goal:
            goals.append(Goal(isHome: isHome, minute: minute, scorer: player, note: action.subType))
            byPeriod[action.period ?? 1][isHome] += 1
        case .ownGoal:
            // `team` is the side whose player put it in; the goal counts for the other side.
            goals.append(Goal(isHome: !isHome, minute: minute, scorer: player, note: "Own goal"))
            byPeriod[action.period ?? 1][!isHome] += 1
        case .yellowCard:
            let key = action.player?.id ?? player ?? ""
            let n = (yellowsByPlayer[key] ?? 0) + 1
            yellowsByPlayer[key] = n
            if n >= 2, !key.isEmpty {
                cards.append(Card(isHome: isHome, minute: minute, player: player, isRed: true, secondYellow: true))
            } else {
                cards.append(Card(isHome: isHome, minute: minute, player: player, isRed: false, secondYellow: false))
            }
        case .redCard:
            cards.append(Card(isHome: isHome, minute: minute, player: player, isRed: true, secondYellow: false))
        case .corner:
            corners[isHome] += 1
        default:
            break
        }
    }

    var json: JSONObject {
        func side(_ s: Score) -> JSONValue { ["home": .number(Double(s.home)), "away": .number(Double(s.away))] }
        return [
            "goals": .array(goals.map { g in
                var o: JSONObject = ["side": g.isHome ? "home" : "away"]
                if let m = g.minute { o["minute"] = .string(m) }
                if let s = g.scorer { o["scorer"] = .string(s) }
                if let n = g.note { o["note"] = .string(n) }
                return .object(o)
            }),
            "yellow": side(yellowCards), "red": side(redCards), "corners": side(corners),
            "periods": byPeriod.json,
        ]
    }
}

extension Soccer {
    /// "67:12" → "68'" (the minute being played); anything else as it is.
    public static func minute(_ clock: String?) -> String {
        guard let clock, let m = clock.split(separator: ":").first, let n = Int(m) else { return clock ?? "" }
        return "\(n + 1)'"
    }
}
