/// An action's id or timestamp as its match log keeps it. Both are the action's own, so the string pool cannot
/// share them, and as strings each was a heap object of its own (80 and 64 bytes: two fifths of what a long
/// match's log held per action). The shapes the provider sends fit in sixteen bytes: a lowercase UUID, and a
/// UTC time to the millisecond. Anything else is kept as the string it was, so that a text always reads back
/// exactly as it came.
enum PackedText: Sendable, Equatable {
    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lowercase hexadecimal: its 32 digits, four bits each.
    case uuid(UInt64, UInt64)
    /// `yyyy-mm-ddThh:mm:ss.sssZ`: its first 16 digits in `low`, four bits each, the last in `high`.
    case utcMilliseconds(high: UInt64, low: UInt64)
    case text(String)

    init(_ s: String) {
        var s = s
        self = s.withUTF8 { Self.pack($0) } ?? .text(s)
    }

    /// The text, as it came.
    var string: String {
        switch self {
        case .text(let s): s
        case .uuid(let high, let low):
            String(unsafeUninitializedCapacity: 36) { out in
                var digit = 0
                for i in 0..<36 {
                    if i == 8 || i == 13 || i == 18 || i == 23 { out[i] = UInt8(ascii: "-"); continue }
                    let word = digit < 16 ? high : low
                    let value = Int(truncatingIfNeeded: (word >> UInt64(60 - 4 * (digit & 15))) & 0xF)
                    out[i] = value < 10 ? UInt8(ascii: "0") &+ UInt8(value) : UInt8(ascii: "a") &+ UInt8(value - 10)
                    digit += 1
                }
                return 36
            }
        case .utcMilliseconds(let high, let low):
            String(unsafeUninitializedCapacity: 24) { out in
                var digit = 0
                for (i, byte) in Self.timeTemplate.enumerated() {
                    guard byte == 0 else { out[i] = byte; continue }
                    let value = digit < 16 ? (low >> UInt64(60 - 4 * digit)) & 0xF : high
                    out[i] = UInt8(ascii: "0") + UInt8(value)
                    digit += 1
                }
                return 24
            }
        }
    }

    /// Whether `s` is this text, without rebuilding it.
    func equals(_ s: String) -> Bool {
        if case .text(let t) = self { return t == s }
        var s = s
        return s.withUTF8 { Self.pack($0) } == self
    }

    /// Where a timestamp has its separators; 0 marks a digit.
    private static let timeTemplate: [UInt8] = Array("0000-00-00T00:00:00.000Z".utf8).map { $0 == UInt8(ascii: "0") ? 0 : $0 }

    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> PackedText? {
        switch bytes.count {
        case 36: packUUID(bytes)
        case 24: packTime(bytes)
        default: nil
        }
    }

    private static func packUUID(_ bytes: UnsafeBufferPointer<UInt8>) -> PackedText? {
        guard bytes[8] == UInt8(ascii: "-"), bytes[13] == UInt8(ascii: "-"), bytes[18] == UInt8(ascii: "-"),
              bytes[23] == UInt8(ascii: "-") else { return nil }
        // Without a branch per digit: the digits of random ids left the processor guessing wrong a third of the time.
        var bad: UInt8 = 0
        var high: UInt64 = 0
        var low: UInt64 = 0
        @inline(__always) func digits(_ range: Range<Int>, into word: inout UInt64) {
            for i in range {
                let b = bytes[i]
                let isDigit: UInt8 = b &- UInt8(ascii: "0") < 10 ? 1 : 0
                let isHex: UInt8 = b &- UInt8(ascii: "a") < 6 ? 1 : 0
                bad |= 1 &- (isDigit | isHex)
                word = word << 4 | UInt64((b & 0xF) &+ 9 &* isHex)
            }
        }
        digits(0..<8, into: &high)
        digits(9..<13, into: &high)
        digits(14..<18, into: &high)
        digits(19..<23, into: &low)
        digits(24..<36, into: &low)
        return bad == 0 ? .uuid(high, low) : nil
    }

    private static func packTime(_ bytes: UnsafeBufferPointer<UInt8>) -> PackedText? {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var digit = 0
        for (i, separator) in timeTemplate.enumerated() {
            let b = bytes[i]
            guard separator == 0 else {
                guard b == separator else { return nil }
                continue
            }
            let value = b &- UInt8(ascii: "0")
            guard value <= 9 else { return nil }
            if digit < 16 { low = low << 4 | UInt64(value) } else { high = UInt64(value) }
            digit += 1
        }
        return .utcMilliseconds(high: high, low: low)
    }
}
