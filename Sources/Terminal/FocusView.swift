import LiveActions
import Scoreboard
import Scoring

/// The focused fixture: score header, the sport's detail, the action feed and the connection panel.
enum FocusView {
    static func draw(_ c: inout Canvas, _ area: Rect, fixture f: FixtureState, state: AppState, theme: Theme) {
        let big = area.height >= 26 && area.width >= 100
        let (header, rest) = area.top(big ? 6 : 3)
        drawHeader(&c, header, fixture: f, big: big, theme: theme)
        let detailLines = SportDetailView.lines(f.match, wide: area.width >= 120)
        let detailHeight = min(detailLines.count, max(0, rest.height - 6))
        let (detail, panels) = rest.top(detailHeight)
        for (i, line) in detailLines.prefix(detailHeight).enumerated() {
            var x = detail.x + 2
            for span in line {
                x += c.put(span.text, x: x, y: detail.y + i, style: span.style(theme, f.match), limit: detail.maxX - x - 1)
            }
        }
        let sideWidth = area.width >= 140 ? 40 : area.width >= 100 ? 34 : 28
        let (feed, side) = panels.left(panels.width - sideWidth)
        FeedPanel.draw(&c, feed, fixture: f, theme: theme)
        ConnectionPanel.draw(&c, side, fixture: f, state: state, theme: theme)
    }

    static func drawHeader(_ c: inout Canvas, _ r: Rect, fixture f: FixtureState, big: Bool, theme: Theme) {
        let match = f.match
        let mid = r.x + r.width / 2
        let home = TextSafety.clean(f.homeName, limit: 60)
        let away = TextSafety.clean(f.awayName, limit: 60)
        let nameLimit = r.width / 2 - 12
        let scoreText = "\(match.headline.home) : \(match.headline.away)"
        if big {
            let glyphs = BigDigits.render(scoreText)
            let w = DisplayWidth.of(glyphs[0])
            for (i, row) in glyphs.enumerated() {
                c.put(row, x: mid - w / 2, y: r.y + 1 + i, style: theme[.score])
            }
            c.putRight(home, maxX: mid - w / 2 - 3, y: r.y + 2, style: teamStyle(true, match: match, theme: theme), limit: nameLimit)
            c.put(away, x: mid + (w + 1) / 2 + 3, y: r.y + 2, style: teamStyle(false, match: match, theme: theme), limit: nameLimit)
        } else {
            let w = DisplayWidth.of(scoreText) + 2
            c.put(" " + scoreText + " ", x: mid - w / 2, y: r.y, style: theme[.score])
            c.putRight(home, maxX: mid - w / 2 - 2, y: r.y, style: teamStyle(true, match: match, theme: theme), limit: nameLimit)
            c.put(away, x: mid + (w + 1) / 2 + 2, y: r.y, style: teamStyle(false, match: match, theme: theme), limit: nameLimit)
        }
        let infoY = r.maxY - (big ? 2 : 2)
        var parts: [String] = []
        if let title = f.title { parts.append(TextSafety.clean(title, limit: 60)) }
        let period = Labels.periodLong(match)
        if !period.isEmpty { parts.append(period) }
        if let clock = match.clock { parts.append(TextSafety.clean(clock, limit: 10) + (match.clockRunning ? " ▸" : " ‖")) }
        let info = parts.joined(separator: " · ")
        let infoW = min(DisplayWidth.of(info), r.width - 4)
        c.put(info, x: mid - infoW / 2, y: infoY, style: theme[.clock], limit: r.width - 4)

        let lineY = r.maxY - 1
        let (dot, role, label) = Labels.health(f)
        var x = r.x + 2
        x += c.put(dot + " " + label.uppercased(), x: x, y: lineY, style: theme[role], limit: r.width / 2)
        if let possession = match.homeInPossession, match.status == .live {
            x += c.put("   possession " + (possession ? "◀ " : "▶ ") + (possession ? home : away), x: x, y: lineY, style: theme[.dim], limit: r.maxX - x - 1)
        }
        var rightX = r.maxX - 2
        if let mismatch = f.log.summaryMismatch {
            let text = "≠ provider says \(mismatch.provider.home):\(mismatch.provider.away)"
            rightX -= c.putRight(text, maxX: rightX, y: lineY, style: theme[.mismatch]) + 2
        }
        if let banner = match.banner {
            c.putRight(" " + banner + " ", maxX: rightX, y: lineY, style: theme[.banner], limit: max(0, rightX - x - 2))
        }
    }
}

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
    static func lines(_ m: MatchState, wide: Bool) -> [[Span]] {
        let home = TextSafety.clean(m.homeName ?? "Home", limit: 17).padding(18)
        let away = TextSafety.clean(m.awayName ?? "Away", limit: 17).padding(18)
        func num(_ n: Int, _ w: Int = 4) -> String { String(repeating: " ", count: max(0, w - String(n).count)) + String(n) }
        switch m.detail {
        case .basketball(let b):
            let periods = b.byPeriod.periods
            let labels = periods.map { $0 <= 4 ? "Q\($0)" : "OT\($0 - 4)" }
            let headerRow = [Span("".padding(18), .dim)] + labels.map { Span(String(repeating: " ", count: max(0, 4 - $0.count)) + $0, .dim) }
                + [Span("   PTS  fouls", .dim)]
            func row(_ isHome: Bool) -> [Span] {
                [Span(isHome ? home : away, team: isHome)] + periods.map { Span(num(b.byPeriod[$0][isHome])) }
                    + [Span("  " + num(b.points[isHome]), .score), Span("  " + num(b.currentFouls[isHome], 3), b.currentFouls[isHome] >= 5 ? .warning : .text)]
            }
            return [headerRow, row(true), row(false)]
        case .soccer(let s):
            func goals(_ isHome: Bool) -> String {
                let list = s.goals.filter { $0.isHome == isHome }.map { g -> String in
                    var t = "⚽ " + TextSafety.clean(minute(g.minute), limit: 8) + " " + TextSafety.clean(g.scorer ?? "?", limit: 24)
                    if let note = g.note, ["Own goal", "Penalty"].contains(note) { t += note == "Own goal" ? " (og)" : " (pen)" }
                    return t
                }
                return list.isEmpty ? "—" : list.joined(separator: "  ")
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
                out.append([Span("half time".padding(18), .dim), Span("\(ht.home) : \(ht.away)", .dim)])
            }
            return out
        case .volleyball(let v):
            let n = max(v.sets.count, 1)
            let header = [Span("".padding(18), .dim)] + (1...n).map { Span(num($0, 4), .dim) } + [Span("  SETS", .dim)]
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
            let fp = s.framePoints
            return [
                [Span("frame \(s.currentFrame)".padding(18), .dim), Span("points ", .dim), Span("\(fp.home) : \(fp.away)", .score),
                 Span("    break ", .dim), Span(breakText(s.currentBreak), .live), Span("    highest ", .dim), Span(breakText(s.highestBreak))],
                [Span("frames".padding(18), .dim)] + s.frames.compactMap { f in
                    f.homeWon.map { Span("\(f.points.home)-\(f.points.away)  ", $0 ? .text : .dim) }
                },
            ]
        case .generic(let g):
            return [[Span("by period".padding(18), .dim)] + zip(g.byPeriod.periods, g.byPeriod.scores).map { Span("P\($0): \($1.home)-\($1.away)  ") }]
        }
    }

    /// "67:12" → "67'"; anything else as it is.
    static func minute(_ clock: String?) -> String {
        guard let clock, let m = clock.split(separator: ":").first, let n = Int(m) else { return clock ?? "" }
        return "\(n + 1)'"
    }
}

