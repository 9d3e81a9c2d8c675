import LiveActions

/// A named set of styles, read from a TOML file in `themes/`.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [Role: Style]
    /// Draw team names in the teams' own colours where the terminal can.
    public var teamColours: Bool

    public init(name: String, styles: [Role: Style], teamColours: Bool = true) {
        self.name = name
        self.styles = styles
        self.teamColours = teamColours
    }

    public subscript(role: Role) -> Style { styles[role] ?? styles[.text] ?? .plain }

    /// Made for a dark background, as its text tells (light text; the terminal's own text counts as light): what
    /// can be read on the background it leaves to the terminal.
    public var isForDarkBackground: Bool { (self[.text].fg.luminance ?? 1) >= 0.5 }

    /// The same theme with colours removed (for `NO_COLOR` and terminals without colour).
    public var monochrome: Theme {
        var t = self
        for (role, s) in styles { t.styles[role] = Style(bold: s.bold, dim: s.dim, reverse: s.reverse, underline: s.underline) }
        t.teamColours = false
        return t
    }

    /// Used when no theme file can be found, so that the binary works on its own.
    public static let fallback: Theme = {
        var s: [Role: Style] = [:]
        for role in Role.allCases { s[role] = Style() }
        s[.title] = Style(bold: true)
        s[.focus] = Style(bold: true, reverse: true)
        s[.selected] = Style(reverse: true)
        s[.score] = Style(bold: true)
        s[.dim] = Style(dim: true)
        s[.statusBar] = Style(reverse: true)
        s[.pending] = Style(dim: true)
        s[.deleted] = Style(dim: true)
        s[.banner] = Style(bold: true, reverse: true)
        s[.mismatch] = Style(bold: true, underline: true)
        return Theme(name: "plain", styles: s, teamColours: false)
    }()
}
