/// Small objects that come back byte for byte from message to message (a team, a player, a summary whose
/// score did not change), decoded once and handed out again when the same bytes return. The bytes are the
/// whole proof: a JSON value is read from its own bytes alone, so bytes equal to an object decoded before
/// decode to that same value, and end where it ended. A hit costs a hash of the object's opening bytes and
/// one comparison; decoding a team again read three keys and looked up two strings.
///
/// A fixed table by the hash of the object's first `window` bytes, so that it never grows; a miss decodes and
/// takes the slot. Objects shorter than the window are cheap to decode and never kept. A reference, carried by
/// a `StringCache`: one replay or one connection uses it at a time.
final class ObjectMemo<Value>: @unchecked Sendable {
    /// Enough of an object to tell a team's or a player's id, and a summary's two scores, apart.
    static var window: Int { 48 }

    private let slots: Int
    private let hashes: UnsafeMutablePointer<UInt64>
    /// Each slot's object text, in memory of its own (empty for none): compared where it lies, where an entry
    /// read out of the table (its text an array) retained and released it for every object.
    private let texts: UnsafeMutablePointer<UnsafeMutableBufferPointer<UInt8>>
    private let values: UnsafeMutablePointer<Value?>
    /// How deep each object nests (1 for one with no object or array inside), or a bound on it: bytes that were
    /// too deep to decode where they stand must still fail there.
    private let nestings: UnsafeMutablePointer<Int>
    /// Objects handed out from the table: what the tests check it is used at all.
    private(set) var hits = 0
    /// The slots of the last two objects handed out or kept: a stream repeats its summary until the score moves,
    /// and its two teams take turns, so the bytes are compared with these first, with no hash taken.
    private var recent = (0, 0)

    /// `slots`, a power of two: a few times the distinct objects a replay has in play at once.
    init(slots: Int) {
        precondition(slots > 0 && slots & (slots - 1) == 0, "slots must be a power of two")
        self.slots = slots
        hashes = .allocate(capacity: slots)
        hashes.initialize(repeating: 0, count: slots)
        texts = .allocate(capacity: slots)
        texts.initialize(repeating: UnsafeMutableBufferPointer(start: nil, count: 0), count: slots)
        values = .allocate(capacity: slots)
        values.initialize(repeating: nil, count: slots)
        nestings = .allocate(capacity: slots)
        nestings.initialize(repeating: 0, count: slots)
    }

    deinit {
        hashes.deallocate()
        for i in 0..<slots { texts[i].deallocate() }
        texts.deallocate()
        values.deinitialize(count: slots)
        values.deallocate()
        nestings.deallocate()
    }

    /// The object at the scanner (positioned on its `{`), from the table when its bytes were decoded before,
    /// otherwise from `decode`, which must read exactly that object.
    func value(_ scanner: inout JSONScanner, decode: (inout JSONScanner) throws -> Value) throws -> Value {
        let start = scanner.offset
        let bytes = scanner.bytes
        guard bytes.count - start >= Self.window else { return try decode(&scanner) }
        // Unchecked and wrapping from here: `start` is within the frame (of 64 MiB at most) with a window's bytes
        // after it, and each slice is checked to fit before it is made; each check was a branch on every object.
        let base = bytes.baseAddress.unsafelyUnwrapped + start
        @inline(__always) func held(at i: Int) -> Value? {
            let text = UnsafeBufferPointer(texts[i])
            guard text.count > 0, text.count <= bytes.count &- start, scanner.depth &+ nestings[i] <= JSONScanner.maxDepth,
                  WordHash.equal(text, UnsafeBufferPointer(start: base, count: text.count)),
                  let value = values[i] else { return nil }
            scanner.offset = start &+ text.count
            hits &+= 1
            return value
        }
        if let value = held(at: recent.0) { return value }
        if let value = held(at: recent.1) {
            recent = (recent.1, recent.0)
            return value
        }
        let h = WordHash.hash(UnsafeBufferPointer(start: base, count: Self.window))
        let i = Int(truncatingIfNeeded: h) & (slots - 1)
        recent = (i, recent.0)
        if hashes[i] == h, let value = held(at: i) { return value }
        let value = try decode(&scanner)
        let read = UnsafeBufferPointer(rebasing: bytes[start..<scanner.offset])
        if read.count >= Self.window {
            hashes[i] = h
            texts[i].deallocate()
            texts[i] = .allocate(capacity: read.count)
            _ = texts[i].initialize(from: read)
            values[i] = value
            // An object nests no deeper than half its bytes (each level opens and closes): a short one's half length
            // serves as its bound (a hit it would refuse is decoded, to the same answer), and the scan (a summary
            // miss in fourteen, on every byte) is made only for one long enough to matter.
            nestings[i] = read.count < 2 * JSONScanner.maxDepth ? read.count / 2 : Self.nesting(of: read)
        }
        return value
    }

    /// The deepest level of objects and arrays in `text`, a valid JSON value, counted outside its strings.
    static func nesting(of text: UnsafeBufferPointer<UInt8>) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for b in text {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}
