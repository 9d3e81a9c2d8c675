import CNcurses
import Scoreboard
import TUI

#if canImport(Glibc)
import Glibc
#endif

/// The only code that calls ncurses: it blits a canvas and reads keys. Everything it draws was decided by
/// the pure `Screen`; ncurses then sends the terminal only what changed.
@MainActor
public final class NcursesBackend {
    public enum ColorDepth: Comparable, Sendable { case none, basic8, ansi16, xterm256 }

    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    public private(set) var depth: ColorDepth = .none
    /// The theme drawn is made for a dark background: of eight colours, a dark grey is then drawn white, not black.
    public var darkBackground = true
    var pairs: [PairKey: Int32] = [:]
    var nextPair: Int32 = 1
    var maxPairs: Int32 = 0
    var lastDrawn: Canvas?
    var screen: OpaquePointer?
    var ended = false

    struct PairKey: Hashable { var fg: Int32, bg: Int32 }

    /// Takes over the terminal. `noColor` honours `NO_COLOR`.
    public init(noColor: Bool) throws {
        setlocale(LC_ALL, "")
        // The screen is drawn in UTF-8 whatever the locale says: under LANG=C or POSIX (Docker images, ssh without
        // locale forwarding) ncurses dropped or half-wrote every non-ASCII cell, and the diffed blit left stray
        // characters and a score line with no score. C.UTF-8 changes only how characters are encoded.
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw StartError(description: "standard input and output must be a terminal (use --headless to print JSON lines instead)")
        }
        // newterm, unlike initscr, reports a missing terminal type instead of exiting.
        guard let s = newterm(nil, fdopen(STDOUT_FILENO, "w"), fdopen(STDIN_FILENO, "r")) else {
            // Most often a terminal type the system has no description of (a remote host's own, a typo).
            throw StartError(description: "cannot start the terminal (TERM=\(getenv("TERM").map { String(cString: $0) } ?? "unset")): the system knows no such "
                + "terminal type; the board needs one it knows (xterm-256color, screen, tmux), or use --headless to print JSON lines instead")
        }
        // A terminal that cannot place the cursor (TERM=dumb: Emacs' shell, some CI logs) drew only the last line,
        // over and over, and nothing of the board.
        guard Self.canPlaceCursor else {
            endwin()
            delscreen(s)
            throw StartError(description: "the terminal (TERM=\(getenv("TERM").map { String(cString: $0) } ?? "unset")) cannot place the cursor; the board needs one that can (xterm-256color, screen, tmux), or use --headless to print JSON lines instead")
        }
        screen = s
        TerminalGuard.noteStarted()
        TerminalGuard.pushTitle()
        cbreak()
        noecho()
        nonl()
        // No flush of the terminal's queues when Ctrl-Z or Ctrl-C makes a signal: the kernel flushes them just
        // after sending it, and what a quick handler wrote by then to give the terminal back could go with them.
        var modes = termios()
        if tcgetattr(STDIN_FILENO, &modes) == 0 {
            modes.c_lflag |= tcflag_t(NOFLSH)
            tcsetattr(STDIN_FILENO, TCSANOW, &modes)
            def_prog_mode()
        }
        keypad(cs_stdscr(), true)
        curs_set(0)
        set_escdelay(25)
        cs_enable_mouse()
        TerminalGuard.writeBytes(Array(Self.bracketedPasteOn.utf8))
        leaveok(cs_stdscr(), true)
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            let colors = cs_colors()
            depth = colors >= 256 ? .xterm256 : colors >= 16 ? .ansi16 : colors >= 8 ? .basic8 : .none
            maxPairs = Int32(cs_color_pairs())
        }
    }

    /// Whether the terminal ncurses just read has cursor addressing (`cup`).
    static var canPlaceCursor: Bool { capability("cup") != nil }

    /// Whether it has a screen of its own for the board (`smcup`), which ending leaves.
    static var hasAlternateScreen: Bool { capability("smcup") != nil }

    /// A string capability of the terminal ncurses read, nil where it has none.
    static func capability(_ name: String) -> UnsafeMutablePointer<CChar>? {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return nil }
        return value
    }

    /// Gives the terminal back for a while (Ctrl-Z): the shell's modes, its screen and its title.
    public func suspend() {
        guard !ended else { return }
        endwin()
        fflush(nil)  // all of it out before the process stops
        TerminalGuard.writeBytes(Array(Self.bracketedPasteOff.utf8))
        TerminalGuard.popTitle()
    }

    /// Takes the terminal again after `suspend`, or after a stop that gave no warning (SIGSTOP, when the shell
    /// has since put its own modes back): everything redrawn.
    public func resume() {
        guard !ended else { return }
        if !isendwin() { endwin() }
        TerminalGuard.pushTitle()
        refresh()
        TerminalGuard.writeBytes(Array(Self.bracketedPasteOn.utf8))
        cs_enable_mouse()
        curs_set(0)
        invalidate()
    }

    /// Gives the terminal back. Safe to call twice.
    public func end() {
        guard !ended else { return }
        ended = true
        // Suspended and ended from the background (`kill %1` after Ctrl-Z): the terminal was given back already,
        // and touching it from there stopped the process again (SIGTTOU).
        if !isendwin() || JobControl.inForeground {
            endwin()
            TerminalGuard.writeBytes(Array(Self.bracketedPasteOff.utf8))
            // With no alternate screen to leave (TERM=linux, vt100) the board stayed on the shell's screen after
            // `q`, under the prompt: cleared, as the alternate screen would have been.
            if !Self.hasAlternateScreen, let clear = Self.capability("clear") {
                putp(clear)
                fflush(nil)
            }
        }
        if let screen { delscreen(screen) }
        screen = nil
        TerminalGuard.popTitle()
        TerminalGuard.noteEnded()
    }

    public var size: (width: Int, height: Int) { (Int(cs_cols()), Int(cs_lines())) }

    /// Catches a resize that arrived without a KEY_RESIZE (signals coalesce): true when the size changed.
    public func syncSize() -> Bool {
        var ws = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return false }
        guard Int32(ws.ws_col) != cs_cols() || Int32(ws.ws_row) != cs_lines() else { return false }
        resizeterm(Int32(ws.ws_row), Int32(ws.ws_col))
        invalidate()
        return true
    }

    /// Draws the canvas; rows identical to the last frame are skipped.
    public func draw(_ canvas: Canvas) {
        let full = lastDrawn.map { $0.width != canvas.width || $0.height != canvas.height } ?? true
        if full { erase() }
        var buffer: [wchar_t] = []
        buffer.reserveCapacity(canvas.width + 1)
        for y in 0..<canvas.height {
            if !full, let last = lastDrawn, rowEqual(last, canvas, y) { continue }
            var x = 0
            while x < canvas.width {
                let style = canvas[x, y].style
                let start = x
                buffer.removeAll(keepingCapacity: true)
                while x < canvas.width, canvas[x, y].style == style {
                    let cell = canvas[x, y]
                    if cell.width > 0 {
                        for scalar in cell.text.unicodeScalars { buffer.append(wchar_t(bitPattern: scalar.value)) }
                    }
                    x += 1
                }
                buffer.append(0)
                apply(style)
                _ = buffer.withUnsafeBufferPointer { mvaddwstr(Int32(y), Int32(start), $0.baseAddress) }
            }
        }
        _ = cs_set_style(cs_a_normal(), 0)
        refresh()
        lastDrawn = canvas
    }

    var lastTitle: String?

    /// Sets the terminal's title with OSC 2, straight to the terminal after ncurses has flushed its frame, and
    /// only when it changed. `text` must already be through `TextSafety.clean` (no ESC, BEL or C1 control
    /// can end the sequence early); anything below U+0020 is dropped again here all the same.
    public func setTitle(_ text: String) {
        guard !ended, text != lastTitle else { return }
        lastTitle = text
        TerminalGuard.writeBytes(Self.titleSequence(text))
    }

    public nonisolated static func titleSequence(_ text: String) -> [UInt8] {
        let safe = text.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }
        return Array("\u{1B}]2;".utf8) + Array(String(String.UnicodeScalarView(safe)).utf8) + [0x07]
    }

    /// Forgets what is on screen, so the next draw repaints everything (after a resize).
    public func invalidate() {
        lastDrawn = nil
        clearok(cs_stdscr(), true)
    }

    func rowEqual(_ a: Canvas, _ b: Canvas, _ y: Int) -> Bool {
        let start = y * a.width
        for i in start..<(start + a.width) where a.cells[i] != b.cells[i] { return false }
        return true
    }

    func apply(_ style: Style) {
        var attrs = cs_a_normal()
        if style.bold { attrs |= cs_a_bold() }
        if style.dim { attrs |= cs_a_dim() }
        if style.reverse { attrs |= cs_a_reverse() }
        if style.underline { attrs |= cs_a_underline() }
        _ = cs_set_style(attrs, pair(for: style))
    }

    func pair(for style: Style) -> Int32 {
        guard depth > .none else { return 0 }
        // Drawn on its own background, or on the terminal's, which the theme says is dark or light.
        let onDark = style.bg.luminance.map { $0 < 0.5 } ?? darkBackground
        let key = PairKey(fg: ColorMapping.index(style.fg, depth: depth, onDark: onDark), bg: ColorMapping.index(style.bg, depth: depth))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let p = pairs[key] { return p }
        guard nextPair < maxPairs else { return 0 }
        let p = nextPair
        nextPair += 1
        init_extended_pair(p, key.fg, key.bg)
        pairs[key] = p
        return p
    }

    /// The next key, waiting at most `timeoutMs` (0: only what is already typed). nil when none came.
    public func readKey(timeoutMs: Int32) -> Key? {
        var ch: wint_t = 0
        let result = cs_get_wch(timeoutMs, &ch)
        if result == ERR { return nil }
        let code = Int32(ch)
        if result == cs_key_code_yes() {
            switch code {
            case cs_key_up(): return .up
            case cs_key_down(): return .down
            case cs_key_left(): return .left
            case cs_key_right(): return .right
            case cs_key_ppage(): return .pageUp
            case cs_key_npage(): return .pageDown
            case cs_key_home(): return .home
            case cs_key_end(): return .end
            case cs_key_btab(): return .backTab
            case cs_key_resize(): return .resize
            case cs_key_enter(): return .enter
            case cs_key_backspace(): return .backspace
            case cs_key_mouse():
                var x: Int32 = 0, y: Int32 = 0
                switch cs_mouse_event(&x, &y) {
                case 1: return .click(x: Int(x), y: Int(y))
                case 4: return .wheelUp
                case 5: return .wheelDown
                default: return nil
                }
            default: return nil
            }
        }
        switch code {
        case 9: return .tab
        case 27: return escapeSequence()
        case 10, 13: return .enter
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .char(Character(scalar))
        }
    }
}

