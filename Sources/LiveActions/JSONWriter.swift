/// Writes compact JSON straight into bytes, with no `JSONValue` tree in between: `--headless` writes a line per
/// state change, and building the tree first cost more than everything else in a replay. The output is
/// byte for byte what `JSONValue.jsonText` writes for the same document.
public struct JSONWriter {
    public var bytes: [UInt8] = []
    /// A value was written at this level, so the next key or element needs a comma.
    var needsComma = false

    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// Starts again, keeping the buffer.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Bytes a writer wrote before, ending where a value or a first key is due (after a key or an opening
    /// brace): the parts of a line that did not change since, kept and written again as they are.
    public mutating func append(writtenBefore written: [UInt8]) {
        bytes.append(contentsOf: written)
        needsComma = false
    }

    @inline(__always) mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// A line is a few dozen keys and numbers, and appending each byte (or each piece of a key) to the array
    /// checked its storage every time: each is written in one growth instead.
    @inline(__always) mutating func put(room: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        bytes.append(room: room, body)
    }

    /// Copies `s` to `p`; returns its length.
    @inline(__always) static func copy(_ s: StaticString, to p: UnsafeMutablePointer<UInt8>) -> Int {
        p.update(from: s.utf8Start, count: s.utf8CodeUnitCount)
        return s.utf8CodeUnitCount
    }

    public mutating func openObject() {
        punctuate(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func closeObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func openArray() {
        punctuate(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func closeArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// `b`, after a comma when one is due.
    @inline(__always) mutating func punctuate(_ b: UInt8) {
        let comma = needsComma
        put(room: 2) { p in
            if comma { p[0] = UInt8(ascii: ","); p[1] = b; return 2 }
            p[0] = b
            return 1
        }
    }

    /// A key of the object being written; keys are plain ASCII literals, so they need no escaping.
    public mutating func key(_ name: StaticString) {
        let comma = needsComma
        put(room: name.utf8CodeUnitCount + 4) { p in
            var n = 0
            if comma { p[0] = UInt8(ascii: ","); n = 1 }
            p[n] = UInt8(ascii: "\"")
            n += 1 + Self.copy(name, to: p + n + 1)
            p[n] = UInt8(ascii: "\"")
            p[n + 1] = UInt8(ascii: ":")
            return n + 2
        }
        needsComma = false
    }

    public mutating func int(_ n: Int) {
        if n.magnitude >= 1_000_000_000_000_000 {
            separate()
            JSONValue.writeNumber(Double(n), to: &bytes)  // as `JSONValue` writes an integer this large
        } else {
            let comma = needsComma
            put(room: 21) { p in
                var k = 0
                if comma { p[0] = UInt8(ascii: ","); k = 1 }
                k += Self.writeDigits(n, to: p + k)
                return k
            }
        }
        needsComma = true
    }

    /// `n` (below 10^18 in magnitude) in decimal: at most 19 bytes.
    @inline(__always) static func writeDigits(_ n: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var k = 0
        if n < 0 { p[0] = UInt8(ascii: "-"); k = 1 }
        var m = n.magnitude
        var digits = 1
        var bound: UInt = 10
        while m >= bound && digits < 18 { digits += 1; bound &*= 10 }
        var i = k + digits
        repeat {
            i -= 1
            p[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: m % 10)
            m /= 10
        } while m > 0
        return k + digits
    }

    public mutating func number(_ d: Double) {
        separate()
        JSONValue.writeNumber(d, to: &bytes)
        needsComma = true
    }

    public mutating func string(_ s: String) {
        separate()
        JSONValue.writeString(s, to: &bytes)
        needsComma = true
    }

    /// A string given as its UTF-8 bytes.
    public mutating func string(utf8: [UInt8]) {
        separate()
        utf8.withUnsafeBufferPointer { JSONValue.writeString(bytes: $0, to: &bytes) }
        needsComma = true
    }

    public mutating func bool(_ b: Bool) {
        separate()
        JSONValue.put(b ? "true" : "false", &bytes)
        needsComma = true
    }

    public mutating func null() {
        separate()
        JSONValue.put("null", &bytes)
        needsComma = true
    }

    /// `{"label":…,"home":…,"away":…}`, a score with what it is the score of (`"period":2`): one growth of the
    /// line where a period of a basketball line was eight calls, each growing the line.
    public mutating func sides(_ label: StaticString, _ value: Int, home: Int, away: Int) {
        writeSides(label: (label, value), home: home, away: away)
    }

    /// `{"home":…,"away":…}`, the shape of every score in a line.
    public mutating func sides(home: Int, away: Int) {
        writeSides(label: nil, home: home, away: away)
    }

    /// A score object in one growth of the line; numbers from 10^18 on go the long way, as `int` writes them.
    @inline(__always) private mutating func writeSides(label: (name: StaticString, value: Int)?, home: Int, away: Int) {
        let limit: UInt = 1_000_000_000_000_000
        guard (label?.value.magnitude ?? 0) < limit, home.magnitude < limit, away.magnitude < limit else {
            openObject()
            if let label { key(label.name); int(label.value) }
            key("home"); int(home)
            key("away"); int(away)
            closeObject()
            return
        }
        let comma = needsComma
        // `,{"` label `":` 19 digits `,"home":` 19 digits `,"away":` 19 digits `}`
        put(room: (label?.name.utf8CodeUnitCount ?? 0) + 80) { p in
            var k = 0
            if comma { p[0] = UInt8(ascii: ","); k = 1 }
            p[k] = UInt8(ascii: "{")
            k += 1
            if let label {
                k += Self.copy("\"", to: p + k)
                k += Self.copy(label.name, to: p + k)
                k += Self.copy("\":", to: p + k)
                k += Self.writeDigits(label.value, to: p + k)
                p[k] = UInt8(ascii: ",")
                k += 1
            }
            k += Self.copy("\"home\":", to: p + k)
            k += Self.writeDigits(home, to: p + k)
            k += Self.copy(",\"away\":", to: p + k)
            k += Self.writeDigits(away, to: p + k)
            p[k] = UInt8(ascii: "}")
            return k + 1
        }
        needsComma = true
    }
}

extension Array where Element == UInt8 {
    /// Up to `room` bytes written by `body` straight into spare capacity, so that the array grows at most once;
    /// `body` gets where to write and returns how many bytes it wrote.
    @inline(__always) mutating func append(room: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        append(addingCapacity: room) { out in
            out.withUnsafeMutableBufferPointer { buffer, written in
                written += body(buffer.baseAddress! + written)
            }
        }
    }
}
