import LiveActions
import Scoreboard
import Scoring

/// The action feed, newest on top (once the fixture is finished, in the order of its timeline: `MatchLog.chronology`);
/// pending, withdrawn and corrected actions look different.
enum FeedPanel {
    static func draw(_ c: inout Canvas, _ r: Rect, fixture f: FixtureState, hidden: Bool = false, theme: Theme) {
        let entries = f.log.entries
        let title = "Actions · \(entries.count)" + (f.feedScroll > 0 ? " · ↑ \(f.feedScroll) newer" : "")
        c.box(r, title: title, style: theme[.border], titleStyle: theme[.title])
        let inner = r.inset(by: 1)
        guard inner.height > 0, inner.width > 4 else { return }
        if entries.isEmpty {
            c.put("waiting for the first action…", x: inner.x + 1, y: inner.y, style: theme[.dim], limit: inner.width - 1)
            return
        }
        let clocks = !(hidden && Labels.beyondRegulation(f.match))
        for row in 0..<inner.height {
            let told = f.feedScroll + row
            guard told < entries.count else { break }
            let e = entries[f.log.toldIndex(row: told)]
            if hidden, e.revealsScore(in: f.match.sport) {
                c.put("· " + e.spoilerFreeText(showingClock: clocks, in: f.match.sport), x: inner.x + 1, y: inner.y + row, style: theme[.dim], limit: inner.width - 1)
                continue
            }
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
            c.put(clocks ? e.text : e.spoilerFreeText(showingClock: false, in: f.match.sport), x: x, y: inner.y + row, style: theme[role], limit: inner.maxX - x)
        }
    }
}