extension NcursesBackend {
    /// Pasted text arrives between `ESC [200~` and `ESC [201~` (the terminal sends them while this mode is on).
    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"
    /// The most of a paste kept: a prompt holds a few dozen characters.
    static let maxPaste = 4096

    /// Escape alone, or a sequence ncurses does not know, read whole and dropped: read as keys, its characters
    /// ran as commands (Home as `1~` focused the first fixture, F13's digits another). A bracketed paste is the
    /// text between its marks. Escape and then a character (Alt and a key) stay two keys, as typed.
    func escapeSequence() -> Key? {
        var ch: wint_t = 0
        let result = cs_get_wch(0, &ch)
        if result == ERR { return .escape }
        if result == cs_key_code_yes() {
            ungetch(Int32(ch))  // Escape, then a key ncurses knows (an arrow): both, in turn
            return .escape
        }
        guard let scalar = Unicode.Scalar(UInt32(ch)) else { return .escape }
        let next = Character(scalar)
        switch next {
        case "[":
            var body = ""
            while let c = pendingCharacter() {
                body.append(c)
                if let v = c.unicodeScalars.first?.value, (0x40...0x7E).contains(v) { break }
                if body.count > 32 { break }
            }
            return body == "200~" ? pasted() : nil
        case "O":
            _ = pendingCharacter()
            return nil
        case "\u{1B}":
            pushBack(next)  // Escape pressed twice
            return .escape
        default:
            // Alt and a key, as terminals send it (Escape and the key at once). No command is bound to one: read
            // as Escape then the key, Alt+q closed the help and quit, Alt+x removed a fixture.
            return nil
        }
    }

