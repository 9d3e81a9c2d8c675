/// Why a JSON text was refused, with the byte offset where the scanner gave up.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String
    public var offset: Int
    public var description: String { "\(reason) at byte \(offset)" }
}

/// A pull parser over UTF-8 bytes. Decoders walk the document key by key and build their values directly,
/// skipping what they do not know without allocating: this is what keeps decoding well above a million
/// action messages a second. Nesting is bounded so hostile input cannot exhaust the stack.
public struct JSONScanner {
    public static let maxDepth = 128

    let bytes: UnsafeBufferPointer<UInt8>
    public internal(set) var offset = 0
    var depth = 0
    /// What the scanner borrows from its `StringCache`, if it has one: plain pointers, so that a scanner is
    /// trivially copied and made. Held strongly, the cache was retained and released with every scanner made
    /// (a tenth of a heartbeat's decoding) and read through copies made by value witnesses.
    let context: ScanContext?

    /// A scanner whose cache is `cache`, which must outlive it: only `withScanner(over:cache:)` makes one.
    private init(_ bytes: UnsafeBufferPointer<UInt8>, borrowing cache: StringCache?) {
        self.bytes = bytes
        context = cache?.context
    }

    /// A scanner with no cache.
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        context = nil
    }

    /// Runs `body` with a scanner over `bytes` whose strings that repeat come from `cache`, which is kept alive
    /// meanwhile. The scanner must not leave `body`: a copy kept after it reads the cache's memory unowned.
    public static func withScanner<R>(over bytes: UnsafeBufferPointer<UInt8>, cache: StringCache?,
                                      _ body: (inout JSONScanner) throws -> R) rethrows -> R {
        try withExtendedLifetime(cache) {
            var scanner = JSONScanner(bytes, borrowing: cache)
            return try body(&scanner)
        }
    }

    var symbols: SymbolSlots? { context?.symbols }
    var keyOrder: KeyOrder? { context?.keyOrder }

    /// A scanner positioned at `offset`, to read part of a document again.
    init(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int) {
        self.bytes = bytes
        self.offset = offset
        context = nil
    }

    /// Runs `body` with a scanner over the string's UTF-8 bytes.
    public static func withScanner<R>(over text: String, cache: StringCache? = nil, _ body: (inout JSONScanner) throws -> R) rethrows -> R {
        var text = text
        return try text.withUTF8 { buffer in try withScanner(over: buffer, cache: cache, body) }
    }

    public enum Kind: Equatable { case object, array, string, number, bool, null, end }

    // MARK: Structure

    public struct ObjectCursor { var first = true }

    public mutating func peekKind() throws -> Kind {
        skipWhitespace()
        guard offset < bytes.count else { return .end }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw fail("unexpected character '\(printable(bytes[offset]))'")
        }
    }

    /// `peekKind() == .object`, known from the byte at the scanner when no space comes before it (a compact
    /// frame's case): a call for each team, player, summary and action object otherwise.
    @inline(__always) public mutating func startsObject() throws -> Bool {
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "{") { return true }
        return try peekKind() == .object
    }

    /// `peekKind() == .array`, as `startsObject` is found.
    @inline(__always) public mutating func startsArray() throws -> Bool {
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "[") { return true }
        return try peekKind() == .array
    }

    public mutating func beginObject() throws -> ObjectCursor {
        try expect(UInt8(ascii: "{"), "expected an object")
        try enter()
        return ObjectCursor()
    }

    /// The next key of the object, positioned before its value; `nil` once the object is closed.
    public mutating func nextKey(_ cursor: inout ObjectCursor) throws -> JSONKey? {
        skipWhitespace()
        guard offset < bytes.count else { throw fail("unterminated object") }
        if leave(UInt8(ascii: "}")) { return nil }
        if !cursor.first {
            try expect(UInt8(ascii: ","), "expected ',' or '}' in object")
            skipWhitespace()
        }
        cursor.first = false
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw fail("expected a key") }
        let key = try readKey()
        skipWhitespace()
        try expect(UInt8(ascii: ":"), "expected ':' after key")
        return key
    }

    /// Steps out of the object or array being read when its closing byte `close` is at the scanner.
    @inline(__always) mutating func leave(_ close: UInt8) -> Bool {
        guard offset < bytes.count, bytes[offset] == close else { return false }
        offset += 1
        depth -= 1
        return true
    }

    public struct ArrayCursor { var first = true }

    public mutating func beginArray() throws -> ArrayCursor {
        try expect(UInt8(ascii: "["), "expected an array")
        try enter()
        return ArrayCursor()
    }

    /// True while the array has another element, positioned before it.
    public mutating func nextElement(_ cursor: inout ArrayCursor) throws -> Bool {
        skipWhitespace()
        guard offset < bytes.count else { throw fail("unterminated array") }
        if leave(UInt8(ascii: "]")) { return false }
        if !cursor.first {
            try expect(UInt8(ascii: ","), "expected ',' or ']' in array")
        }
        cursor.first = false
        return true
    }

    /// Fails unless only whitespace is left.
    public mutating func expectEnd() throws {
        skipWhitespace()
        if offset < bytes.count { throw fail("trailing characters after the document") }
    }

    // MARK: Scalars

    public mutating func readString() throws -> String {
        try readString(repeating: false)
    }

    /// A string that is likely to have come before (a name, a type): from the cache when there is one.
    public mutating func readRepeatingString() throws -> String {
        try readString(repeating: true)
    }

    @inline(__always) mutating func readString(repeating: Bool) throws -> String {
        let cache = repeating ? context?.cache : nil
        return try readString(plain: { raw in
            cache?._withUnsafeGuaranteedRef { $0.string(raw) } ?? String(decoding: raw, as: UTF8.self)
        }, escaped: { $0 })
    }

    /// The string at the cursor: `plain` is given its bytes when it has no escape (most strings), `escaped` the
    /// string unescaped otherwise.
    @inline(__always) mutating func readString<R>(plain: (UnsafeBufferPointer<UInt8>) -> R, escaped: (String) -> R) throws -> R {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        let start = offset + 1
        let end = try plainEnd(from: start, unterminated: "unterminated string", control: "control character in string")
        guard bytes[end] == UInt8(ascii: "\"") else { return escaped(try readEscapedString(from: start)) }
        offset = end + 1
        return plain(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// Where the contents starting at `start` stop: the closing quote of a string with no escape, or its first
    /// backslash. Fails at a control character or the end of the input.
    @inline(__always) mutating func plainEnd(from start: Int, unterminated: StaticString, control: StaticString) throws -> Int {
        let end = firstSpecial(from: start)
        guard end < bytes.count else {
            offset = bytes.count
            throw fail(unterminated.description)
        }
        if bytes[end] < 0x20 {
            offset = end
            throw fail(control.description)
        }
        return end
    }

    /// A string's bytes, unescaped, into `out` (replacing what it held): a recording line's frame, decoded
    /// from there with no `String` made of it.
    public mutating func readString(into out: inout [UInt8]) throws {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        let start = offset + 1
        // Room for the unescaped bytes (never more than the rest of the input), written straight into the
        // buffer's spare capacity: filling that room with zeros first cost as much as a tenth of the unescaping.
        out.removeAll(keepingCapacity: true)
        try out.append(addingCapacity: bytes.count - start) { (span: inout OutputSpan<UInt8>) throws in
            try span.withUnsafeMutableBufferPointer { (buffer, written) throws in
                written = try unescapeToQuote(from: start, into: buffer)
            }
        }
    }

    public mutating func readNumber() throws -> Double {
        skipWhitespace()
        let start = offset
        let negative = offset < bytes.count && bytes[offset] == UInt8(ascii: "-")
        if negative { offset += 1 }
        // The digits are gathered as they are scanned: a plain decimal (no exponent, at most 15 digits) such as
        // `timelineSequence`'s `1.000006` is then the digits as an integer divided by a power of ten, exact and
        // correctly rounded (Clinger's fast path), with no second pass, no `String` and no `strtod`.
        var mantissa: UInt64 = 0
        let intStart = offset
        while offset < bytes.count, isDigit(bytes[offset]) {
            mantissa = mantissa &* 10 &+ UInt64(bytes[offset] &- UInt8(ascii: "0"))
            offset += 1
        }
        let digits = offset - intStart
        if digits == 0 { throw fail("expected a number") }
        if bytes[intStart] == UInt8(ascii: "0"), digits > 1 { throw fail("leading zero in number") }
        var fraction = 0
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            let fracStart = offset
            while offset < bytes.count, isDigit(bytes[offset]) {
                mantissa = mantissa &* 10 &+ UInt64(bytes[offset] &- UInt8(ascii: "0"))
                offset += 1
            }
            fraction = offset - fracStart
            if fraction == 0 { throw fail("expected digits after '.'") }
        }
        var plain = true
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            plain = false
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            let expStart = offset
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
            if offset == expStart { throw fail("expected digits in exponent") }
        }
        if plain, digits + fraction <= 15 {
            let value = fraction == 0 ? Double(mantissa) : Double(mantissa) / JSONScanner.powerOfTen(fraction)
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard let value = Double(text) else { throw fail("number out of range") }
        return value
    }

    /// 10^n for n in 0...15, exact: a switch the compiler makes a table of constants, where an array in a
    /// `static let` cost a call to `swift_once` for every number with a fraction (every timeline place).
    @inline(__always) static func powerOfTen(_ n: Int) -> Double {
        assert((0...15).contains(n), "10^\(n) is not kept exact here")
        return switch n {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        default: 1e15  // 15: the callers' guard keeps n within 0...15
        }
    }

    public mutating func readBool() throws -> Bool {
        skipWhitespace()
        if match("true") { return true }
        if match("false") { return false }
        throw fail("expected true or false")
    }

    public mutating func readNull() throws {
        skipWhitespace()
        if !match("null") { throw fail("expected null") }
    }

    public mutating func readStringOrNil() throws -> String? {
        try readStringOrNil(repeating: false)
    }

    /// `readStringOrNil` for a string that is likely to have come before.
    public mutating func readRepeatingStringOrNil() throws -> String? {
        try readStringOrNil(repeating: true)
    }

    mutating func readStringOrNil(repeating: Bool) throws -> String? {
        switch try peekKind() {
        case .string: return try readString(repeating: repeating)
        case .null: try readNull(); return nil
        case .number: return JSONValue.number(try readNumber()).jsonText
        default: try skipValue(); return nil
        }
    }

    /// The bytes of a string that starts right here, with no space before it and no escape in it, as a compact
    /// frame has its strings; the scanner moves past it. Nil, and the scanner unmoved, for anything else, which the
    /// general way reads: found here, a value is read with no look at its kind first and no closure.
    @inline(__always) mutating func compactString() -> UnsafeBufferPointer<UInt8>? {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return nil }
        let start = offset + 1
        let end = firstSpecial(from: start)
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        offset = end + 1
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// The symbol of these bytes: through the cache when there is one, with no lock; from the table otherwise.
    @inline(__always) func symbol(of raw: UnsafeBufferPointer<UInt8>) -> Symbol { Self.symbol(of: raw, in: symbols) }

    @inline(__always) static func symbol(of raw: UnsafeBufferPointer<UInt8>, in symbols: SymbolSlots?) -> Symbol {
        symbols?.symbol(raw) ?? Symbol(utf8: raw)
    }

    /// The symbol of a string read the general way (`none` for nil).
    func symbol(of string: String?) -> Symbol {
        guard var string else { return .none }
        return string.withUTF8 { symbol(of: $0) }
    }

    /// `readStringOrNil` for a string that repeats, as its symbol: from the cache when there is one.
    public mutating func readSymbolOrNone() throws -> Symbol {
        if let raw = compactString() { return symbol(of: raw) }
        return try readSymbolTheGeneralWay()
    }

    /// `readSymbolOrNone` for a value that is not a compact string (spaced, escaped, or not a string at all).
    mutating func readSymbolTheGeneralWay() throws -> Symbol {
        switch try peekKind() {
        case .string:
            let symbols = symbols
            return try readString(plain: { Self.symbol(of: $0, in: symbols) }, escaped: { Symbol($0) })
        case .null: try readNull(); return .none
        case .number: return Symbol(JSONValue.number(try readNumber()).jsonText)
        default: try skipValue(); return .none
        }
    }

    /// `readSymbolOrNone` for field `field` of `fields`, whose string often repeats the one it held in the stream's
    /// message before: compared with that first (`RecentSymbols`).
    @inline(__always) mutating func readSymbolOrNone(_ field: Int, of fields: FieldNames) throws -> Symbol {
        guard let context else { return try readSymbolOrNone() }
        let slot = context.recent.slot(field, of: fields)
        let known = slot.pointee.symbol
        let count = Int(slot.pointee.count)
        // Wrapping and unchecked: offsets within the frame (64 MiB at most), and a base that is there once a byte
        // past `start` is; each check was a branch on every symbol read.
        let start = offset &+ 1
        if !known.isNone, start &+ count < bytes.count, bytes[offset] == UInt8(ascii: "\""),
           bytes[start &+ count] == UInt8(ascii: "\""),
           WordHash.equal(UnsafeBufferPointer(start: bytes.baseAddress.unsafelyUnwrapped + start, count: count), RecentSymbols.text(of: slot)) {
            offset = start &+ count &+ 1
            return known
        }
        guard let raw = compactString() else { return try readSymbolTheGeneralWay() }
        let s = context.symbols.symbol(raw)
        // The bytes as read: equal bytes are the same symbol (the repaired one, should `raw` not be UTF-8).
        RecentSymbols.keep(s, read: raw, in: slot)
        return s
    }

    /// `readSymbolOrNone` for a clock reading (field `field` of `fields`): one of the usual shape from the cache's
    /// clock table (`ClockSymbols`), numbered there the first time; any other the way of every symbol.
    @inline(__always) mutating func readClockOrNone(_ field: Int, of fields: FieldNames) throws -> Symbol {
        guard let context, offset &+ 7 <= bytes.count, let number = ClockSymbols.number(at: bytes.baseAddress.unsafelyUnwrapped + offset) else {
            return try readSymbolOrNone(field, of: fields)
        }
        let known = context.clocks.symbols[number]
        if !known.isNone {
            offset &+= 7
            return known
        }
        let s = try readSymbolOrNone(field, of: fields)
        context.clocks.symbols[number] = s
        return s
    }

    /// `readStringOrNil` for a text that names one thing once (an id, a timestamp): packed from its bytes, with no
    /// string made, when it has a shape `PackedText` knows.
    public mutating func readPackedTextOrNil() throws -> PackedText? {
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "\""), let (text, quote) = PackedText.packed(in: bytes, from: offset &+ 1) {
            offset = quote &+ 1
            return text
        }
        if let raw = compactString() { return PackedText(utf8: raw) }
        guard try peekKind() == .string else { return try readStringOrNil(repeating: false).map { PackedText($0) } }
        return try readString(plain: { PackedText(utf8: $0) }, escaped: { PackedText($0) })
    }

    public mutating func readNumberOrNil() throws -> Double? {
        // A number with no space before it, as a compact frame has them.
        if offset < bytes.count, isDigit(bytes[offset]) || bytes[offset] == UInt8(ascii: "-") { return try readNumber() }
        switch try peekKind() {
        case .number: return try readNumber()
        case .string: return Double(try readString())
        default: try skipValue(); return nil
        }
    }

    /// `readNumberOrNil` for a value that should be a whole number: the number when it is one (of magnitude below
    /// 9e15), nil otherwise. Compact digits are read as an integer where they lie, with no `Double` made and
    /// made whole again (a call into libm for each); anything else goes the general way.
    @inline(__always) public mutating func readIntegerOrNil() throws -> Int? {
        if let value = readPlainInteger() { return value }
        return try readIntegerTheGeneralWay()
    }

    /// A whole number written as plain digits right at the scanner (an optional minus, at most 15 digits, no
    /// leading zero, no fraction or exponent after them), read where it lies; nil, with the scanner unmoved, for
    /// anything else.
    @inline(__always) mutating func readPlainInteger() -> Int? {
        let n = bytes.count
        var i = offset
        let negative = i < n && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let digits = i
        var value = 0
        while i < n, i - digits < 15, isDigit(bytes[i]) {
            value = value &* 10 &+ Int(bytes[i] &- UInt8(ascii: "0"))
            i += 1
        }
        let count = i - digits
        let next = i < n ? bytes[i] : 0
        guard count > 0, !(count > 1 && bytes[digits] == UInt8(ascii: "0")), !isDigit(next),
              next != UInt8(ascii: "."), next | 0x20 != UInt8(ascii: "e") else { return nil }
        offset = i
        return negative ? -value : value
    }

    @inline(never) mutating func readIntegerTheGeneralWay() throws -> Int? {
        try readNumberOrNil().flatMap(FrameDecoder.exactInt)
    }

    public mutating func readBoolOrNil() throws -> Bool? {
        // `true` or `false` right here, as a compact frame has them (every message's `finished`): a word each, where
        // reading it the general way was a call to look at its kind and a byte-by-byte match of each spelling.
        if offset + 4 <= bytes.count, let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
            let word = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            if word == Self.trueWord {
                offset += 4
                return true
            }
            if word == Self.falsWord, offset + 5 <= bytes.count, bytes[offset + 4] == UInt8(ascii: "e") {
                offset += 5
                return false
            }
        }
        switch try peekKind() {
        case .bool: return try readBool()
        case .string:
            switch try readString().lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        default: try skipValue(); return nil
        }
    }

    // MARK: Whole values

    public mutating func readValue() throws -> JSONValue {
        switch try peekKind() {
        case .object:
            var cursor = try beginObject()
            var object = JSONObject()
            while let key = try nextKey(&cursor) { object.pairs.append((key: key.string, value: try readValue())) }
            return .object(object)
        case .array:
            var cursor = try beginArray()
            var items: [JSONValue] = []
            while try nextElement(&cursor) { items.append(try readValue()) }
            return .array(items)
        case .string: return .string(try readString())
        case .number: return .number(try readNumber())
        case .bool: return .bool(try readBool())
        case .null: try readNull(); return .null
        case .end: throw fail("unexpected end of input")
        }
    }

    /// Validates and steps over one value without building it.
    public mutating func skipValue() throws {
        switch try peekKind() {
        case .object:
            var cursor = try beginObject()
            while try nextKey(&cursor) != nil { try skipValue() }
        case .array:
            var cursor = try beginArray()
            while try nextElement(&cursor) { try skipValue() }
        case .string: try skipString()
        case .number: _ = try readNumber()
        case .bool: _ = try readBool()
        case .null: try readNull()
        case .end: throw fail("unexpected end of input")
        }
    }

    // MARK: Internals

    mutating func enter() throws {
        depth += 1
        if depth > JSONScanner.maxDepth { throw fail("nested deeper than \(JSONScanner.maxDepth) levels") }
    }

    func fail(_ reason: String) -> JSONError { JSONError(reason: reason, offset: offset) }

    @inline(__always) mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `reason` is a `StaticString`: a `String` argument costs a retain and a release on every call, and
    /// this runs for every comma and colon.
    @inline(__always) mutating func expect(_ byte: UInt8, _ reason: StaticString) throws {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == byte else { throw fail(reason.description) }
        offset += 1
    }

    /// "true" and "fals", as little-endian words.
    static let trueWord = UInt32(0x6575_7274)
    static let falsWord = UInt32(0x736C_6166)

    mutating func match(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard offset + n <= bytes.count else { return false }
        let p = word.utf8Start
        for i in 0..<n where bytes[offset + i] != p[i] { return false }
        offset += n
        return true
    }

    mutating func skipString() throws {
        skipWhitespace()
        var i = offset + 1  // the opening quote, checked by peekKind
        while true {
            i = firstSpecial(from: i)
            guard i < bytes.count else {
                offset = bytes.count
                throw fail("unterminated string")
            }
            switch bytes[i] {
            case UInt8(ascii: "\""):
                offset = i + 1
                return
            case UInt8(ascii: "\\"):
                i += 2
            default:
                offset = i
                throw fail("control character in string")
            }
        }
    }

    /// The quotes, backslashes and control characters among eight bytes, each flagged in the high bit of its
    /// byte. A borrow can only flag bytes above a true match, so the lowest flag (the first byte in memory) is
    /// always exact.
    @inline(__always) static func specialBytes(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = w ^ (ones &* 0x22)
        let backslash = w ^ (ones &* 0x5C)
        return (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- ones &* 0x20) & ~w)) & (ones &* 0x80)
    }

    /// The first quote, backslash or control character at or after `i` (or the end): eight bytes at a time.
    @inline(__always) func firstSpecial(from i: Int) -> Int { Self.firstSpecial(in: bytes, from: i) }

    @inline(__always) static func firstSpecial(in bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var i = i
        let n = bytes.count
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let flags = Self.specialBytes(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if flags != 0 { return i + flags.trailingZeroBitCount >> 3 }
                i += 8
            }
        }
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { return i }
            i += 1
        }
        return n
    }

    mutating func readKey() throws -> JSONKey {
        let start = offset + 1
        let end = try plainEnd(from: start, unterminated: "unterminated key", control: "control character in key")
        guard bytes[end] == UInt8(ascii: "\"") else {
            _ = try readEscapedString(from: start)  // validates; the rare escaped key is decoded again on use
            return JSONKey(raw: UnsafeBufferPointer(rebasing: bytes[start..<offset - 1]), escaped: true)
        }
        offset = end + 1
        return JSONKey(raw: UnsafeBufferPointer(rebasing: bytes[start..<end]), escaped: false)
    }

    /// The closing quote of the string whose contents start at `start`.
    mutating func endOfString(from start: Int) throws -> Int {
        var end = start
        while true {
            end = firstSpecial(from: end)
            guard end < bytes.count else {
                offset = bytes.count
                throw fail("unterminated string")
            }
            if bytes[end] == UInt8(ascii: "\"") { return end }
            if bytes[end] < 0x20 {
                offset = end
                throw fail("control character in string")
            }
            end += 2
        }
    }

    /// The slow path of `readString`: `start` is just after the opening quote. Finds the closing quote first,
    /// then unescapes straight into the new string's storage: a recording line holds a whole frame as an
    /// escaped string, with an escape every few bytes.
    mutating func readEscapedString(from start: Int) throws -> String {
        let end = try endOfString(from: start)
        // Unescaping never lengthens: the longest output, 4 bytes, comes from a 12-byte surrogate pair.
        let s = try String(unsafeUninitializedCapacity: max(1, end - start)) { out in
            try unescape(from: start, to: end, into: out)
        }
        offset = end + 1
        return s
    }

    /// Unescapes the string contents `start..<end` into `out` (at least `end - start` bytes); the count written.
    mutating func unescape(from start: Int, to end: Int, into out: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        offset = start
        var n = 0
        while offset < end {
            let special = firstSpecial(from: offset)
            let run = min(special, end) - offset
            if run > 0 {
                out.baseAddress!.advanced(by: n).update(from: bytes.baseAddress!.advanced(by: offset), count: run)
                n += run
                offset += run
            }
            guard offset < end else { break }
            try unescapeOne(into: out, at: &n)
        }
        return n
    }

    /// Unescapes the string whose contents start at `start` into `out` (room for `bytes.count - start` bytes),
    /// finding its closing quote on the way; the count written, with `offset` just after the quote. One pass,
    /// where finding the end first and unescaping then went twice over a recording line's escape-dense frame.
    mutating func unescapeToQuote(from start: Int, into out: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        offset = start
        var n = 0
        let count = bytes.count
        guard let source = bytes.baseAddress.map(UnsafeRawPointer.init), let target = out.baseAddress.map(UnsafeMutableRawPointer.init) else {
            throw fail("unterminated string")
        }
        while true {
            // Scanned and copied eight bytes at a time, with no call per run: an escaped frame has an escape every
            // few bytes. The output never runs ahead of the input (n ≤ offset - start), so a whole word stored at
            // `n` stays inside `out` whenever one can be loaded at `offset`.
            while offset + 8 <= count {
                let w = source.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                let flags = Self.specialBytes(w)
                target.storeBytes(of: w, toByteOffset: n, as: UInt64.self)
                if flags != 0 {
                    let k = flags.trailingZeroBitCount >> 3
                    n += k
                    offset += k
                    break
                }
                n += 8
                offset += 8
            }
            if offset + 8 > count {
                while offset < count, bytes[offset] != UInt8(ascii: "\""), bytes[offset] != UInt8(ascii: "\\"), bytes[offset] >= 0x20 {
                    out[n] = bytes[offset]
                    n += 1
                    offset += 1
                }
            }
            guard offset < count else { throw fail("unterminated string") }
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset += 1
                return n
            case UInt8(ascii: "\\"):
                guard offset + 1 < count else {
                    offset = count
                    throw fail("unterminated string")
                }
                // A frame's quotes: most of its escapes, taken here with no call.
                if bytes[offset + 1] == UInt8(ascii: "\"") {
                    out[n] = UInt8(ascii: "\"")
                    n += 1
                    offset += 2
                    continue
                }
                try unescapeOne(into: out, at: &n)
            default:
                throw fail("control character in string")
            }
        }
    }

    /// The escape at `offset` (a backslash), written at `out[n]`.
    @inline(__always) mutating func unescapeOne(into out: UnsafeMutableBufferPointer<UInt8>, at n: inout Int) throws {
        func put(_ b: UInt8) {
            out[n] = b
            n += 1
        }
        func put(_ scalar: Unicode.Scalar) {
            for b in UTF8.encode(scalar)! { put(b) }
        }
        offset += 1  // the backslash
        let e = bytes[offset]
        offset += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): put(e)
        case UInt8(ascii: "b"): put(0x08)
        case UInt8(ascii: "f"): put(0x0C)
        case UInt8(ascii: "n"): put(0x0A)
        case UInt8(ascii: "r"): put(0x0D)
        case UInt8(ascii: "t"): put(0x09)
        case UInt8(ascii: "u"):
            var code = try readHex4()
            if (0xD800..<0xDC00).contains(code), match("\\u") {
                let low = try readHex4()
                if (0xDC00..<0xE000).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    put("\u{FFFD}")
                    code = low
                }
            }
            put(Unicode.Scalar(code) ?? "\u{FFFD}")
        default:
            throw fail("invalid escape '\\\(printable(e))'")
        }
    }

    mutating func readHex4() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw fail("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[offset]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("bad hex digit in \\u escape")
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    func printable(_ b: UInt8) -> String {
        (0x21...0x7E).contains(b) ? String(UnicodeScalar(b)) : "0x" + String(b, radix: 16)
    }
}

/// An object key as it stands in the input, compared without building a `String`. A plain pair of
/// pointer and flag, so that handing keys around costs no reference counting.
public struct JSONKey {
    /// The bytes between the quotes, escapes included.
    let raw: UnsafeBufferPointer<UInt8>
    let escaped: Bool

    public var string: String {
        guard escaped else { return String(decoding: raw, as: UTF8.self) }
        let quoted = [UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")]
        return quoted.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            return (try? scanner.readString()) ?? ""
        }
    }

    @inline(__always) public static func == (key: JSONKey, literal: StaticString) -> Bool {
        if key.escaped { return key.string == literal.description }
        let n = literal.utf8CodeUnitCount
        guard key.raw.count == n else { return false }
        let p = literal.utf8Start
        for i in 0..<n where key.raw[i] != p[i] { return false }
        return true
    }
}