/// Big three-row digits for the score on larger terminals.
enum BigDigits {
    static let glyphs: [Character: [String]] = [
        "0": ["█▀█", "█ █", "▀▀▀"], "1": ["▀█ ", " █ ", "▀▀▀"], "2": ["▀▀█", "█▀▀", "▀▀▀"], "3": ["▀▀█", " ▀█", "▀▀▀"],
        "4": ["█ █", "▀▀█", "  ▀"], "5": ["█▀▀", "▀▀█", "▀▀▀"], "6": ["█▀▀", "█▀█", "▀▀▀"], "7": ["▀▀█", "  █", "  ▀"],
        "8": ["█▀█", "█▀█", "▀▀▀"], "9": ["█▀█", "▀▀█", "▀▀▀"], ":": [" ", "▪", " "], " ": [" ", " ", " "],
    ]

    static func render(_ text: String) -> [String] {
        var rows = ["", "", ""]
        for ch in text {
            let g = glyphs[ch] ?? [" ", " ", " "]
            for i in 0..<3 { rows[i] += g[i] + (ch == " " ? "" : " ") }
        }
        return rows
    }
}

/// The action feed, newest on top; pending, withdrawn and corrected actions look different.
enum FeedPanel {
    static func draw(_ c: inout Canvas, _ r: Rect, fixture f: FixtureState, theme: Theme) {
        let entries = f.log.entries
        let title = "Actions · \(entries.count)" + (f.feedScroll > 0 ? " · ↑ \(f.feedScroll) newer" : "")
        c.box(r, title: title, style: theme[.border], titleStyle: theme[.title])
        let inner = r.inset(by: 1)
        guard inner.height > 0, inner.width > 4 else { return }
        if entries.isEmpty {
            c.put("waiting for the first action…", x: inner.x + 1, y: inner.y, style: theme[.dim], limit: inner.width - 1)
            return
        }
        let newest = entries.count - 1 - f.feedScroll
        for row in 0..<inner.height {
            let i = newest - row
            guard i >= 0 else { break }
            let e = entries[i]
            let role: Role
            switch e.standing {
            case .pending: role = .pending
            case .withdrawn: role = .deleted
            case .counted: role = e.mark.isEmpty || e.mark == "CONFIRMED" ? .text : .corrected
            }
            var x = inner.x + 1
            let side = e.action.team?.isHome
            let marker = side == true ? "◀" : side == false ? "▶" : "·"
            x += c.put(marker + " ", x: x, y: inner.y + row, style: side.map { teamStyle($0, match: f.match, theme: theme) } ?? theme[.dim])
            if !e.mark.isEmpty {
                let tag = e.standing == .withdrawn ? "✗ " + e.mark : e.mark
                x += c.put(tag + " ", x: x, y: inner.y + row, style: theme[role].with(bg: .default), limit: inner.maxX - x)
            }
            c.put(e.text, x: x, y: inner.y + row, style: theme[role], limit: inner.maxX - x)
        }
    }
}

