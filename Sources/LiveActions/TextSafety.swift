/// Strings from the wire are untrusted: control characters (ESC, CR, BEL, C1 controls, bidi overrides)
/// are replaced so that nothing from the feed can move the cursor or recolour the terminal.
public enum TextSafety {
    public static func clean(_ text: String, limit: Int = 80) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out += "…"
                break
            }
            let v = scalar.value
            if v < 0x20 || isUnsafe(v) {
                out += v == 0x09 || v == 0x0A || v == 0x0D ? " " : "\u{FFFD}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}

extension TextSafety {
    /// `text` as a message may print it whole: every control character but a line break or a tab replaced, as
    /// `clean` does, and no limit. A message names what it could not use (a config file's bad key, a theme's
    /// bad colour, a recording's fixture), and that text printed raw could retitle or clear the terminal.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 ? $0 != "\n" && $0 != "\t" : Self.isUnsafe($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            out.append(v == 0x0A || v == 0x09 ? scalar : v < 0x20 || Self.isUnsafe(v) ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }

    /// DEL, the C1 controls and the bidi and direction marks: what `clean` replaces beyond the C0 controls.
    static func isUnsafe(_ v: UInt32) -> Bool {
        (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0xFEFF
    }

    /// `clean(symbol.string, limit:)` appended as UTF-8, from the symbol's bytes; nothing for `none`.
    public static func append(_ symbol: Symbol, limit: Int = 80, to out: inout [UInt8]) {
        guard !symbol.isNone else { return }
        SymbolTable.shared.appendClean(symbol, limit: limit, to: &out)
    }

    /// How many scalars these UTF-8 bytes (of a valid `String`) hold, when `clean` would replace none of them (it
    /// leaves them as they are up to that many scalars); nil when it would replace one. The replaced ones are looked
    /// for by their encodings: names with accents ("Žalgiris", "Lekavičius") are common and need not go scalar by
    /// scalar.
    static func cleanScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var scalars = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b < 0x20 || b == 0x7F { return nil }
            } else if b >= 0xC0 {
                let next = i + 1 < n ? bytes[i + 1] : 0
                switch b {
                case 0xC2 where next < 0xA0: return nil  // C1 controls, U+0080…U+009F
                case 0xE2 where next == 0x80:
                    let last = i + 2 < n ? bytes[i + 2] : 0
                    if last == 0x8E || last == 0x8F || (0xAA...0xAE).contains(last) { return nil }  // LRM, RLM, U+202A…E
                case 0xE2 where next == 0x81:
                    if i + 2 < n, (0xA6...0xA9).contains(bytes[i + 2]) { return nil }  // U+2066…U+2069
                case 0xEF where next == 0xBB:
                    if i + 2 < n, bytes[i + 2] == 0xBF { return nil }  // U+FEFF
                default: break
                }
            } else {
                i += 1
                continue  // a continuation byte: part of the scalar already counted
            }
            scalars += 1
            i += 1
        }
        return scalars
    }
}
