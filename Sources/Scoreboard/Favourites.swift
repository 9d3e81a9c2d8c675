/// The teams named with `--favourite`: a fixture whose home or away team matches one comes first in the
/// overview and is marked. Names compare without regard to case or diacritics ("zaksa kedzierzyn" matches
/// "ZAKSA Kędzierzyn-Koźle"), and a name matches a team whose name contains it ("Efes" is "Anadolu Efes").
public struct Favourites: Equatable, Sendable {
    /// The names as given, folded.
    public let folded: [String]

    public init(_ names: [String] = []) {
        folded = names.map(Favourites.fold).filter { !$0.isEmpty }
    }

    public var isEmpty: Bool { folded.isEmpty }

    public func matches(team: String?) -> Bool {
        guard let team, !folded.isEmpty else { return false }
        let name = Favourites.fold(team)
        return folded.contains { name.contains($0) }
    }

    public func matches(_ fixture: FixtureState) -> Bool {
        matches(home: fixture.log.state.homeName, away: fixture.log.state.awayName)
    }

    /// Either team: a fixture on screen, or one the picker lists.
    public func matches(home: String?, away: String?) -> Bool {
        matches(team: home) || matches(team: away)
    }

    /// Lower case, Latin letters without their diacritics, combining marks dropped, runs of spaces as one.
    public static func fold(_ text: String) -> String {
        var out = ""
        var lastWasSpace = true
        for scalar in text.lowercased().unicodeScalars {
            let v = scalar.value
            if (0x300...0x36F).contains(v) { continue }
            if scalar.properties.isWhitespace {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            if let base = latinBase(v) { out += base } else { out.unicodeScalars.append(scalar) }
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// The base letter(s) of a lower-case Latin letter with a diacritic.
    static func latinBase(_ v: UInt32) -> String? {
        switch v {
        case 0xDF: return "ss"
        case 0xE0...0xE5: return "a"
        case 0xE6: return "ae"
        case 0xE7: return "c"
        case 0xE8...0xEB: return "e"
        case 0xEC...0xEF: return "i"
        case 0xF0: return "d"
        case 0xF1: return "n"
        case 0xF2...0xF6, 0xF8: return "o"
        case 0xF9...0xFC: return "u"
        case 0xFD, 0xFF: return "y"
        case 0xFE: return "th"
        case 0x100...0x105: return "a"
        case 0x106...0x10D: return "c"
        case 0x10E...0x111: return "d"
        case 0x112...0x11B: return "e"
        case 0x11C...0x123: return "g"
        case 0x124...0x127: return "h"
        case 0x128...0x131: return "i"
        case 0x132...0x133: return "ij"
        case 0x134...0x135: return "j"
        case 0x136...0x138: return "k"
        case 0x139...0x142: return "l"
        case 0x143...0x14B: return "n"
        case 0x14C...0x151: return "o"
        case 0x152...0x153: return "oe"
        case 0x154...0x159: return "r"
        case 0x15A...0x161, 0x17F, 0x218...0x219: return "s"
        case 0x162...0x167, 0x21A...0x21B: return "t"
        case 0x168...0x173: return "u"
        case 0x174...0x175: return "w"
        case 0x176...0x178: return "y"
        case 0x179...0x17E: return "z"
        case 0x180...0x24F: return base(of: v - 0x180, in: latinExtendedB)
        case 0x1E00...0x1EFF: return base(of: v - 0x1E00, in: latinExtendedAdditional)
        default: return nil
        }
    }

    /// The base letter of each code point of Latin Extended-B (U+0180–U+024F: ơ, ư, ǎ, …) and Latin Extended
    /// Additional (U+1E00–U+1EFF: Vietnamese ộ, ả, ệ, …) from its canonical decomposition; "." where it has none.
    /// Made with Python's `unicodedata.normalize("NFD", …)`: without them "ha noi" did not match "Hà Nội".
    static let latinExtendedB = Array("................................oo.............uu............................aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............................".utf8)
    static let latinExtendedAdditional = Array("aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......".utf8)

    static func base(of offset: UInt32, in table: [UInt8]) -> String? {
        let b = table[Int(offset)]
        return b == UInt8(ascii: ".") ? nil : String(UnicodeScalar(b))
    }
}

extension AppState {
    /// Sets the favourites and puts their fixtures first (see `pinFavourites`).
    public mutating func setFavourites(_ favourites: Favourites) {
        self.favourites = favourites
        pinFavourites()
    }

    public func isFavourite(_ index: Int) -> Bool {
        fixtures.indices.contains(index) && favourites.matches(fixtures[index])
    }

    /// Favourites' fixtures first, each group in its own order; the focus stays on the same fixture, except that the
    /// first favourite found takes it. Team names may arrive only with the feed, so the reducer calls this again when
    /// a fixture's names change (the fixture moved up, and the focus stayed where it was).
    mutating func pinFavourites() {
        guard !favourites.isEmpty else { return }
        let flags = fixtures.map(favourites.matches)
        let first = !favouriteFound && flags.contains(true)
        if first { favouriteFound = true }
        if flags.indices.dropFirst().contains(where: { flags[$0] && !flags[$0 - 1] }) {
            let focusedRef = focused?.ref
            let order = fixtures.indices.filter { flags[$0] } + fixtures.indices.filter { !flags[$0] }
            fixtures = order.map { fixtures[$0] }
            slots = Slots(fixtures)
            if let focusedRef, let i = fixtures.firstIndex(where: { $0.ref == focusedRef }) { focus = i }
        }
        if first, !focusChosen { focus = 0 }
    }
}
