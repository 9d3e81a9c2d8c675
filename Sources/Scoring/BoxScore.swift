import LiveActions

/// The box score of a match, from the counted actions of its log: tables of text, ready for a widget.
/// Basketball: top scorers with points, rebounds, turnovers and fouls; soccer: scorers with minutes, cards,
/// shots and corners; volleyball: points, aces and blocks; snooker: breaks of 50 and more.
public struct BoxScore: Equatable, Sendable {
    public struct Table: Equatable, Sendable {
        public var title: String
        public var columns: [String]
        /// The first cell of each row is its label (a player, a minute); the rest line up under `columns`.
        public var rows: [[String]]
    }

    public var tables: [Table]

    /// Players per team at most; the widget shows as many as fit.
    public static let topPlayers = 12

    public init(_ log: MatchLog) {
        let counted = log.entries.filter { $0.standing == .counted }
        let m = log.state
        let home = TextSafety.clean(m.homeName ?? "Home", limit: 30), away = TextSafety.clean(m.awayName ?? "Away", limit: 30)
        switch m.detail {
        case .basketball:
            tables = [true, false].map { isHome in
                let stats = PlayerStats.collect(counted, isHome: isHome) { kind, _ in
                    switch kind {
                    case .twoPointsMade: [0: 2]
                    case .threePointsMade: [0: 3]
                    case .freeThrowMade: [0: 1]
                    case .offensiveRebound, .defensiveRebound: [1: 1]
                    case .turnover: [2: 1]
                    case .foul: [3: 1]
                    default: [:]
                    }
                }
                return Table(title: isHome ? home : away, columns: ["PTS", "REB", "TO", "PF"], rows: stats.top(Self.topPlayers))
            }
        case .volleyball:
            tables = [true, false].map { isHome in
                let stats = PlayerStats.collect(counted, isHome: isHome) { kind, sub in
                    guard kind == .point else { return [:] }
                    let how = ActionName.fold(sub ?? "")
                    return [0: 1, 1: how.hasPrefix("ace") ? 1 : 0, 2: how.hasPrefix("block") ? 1 : 0]
                }
                return Table(title: isHome ? home : away, columns: ["PTS", "ACE", "BLK"], rows: stats.top(Self.topPlayers))
            }
        case .soccer(let s):
            let goals = s.goals.map { g in
                [TextSafety.clean(Soccer.minute(g.minute), limit: 8) + " " + TextSafety.clean(g.scorer ?? "?", limit: 30)
                    + (g.note.map { " (" + TextSafety.clean($0, limit: 12) + ")" } ?? ""), g.isHome ? home : away]
            }
            let cards = s.cards.map { c in
                [TextSafety.clean(Soccer.minute(c.minute), limit: 8) + " " + TextSafety.clean(c.player ?? "?", limit: 30),
                 c.isRed ? (c.secondYellow ? "2nd yellow" : "red") : "yellow"]
            }
            var shots = Score()
            for e in counted where e.kind == .shot { if let h = e.action.team?.isHome { shots[h] += 1 } }
            func row(_ label: String, _ x: Score) -> [String] { [label, "\(x.home)", "\(x.away)"] }
            tables = [
                Table(title: "Goals", columns: ["team"], rows: goals.isEmpty ? [["none yet", ""]] : goals),
                Table(title: "Cards", columns: ["card"], rows: cards.isEmpty ? [["none yet", ""]] : cards),
                Table(title: "Team", columns: [home, away], rows: [
                    row("shots", shots), row("corners", s.corners), row("yellow", s.yellowCards), row("red", s.redCards),
                ]),
            ]
        case .snooker:
            let breaks = SnookerBreaks.collect(counted).filter { $0.points >= 50 }
            tables = [Table(title: "Breaks of 50+", columns: ["frame", "pts", ""], rows: breaks.isEmpty ? [["none yet", "", "", ""]] : breaks.map { b in
                [TextSafety.clean(b.player ?? (b.isHome ? home : away), limit: 30), "\(b.frame)", "\(b.points)", b.points >= 100 ? "century" : ""]
            })]
        case .generic:
            tables = []
        }
    }
}

/// Counters per player of one team, in order of first appearance.
struct PlayerStats {
    var names: [String] = []
    var counts: [String: [Int]] = [:]

    static func collect(_ entries: [ActionEntry], isHome: Bool, _ add: (ActionKind, String?) -> [Int: Int]) -> PlayerStats {
        var s = PlayerStats()
        for e in entries where e.action.team?.isHome == isHome {
            guard let name = e.action.player?.name, !name.isEmpty else { continue }
            let deltas = add(e.kind, e.action.subType)
            guard !deltas.isEmpty else { continue }
            if s.counts[name] == nil {
                s.names.append(name)
                s.counts[name] = [0, 0, 0, 0]
            }
            for (column, n) in deltas { s.counts[name]![column] += n }
        }
        return s
    }

    /// The `n` best by the first column, then the second, then first appearance.
    func top(_ n: Int) -> [[String]] {
        let ranked = names.enumerated().sorted { a, b in
            let (x, y) = (counts[a.element]!, counts[b.element]!)
            if x[0] != y[0] { return x[0] > y[0] }
            if x[1] != y[1] { return x[1] > y[1] }
            return a.offset < b.offset
        }
        return ranked.prefix(n).map { _, name in [TextSafety.clean(name, limit: 30)] + counts[name]!.map(String.init) }
    }
}

/// Every break of a snooker match: consecutive pots by one side, ended by any other shot, a foul or the frame's end.
enum SnookerBreaks {
    struct Break: Equatable {
        var isHome: Bool
        var player: String?
        var frame: Int
        var points: Int
    }

    static func collect(_ entries: [ActionEntry]) -> [Break] {
        var breaks: [Break] = []
        var current: Break?
        func end() {
            if let b = current { breaks.append(b) }
            current = nil
        }
        for e in entries {
            switch e.kind {
            case .pot:
                guard let isHome = e.action.team?.isHome else { continue }
                let value = e.action.metadataInt("points") ?? Snooker.ballValue(e.action.subType) ?? 1
                let frame = e.action.period ?? current?.frame ?? 1
                if var b = current, b.isHome == isHome, b.frame == frame {
                    b.points += value
                    current = b
                } else {
                    end()
                    current = Break(isHome: isHome, player: e.action.player?.name, frame: frame, points: value)
                }
            case .foul, .endPeriod, .frameWon, .endFixture:
                end()
            default:
                if e.action.team != nil { end() }
            }
        }
        end()
        return breaks
    }
}
