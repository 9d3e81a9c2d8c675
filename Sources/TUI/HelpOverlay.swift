import LiveActions
import Scoreboard
import Scoring

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
