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

    public mutating func openObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func closeObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func openArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func closeArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A key of the object being written; keys are plain ASCII literals, so they need no escaping.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func int(_ n: Int) {
        separate()
        if n.magnitude >= 1_000_000_000_000_000 {
            JSONValue.writeNumber(Double(n), to: &bytes)  // as `JSONValue` writes an integer this large
        } else {
            if n < 0 { bytes.append(UInt8(ascii: "-")) }
            var m = n.magnitude
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, on the stack
            withUnsafeMutableBytes(of: &digits) { buffer in
                var i = buffer.count
                repeat {
                    i -= 1
                    buffer[i] = UInt8(ascii: "0") + UInt8(m % 10)
                    m /= 10
                } while m > 0
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[i...]))
            }
        }
        needsComma = true
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

    /// `{"home":…,"away":…}`, the shape of every score in a line.
    public mutating func sides(home: Int, away: Int) {
        openObject()
        key("home"); int(home)
        key("away"); int(away)
        closeObject()
    }
}
