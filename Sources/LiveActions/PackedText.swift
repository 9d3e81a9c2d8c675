/// A text that names one thing once: an action's id, a message's trace id, a timestamp. No other message
/// repeats it, so no cache can share it, and as a `String` each was a heap object of its own, made for every
/// message and kept for every action of a match (80 and 64 bytes: two fifths of what a long match's log held per
/// action). The shapes the provider sends fit in sixteen bytes: a lowercase UUID, 32 lowercase hexadecimal
/// digits, a UTC time to the second, millisecond or microsecond (the protocol's example has microseconds). Any
/// other text is kept as the string it was, so that every text reads back exactly as it came, and one text has
/// one form: two are equal when their strings are.
public struct PackedText: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    @usableFromInline enum Storage: Hashable, Sendable {
        /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`: its 32 digits, four bits each.
        case uuid(UInt64, UInt64)
        /// 32 lowercase hexadecimal digits (a trace id), four bits each.
        case hex(UInt64, UInt64)
        /// `yyyy-mm-ddThh:mm:ssZ` with no fraction or a fraction of 3 or 6 digits before the `Z`: its first 16
        /// digits in `low`, four bits each, the rest (up to 4) in the low bits of `high`, and the text's length in
        /// its top byte.
        case utc(high: UInt64, low: UInt64)
        case text(String)
    }

    @usableFromInline let storage: Storage

    public init(_ s: String) {
        var s = s
        storage = s.withUTF8 { Self.pack($0) } ?? .text(s)
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(stringInterpolation: DefaultStringInterpolation) { self.init(String(stringInterpolation: stringInterpolation)) }

    @usableFromInline init(storage: Storage) { self.storage = storage }

    /// Its sixteen bytes and the number of its shape (1 a UUID, 2 hexadecimal digits, 3 a UTC time), or nil for text
    /// of no packed shape: what a store needs to keep it as plain bytes, with no reference to count.
    @inlinable public var words: (shape: UInt8, high: UInt64, low: UInt64)? {
        switch storage {
        case .uuid(let high, let low): (1, high, low)
        case .hex(let high, let low): (2, high, low)
        case .utc(let high, let low): (3, high, low)
        case .text: nil
        }
    }

    /// Text kept as it came, with no packing tried: the text of a `PackedText` whose `words` are nil, restored exactly.
    /// Only for such text: one of a packed shape would be a second form of the same text, unequal to the first.
    public init(unpacked s: String) {
        assert({ var s = s; return s.withUTF8 { Self.pack($0) } == nil }(), "\(s) has a packed shape")
        storage = .text(s)
    }

    /// The text whose `words` these are; `shape` is 1, 2 or 3.
    @inlinable public init(shape: UInt8, high: UInt64, low: UInt64) {
        switch shape {
        case 1: storage = .uuid(high, low)
        case 2: storage = .hex(high, low)
        default:
            precondition(shape == 3, "no packed shape \(shape)")
            storage = .utc(high: high, low: low)
        }
    }

    /// The empty text, made with no packing tried: every decoded action starts with one.
    static var empty: PackedText { PackedText(storage: .text("")) }

    /// From a string's UTF-8 bytes, with no `String` made when they have a shape it knows.
    @inline(__always)
    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        storage = Self.pack(bytes) ?? .text(String(decoding: bytes, as: UTF8.self))
    }

    /// The text, as it came.
    public var string: String {
        switch storage {
        case .text(let s): s
        case .uuid(let high, let low): Self.hexString(high, low, dashes: true)
        case .hex(let high, let low): Self.hexString(high, low, dashes: false)
        case .utc(let high, let low): Self.timeString(high, low)
        }
    }

    public var description: String { string }

    public var isEmpty: Bool {
        if case .text(let s) = storage { return s.isEmpty }
        return false
    }

    /// A 64-bit hash of the text's bytes: the log's key for an action's place.
    public var key: UInt64 {
        switch storage {
        case .text(let s): WordHash.hash(s)
        case .uuid(let a, let b), .hex(let a, let b), .utc(let a, let b):
            Self.mix(a, b)
        }
    }

    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var h = (a ^ 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 32
        h = (h ^ b) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }

    // MARK: Packing

    /// The packed text of a string whose contents start at `start`, when it has one of the usual shapes packed here
    /// (a UUID, a trace id, a time to the millisecond) and a quote right after it; with the index of that quote. The
    /// shapes hold no quote, backslash or control character, so bytes that pack and are followed by a quote are the
    /// whole string: found with no scan for its end.
    @inline(__always)
    static func packed(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (text: PackedText, quote: Int)? {
        @inline(__always) func quoted(_ length: Int) -> (text: PackedText, quote: Int)? {
            // Unchecked: `start` is within the frame, and the guard keeps the slice inside it.
            guard length < bytes.count &- start, bytes[start &+ length] == UInt8(ascii: "\""),
                  let storage = pack(UnsafeBufferPointer(start: bytes.baseAddress.unsafelyUnwrapped + start, count: length)) else { return nil }
            return (PackedText(storage: storage), start &+ length)
        }
        return quoted(36) ?? quoted(32) ?? quoted(24)
    }

    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> Storage? {
        switch bytes.count {
        case 36: packUUID(bytes)
        case 32: packHex(bytes)
        case 20, 24, 27: packTime(bytes)
        default: nil
        }
    }

    /// The eight lowercase hexadecimal digits at `i` as 32 bits, the first digit highest; nil when one of them is
    /// something else. All eight at once, in the bytes of one word (an id's digits were taken one at a time, with
    /// a shift, a mask and two tests each: a tenth of a message's decoding went to its three ids).
    @inline(__always)
    static func hexWord(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt64? {
        hexValue(UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)))
    }

    /// Eight lowercase hexadecimal digits as the bytes of a word, the first in the lowest byte.
    @inline(__always)
    static func hexValue(_ w: UInt64) -> UInt64? { digitsValue(w, hex: true) }

    /// Eight decimal digits as the bytes of a word, the first in the lowest byte.
    @inline(__always)
    static func decimalValue(_ w: UInt64) -> UInt64? { digitsValue(w, hex: false) }

    /// Eight digits as the bytes of a word, the first in the lowest byte, as 32 bits, the first digit highest; nil
    /// when one of them is not a decimal digit (nor, with `hex`, a lowercase hexadecimal one).
    @inline(__always)
    private static func digitsValue(_ w: UInt64, hex: Bool) -> UInt64? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high = ones &* 0x80
        // Each byte below 0x80, so that adding to it sets its own top bit and never carries into the next.
        guard w & high == 0 else { return nil }
        let digit = (w &+ ones &* (0x80 - 0x30)) & ~(w &+ ones &* (0x80 - 0x3A)) & high
        let letter = hex ? (w &+ ones &* (0x80 - 0x61)) & ~(w &+ ones &* (0x80 - 0x67)) & high : 0
        guard digit | letter == high else { return nil }
        // Each byte's value (a letter's low four bits plus nine), the first digit put in the highest byte, and the
        // eight nibbles gathered into the low 32 bits.
        var v = ((w & (ones &* 0x0F)) &+ (letter >> 7) &* 9).byteSwapped
        v = (v | v >> 4) & 0x00FF_00FF_00FF_00FF
        v = (v | v >> 8) & 0x0000_FFFF_0000_FFFF
        v = (v | v >> 16) & 0x0000_0000_FFFF_FFFF
        return v
    }

    /// Two groups of four digits, at `i` and `j`, as the eight digits of one word (`i`'s first).
    @inline(__always)
    static func hexGroups(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ j: Int) -> UInt64? {
        let p = UnsafeRawPointer(bytes.baseAddress!)
        let first = UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
        let second = UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: j, as: UInt32.self)))
        return hexValue(first | second << 32)
    }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`: its four-digit groups two at a time, as one word each.
    private static func packUUID(_ bytes: UnsafeBufferPointer<UInt8>) -> Storage? {
        guard bytes[8] == UInt8(ascii: "-"), bytes[13] == UInt8(ascii: "-"), bytes[18] == UInt8(ascii: "-"),
              bytes[23] == UInt8(ascii: "-"),
              let a = hexWord(bytes, at: 0), let bc = hexGroups(bytes, 9, 14), let e = hexWord(bytes, at: 24),
              let df = hexGroups(bytes, 19, 32) else { return nil }
        return .uuid(a << 32 | bc, (df >> 16) << 48 | e << 16 | (df & 0xFFFF))
    }

