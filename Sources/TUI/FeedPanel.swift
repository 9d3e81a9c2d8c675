import LiveActions
import Scoreboard
import Scoring

/// The action feed, newest on top (once the fixture is finished, in the order of its timeline: `MatchLog.chronology`);
/// pending, withdrawn and corrected actions look different.
enum FeedPanel {
    static func draw(_ c: inout Canvas, _ r: Rect, fixture f: FixtureState, hidden: Bool = false, theme: Theme) {
        let entries = f.log.entries
        // With the score hidden, no count: a count that grew with no line to show for it told of a hidden one.
        let count = hidden ? "" : " · \(entries.count)"
        let scrolled = f.feedScroll > 0 ? (hidden ? " · ↑ newer" : " · ↑ \(f.feedScroll) newer") : ""
        c.box(r, title: "Actions" + count + scrolled, style: theme[.border], titleStyle: theme[.title])
        let inner = r.inset(by: 1)
        guard inner.height > 0, inner.width > 4 else { return }
        if entries.isEmpty {
            // Not "waiting" where nothing more will come: a fixture that failed (a 404) said so for good.
            let empty = switch f.connection {
            case .failed: "no actions: the feed failed (see the status)"
            case .finished: "no actions arrived"
            default: "waiting for the first action…"
            }
            c.put(empty, x: inner.x + 1, y: inner.y, style: theme[.dim], limit: inner.width - 1)
            return
        }
        var told = f.feedScroll
        for row in 0..<inner.height {
            // With the score hidden, what gives it away is left out (`ActionEntry.hiddenWithTheScore`).
            guard let shown = f.shownRow(from: told, hidden: hidden) else { break }
            let e = entries[f.log.toldIndex(row: shown)]
            told = shown + 1
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
            c.put(e.text(scoreHidden: hidden, in: f.match.sport), x: x, y: inner.y + row, style: theme[role], limit: inner.maxX - x)
        }
    }

    /// The newest entry the feed shows, for the overview's last column.
    static func newestShown(_ f: FixtureState, hidden: Bool) -> ActionEntry? {
        f.shownRow(from: 0, hidden: hidden).map { f.log.entries[f.log.toldIndex(row: $0)] }
    }
}
