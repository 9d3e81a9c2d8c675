import LiveActions
import Scoreboard
import Scoring

enum Overview {
    static func draw(_ c: inout Canvas, _ r: Rect, state: AppState, theme: Theme) {
        guard r.height > 0 else { return }
        // Scroll the list so the focused fixture is always visible.
        let start = firstVisible(state, rows: r.height)
        for row in 0..<r.height {
            let i = start + row
            guard i < state.fixtures.count else { break }
            line(&c, Rect(x: r.x, y: r.y + row, width: r.width, height: 1), index: i, state: state, theme: theme)
        }
    }

    static func firstVisible(_ state: AppState, rows: Int) -> Int {
        state.focus < rows ? 0 : state.focus - rows + 1
    }

    /// A health dot keeps its colour on the selected row: where the row's background would take it (the dark theme's
    /// failed red on its grey, high-contrast's green on white), it is drawn in its own colours.
    static func dotStyle(_ role: Role, on base: Style, theme: Theme) -> Style {
        let onRow = theme[role].on(base)
        return onRow.fg == theme[role].fg ? onRow : theme[role]
    }

    static func line(_ c: inout Canvas, _ r: Rect, index: Int, state: AppState, theme: Theme) {
        let f = state.fixtures[index]
        let focused = index == state.focus
        let base = focused ? theme[.selected] : theme[.text]
        if focused { c.fillRect(r, style: base) }
        let hidden = state.hidesScore(f)
        let match = Labels.shown(f, hidden: hidden)
        var x = r.x
        x += c.put(focused ? "▶" : " ", x: x, y: r.y, style: focused ? theme[.title].on(base) : base)
        // The number `g N` asks for: two columns once there are ten fixtures (rows past 9 had none).
        // Three once there are a hundred (rows past 99 had none).
        let number = index < 999 ? "\(index + 1)" : ""
        let columns = state.fixtures.count >= 100 ? 3 : state.fixtures.count >= 10 ? 2 : 1
        x += c.put(String(repeating: " ", count: max(0, columns - number.count)) + number, x: x, y: r.y, style: theme[.dim].on(base))
        x += c.put(state.isFavourite(index) ? "★" : " ", x: x, y: r.y, style: theme[.title].on(base))
        let (dot, role, _) = Labels.health(f)
        x += c.put(dot, x: x, y: r.y, style: dotStyle(role, on: base, theme: theme))
        x += c.put(" ", x: x, y: r.y, style: base)
        x += c.put(Labels.sportTag(f.sport).padding(3) + " ", x: x, y: r.y, style: theme[.dim].on(base))
        let nameWidth = r.width >= 140 ? 24 : r.width >= 100 ? 20 : 16
        let home = TextSafety.clean(f.homeName, limit: 60)
        let homeW = min(DisplayWidth.of(home), nameWidth)
        c.put(home, x: x + nameWidth - homeW, y: r.y, style: teamStyle(true, match: match, theme: theme).on(base), limit: nameWidth)
        x += nameWidth
        let score = hidden ? " ? : ? " : " \(match.headline.home) : \(match.headline.away) "
        let scoreW = 9
        // A row with a fresh alert shows its score in the banner style for a moment.
        let scoreStyle = state.highlighted.contains(f.ref) ? theme[.banner] : theme[.score].on(base)
        c.put(score, x: x + (scoreW - DisplayWidth.of(score)) / 2, y: r.y, style: scoreStyle, limit: scoreW)
        x += scoreW
        c.put(TextSafety.clean(f.awayName, limit: 60), x: x, y: r.y, style: teamStyle(false, match: match, theme: theme).on(base), limit: nameWidth)
        x += nameWidth + 1
        let when = Labels.when(match, hidden: hidden, clockLimit: 8)
        x += c.put(when.padding(12), x: x, y: r.y, style: theme[.clock].on(base), limit: 12)
        var marks = ""
        if f.log.summaryMismatch != nil, !hidden { marks += "≠" }
        if let mark = Labels.providerMark(f.provider) { marks += mark }
        if match.banner != nil { marks += "!" }
        if let lag = f.latency.lastMs, lag > state.latencyThresholdMs { marks += "»" }
        x += c.put(marks.padding(2), x: x, y: r.y, style: theme[.mismatch].on(base), limit: 2)
        if let last = FeedPanel.newestShown(f, hidden: hidden), r.maxX - x > 8 {
            c.put(last.text(scoreHidden: hidden, in: f.match.sport), x: x, y: r.y, style: theme[.dim].on(base), limit: r.maxX - x - 1)
        }
    }
}
