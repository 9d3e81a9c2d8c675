import LiveActions
import Scoreboard
import Scoring

/// The focused fixture's box score (`b`), in place of its action feed: the tables side by side when they fit,
/// else one under the other.
enum BoxScoreView {
    static func draw(_ c: inout Canvas, _ r: Rect, fixture f: FixtureState, hidden: Bool, theme: Theme) {
        c.box(r, title: "Box score", style: theme[.border], titleStyle: theme[.title])
        let inner = r.inset(by: 1)
        guard inner.height > 0, inner.width > 4 else { return }
        if hidden {
            c.put("Score hidden (--no-spoilers): r reveals it", x: inner.x + 1, y: inner.y, style: theme[.dim], limit: inner.width - 1)
            return
        }
        let tables = BoxScore(f.log).tables
        if tables.isEmpty {
            c.put("no box score for this sport", x: inner.x + 1, y: inner.y, style: theme[.dim], limit: inner.width - 1)
            return
        }
        let sideBySide = inner.width / tables.count >= 30
        if sideBySide {
            let w = inner.width / tables.count
            for (i, t) in tables.enumerated() {
                let last = i == tables.count - 1
                draw(&c, t, Rect(x: inner.x + i * w, y: inner.y, width: last ? inner.width - i * w : w - 1, height: inner.height), theme: theme)
            }
        } else {
            // One under the other, each with its share of the height, so that every table shows its best rows.
            let share = max(2, (inner.height + 1) / tables.count - 1)
            var y = inner.y
            for t in tables where y < inner.maxY {
                let h = min(inner.maxY - y, share, t.rows.count + 1)
                draw(&c, t, Rect(x: inner.x, y: y, width: inner.width, height: h), theme: theme)
                y += h + 1
            }
        }
    }

    static func draw(_ c: inout Canvas, _ t: BoxScore.Table, _ r: Rect, theme: Theme) {
        guard r.height > 0, r.width > 8 else { return }
        let widths = t.columns.indices.map { i in
            min(22, max(5, ([t.columns[i]] + t.rows.map { i + 1 < $0.count ? $0[i + 1] : "" }).map(DisplayWidth.of).max()! + 2))
        }
        let labelWidth = max(4, r.width - 1 - widths.reduce(0, +))
        func row(_ label: String, _ cells: [String], y: Int, style: Style, labelStyle: Style) {
            c.put(label, x: r.x + 1, y: y, style: labelStyle, limit: labelWidth - 1)
            var x = r.x + 1 + labelWidth
            for (i, w) in widths.enumerated() where x + w <= r.maxX {
                let cell = i < cells.count ? cells[i] : ""
                c.putRight(cell, maxX: x + w, y: y, style: style, limit: w - 1)
                x += w
            }
        }
        row(t.title, t.columns, y: r.y, style: theme[.dim], labelStyle: theme[.title])
        for (i, cells) in t.rows.enumerated() where i + 1 < r.height {
            row(cells.first ?? "", Array(cells.dropFirst()), y: r.y + 1 + i, style: theme[.text], labelStyle: theme[.text])
        }
    }
}