    /// The text up to the end of the paste, waiting a little for a long one to arrive.
    func pasted() -> Key {
        var text = ""
        let end = "\u{1B}[201~"
        while let c = pendingCharacter(waitingMs: 50) {
            if text.count < Self.maxPaste + end.count { text.append(c) }
            if text.hasSuffix(end) { text.removeLast(end.count); break }
        }
        return .paste(String(text.prefix(Self.maxPaste)))
    }

    /// A character already typed (or arriving within `waitingMs`), nil if none.
    func pendingCharacter(waitingMs: Int32 = 0) -> Character? {
        var ch: wint_t = 0
        let result = cs_get_wch(waitingMs, &ch)
        guard result != ERR, result != cs_key_code_yes(), let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
        return Character(scalar)
    }

    func pushBack(_ c: Character) {
        guard let v = c.unicodeScalars.first?.value else { return }
        unget_wch(wchar_t(v))
    }
}

/// Maps theme colours to what the terminal has: 256 colours, 16, 8, or none.
public enum ColorMapping {

    /// `onDark`: a foreground drawn on a dark background. Of eight colours, a dark grey's nearest is black, and the
    /// dark theme's borders and separators (#4e4e4e) vanished on the dark background it is made for (TERM=screen,
    /// xterm, linux): there a foreground that is not itself black or nearly is never drawn black, but white (of
    /// sixteen, bright black). On a light background black is what reads (the light theme's clock, #5f5f00).
    public static func index(_ color: Color, depth: NcursesBackend.ColorDepth, onDark: Bool = false) -> Int32 {
        switch color {
        case .default: return -1
        case .ansi(let n): return depth >= .ansi16 ? Int32(n) : Int32(n % 8)
        case .indexed(let n):
            if depth == .xterm256 { return Int32(n) }
            let (r, g, b) = Color.rgb(ofIndex: n)
            return basic(r, g, b, depth: depth, onDark: onDark)
        case .rgb(let r, let g, let b):
            if depth == .xterm256 { return Int32(xterm256(r, g, b)) }
            return basic(r, g, b, depth: depth, onDark: onDark)
        }
    }