/// The stream's health: status, age of the last frame, rates, problems; in demo mode the replay's progress.
enum ConnectionPanel {
    static func draw(_ c: inout Canvas, _ r: Rect, fixture f: FixtureState, state: AppState, theme: Theme) {
        c.box(r, title: state.mode == .replay ? "Replay" : "Connection", style: theme[.border], titleStyle: theme[.title])
        let inner = r.inset(by: 1)
        guard inner.height > 0 else { return }
        var y = inner.y
        func row(_ label: String, _ value: String, _ role: Role = .text) {
            guard y < inner.maxY else { return }
            c.put(label, x: inner.x + 1, y: y, style: theme[.dim], limit: inner.width - 1)
            c.putRight(value, maxX: inner.maxX - 1, y: y, style: theme[role], limit: inner.width - DisplayWidth.of(label) - 2)
            y += 1
        }
        let (dot, role, label) = Labels.health(f)
        row("status", dot + " " + (label.count > inner.width - 10 ? String(label.prefix(inner.width - 11)) + "…" : label), role)
        if let last = f.lastFrameAt {
            let age = state.now - last
            row("last frame", Labels.age(age), age > 25 ? .stale : .text)
        } else {
            row("last frame", "none yet", .dim)
        }
        row("frames", "\(f.frames)")
        row("msgs/s", Labels.format1(f.messagesPerSecond(now: state.now)))
        row("actions", "\(f.log.messageCount)")
        if state.mode == .live { row("reconnects", "\(f.reconnects)", f.reconnects > 0 ? .warning : .text) }
        row("malformed", "\(f.malformed)", f.malformed > 0 ? .warning : .text)
        if f.duplicates > 0 { row("duplicates", "\(f.duplicates)") }
        if let p = f.replay, y + 1 < inner.maxY {
            y += 1
            let fraction = p.total > 0 ? Double(p.played) / Double(p.total) : 1
            let barWidth = max(4, inner.width - 8)
            let filled = Int((fraction * Double(barWidth)).rounded(.down))
            c.put(String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled), x: inner.x + 1, y: y, style: theme[.progress])
            c.putRight("\(Int(fraction * 100))%", maxX: inner.maxX - 1, y: y, style: theme[.text])
            y += 1
            row("speed", Labels.speed(state.speed) + (state.paused ? " paused" : ""), state.paused ? .warning : .text)
            row("position", "\(p.played)/\(p.total)")
        }
        if let problem = f.problems.last, y + 1 < inner.maxY {
            y += 1
            c.put("last problem", x: inner.x + 1, y: y, style: theme[.warning], limit: inner.width - 1)
            y += 1
            for chunk in wrap(problem, width: inner.width - 2) where y < inner.maxY {
                c.put(chunk, x: inner.x + 1, y: y, style: theme[.dim], limit: inner.width - 1)
                y += 1
            }
        }
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for ch in text {
            if DisplayWidth.of(current) + DisplayWidth.of(ch) > width {
                lines.append(current)
                current = ""
            }
            current.append(ch)
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
