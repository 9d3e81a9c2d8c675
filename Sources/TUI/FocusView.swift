import LiveActions
import Scoreboard
import Scoring

/// The focused fixture: score header, the sport's detail, the action feed and the connection panel.
enum FocusView {
    static func draw(_ c: inout Canvas, _ area: Rect, fixture f: FixtureState, state: AppState, theme: Theme) {
        let big = area.height >= 26 && area.width >= 100
        let (header, rest) = area.top(big ? 6 : 3)
        let hidden = state.hidesScore(f)
        drawHeader(&c, header, fixture: f, big: big, hidden: hidden, theme: theme)
        let detailLines = hidden ? [[Span("Score hidden (--no-spoilers): r reveals it, R hides it again", .dim)]]
            : SportDetailView.lines(f.match, width: area.width - 3)
        let detailHeight = min(detailLines.count, max(0, rest.height - 6))
        let (detail, panels) = rest.top(detailHeight)
        for (i, line) in detailLines.prefix(detailHeight).enumerated() {
            var x = detail.x + 2
            for span in line {
                x += c.put(span.text, x: x, y: detail.y + i, style: span.style(theme, f.match), limit: detail.maxX - x - 1)
            }
        }
        let sideWidth = area.width >= 140 ? 40 : area.width >= 100 ? 34 : 28
        let (feed, side) = panels.left(panels.width - sideWidth)
        if state.showBoxScore {
            BoxScoreView.draw(&c, feed, fixture: f, hidden: hidden, scroll: state.boxScroll, theme: theme)
        } else {
            FeedPanel.draw(&c, feed, fixture: f, hidden: hidden, theme: theme)
        }
        ConnectionPanel.draw(&c, side, fixture: f, state: state, theme: theme)
    }

    static func drawHeader(_ c: inout Canvas, _ r: Rect, fixture f: FixtureState, big: Bool, hidden: Bool, theme: Theme) {
        let match = Labels.shown(f, hidden: hidden)
        let mid = r.x + r.width / 2
        let home = TextSafety.clean(f.homeName, limit: 60)
        let away = TextSafety.clean(f.awayName, limit: 60)
        let nameLimit = r.width / 2 - 12
        let scoreText = hidden ? "? : ?" : "\(match.headline.home) : \(match.headline.away)"
        if big {
            let glyphs = BigDigits.render(scoreText)
            let w = DisplayWidth.of(glyphs[0])
            for (i, row) in glyphs.enumerated() {
                c.put(row, x: mid - w / 2, y: r.y + 1 + i, style: theme[.score])
            }
            c.putRight(home, maxX: mid - w / 2 - 3, y: r.y + 2, style: teamStyle(true, match: match, theme: theme), limit: nameLimit)
            c.put(away, x: mid + (w + 1) / 2 + 3, y: r.y + 2, style: teamStyle(false, match: match, theme: theme), limit: nameLimit)
        } else {
            let w = DisplayWidth.of(scoreText) + 2
            c.put(" " + scoreText + " ", x: mid - w / 2, y: r.y, style: theme[.score])
            c.putRight(home, maxX: mid - w / 2 - 2, y: r.y, style: teamStyle(true, match: match, theme: theme), limit: nameLimit)
            c.put(away, x: mid + (w + 1) / 2 + 2, y: r.y, style: teamStyle(false, match: match, theme: theme), limit: nameLimit)
        }
        let infoY = r.maxY - (big ? 2 : 2)
        var parts: [String] = []
        if let title = f.title { parts.append(TextSafety.clean(title, limit: 60)) }
        let period = Labels.periodLong(match, hidden: hidden)
        if !period.isEmpty { parts.append(period) }
        if let clock = Labels.clock(match, hidden: hidden, limit: 10) { parts.append(clock + (hidden ? "" : match.clockRunning ? " ▸" : " ‖")) }
        let info = parts.joined(separator: " · ")
        let infoW = min(DisplayWidth.of(info), r.width - 4)
        c.put(info, x: mid - infoW / 2, y: infoY, style: theme[.clock], limit: r.width - 4)

        let lineY = r.maxY - 1
        let (dot, role, label) = Labels.health(f)
        var x = r.x + 2
        // Cut with "…" where it does not fit: a failure's reason ended at its colon, as if it had none.
        x += c.put((dot + " " + label.uppercased()).fitted(r.width / 2), x: x, y: lineY, style: theme[role], limit: r.width / 2)
        if let possession = match.homeInPossession, match.status == .live {
            x += c.put("   possession " + (possession ? "◀ " : "▶ ") + (possession ? home : away), x: x, y: lineY, style: theme[.dim], limit: r.maxX - x - 1)
        }
        var rightX = r.maxX - 2
        if let mismatch = f.log.summaryMismatch, !hidden {
            let text = "≠ provider says \(mismatch.provider.home):\(mismatch.provider.away)"
            rightX -= c.putRight(text, maxX: rightX, y: lineY, style: theme[.mismatch]) + 2
        }
        // The match's own banner (video check, delay) and the provider's status share the banner.
        let banner = [match.banner, Labels.providerBanner(f.provider)].compactMap { $0 }.joined(separator: " · ")
        if !banner.isEmpty {
            c.putRight(" " + banner + " ", maxX: rightX, y: lineY, style: theme[.banner], limit: max(0, rightX - x - 2))
        }
    }
}
