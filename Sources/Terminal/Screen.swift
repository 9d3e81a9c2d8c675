import LiveActions
import Scoreboard
import Scoring

/// The whole screen as a pure function of the app state, the terminal size and the theme.
public enum Screen {
    public static let minWidth = 80
    public static let minHeight = 24

    public static func render(_ state: AppState, width: Int, height: Int, theme: Theme) -> Canvas {
        var canvas = Canvas(width: width, height: height, style: theme[.background])
        guard width >= minWidth, height >= minHeight else {
            drawTooSmall(&canvas, theme: theme)
            return canvas
        }
        let (titleRow, rest) = canvas.bounds.top(1)
        TitleBar.draw(&canvas, titleRow, state: state, theme: theme)
        let (body, statusRow) = rest.top(rest.height - 1)
        StatusBar.draw(&canvas, statusRow, state: state, theme: theme)

        let overviewRows = min(state.fixtures.count, height >= 40 ? 10 : 6)
        let (overview, below) = body.top(overviewRows)
        Overview.draw(&canvas, overview, state: state, theme: theme)
        let (separator, focusArea) = below.top(1)
        canvas.hline(separator.x, separator.y, separator.width, style: theme[.border])
        if let fixture = state.focused {
            FocusView.draw(&canvas, focusArea, fixture: fixture, state: state, theme: theme)
        } else {
            canvas.put("No fixtures. Give recordings to `courtside demo` or fixtures to `courtside watch`.",
                       x: focusArea.x + 2, y: focusArea.y + 1, style: theme[.dim], limit: focusArea.width - 4)
        }
        if state.showHelp { HelpOverlay.draw(&canvas, theme: theme) }
        return canvas
    }

    static func drawTooSmall(_ canvas: inout Canvas, theme: Theme) {
        let lines = [
            "Terminal too small",
            "Courtside needs \(minWidth)×\(minHeight); this one is \(canvas.width)×\(canvas.height).",
            "Make it larger, or press q to quit.",
        ]
        let top = max(0, canvas.height / 2 - lines.count / 2)
        for (i, line) in lines.enumerated() {
            let w = DisplayWidth.of(line)
            canvas.put(line, x: max(0, (canvas.width - w) / 2), y: top + i, style: i == 0 ? theme[.warning] : theme[.text], limit: canvas.width)
        }
    }
}

// MARK: - Shared vocabulary

enum Labels {
    static func sportTag(_ sport: Sport) -> String {
        switch sport {
        case .basketball: "BKB"
        case .soccer: "SOC"
        case .volleyball: "VOL"
        case .snooker: "SNK"
        case .other(let path): String((path.split(separator: "/").last ?? "").prefix(3)).uppercased()
        }
    }

    static func period(_ match: MatchState) -> String {
        guard let p = match.period, p > 0 else { return match.status == .scheduled ? "pre" : "" }
        switch match.sport {
        case .basketball: return p <= 4 ? "Q\(p)" : "OT\(p - 4)"
        case .soccer: return p == 1 ? "1H" : p == 2 ? "2H" : p <= 4 ? "ET\(p - 2)" : "PEN"
        case .volleyball: return "Set \(p)"
        case .snooker: return "Fr \(p)"
        case .other: return "P\(p)"
        }
    }

    static func periodLong(_ match: MatchState) -> String {
        guard let p = match.period, p > 0 else { return "" }
        switch match.sport {
        case .basketball: return p <= 4 ? "Quarter \(p)" : "Overtime \(p - 4)"
        case .soccer: return p == 1 ? "First half" : p == 2 ? "Second half" : p <= 4 ? "Extra time \(p - 2)" : "Penalties"
        case .volleyball: return "Set \(p)"
        case .snooker: return "Frame \(p)"
        case .other: return "Period \(p)"
        }
    }

