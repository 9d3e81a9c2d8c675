import LiveActions
import Scoreboard
import Scoring

enum TitleBar {
    static func draw(_ c: inout Canvas, _ r: Rect, state: AppState, theme: Theme) {
        c.fillRect(r, style: theme[.statusBar])
        var x = r.x + 1
        x += c.put("COURTSIDE", x: x, y: r.y, style: theme[.key])
        var mode: String
        switch state.mode {
        case .replay: mode = "  demo · " + Labels.speed(state.speed) + (state.paused ? " · PAUSED" : "") + " · t+" + Labels.hms(state.now)
            + (state.replayPass > 1 ? " · loop \(state.replayPass)" : "")
        case .live: mode = "  live"
        }
        if state.delay > 0 { mode += " · delay " + Labels.duration(state.delay) }
        x += c.put(mode, x: x, y: r.y, style: theme[.statusBar], limit: r.maxX - x)
        // Matches in play, as the rows' green dot says: connections counted, a board before kick-off read "4 live"
        // over four rows of "pre", and "0 live" with a delay.
        let live = state.fixtures.filter { Labels.health($0).1 == .live && $0.log.status == .live }.count
        // A theme's name is the file's to choose: a long one is cut, not the counts beside it dropped with it.
        let right = "\(state.fixtures.count) fixture\(state.fixtures.count == 1 ? "" : "s") · \(live) live · theme \(state.theme.fitted(20)) "
        if r.maxX - x > DisplayWidth.of(right) + 2 { c.putRight(right, maxX: r.maxX, y: r.y, style: theme[.statusBar]) }
    }
}
