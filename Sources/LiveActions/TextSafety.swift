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
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x200E || v == 0x200F || v == 0xFEFF {
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
    /// `clean(text, limit:)` appended as UTF-8: printable ASCII within the limit, most of what a feed sends,
    /// is copied as it is, with no `String` built.
    public static func append(_ text: String, limit: Int = 80, to out: inout [UInt8]) {
        var text = text
        let copied = text.withUTF8 { bytes -> Bool in
            guard bytes.count <= limit, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if !copied { out.append(contentsOf: clean(text, limit: limit).utf8) }
    }
}
