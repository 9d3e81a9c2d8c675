import LiveActions
import Scoreboard
import Scoring

/// The whole screen as a pure function of the app state, the terminal size and the theme.
public enum Screen {
    public static let minWidth = 80
    public static let minHeight = 24

    public static func render(_ state: AppState, width: Int, height: Int, theme: Theme) -> Canvas {
        var canvas = Canvas(width: width, height: height, style: theme[.background])
        guard width >= minWidth, height >= minHeight else {
            drawTooSmall(&canvas, theme: theme)
            return canvas
        }
        let (titleRow, rest) = canvas.bounds.top(1)
        TitleBar.draw(&canvas, titleRow, state: state, theme: theme)
        let (body, statusRow) = rest.top(rest.height - 1)
        StatusBar.draw(&canvas, statusRow, state: state, theme: theme)

        if state.fullOverview {
            Overview.draw(&canvas, body, state: state, theme: theme)
            if state.showHelp { HelpOverlay.draw(&canvas, theme: theme) }
            return canvas
        }
        let (overview, below) = body.top(overviewRows(state, height: height))
        Overview.draw(&canvas, overview, state: state, theme: theme)
        let (separator, focusArea) = below.top(1)
        canvas.hline(separator.x, separator.y, separator.width, style: theme[.border])
        if let fixture = state.focused {
            FocusView.draw(&canvas, focusArea, fixture: fixture, state: state, theme: theme)
        } else {
            // Two lines: in one, the second half was cut at 100 columns.
            canvas.put("No fixtures: a adds one, q quits.", x: focusArea.x + 2, y: focusArea.y + 1, style: theme[.dim], limit: focusArea.width - 4)
            canvas.put("Recordings play with `courtside demo`, live fixtures with `courtside watch`.",
                       x: focusArea.x + 2, y: focusArea.y + 2, style: theme[.dim], limit: focusArea.width - 4)
        }
        if state.showHelp { HelpOverlay.draw(&canvas, theme: theme) }
        if let picker = state.picker { PickerOverlay.draw(&canvas, picker, theme: theme) }
        return canvas
    }

    static func overviewRows(_ state: AppState, height: Int) -> Int {
        state.fullOverview ? height - 2 : min(state.fixtures.count, height >= 40 ? 10 : 6)
    }

    /// The fixture whose overview row is at screen row `y` (for a mouse click), as `render` lays it out.
    public static func fixtureIndex(atRow y: Int, _ state: AppState, width: Int, height: Int) -> Int? {
        guard fits(width: width, height: height) else { return nil }
        let rows = overviewRows(state, height: height)
        guard y >= 1, y < 1 + rows else { return nil }
        let i = Overview.firstVisible(state, rows: rows) + y - 1
        return state.fixtures.indices.contains(i) ? i : nil
    }

    /// Whether the board can be drawn at this size (else it says "Terminal too small").
    public static func fits(width: Int, height: Int) -> Bool { width >= minWidth && height >= minHeight }

    /// The notice, each line in the longest of its wordings that fits the width, whole sentences before cut ones:
    /// cut, "Courtside needs 80×24" read "Courtside needs 80×2" at 20 columns; and chosen for all lines at once, the
    /// longest line's limit left "larger, or q to quit" at 40 columns, where the whole sentence fits.
    static func drawTooSmall(_ canvas: inout Canvas, theme: Theme) {
        let need = "\(minWidth)×\(minHeight)", have = "\(canvas.width)×\(canvas.height)"
        let wordings = [
            ["Terminal too small", "too small", "small"],
            ["Courtside needs \(need); this one is \(have).", "Needs \(need), is \(have).", "needs \(need)", need],
            ["Make it larger, or press q to quit.", "Larger, or q to quit.", "q quits"],
        ]
        let lines = wordings.compactMap { $0.first { DisplayWidth.of($0) <= canvas.width } }
        let top = max(0, canvas.height / 2 - lines.count / 2)
        for (i, line) in lines.enumerated() {
            let w = DisplayWidth.of(line)
            canvas.put(line, x: max(0, (canvas.width - w) / 2), y: top + i, style: i == 0 ? theme[.warning] : theme[.text], limit: canvas.width)
        }
    }
}



/// Team name styles: the teams' own colours where the theme allows and the colour is readable.
func teamStyle(_ isHome: Bool, match: MatchState, theme: Theme) -> Style {
    var style = theme[isHome ? .home : .away]
    if theme.teamColours, let c = isHome ? match.homeColour : match.awayColour {
        let luminance = (299 * Int(c.r) + 587 * Int(c.g) + 114 * Int(c.b)) / 1000
        // Readable on the background the theme is made for, which its text tells: dark text is for a light
        // background, where a yellow kit (#ffd700) read at 1.4:1, kept as it was by a test made for dark ones.
        let readable = theme.isForDarkBackground ? 70...215 : 40...150
        if readable.contains(luminance) { style.fg = .rgb(c.r, c.g, c.b) }
    }
    return style
}
