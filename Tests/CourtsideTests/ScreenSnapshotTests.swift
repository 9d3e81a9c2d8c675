import Foundation
import Testing
@testable import TUI
import LiveActions
import Scoring
import Simulator
@testable import Scoreboard
@testable import Terminal

/// Compares text with a stored snapshot in `__Snapshots__`. A missing snapshot is written and the test fails,
/// so a new snapshot is always looked at once; `SNAPSHOT_RECORD=1` rewrites them all.
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = dir.appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
    if !record, let stored = try? String(contentsOf: file, encoding: .utf8) {
        let same = stored == text + "\n"
        #expect(same, "snapshot \(name) differs:\n\(text)", sourceLocation: sourceLocation)
        return
    }
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try? (text + "\n").write(to: file, atomically: true, encoding: .utf8)
    Issue.record("recorded snapshot \(name); run the tests again", sourceLocation: sourceLocation)
}

/// The demo matches played to `fraction` of their length, through the real replay and reducer.
func demoState(fraction: Double, fixtures: Int = 4, focus: Int = 0) -> AppState {
    var recordings = MatchSimulator.demoRecordings().map(\.recording)
    var seed: UInt64 = 100
    while recordings.count < fixtures {
        recordings += MatchSimulator.demoRecordings(seed: seed).map(\.recording)
        seed += 1
    }
    recordings = Array(recordings.prefix(fixtures))
    var state = AppState(mode: .replay, fixtures: recordings.map {
        FixtureState(ref: $0.header.fixture, title: $0.header.title, home: $0.header.home, away: $0.header.away)
    }, themes: ["dark", "light"], speed: 10)
    var replay = Replay(tracks: recordings.map { Replay.Track(fixture: $0.header.fixture, frames: $0.frames) })
    let end = recordings.map { $0.frames.last?.t ?? 0 }.max() ?? 0
    for event in replay.advance(to: end * fraction) { _ = AppReducer.reduce(&state, event) }
    state.focus = focus
    return state
}

@Suite struct ScreenSnapshotTests {
    let theme = Theme.fallback

    @Test(arguments: [0, 1, 2, 3])
    func focusedViewAt80x24(focus: Int) {
        let state = demoState(fraction: 0.45, focus: focus)
        let canvas = Screen.render(state, width: 80, height: 24, theme: theme)
        assertSnapshot(canvas.text, named: "focus-\(focus)-80x24")
    }

    @Test(arguments: [0, 1, 2, 3])
    func focusedViewAt160x48(focus: Int) {
        let state = demoState(fraction: 0.8, focus: focus)
        let canvas = Screen.render(state, width: 160, height: 48, theme: theme)
        assertSnapshot(canvas.text, named: "focus-\(focus)-160x48")
    }

    @Test func overviewWithSixFixtures() {
        let state = demoState(fraction: 0.3, fixtures: 6, focus: 4)
        let canvas = Screen.render(state, width: 120, height: 32, theme: theme)
        assertSnapshot(canvas.text, named: "overview-6-120x32")
    }

    @Test func helpOverlay() {
        var state = demoState(fraction: 0.1)
        state.showHelp = true
        assertSnapshot(Screen.render(state, width: 80, height: 24, theme: theme).text, named: "help-80x24")
    }

