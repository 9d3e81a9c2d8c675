/// A colour as a theme names it; the backend maps it to what the terminal can show.
public enum Color: Hashable, Sendable {
    case `default`
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
    case ansi(UInt8)
    /// An xterm 256-colour index.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
}

public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(fg: Color = .default, bg: Color = .default, bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
}

public struct Rect: Equatable, Sendable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    public func inset(by d: Int) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }

    /// Splits off `n` rows (or the whole rect) from the top.
    public func top(_ n: Int) -> (Rect, Rect) {
        let h = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: h), Rect(x: x, y: y + h, width: width, height: height - h))
    }

    public func left(_ n: Int) -> (Rect, Rect) {
        let w = min(max(0, n), width)
        return (Rect(x: x, y: y, width: w, height: height), Rect(x: x + w, y: y, width: width - w, height: height))
    }
}

/// One terminal cell. A wide character occupies its cell and a continuation cell after it (`width == 0`).
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public static let blank = Cell(text: " ", width: 1, style: .plain)
}

/// The screen as a grid of cells: widgets draw into it, tests read it as text, the backend blits it.
public struct Canvas: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(text: " ", width: 1, style: style), count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public func fill(_ rect: Rect, style: Style) -> Canvas {
        var c = self
        c.fillRect(rect, style: style)
        return c
    }

    public mutating func fillRect(_ rect: Rect, style: Style, char: String = " ") {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX), y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(text: char, width: 1, style: style)
        for y in y0..<y1 { for x in x0..<x1 { cells[y * width + x] = cell } }
    }

    /// Writes `text` from (x, y), clipped to `limit` columns (and the canvas). Returns the columns used.
    /// Text is measured in display cells: "⚽" and "丁" take two.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, limit: Int = .max) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = limit >= width - x ? width : x + max(0, limit)
        var col = x
        for ch in text {
            let w = DisplayWidth.of(ch)
            if w == 0 {
                // A combining mark or control: attach nothing; controls never reach the screen.
                continue
            }
            if col + w > end { break }
            if col >= 0 {
                clearWide(at: col, y: y)
                cells[y * width + col] = Cell(text: String(ch), width: UInt8(w), style: style)
                if w == 2 {
                    clearWide(at: col + 1, y: y)
                    cells[y * width + col + 1] = Cell(text: "", width: 0, style: style)
                }
            }
            col += w
        }
        return col - x
    }

    /// Keeps the grid consistent when a write lands on half of a wide character.
    mutating func clearWide(at x: Int, y: Int) {
        let i = y * width + x
        let cell = cells[i]
        if cell.width == 0, x > 0 {
            cells[i - 1] = Cell(text: " ", width: 1, style: cells[i - 1].style)
        } else if cell.width == 2, x + 1 < width {
            cells[i + 1] = Cell(text: " ", width: 1, style: cell.style)
        }
    }

    /// Writes text right-aligned so that it ends at `maxX`.
    @discardableResult
    public mutating func putRight(_ text: String, maxX: Int, y: Int, style: Style, limit: Int = .max) -> Int {
        let w = min(DisplayWidth.of(text), limit)
        return put(text, x: maxX - w, y: y, style: style, limit: w)
    }

    public mutating func hline(_ x: Int, _ y: Int, _ length: Int, style: Style, char: String = "─") {
        for i in 0..<max(0, length) { put(char, x: x + i, y: y, style: style) }
    }

    /// A box with a title in its top border.
    public mutating func box(_ r: Rect, title: String = "", style: Style, titleStyle: Style? = nil) {
        guard r.width >= 2, r.height >= 2 else { return }
        put("┌", x: r.x, y: r.y, style: style)
        hline(r.x + 1, r.y, r.width - 2, style: style)
        put("┐", x: r.maxX - 1, y: r.y, style: style)
        for y in (r.y + 1)..<(r.maxY - 1) {
            put("│", x: r.x, y: y, style: style)
            put("│", x: r.maxX - 1, y: y, style: style)
        }
        put("└", x: r.x, y: r.maxY - 1, style: style)
        hline(r.x + 1, r.maxY - 1, r.width - 2, style: style)
        put("┘", x: r.maxX - 1, y: r.maxY - 1, style: style)
        if !title.isEmpty, r.width > 4 {
            put(" " + title + " ", x: r.x + 2, y: r.y, style: titleStyle ?? style, limit: r.width - 4)
        }
    }

    /// The grid as text, one line per row, trailing blanks trimmed: what snapshot tests compare.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let c = cells[y * width + x]
                if c.width > 0 { line += c.text }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

/// How many terminal columns a character takes, without asking the C library (whose answer depends on the
/// locale): wide East Asian characters and emoji take two, combining marks and controls none.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }

    public static func of(_ ch: Character) -> Int {
        guard let first = ch.unicodeScalars.first else { return 0 }
        if first.isASCII { return first.value < 0x20 || first.value == 0x7F ? 0 : 1 }
        let props = first.properties
        switch props.generalCategory {
        case .nonspacingMark, .enclosingMark, .control, .format: return 0
        default: break
        }
        if ch.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if props.isEmojiPresentation { return 2 }
        return isWide(first.value) ? 2 : 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
