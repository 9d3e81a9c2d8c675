import LiveActions
import Scoreboard
import Scoring

enum StatusBar {
    static func draw(_ c: inout Canvas, _ r: Rect, state: AppState, theme: Theme) {
        c.fillRect(r, style: theme[.statusBar])
        var hints: [(String, String)] = [("Tab", "fixture"), ("↑↓", "scroll")]
        if state.mode == .replay { hints += [("space", state.paused ? "resume" : "pause"), ("+/-", "speed")] }
        if state.spoilerFree, let f = state.focused { hints.append(state.hidesScore(f) ? ("r", "reveal") : ("R", "hide")) }
        if state.showBoxScore { hints.append(("b", "feed")) }
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

