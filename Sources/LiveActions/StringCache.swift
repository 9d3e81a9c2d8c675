/// Strings that repeat from message to message (the fixture's id, type names, team and player ids and names),
/// made once and handed out again: a stream would otherwise allocate, and soon free, its own copy of each in
/// every message. A fixed table of recent strings by hash, so that it never grows; a miss just makes the
/// string. Strings of 15 bytes or fewer are stored inline by `String` and need no cache.
///
/// A reference, so that a scanner can carry it: one replay or one connection uses it at a time.
public final class StringCache: @unchecked Sendable {
    static let slots = 1024
    private var hashes = [UInt64](repeating: 0, count: StringCache.slots)
    private var strings = [String](repeating: "", count: StringCache.slots)

    public init() {}

    public func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        let i = Int(truncatingIfNeeded: h) & (Self.slots - 1)
        if hashes[i] == h {
            var known = strings[i]
            if known.withUTF8({ $0.elementsEqual(bytes) }) { return known }
        }
        let s = String(decoding: bytes, as: UTF8.self)
        hashes[i] = h
        strings[i] = s
        return s
    }
}