    @Test(arguments: [(79, 24), (80, 23), (40, 10), (20, 5), (10, 3), (5, 2), (1, 1), (0, 0)])
    func tooSmall(width: Int, height: Int) {
        let canvas = Screen.render(demoState(fraction: 0.1), width: width, height: height, theme: theme)
        if width >= 40 {
            #expect(canvas.text.contains("Terminal too small"))
            #expect(canvas.text.contains("\(width)×\(height)"))
        }
        // Worded to fit, never cut: "Courtside needs 80×2" at 20 columns, "Terminal t" at 10.
        if width >= 5, height >= 2 { #expect(canvas.text.contains("small") && canvas.text.contains("80×24"), "\(canvas.text)") }
        #expect(!canvas.text.contains("Terminal t\n") && !canvas.text.contains("80×2\n"), "\(canvas.text)")
        // Each line in the longest wording that fits: at 40 columns the whole last sentence, not "larger, or q to quit".
        if width == 40 { #expect(canvas.text.contains("Make it larger, or press q to quit.") && canvas.text.contains("Needs 80×24, is 40×10."), "\(canvas.text)") }
        #expect(canvas.width == max(0, width) && canvas.height == max(0, height))
    }

    @Test func tooSmallSnapshot() {
        assertSnapshot(Screen.render(demoState(fraction: 0.1), width: 60, height: 12, theme: theme).text, named: "too-small-60x12")
    }

    @Test func everySizeFromMinimumUpRendersWithinBounds() {
        let state = demoState(fraction: 0.6, fixtures: 8, focus: 7)
        for width in stride(from: 80, through: 240, by: 7) {
            for height in stride(from: 24, through: 70, by: 5) {
                let canvas = Screen.render(state, width: width, height: height, theme: theme)
                let lines = canvas.text.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(lines.count == height)
                #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= width }, "\(width)×\(height)")
                #expect(canvas.text.contains("COURTSIDE"))
            }
        }
    }

    /// A long snooker match (25 frames, 13–12): the latest frames are shown, the first ones make room ("… "), and
    /// the finished match's frame is its last, not a 26th. The first frames used to fill the line and the decider
    /// was cut off mid-number.
    @Test func aLongSnookerMatchShowsItsLatestFrames() {
        var m = Msg()
        let ref = FixtureRef(sport: "snooker", id: "final")
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref, home: "Judd Trump", away: "Mark Selby")])
        var messages = [m.make("Start Fixture", period: 0)]
        for frame in 1...25 {
            let home = frame % 2 == 1
            messages += [m.make("Start Period", period: frame),
                         m.make("Pot", team: home, sub: "Black", period: frame, metadata: ["points": .number(Double(40 + frame))]),
                         m.make("End Period", period: frame)]
        }
        messages.append(m.make("End Match", period: 25))
        _ = AppReducer.reduce(&state, .feed(.frame(ref, .actions(messages), at: 1, bytes: 100)))
        state.focus = 0
        let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        let framesLine = text.split(separator: "\n").first { $0.contains("frames  ") }.map(String.init) ?? ""
        #expect(framesLine.contains("… ") && framesLine.contains("65-0") && framesLine.contains("0-64"), "\(framesLine)")
        #expect(!framesLine.contains("41-0"), "the first frame made room: \(framesLine)")
        #expect(text.contains("frame 25") && !text.contains("frame 26"), "\(text)")
    }

    /// Names of wide characters are fitted by columns (北京国安足球俱乐部 ran into "yellow"), and with ten fixtures
    /// or more every row has its number (rows past 9 had none, and `g N` needs it).
    @Test func wideNamesFitAndEveryRowIsNumbered() {
        let refs = (1...12).map { FixtureRef(sport: "soccer", id: "f\($0)") }
        var state = AppState(mode: .live, fixtures: refs.map { FixtureState(ref: $0, home: "北京国安足球俱乐部", away: "Away") })
        state.focus = 0
        state.fullOverview = true
        let overview = Screen.render(state, width: 120, height: 40, theme: .fallback).text
        state.fullOverview = false
        let text = Screen.render(state, width: 120, height: 40, theme: .fallback).text
        let detail = text.split(separator: "\n").first { $0.contains("yellow") }.map(String.init) ?? ""
        #expect(detail.contains("… yellow") || detail.contains("  yellow"), "\(detail)")
        let rows = overview.split(separator: "\n").dropFirst().prefix(12).map(String.init)
        #expect(rows[0].hasPrefix("▶ 1") && rows[9].hasPrefix(" 10") && rows[11].hasPrefix(" 12"), "\(rows)")
        // And past a hundred, three columns: row 100 on had no number.
        let many = (1...120).map { FixtureRef(sport: "soccer", id: "m\($0)") }
        var big = AppState(mode: .live, fixtures: many.map { FixtureState(ref: $0, home: "Home", away: "Away") })
        big.focus = 104
        let lines = Screen.render(big, width: 120, height: 40, theme: .fallback).text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("▶105") } && lines.contains { $0.hasPrefix(" 104") } && lines.contains { $0.hasPrefix("  99") }, "\(lines)")
    }

    @Test func hostileNamesNeverReachTheScreenRaw() {
        var state = demoState(fraction: 0.2, fixtures: 1)
        var m = Msg()
        var msg = m.make("Goal", team: true, player: "\u{1B}[2J\u{1B}]0;pwned\u{07}Evil\u{9B}31m")
        msg.action.seq = 100_000
        msg.action.team?.name = "Team\u{1B}[31mRed\u{202E}"
        _ = AppReducer.reduce(&state, .feed(.frame(state.fixtures[0].ref, .actions([msg]), at: 1e6, bytes: 1)))
        let canvas = Screen.render(state, width: 120, height: 40, theme: theme)
        for cell in canvas.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        }
        #expect(canvas.text.contains("Evil"))
    }
}