    static func basic(_ r: UInt8, _ g: UInt8, _ b: UInt8, depth: NcursesBackend.ColorDepth, onDark: Bool) -> Int32 {
        let nearest = nearestBasic(r, g, b, count: depth >= .ansi16 ? 16 : 8)
        guard onDark, nearest == 0, max(r, g, b) >= 40 else { return nearest }
        return depth >= .ansi16 ? 8 : 7
    }

    /// The nearest colour of the 6×6×6 cube or the grey ramp.
    public static func xterm256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        let (lr, lg, lb) = (level(r), level(g), level(b))
        let steps = [0, 95, 135, 175, 215, 255]
        let cube = 16 + 36 * lr + 6 * lg + lb
        let cubeDist = dist(r, g, b, steps[lr], steps[lg], steps[lb])
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let greyIndex = avg > 238 ? 23 : max(0, (avg - 3) / 10)
        let grey = 8 + 10 * greyIndex
        let greyDist = dist(r, g, b, grey, grey, grey)
        return UInt8(greyDist < cubeDist ? 232 + greyIndex : cube)
    }

    static func nearestBasic(_ r: UInt8, _ g: UInt8, _ b: UInt8, count: Int) -> Int32 {
        var best = 0
        var bestDist = Int.max
        for i in 0..<count {
            let c = Color.ansiPalette[i]
            let d = dist(r, g, b, Int(c.0), Int(c.1), Int(c.2))
            if d < bestDist { bestDist = d; best = i }
        }
        return Int32(best)
    }

    static func dist(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ r2: Int, _ g2: Int, _ b2: Int) -> Int {
        let dr = Int(r) - r2, dg = Int(g) - g2, db = Int(b) - b2
        return dr * dr + dg * dg + db * db
    }
}
