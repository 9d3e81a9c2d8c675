import LiveActions
import Scoreboard
import Scoring

/// The focused fixture's box score (`b`), in place of its action feed: the tables side by side when they fit,
/// else one under the other.
enum BoxScoreView {
    /// `scroll`: rows of each table scrolled past.
    static func draw(_ c: inout Canvas, _ r: Rect, fixture f: FixtureState, hidden: Bool, scroll: Int = 0, theme: Theme) {
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
                draw(&c, t, Rect(x: inner.x + i * w, y: inner.y, width: last ? inner.width - i * w : w - 1, height: inner.height), scroll: scroll, theme: theme)
            }
        } else {
            // One under the other, a blank line between.
            let heights = stackedHeights(needs: tables.map { $0.rows.count + 1 }, room: inner.height - (tables.count - 1))
            var y = inner.y
            for (t, h) in zip(tables, heights) where h > 0 && y < inner.maxY {
                draw(&c, t, Rect(x: inner.x, y: y, width: inner.width, height: min(h, inner.maxY - y)), scroll: scroll, theme: theme)
                y += h + 1
            }
        }
    }

    /// Rows for tables stacked in `room` rows, each needing `needs` (its title and its rows): all of it when all
    /// fit, else equal shares, with what a short table leaves over handed on to the longer ones. Equal slices
    /// left a short table's spare rows blank while the next one was cut.
    static func stackedHeights(needs: [Int], room: Int) -> [Int] {
        var heights = Array(repeating: 0, count: needs.count)
        var left = max(0, room)
        var open = needs.indices.filter { needs[$0] > 0 }
        while !open.isEmpty, left > 0 {
            let share = max(1, left / open.count)
            var still: [Int] = []
            for i in open {
                let give = min(needs[i] - heights[i], share, left)
                heights[i] += give
                left -= give
                if heights[i] < needs[i] { still.append(i) }
            }
            open = still
        }
        return heights
    }

    static func draw(_ c: inout Canvas, _ t: BoxScore.Table, _ r: Rect, scroll: Int = 0, theme: Theme) {
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
        let (start, shown, up, down) = visibleRows(count: t.rows.count, room: r.height - 1, scroll: scroll)
        let counted = up || down || shown == t.rows.count
        row(counted ? t.title : rowsLabel(t.title, start: start, shown: shown, count: t.rows.count), t.columns, y: r.y,
            style: theme[.dim], labelStyle: theme[.title])
        var y = r.y + 1
        if up {
            c.put("↑ \(start) more", x: r.x + 1, y: y, style: theme[.dim], limit: r.width - 1)
            y += 1
        }
        for cells in t.rows[start..<(start + shown)] {
            row(cells.first ?? "", Array(cells.dropFirst()), y: y, style: theme[.text], labelStyle: theme[.text])
            y += 1
        }
        if down {
            c.put("… \(t.rows.count - start - shown) more", x: r.x + 1, y: y, style: theme[.dim], limit: r.width - 1)
        }
    }

    /// Which of `count` rows show in `room` lines scrolled `scroll` rows down: the first, how many, and whether a
    /// line above counts those scrolled past (`up`) and the last line those below (`down`). In one or two lines
    /// the counts took every line, and at 80×24 no card of a soccer match could be seen at any scroll: there the
    /// rows take them all, and the table's title says which they are (`rowsLabel`).
    static func visibleRows(count: Int, room: Int, scroll: Int) -> (start: Int, shown: Int, up: Bool, down: Bool) {
        guard count > room else { return (0, count, false, false) }
        guard room > 2 else {
            let start = max(0, min(scroll, count - room))
            return (start, room, false, false)
        }
        let start = max(0, min(scroll, count - (room - 1)))
        var shown = room - (start > 0 ? 1 : 0)
        let down = start + shown < count
        if down { shown -= 1 }
        return (start, shown, start > 0, down)
    }

    /// A cut table's title when no line is left to count what is not shown: "Cards 3–4 of 11".
    static func rowsLabel(_ title: String, start: Int, shown: Int, count: Int) -> String {
        guard shown < count, shown > 0 else { return title }
        return title + " " + (shown == 1 ? "\(start + 1)" : "\(start + 1)–\(start + shown)") + " of \(count)"
    }
}
