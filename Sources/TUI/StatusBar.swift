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
        var hints: [(String, String)] = [("Tab", "fixture"), ("↑↓", "scroll")]
        if state.mode == .replay { hints += [("space", state.paused ? "resume" : "pause"), ("+/-", "speed")] }
        if state.spoilerFree, let f = state.focused { hints.append(state.hidesScore(f) ? ("r", "reveal") : ("R", "hide")) }
        if state.showBoxScore { hints.append(("b", "feed")) }
        if state.fullOverview { hints.append(("o", "back")) }
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

