import LiveActions
import Scoreboard
import Scoring

/// A run of text with the role that styles it; team roles pick up team colours.
struct Span {
    var text: String
    var role: Role
    var team: Bool?

    init(_ text: String, _ role: Role = .text, team: Bool? = nil) {
        self.text = text
        self.role = role
        self.team = team
    }

    func style(_ theme: Theme, _ match: MatchState) -> Style {
        if let team { return teamStyle(team, match: match, theme: theme) }
        return theme[role]
    }
}

/// The sport's own detail, as lines of spans.
enum SportDetailView {
    /// `width`: the columns the lines may take.
    static func lines(_ m: MatchState, width: Int) -> [[Span]] {
        // Fitted by columns: a name of wide characters (北京国安足球俱乐部) ran into the figures beside it. Wider where
        // there is room: at 300 columns "ZAKSA Kędzierzyn-Koźle" was still cut to "ZAKSA Kędzierzyn…".
        let column = width >= 120 ? 28 : 18
        let home = TextSafety.clean(m.homeName ?? "Home", limit: 40).fitted(column - 1).padding(column)
        let away = TextSafety.clean(m.awayName ?? "Away", limit: 40).fitted(column - 1).padding(column)
        func num(_ n: Int, _ w: Int = 4) -> String { String(repeating: " ", count: max(0, w - String(n).count)) + String(n) }
        switch m.detail {
        case .basketball(let b):
            let periods = b.byPeriod.periods
            let labels = periods.map { $0 <= 4 ? "Q\($0)" : "OT\($0 - 4)" }
            let headerRow = [Span("".padding(column), .dim)] + labels.map { Span(String(repeating: " ", count: max(0, 4 - $0.count)) + $0, .dim) }
                + [Span("   PTS  fouls", .dim)]
            func row(_ isHome: Bool) -> [Span] {
                [Span(isHome ? home : away, team: isHome)] + periods.map { Span(num(b.byPeriod[$0][isHome])) }
                    + [Span("  " + num(b.points[isHome]), .score), Span("  " + num(b.currentFouls[isHome], 3), b.currentFouls[isHome] >= 5 ? .warning : .text)]
            }
            return [headerRow, row(true), row(false)]
        case .soccer(let s):
            func goals(_ isHome: Bool) -> String {
                goalsLine(s.goals.filter { $0.isHome == isHome }, room: width - column - 30)
            }
            func cards(_ isHome: Bool) -> String {
                "yellow \(s.yellowCards[isHome])  red \(s.redCards[isHome])  corners \(s.corners[isHome])"
            }
            var out: [[Span]] = [
                [Span(home, team: true), Span(cards(true).padding(30), .dim), Span(goals(true))],
                [Span(away, team: false), Span(cards(false).padding(30), .dim), Span(goals(false))],
            ]
            if s.byPeriod.periods.contains(1), (m.period ?? 1) > 1 {
                let ht = s.byPeriod[1]
                out.append([Span("half time".padding(column), .dim), Span("\(ht.home) : \(ht.away)", .dim)])
            }
            if let pens = s.shootoutScore {
                out.append([Span("penalties".padding(column), .dim), Span("\(pens.home) : \(pens.away)", .score)])
            }
            return out
        case .volleyball(let v):
            let n = max(v.sets.count, 1)
            let header = [Span("".padding(column), .dim)] + (1...n).map { Span(num($0, 4), .dim) } + [Span("  SETS", .dim)]
            func row(_ isHome: Bool) -> [Span] {
                var spans = [Span(isHome ? home : away, team: isHome)]
                for set in v.sets {
                    let won = set.homeWon == isHome
                    spans.append(Span(num(set.points[isHome]), set.homeWon == nil ? .score : won ? .text : .dim))
                }
                spans.append(Span("  " + num(v.setsWon[isHome], 3), .score))
                if v.homeServing == isHome, !v.matchOver { spans.append(Span("  ● serving", .live)) }
                return spans
            }
            return [header, row(true), row(false)]
        case .snooker(let s):
            func breakText(_ b: Snooker.Break?) -> String {
                guard let b else { return "—" }
                return "\(b.points) (" + TextSafety.clean(b.isHome ? m.homeName ?? "Home" : m.awayName ?? "Away", limit: 20) + ")"
            }
            // Once the match is over, its last frame (the next frame's number said "frame 26, points 0 : 0" of a
            // match that ended 13–12).
            let over = m.status == .finished && !s.frames.isEmpty
            let frame = over ? s.frames.count : s.currentFrame
            let fp = over ? s.frames[s.frames.count - 1].points : s.framePoints
            var won = s.frames.compactMap { f in f.homeWon.map { Span("\(f.points.home)-\(f.points.away)  ", $0 ? .text : .dim) } }
            // The latest frames, when all do not fit: the first ones went on and the decider was cut off.
            let room = width - column
            if won.reduce(0, { $0 + DisplayWidth.of($1.text) }) > room {
                var used = 2
                var kept = 0
                for span in won.reversed() {
                    guard used + DisplayWidth.of(span.text) <= room else { break }
                    used += DisplayWidth.of(span.text)
                    kept += 1
                }
                won = [Span("… ", .dim)] + won.suffix(kept)
            }
            return [
                [Span("frame \(frame)".padding(column), .dim), Span("points ", .dim), Span("\(fp.home) : \(fp.away)", .score),
                 Span("    break ", .dim), Span(breakText(s.currentBreak), .live), Span("    highest ", .dim), Span(breakText(s.highestBreak))],
                [Span("frames".padding(column), .dim)] + won,
            ]
        case .generic(let g):
            return [[Span("by period".padding(column), .dim)] + zip(g.byPeriod.periods, g.byPeriod.scores).map { Span("P\($0): \($1.home)-\($1.away)  ") }]
        }
    }

    /// A side's goals in `room` columns, in the first form that fits: minute and scorer, minute and surname, the
    /// minutes alone, then the latest minutes after "…". Cut at the edge, the third goal of a side was lost at
    /// 80 columns and a minute cut in half.
    static func goalsLine(_ goals: [Soccer.Goal], room: Int) -> String {
        guard !goals.isEmpty else { return "—" }
        func note(_ g: Soccer.Goal) -> String {
            g.note == "Own goal" ? " (og)" : g.note == "Penalty" ? " (pen)" : ""
        }
        let minutes = goals.map { TextSafety.clean(minute($0.minute), limit: 8) }
        let full = zip(goals, minutes).map { "⚽ " + $1 + " " + TextSafety.clean($0.scorer ?? "?", limit: 24) + note($0) }.joined(separator: "  ")
        let surnames = "⚽ " + zip(goals, minutes).map { g, m in
            m + " " + TextSafety.clean(String((g.scorer ?? "?").split(separator: " ").last ?? "?"), limit: 16) + note(g)
        }.joined(separator: "  ")
        let bare = zip(goals, minutes).map { $1 + note($0) }
        for line in [full, surnames, "⚽ " + bare.joined(separator: " ")] where DisplayWidth.of(line) <= room { return line }
        var kept: [String] = []
        for m in bare.reversed() {
            guard DisplayWidth.of("⚽ … " + ([m] + kept).joined(separator: " ")) <= room else { break }
            kept.insert(m, at: 0)
        }
        return "⚽ … " + kept.joined(separator: " ")
    }

    /// "67:12" → "67'"; anything else as it is.
    static func minute(_ clock: String?) -> String { Soccer.minute(clock) }
}