    private static func packHex(_ bytes: UnsafeBufferPointer<UInt8>) -> Storage? {
        guard let a = hexWord(bytes, at: 0), let b = hexWord(bytes, at: 8), let c = hexWord(bytes, at: 16),
              let d = hexWord(bytes, at: 24) else { return nil }
        return .hex(a << 32 | b, c << 32 | d)
    }

    /// The separator a time of `length` bytes has at `i`, nil where it has a digit.
    @inline(__always)
    private static func timeSeparator(at i: Int, length: Int) -> UInt8? {
        switch i {
        case 4, 7: UInt8(ascii: "-")
        case 10: UInt8(ascii: "T")
        case 13, 16: UInt8(ascii: ":")
        case 19: length == 20 ? UInt8(ascii: "Z") : UInt8(ascii: ".")
        case length - 1: UInt8(ascii: "Z")
        default: nil
        }
    }

    /// A time's digits gathered from a few words, its separators checked in the same words: byte by byte, with
    /// a look at the layout for each, a timestamp took as long to pack as the rest of its action's ids together.
    private static func packTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Storage? {
        let length = bytes.count  // 20, 24 or 27
        let p = UnsafeRawPointer(bytes.baseAddress!)
        @inline(__always) func word(_ i: Int) -> UInt64 { UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) }
        let w0 = word(0), w1 = word(8), w2 = word(12), tail = word(length - 8)
        // `-` at 4 and 7, `T` at 10, `:` at 13 and 16; then `Z` at 19, or `.` there and `Z` last.
        guard w0 & 0xFF00_00FF_0000_0000 == 0x2D00_002D_0000_0000, w1 & 0x0000_FF00_00FF_0000 == 0x0000_3A00_0054_0000,
              (w2 >> 32) & 0xFF == 0x3A, bytes[length - 1] == UInt8(ascii: "Z"),
              bytes[19] == (length == 20 ? UInt8(ascii: "Z") : UInt8(ascii: ".")) else { return nil }
        let zeros: UInt64 = 0x3030_3030_3030_3030
        // The fraction's digits, as bytes from the lowest: none, three or six.
        let fraction = length == 24 ? (tail >> 32) & 0xFF_FFFF | zeros << 24 : length == 27 ? (tail >> 8) & 0xFFFF_FFFF_FFFF | zeros << 48 : zeros
        // yyyy mm dd, then hh mm ss and the fraction's first two digits (zeros when it has none).
        let first = w0 & 0xFFFF_FFFF | (w0 >> 40 & 0xFFFF) << 32 | (w1 & 0xFFFF) << 48
        let second = (w1 >> 24) & 0xFFFF | (w1 >> 48 & 0xFFFF) << 16 | (w2 >> 40 & 0xFFFF) << 32 | (fraction & 0xFFFF) << 48
        guard let a = decimalValue(first), let b = decimalValue(second), let c = decimalValue(fraction >> 16 | zeros << 48) else { return nil }
        // The digits past the sixteenth: the fraction's third (of three), or its last four (of six).
        let high = length == 24 ? c >> 28 : length == 27 ? c >> 16 : 0
        return .utc(high: high | UInt64(length) << 56, low: a << 32 | b)
    }

    private static func timeString(_ high: UInt64, _ low: UInt64) -> String {
        let length = Int(high >> 56)
        return String(unsafeUninitializedCapacity: length) { out in
            var digit = 0
            let rest = max(0, (length == 20 ? 14 : length - 7) - 16)  // the digits kept in `high`
            for i in 0..<length {
                if let separator = timeSeparator(at: i, length: length) { out[i] = separator; continue }
                let value = digit < 16 ? low >> UInt64(60 - 4 * digit) : high >> UInt64(4 * (rest - 1 - (digit - 16)))
                out[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value & 0xF)
                digit += 1
            }
            return length
        }
    }

    private static func hexString(_ high: UInt64, _ low: UInt64, dashes: Bool) -> String {
        String(unsafeUninitializedCapacity: dashes ? 36 : 32) { out in
            var n = 0
            for digit in 0..<32 {
                if dashes, digit == 8 || digit == 12 || digit == 16 || digit == 20 { out[n] = UInt8(ascii: "-"); n += 1 }
                let word = digit < 16 ? high : low
                let value = UInt8(truncatingIfNeeded: (word >> UInt64(60 - 4 * (digit & 15))) & 0xF)
                out[n] = value < 10 ? UInt8(ascii: "0") &+ value : UInt8(ascii: "a") &+ (value - 10)
                n += 1
            }
            return n
        }
    }
}
