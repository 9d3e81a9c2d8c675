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
    /// The 16 ANSI colours as the usual palettes show them (xterm's).
    public static let ansiPalette: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// An xterm 256-colour index as red, green and blue: the 16 ANSI colours, the 6×6×6 cube, the grey ramp.
    public static func rgb(ofIndex n: UInt8) -> (UInt8, UInt8, UInt8) {
        if n < 16 { return ansiPalette[Int(n)] }
        if n >= 232 { let v = UInt8(8 + 10 * (Int(n) - 232)); return (v, v, v) }
        let i = Int(n) - 16
        let steps: [UInt8] = [0, 95, 135, 175, 215, 255]
        return (steps[i / 36], steps[i / 6 % 6], steps[i % 6])
    }

    /// Relative lightness from 0 to 1, as the usual palettes show it; nil for the terminal's default.
    public var luminance: Double? {
        let (r, g, b): (UInt8, UInt8, UInt8)
        switch self {
        case .default: return nil
        case .rgb(let red, let green, let blue): (r, g, b) = (red, green, blue)
        case .ansi(let n): (r, g, b) = Color.rgb(ofIndex: n & 15)
        case .indexed(let n): (r, g, b) = Color.rgb(ofIndex: n)
        }
        return (0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)) / 255
    }
}
