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

extension Style {
    func with(bg: Color) -> Style {
        var s = self
        if bg != .default { s.bg = bg }
        return s
    }

    /// This style drawn on a row of `base` (the selected overview row): its background and reverse video, and its
    /// foreground where this one's would vanish into that background. Given only the background, high-contrast's
    /// clock was bright white on bright white, and mono reversed only the gaps between the words.
    func on(_ base: Style) -> Style {
        var s = with(bg: base.bg)
        if base.reverse { s.reverse = true }
        if let a = s.fg.luminance, let b = s.bg.luminance, abs(a - b) < 0.3 { s.fg = base.fg }
        return s
    }
}

extension Color {
    /// Relative lightness from 0 to 1, as the usual palettes show it; nil for the terminal's default.
    public var luminance: Double? {
        func of(_ r: Double, _ g: Double, _ b: Double) -> Double { (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 }
        switch self {
        case .default:
            return nil
        case .rgb(let r, let g, let b):
            return of(Double(r), Double(g), Double(b))
        case .ansi(let n):
            let table: [(Double, Double, Double)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
                                                     (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
                                                     (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
            let c = table[Int(n & 15)]
            return of(c.0, c.1, c.2)
        case .indexed(let n):
            if n < 16 { return Color.ansi(n).luminance }
            if n >= 232 { let v = Double(8 + 10 * (Int(n) - 232)); return of(v, v, v) }
            let i = Int(n) - 16
            func level(_ k: Int) -> Double { k == 0 ? 0 : Double(55 + 40 * k) }
            return of(level(i / 36), level(i / 6 % 6), level(i % 6))
        }
    }
}
