/// A JSON document as a value: what the simulator, the recorder and the headless printer build, and what
/// free-form fields such as `metadata` decode into. Objects keep their keys in insertion order so that
/// what Courtside writes is stable and diffable.
public enum JSONValue: Equatable, Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var doubleValue: Double? {
        switch self {
        case .number(let d): return d
        case .string(let s): return Double(s)
        default: return nil
        }
    }

    /// An integer only when the number is whole and fits: `1e30` or `2.5` is not an `Int`.
    public var intValue: Int? {
        guard let d = doubleValue, d.rounded() == d, abs(d) < 9.0e15 else { return nil }
        return Int(d)
    }
}

extension JSONValue {
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}

/// An ordered JSON object. Lookup is linear, which beats hashing for the dozen keys a message has.
public struct JSONObject: Equatable, Hashable, Sendable, ExpressibleByDictionaryLiteral {
    public var pairs: [(key: String, value: JSONValue)]

    /// Empty: not `[:]`, which builds an array of the literal's elements (and maps it) for nothing, and made
    /// every empty action, three per message, cost two allocations.
    public init() { self.pairs = [] }
    public init(_ pairs: [(key: String, value: JSONValue)]) { self.pairs = pairs }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.pairs = elements.map { (key: $0.0, value: $0.1) }
    }

    public subscript(key: String) -> JSONValue? {
        get { pairs.last(where: { $0.key == key })?.value }
        set {
            if let i = pairs.firstIndex(where: { $0.key == key }) {
                if let newValue { pairs[i].value = newValue } else { pairs.remove(at: i) }
            } else if let newValue {
                pairs.append((key: key, value: newValue))
            }
        }
    }

    public var isEmpty: Bool { pairs.isEmpty }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.pairs.count == rhs.pairs.count && zip(lhs.pairs, rhs.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for pair in pairs { hasher.combine(pair.key); hasher.combine(pair.value) }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
    public init(nilLiteral: ()) { self = .null }
}

// MARK: - Writing

extension JSONValue {
    /// Compact JSON text. Numbers that are whole print without a fraction; non-finite numbers print as
    /// `null` (JSON has no NaN) so that the output always parses.
    public var jsonText: String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes UTF-8 bytes: appending to a byte array is several times cheaper than many small `String`
    /// appends, and `--headless` writes one of these per state change.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: Self.put("null", &out)
        case .bool(let b): Self.put(b ? "true" : "false", &out)
        case .number(let d): JSONValue.writeNumber(d, to: &out)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, pair) in object.pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(pair.key, to: &out)
                out.append(UInt8(ascii: ":"))
                pair.value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    @inline(__always) static func put(_ s: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    static func writeNumber(_ d: Double, to out: inout [UInt8]) {
        if !d.isFinite {
            put("null", &out)
        } else if d.rounded() == d && abs(d) < 1e15 {
            out.append(contentsOf: String(Int(d)).utf8)
        } else {
            out.append(contentsOf: "\(d)".utf8)
        }
    }

    /// Escapes quotes, backslashes and control characters (DEL included); copies everything else as is.
    static func writeString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { writeString(bytes: $0, to: &out) }
    }

    static func writeString(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if isPlain(bytes), let base = bytes.baseAddress {
            // Most strings (names, ids, clocks) need no escape: copied whole, quotes and all, in one growth.
            out.append(room: bytes.count + 2) { p in
                p[0] = UInt8(ascii: "\"")
                (p + 1).update(from: base, count: bytes.count)
                p[bytes.count + 1] = UInt8(ascii: "\"")
                return bytes.count + 2
            }
            return
        }
        out.append(UInt8(ascii: "\""))
        var run = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            guard b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            run = i + 1
            switch b {
            case 0x22: put("\\\"", &out)
            case 0x5C: put("\\\\", &out)
            case 0x0A: put("\\n", &out)
            case 0x0D: put("\\r", &out)
            case 0x09: put("\\t", &out)
            default:
                let hex: StaticString = "0123456789abcdef"
                put("\\u00", &out)
                out.append(hex.utf8Start[Int(b >> 4)])
                out.append(hex.utf8Start[Int(b & 0xF)])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// No byte that `writeString` escapes (quote, backslash, control, DEL): eight bytes at a time.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let del = w ^ (ones &* 0x7F)
                if JSONScanner.specialBytes(w) | ((del &- ones) & ~del & (ones &* 0x80)) != 0 { return false }
                i += 8
            }
        }
        while i < n {
            let b = bytes[i]
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return false }
            i += 1
        }
        return true
    }
}

extension JSONValue {
    /// Parses one complete JSON text, or nil.
    public static func parse(_ text: String) -> JSONValue? {
        JSONScanner.withScanner(over: text) { scanner in
            guard let value = try? scanner.readValue(), (try? scanner.expectEnd()) != nil else { return nil }
            return value
        }
    }
}