@Suite struct CanvasTests {
    @Test func wideCharactersTakeTwoCells() {
        var c = Canvas(width: 10, height: 1)
        #expect(c.put("⚽丁a", x: 0, y: 0, style: .plain) == 5)
        #expect(c[0, 0].width == 2 && c[1, 0].width == 0 && c[4, 0].text == "a")
        #expect(c.text == "⚽丁a")
        // Overwriting half of a wide character blanks its other half.
        c.put("x", x: 1, y: 0, style: .plain)
        #expect(c.text == " x丁a")
        // A wide character that does not fit is not split.
        var d = Canvas(width: 3, height: 1)
        #expect(d.put("ab丁", x: 0, y: 0, style: .plain) == 2)
        #expect(d.text == "ab")
    }

    @Test(arguments: [("a", 1), ("Ł", 1), ("ø", 1), ("丁", 2), ("⚽", 2), ("●", 1), ("—", 1), ("e\u{301}", 1), ("\u{1B}", 0)])
    func displayWidths(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func clippingAndBoxes() {
        var c = Canvas(width: 12, height: 4)
        c.box(Rect(x: 0, y: 0, width: 12, height: 4), title: "Very long title", style: .plain)
        c.put("overflowing text", x: 1, y: 1, style: .plain, limit: 10)
        c.putRight("42", maxX: 11, y: 2, style: .plain)
        c.put("off", x: -2, y: 3, style: .plain)
        c.put("never", x: 0, y: 9, style: .plain)
        #expect(c.text == "┌─ Very lo─┐\n│overflowin│\n│        42│\nf──────────┘")
    }
}

@Suite struct ThemeTests {
    static let themesDir = repoRoot.appendingPathComponent("themes")

    @Test(arguments: ["dark", "light", "high-contrast", "mono"])
    func bundledThemesParse(name: String) throws {
        let text = try String(contentsOf: Self.themesDir.appendingPathComponent(name + ".toml"), encoding: .utf8)
        let theme = try ThemeParser.parse(text, file: name + ".toml")
        #expect(theme.name == name)
        #expect(Role.allCases.allSatisfy { theme.styles[$0] != nil })
    }

