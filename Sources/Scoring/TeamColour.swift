import LiveActions

/// An RGB team colour from a "Team Colours" action.
public struct TeamColour: Equatable, Hashable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8
    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses "0, 38, 255"; anything else is no colour. Read byte by byte: split into substrings, trimmed and
    /// parsed as `Character`s, one colour took microseconds, and a re-fold reads every Team Colours action again.
    /// As before, empty parts between commas are skipped, and each part may be spaced (spaces, tabs, CRs) and
    /// signed as `UInt8(_:)` allows.
    public init?(_ text: String) {
        var rgb: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var count = 0
        var text = text
        let parsed: Bool = text.withUTF8 { bytes in
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: ",") {
                defer { start = end + 1 }
                guard end > start else { continue }  // empty: skipped
                guard count < 3, let value = Self.component(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return false }
                switch count {
                case 0: rgb.0 = value
                case 1: rgb.1 = value
                default: rgb.2 = value
                }
                count += 1
            }
            return count == 3
        }
        guard parsed else { return nil }
        self.init(r: rgb.0, g: rgb.1, b: rgb.2)
    }

    /// One part, trimmed of spaces, tabs and CRs, read as `UInt8(_:)` reads it (a sign, then decimal digits).
    private static func component(_ part: UnsafeBufferPointer<UInt8>) -> UInt8? {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
        var lo = 0, hi = part.count
        while lo < hi, isSpace(part[lo]) { lo += 1 }
        while hi > lo, isSpace(part[hi - 1]) { hi -= 1 }
        var negative = false
        if lo < hi, part[lo] == UInt8(ascii: "+") || part[lo] == UInt8(ascii: "-") {
            negative = part[lo] == UInt8(ascii: "-")
            lo += 1
        }
        guard lo < hi else { return nil }
        var value = 0
        for i in lo..<hi {
            let d = Int(part[i]) - 0x30
            guard d >= 0, d <= 9 else { return nil }
            value = value * 10 + d
            guard value <= 255 else { return nil }
        }
        if negative && value != 0 { return nil }
        return UInt8(value)
    }
}
