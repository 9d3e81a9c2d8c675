/// A key press, already decoded by the terminal backend.
public enum Key: Equatable, Hashable, Sendable {
    case tab, backTab, left, right, up, down, pageUp, pageDown, home, end, escape, enter, backspace
    case char(Character)
    case resize
    /// A left click at a cell of the screen; the shell turns it into `AppEvent.select` where it hits a fixture.
    case click(x: Int, y: Int)
    /// The mouse wheel: it scrolls the action feed.
    case wheelUp, wheelDown
    /// Text pasted (bracketed paste): typed into an open prompt, ignored elsewhere. Read as keys, a pasted line's
    /// newline went to the prompt and the rest ran as commands (`x x q` removed two fixtures and quit).
    case paste(String)

    /// What each key does (the README lists them under Keys).
    public var command: Command? {
        switch self {
        case .tab, .right: .nextFixture
        case .backTab, .left: .previousFixture
        case .up: .scroll(-1)
        case .wheelUp: .scroll(-3)
        case .wheelDown: .scroll(3)
        case .down: .scroll(1)
        case .pageUp: .scroll(-10)
        case .pageDown: .scroll(10)
        case .home: .scrollToNewest
        case .char(let c):
            switch c {
            case "1"..."9": .focus(Int(String(c))! - 1)
            case " ": .togglePause
            case "+", "=": .faster
            case "-", "_": .slower
            case "t", "T": .nextTheme
            case "?", "h": .toggleHelp
            case "q", "Q": .quit
            case "a": .openPicker
            case "x": .removeFixture
            case "b", "B": .toggleBoxScore
            case "d": .delay(DelayLine.step)
            case "D": .delay(-DelayLine.step)
            case "o", "O": .toggleOverview
            case "g": .startGoto
            case "/": .startFind
            case "r": .reveal
            case "R": .hide
            case "k": .scroll(-1)
            case "j": .scroll(1)
            default: nil
            }
        case .escape: .closeOverlay
        default: nil
        }
    }

    public enum Command: Equatable, Sendable {
        case nextFixture, previousFixture, focus(Int), scroll(Int), scrollToNewest
        case togglePause, faster, slower, nextTheme, toggleHelp, closeOverlay, quit
        case openPicker, removeFixture
        case reveal, hide, toggleBoxScore, toggleOverview, startGoto, startFind
        case delay(Double)
    }

    /// The bindings as the help overlay lists them.
    public static let help: [(keys: String, action: String)] = [
        ("Tab / Shift-Tab, ← / →", "next / previous fixture"),
        ("1 – 9", "focus fixture N"),
        ("g N Enter", "focus fixture N (any number)"),
        ("/ text Enter", "next fixture whose team matches"),
        ("click / wheel", "focus the clicked overview row / scroll the feed"),
        ("o", "full-screen overview"),
        ("↑ / ↓, PgUp / PgDn", "scroll the action feed"),
        ("Home", "back to the newest action"),
        ("space", "pause / resume the replay"),
        ("+ / -", "replay faster / slower"),
        ("a", "add a fixture (today's, or a demo match)"),
        ("x", "remove the focused fixture"),
        ("b", "box score / action feed"),
        ("d / D", "delay the screen 5 s more / less"),
        ("t", "next theme"),
        ("r / R", "reveal / hide the score (--no-spoilers)"),
        ("?", "this help"),
        ("q", "quit"),
    ]
}
