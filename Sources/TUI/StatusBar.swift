import LiveActions
import Scoreboard
import Scoring

enum StatusBar {
    static func draw(_ c: inout Canvas, _ r: Rect, state: AppState, theme: Theme) {
        c.fillRect(r, style: theme[.statusBar])
        if let prompt = state.prompt {
            let x = r.x + 1 + c.put(prompt.label, x: r.x + 1, y: r.y, style: theme[.key], limit: r.width - 2)
            let shown = c.put(TextSafety.clean(prompt.text, limit: Prompt.maxLength), x: x, y: r.y, style: theme[.statusBar], limit: r.maxX - x - 30)
            c.put("▏  Enter go · Esc cancel", x: x + shown, y: r.y, style: theme[.statusBar], limit: r.maxX - x - shown)
            return
        }
        if let notice = state.notice {
            c.put(TextSafety.clean(notice, limit: 60), x: r.x + 1, y: r.y, style: theme[.warning].with(bg: theme[.statusBar].bg), limit: r.width - 2)
            return
        }
        // Each with how much it matters: where they do not all fit, the least goes first. Cut at the first that did
        // not fit, the line lost "? help" and "q quit" at 80 columns, and the way back from `b` and `o`.
        var hints: [(key: String, action: String, rank: Int)] = [("Tab", "fixture", 5), ("↑↓", "scroll", 2)]
        if state.mode == .replay { hints += [("space", state.paused ? "resume" : "pause", 4), ("+/-", "speed", 3)] }
        if state.spoilerFree, let f = state.focused { hints.append(state.hidesScore(f) ? ("r", "reveal", 6) : ("R", "hide", 6)) }
        if state.showBoxScore { hints.append(("b", "feed", 7)) }
        if state.fullOverview { hints.append(("o", "back", 7)) }
        hints += [("t", "theme", 1), ("?", "help", 8), ("q", "quit", 9)]
        func width(_ h: (key: String, action: String, rank: Int)) -> Int { DisplayWidth.of(h.key) + DisplayWidth.of(h.action) + 3 }
        while hints.reduce(0, { $0 + width($1) }) > r.width - 1, let least = hints.indices.min(by: { hints[$0].rank < hints[$1].rank }) {
            hints.remove(at: least)
        }
        var x = r.x + 1
        for hint in hints {
            x += c.put(hint.key, x: x, y: r.y, style: theme[.key])
            x += c.put(" " + hint.action + "  ", x: x, y: r.y, style: theme[.statusBar], limit: r.maxX - x)
        }
    }
}