    /// The dot and its role for a fixture's health: the connection first, then the match.
    static func health(_ f: FixtureState) -> (String, Role, String) {
        switch f.connection {
        case .failed(let reason): return ("●", .failed, "failed: " + reason)
        case .stale: return ("●", .stale, "stale")
        case .reconnecting(let attempt, _): return ("◌", .reconnecting, "reconnecting (\(attempt))")
        case .connecting: return ("○", .scheduled, "connecting")
        case .authenticating: return ("○", .scheduled, "authenticating")
        case .finished: return ("●", .finished, "finished")
        case .live:
            switch f.log.status {
            case .finished: return ("●", .finished, "finished")
            case .suspended: return ("●", .stale, "suspended")
            case .scheduled: return ("○", .live, "waiting for start")
            case .live: return ("●", .live, "live")
            }
        }
    }

    static func age(_ seconds: Double) -> String {
        if seconds < 0 { return "now" }
        if seconds < 10 { return String(format1(seconds)) + " s ago" }
        if seconds < 120 { return "\(Int(seconds)) s ago" }
        if seconds < 7200 { return "\(Int(seconds / 60)) min ago" }
        return "\(Int(seconds / 3600)) h ago"
    }

    static func format1(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func hms(_ t: Double) -> String {
        let s = max(0, Int(t))
        func p(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(p(s / 3600)):\(p(s / 60 % 60)):\(p(s % 60))"
    }

    static func speed(_ s: Double?) -> String {
        guard let s else { return "max" }
        return s == s.rounded() ? "\(Int(s))×" : "\(s)×"
    }
}

/// Team name styles: the teams' own colours where the theme allows and the colour is readable.
func teamStyle(_ isHome: Bool, match: MatchState, theme: Theme) -> Style {
    var style = theme[isHome ? .home : .away]
    if theme.teamColours, let c = isHome ? match.homeColour : match.awayColour {
        let luminance = (299 * Int(c.r) + 587 * Int(c.g) + 114 * Int(c.b)) / 1000
        if (70...215).contains(luminance) { style.fg = .rgb(c.r, c.g, c.b) }
    }
    return style
}

// MARK: - Title and status bars

enum TitleBar {
    static func draw(_ c: inout Canvas, _ r: Rect, state: AppState, theme: Theme) {
        c.fillRect(r, style: theme[.statusBar])
        var x = r.x + 1
        x += c.put("COURTSIDE", x: x, y: r.y, style: theme[.key])
        let mode: String
        switch state.mode {
        case .replay: mode = "  demo · " + Labels.speed(state.speed) + (state.paused ? " · PAUSED" : "") + " · t+" + Labels.hms(state.now)
        case .live: mode = "  live"
        }
        x += c.put(mode, x: x, y: r.y, style: theme[.statusBar], limit: r.maxX - x)
        let live = state.fixtures.filter { if case .live = $0.connection { true } else { false } }.count
        let right = "\(state.fixtures.count) fixtures · \(live) live · theme \(state.theme) "
        if r.maxX - x > DisplayWidth.of(right) + 2 { c.putRight(right, maxX: r.maxX, y: r.y, style: theme[.statusBar]) }
    }
}

enum StatusBar {
    static func draw(_ c: inout Canvas, _ r: Rect, state: AppState, theme: Theme) {
        c.fillRect(r, style: theme[.statusBar])
        var hints: [(String, String)] = [("Tab", "fixture"), ("↑↓", "scroll")]
        if state.mode == .replay { hints += [("space", state.paused ? "resume" : "pause"), ("+/-", "speed")] }
        hints += [("t", "theme"), ("?", "help"), ("q", "quit")]
        var x = r.x + 1
        for (key, action) in hints {
            let needed = DisplayWidth.of(key) + DisplayWidth.of(action) + 3
            guard x + needed <= r.maxX else { break }
            x += c.put(key, x: x, y: r.y, style: theme[.key])
            x += c.put(" " + action + "  ", x: x, y: r.y, style: theme[.statusBar])
        }
    }
}

// MARK: - Overview: one line per fixture

enum Overview {
    static func draw(_ c: inout Canvas, _ r: Rect, state: AppState, theme: Theme) {
        guard r.height > 0 else { return }
        // Scroll the list so the focused fixture is always visible.
        let start = state.focus < r.height ? 0 : state.focus - r.height + 1
        for row in 0..<r.height {
            let i = start + row
            guard i < state.fixtures.count else { break }
            line(&c, Rect(x: r.x, y: r.y + row, width: r.width, height: 1), index: i, state: state, theme: theme)
        }
    }

    static func line(_ c: inout Canvas, _ r: Rect, index: Int, state: AppState, theme: Theme) {
        let f = state.fixtures[index]
        let focused = index == state.focus
        let base = focused ? theme[.selected] : theme[.text]
        if focused { c.fillRect(r, style: base) }
        let match = f.match
        var x = r.x
        x += c.put(focused ? "▶" : " ", x: x, y: r.y, style: focused ? theme[.title].with(bg: base.bg) : base)
        x += c.put(index < 9 ? "\(index + 1) " : "  ", x: x, y: r.y, style: theme[.dim].with(bg: base.bg))
        let (dot, role, _) = Labels.health(f)
        x += c.put(dot + " ", x: x, y: r.y, style: theme[role].with(bg: base.bg))
        x += c.put(Labels.sportTag(f.sport).padding(3) + " ", x: x, y: r.y, style: theme[.dim].with(bg: base.bg))
        let nameWidth = r.width >= 140 ? 24 : r.width >= 100 ? 20 : 16
        let home = TextSafety.clean(f.homeName, limit: 60)
        let homeW = min(DisplayWidth.of(home), nameWidth)
        c.put(home, x: x + nameWidth - homeW, y: r.y, style: teamStyle(true, match: match, theme: theme).with(bg: base.bg), limit: nameWidth)
        x += nameWidth
        let score = " \(match.headline.home) : \(match.headline.away) "
        let scoreW = 9
        c.put(score, x: x + (scoreW - DisplayWidth.of(score)) / 2, y: r.y, style: theme[.score].with(bg: base.bg), limit: scoreW)
        x += scoreW
        c.put(TextSafety.clean(f.awayName, limit: 60), x: x, y: r.y, style: teamStyle(false, match: match, theme: theme).with(bg: base.bg), limit: nameWidth)
        x += nameWidth + 1
        let when = [Labels.period(match), match.clock.map { TextSafety.clean($0, limit: 8) } ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        x += c.put(when.padding(12), x: x, y: r.y, style: theme[.clock].with(bg: base.bg), limit: 12)
        var marks = ""
        if f.log.summaryMismatch != nil { marks += "≠" }
        if match.banner != nil { marks += "!" }
        x += c.put(marks.padding(2), x: x, y: r.y, style: theme[.mismatch].with(bg: base.bg), limit: 2)
        if let last = f.log.entries.last, r.maxX - x > 8 {
            c.put(last.text, x: x, y: r.y, style: theme[.dim].with(bg: base.bg), limit: r.maxX - x - 1)
        }
    }
}

extension Style {
    func with(bg: Color) -> Style {
        var s = self
        if bg != .default { s.bg = bg }
        return s
    }
}

extension String {
    func padding(_ width: Int) -> String {
        let w = DisplayWidth.of(self)
        return w >= width ? self : self + String(repeating: " ", count: width - w)
    }
}

// MARK: - Help

enum HelpOverlay {
    static func draw(_ c: inout Canvas, theme: Theme) {
        let rows = Key.help
        let keyW = rows.map { DisplayWidth.of($0.keys) }.max() ?? 0
        let w = min(c.width - 4, keyW + (rows.map { DisplayWidth.of($0.action) }.max() ?? 0) + 7)
        let h = min(c.height - 2, rows.count + 4)
        let r = Rect(x: (c.width - w) / 2, y: (c.height - h) / 2, width: w, height: h)
        c.fillRect(r, style: theme[.help])
        c.box(r, title: "Keys", style: theme[.help], titleStyle: theme[.title].with(bg: theme[.help].bg))
        for (i, row) in rows.enumerated() where i + 2 < h - 1 {
            c.put(row.keys, x: r.x + 2, y: r.y + 1 + i, style: theme[.title].with(bg: theme[.help].bg))
            c.put(row.action, x: r.x + 4 + keyW, y: r.y + 1 + i, style: theme[.help], limit: r.width - keyW - 6)
        }
        c.put("? or Esc closes this", x: r.x + 2, y: r.maxY - 2, style: theme[.dim].with(bg: theme[.help].bg), limit: r.width - 4)
    }
}
