import LiveActions

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