    /// On the selected overview row every character can be read in every bundled theme: high-contrast drew the clock
    /// bright white on bright white, and mono reversed only the gaps between the words.
    @Test(arguments: ["dark", "light", "high-contrast", "mono"])
    func theSelectedRowIsReadableInEveryTheme(name: String) throws {
        let text = try String(contentsOf: Self.themesDir.appendingPathComponent(name + ".toml"), encoding: .utf8)
        let theme = try ThemeParser.parse(text, file: name + ".toml")
        let canvas = Screen.render(demoState(fraction: 0.5, focus: 0), width: 120, height: 40, theme: theme)
        let row = (0..<canvas.height).first { y in canvas[0, y].text == "▶" || canvas[1, y].text == "▶" } ?? -1
        #expect(row >= 0, "no selected row")
        guard row >= 0 else { return }
        let selected = theme[.selected]
        for x in 0..<canvas.width {
            let cell = canvas[x, row]
            guard cell.text != " ", cell.width > 0 else { continue }
            if let a = cell.style.fg.luminance, let b = cell.style.bg.luminance {
                #expect(abs(a - b) >= 0.3, "\(name): '\(cell.text)' at \(x) is \(cell.style.fg) on \(cell.style.bg)")
            }
            if selected.reverse { #expect(cell.style.reverse, "\(name): '\(cell.text)' at \(x) is not reversed like its row") }
        }
    }

    /// A fixture's health keeps its colour on the selected row, where it is read against the row's background: the
    /// dark theme's failed red was too near the row's grey and was drawn white, as no other state was.
    @Test(arguments: ["dark", "light", "high-contrast", "mono"])
    func aFixturesHealthKeepsItsColourOnTheSelectedRow(name: String) throws {
        let text = try String(contentsOf: Self.themesDir.appendingPathComponent(name + ".toml"), encoding: .utf8)
        let theme = try ThemeParser.parse(text, file: name + ".toml")
        for role in [Role.live, .stale, .reconnecting, .failed] {
            let dot = Overview.dotStyle(role, on: theme[.selected], theme: theme)
            #expect(dot.fg == theme[role].fg, "\(name): \(role) is \(theme[role].fg) on \(theme[.selected].bg)")
            if let a = dot.fg.luminance, let b = dot.bg.luminance { #expect(abs(a - b) >= 0.3, "\(name): \(role) \(dot)") }
        }
        // The dark theme's red stands out on the row itself.
        if name == "dark" { #expect(theme[.failed].on(theme[.selected]).fg == theme[.failed].fg) }
    }

    /// A theme saved with CRLF line endings loaded as a blank theme, with no error.
    @Test func aCRLFThemeReadsAsTheSame() throws {
        let text = try String(contentsOf: Self.themesDir.appendingPathComponent("mono.toml"), encoding: .utf8)
        let crlf = try ThemeParser.parse("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"), file: "mono.toml")
        #expect(crlf.styles == (try ThemeParser.parse(text, file: "mono.toml")).styles)
    }

    @Test(arguments: [
        ("[title]\nfgg = \"red\"", "x.toml:2: unknown key 'fgg' in [title]"),
        ("[title]\nfg = \"reddish\"", "x.toml:2: bad colour 'reddish' for key 'fg' in [title]"),
        ("[nope]", "x.toml:1: unknown table [nope]"),
        ("[title]\nbold = \"yes\"", "x.toml:2: wrong type for key 'bold' in [title]"),
        ("name = 3", "x.toml:1: wrong type for key 'name'"),
        ("[title\nfg = \"red\"", "x.toml:1: unclosed table header"),
        ("[title]\nfg", "x.toml:2: expected key = value"),
        ("[title]\nfg = 300", "x.toml:2: colour index 300 out of 0–255 for key 'fg' in [title]"),
        ("[title]\nbold = yes", "x.toml:2: key 'bold': cannot read value 'yes'"),
        // TOML allows a key once, a table once: the second won silently.
        ("[text]\nfg = \"red\"\nfg = \"blue\"", "x.toml:3: key 'fg' is set twice in [text]"),
        ("name = \"a\"\nname = \"b\"", "x.toml:2: key 'name' is set twice"),
        ("[text]\nfg = \"red\"\n[title]\n[text]\nbg = \"red\"", "x.toml:4: table [text] is defined twice"),
    ])
    func brokenThemesNameFileLineAndKey(text: String, message: String) {
        do {
            _ = try ThemeParser.parse(text, file: "x.toml")
            Issue.record("accepted a broken theme")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }

    @Test func colours() {
        #expect(ThemeParser.parseColor("#ff8800") == .rgb(255, 136, 0))
        #expect(ThemeParser.parseColor("bright-red") == .ansi(9))
        #expect(ThemeParser.parseColor("208") == .indexed(208))
        #expect(ThemeParser.parseColor("default") == .default)
        #expect(ThemeParser.parseColor("#12") == nil)
    }

    @Test func monochromeDropsColoursKeepsAttributes() {
        let mono = Theme(name: "x", styles: [.title: Style(fg: .ansi(1), bold: true)]).monochrome
        #expect(mono[.title] == Style(bold: true))
    }
}

/// A side's goals where the detail line has room for them: cut at the edge, the third goal of a side was lost at
/// 80 columns, and a minute cut in half.
@Suite struct SoccerGoalsLineTests {
    @Test(arguments: [(80, 24), (100, 30), (160, 48)])
    func everyGoalOfASideIsShown(width: Int, height: Int) {
        var m = Msg()
        let ref = FixtureRef(sport: "soccer", id: "goals")
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref, home: "FC Groningen", away: "Łódź United")])
        let minutes = ["07:12", "33:40", "61:05", "74:52", "88:30"]
        let goals = minutes.map { m.make("Goal", team: true, period: 2, clock: $0, player: "Etienne Vaessen-Longname") }
        _ = AppReducer.reduce(&state, .feed(.frame(ref, .actions([m.make("Start Period", period: 1)] + goals), at: 1, bytes: 100)))
        let text = Screen.render(state, width: width, height: height, theme: .fallback).text
        let line = text.split(separator: "\n").first { $0.contains("FC Groningen") && $0.contains("yellow") }.map(String.init) ?? ""
        #expect(line.contains("⚽"), "\(text)")
        // Minutes as football counts them: 88:30 is the 89th.
        #expect(line.hasSuffix("89'"), "the latest goal, its minute whole: \(line)")
        #expect(line.contains(" 8'") || line.contains("…"), "every goal, or a mark that some are left out: \(line)")
    }
}
