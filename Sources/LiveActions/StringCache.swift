/// What one stream's decoder met before: the symbols of the strings that repeat from message to message (the
/// fixture's id, type names, team and player ids and names, clock readings), found here with no lock; strings
/// for the few callers that want one; the small objects that repeat whole (`ObjectMemo`); and the order of the
/// stream's keys (`KeyOrder`). Fixed tables by hash, so that it never grows; a miss goes to the process's table
/// or makes the value.
///
/// A reference, so that a scanner can carry it: one replay or one connection uses it at a time.
public final class StringCache: @unchecked Sendable {
    /// Enough for the teams and players of a few hundred matches replayed at once.
    static let slots = 8192
    /// Room for the repeating strings of the forty matches `courtside-bench` decodes at once (clock readings,
    /// players' ids and names), so that few of them push each other out and go to the table's lock.
    static let symbolSlots = 32768
    /// Fixed tables of their own: as arrays in a class, every lookup paid a dynamic exclusivity check and a
    /// uniqueness check on top of the lookup itself.
    private let hashes: UnsafeMutablePointer<UInt64>
    private let strings: UnsafeMutablePointer<String>
    /// The symbols met lately: found there, a string is numbered with no lock taken.
    let symbols: SymbolSlots
    /// Sized for a few hundred matches at once: two teams and two dozen players each, and each one's summary.
    let teams = ObjectMemo<TeamSymbols?>(slots: 1024)
    let players = ObjectMemo<PlayerSymbols?>(slots: 8192)
    let summaries = ObjectMemo<FixtureSummary>(slots: 1024)
    /// The order in which this stream sends its keys (`FieldNames`).
    let keyOrder = KeyOrder()
    /// The string each field held last in this stream.
    let recent = RecentSymbols()
    /// The clock readings met, by their digits.
    let clocks = ClockSymbols()
    /// Its parts as a scanner borrows them, gathered once: gathered for each frame, reading the memos out of the
    /// cache retained and released each of them. Behind a pointer, so that it is a constant made after `self`.
    private let borrowed: UnsafeMutablePointer<ScanContext>
    var context: ScanContext { borrowed.pointee }

    public init() {
        hashes = .allocate(capacity: Self.slots)
        hashes.initialize(repeating: 0, count: Self.slots)
        strings = .allocate(capacity: Self.slots)
        strings.initialize(repeating: "", count: Self.slots)
        symbols = SymbolSlots(count: Self.symbolSlots)
        borrowed = .allocate(capacity: 1)
        borrowed.initialize(to: ScanContext(self))
    }

    deinit {
        hashes.deallocate()
        strings.deinitialize(count: Self.slots)
        strings.deallocate()
        symbols.deallocate()
        keyOrder.deallocate()
        recent.deallocate()
        clocks.deallocate()
        borrowed.deallocate()
    }

    public func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
        let h = WordHash.hash(bytes)
        let i = Int(truncatingIfNeeded: h) & (Self.slots - 1)
        if hashes[i] == h {
            var known = strings[i]
            if known.withUTF8({ WordHash.equal($0, bytes) }) { return known }
        }
        let s = String(decoding: bytes, as: UTF8.self)
        hashes[i] = h
        strings[i] = s
        return s
    }
}

/// A 64-bit hash of bytes taken eight at a time: ids and names are hashed for every message, and a hash
/// byte by byte (FNV-1a) spent a multiply on each byte.
public enum WordHash {
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        var h = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        // An empty text hashes alike with or without an address (`equal` calls them equal).
        guard n > 0, let base = bytes.baseAddress.map(UnsafeRawPointer.init) else {
            h &*= 0xC4CE_B9FE_1A85_EC53
            return h ^ (h >> 29)
        }
        if n >= 8 {
            // Whole words, and the last eight bytes as one more (overlapping the word before): a byte at a time,
            // the tail of a name spent a multiply on each byte.
            var i = 0
            while i + 8 < n {
                h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
                i += 8
            }
            h = (h ^ base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) &* 0xC4CE_B9FE_1A85_EC53
        } else {
            h = (h ^ Self.short(base, n)) &* 0xC4CE_B9FE_1A85_EC53
        }
        return h ^ (h >> 29)
    }

    /// The bytes of a text shorter than eight, as one word (the high bytes zero).
    @inline(__always) static func short(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        if n >= 4 {
            let low = UInt64(p.loadUnaligned(as: UInt32.self))
            let high = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            return low | high << (8 * UInt64(n - 4))
        }
        var w: UInt64 = 0
        for i in 0..<n { w |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << (8 * UInt64(i)) }
        return w
    }

    /// A string's hash, read in place when the string is native (always, from the decoder): `withUTF8` needs a
    /// mutable copy, which retained and released the string.
    public static func hash(_ s: String) -> UInt64 {
        if let h = s.utf8.withContiguousStorageIfAvailable(hash) { return h }
        var s = s
        return s.withUTF8(hash)
    }

    /// Equal bytes, compared eight at a time: the generic `elementsEqual` went byte by byte through `Sequence`.
    /// Whether `word` stands in `bytes` at `i` (false where it would not fit): a spelling known by its bytes.
    static func matches(_ word: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i >= 0, i + n <= bytes.count else { return false }
        return equal(UnsafeBufferPointer(rebasing: bytes[i..<(i + n)]), UnsafeBufferPointer(start: word.utf8Start, count: n))
    }

    @inline(__always)
    public static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        guard let pa = a.baseAddress.map(UnsafeRawPointer.init), let pb = b.baseAddress.map(UnsafeRawPointer.init) else { return true }
        if n >= 8 {
            // Whole words, and the last eight bytes as one more (overlapping): the tail byte by byte was most of
            // the time of comparing a key's spelling.
            // Wrapping steps: `i` stays below `n`, and a checked one was a branch a word.
            var i = 0
            while i &+ 8 < n {
                if pa.loadUnaligned(fromByteOffset: i, as: UInt64.self) != pb.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i &+= 8
            }
            return pa.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == pb.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        }
        if n >= 4 {
            return pa.loadUnaligned(as: UInt32.self) == pb.loadUnaligned(as: UInt32.self)
                && pa.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == pb.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        }
        // One to three bytes: the first, the middle and the last are all of them.
        return n == 0 || (a[0] == b[0] && a[n >> 1] == b[n >> 1] && a[n - 1] == b[n - 1])
    }

}

/// A `StringCache`'s parts as a scanner reads them: unowned pointers, valid while the cache lives.
struct ScanContext {
    let symbols: SymbolSlots
    let keyOrder: KeyOrder
    let recent: RecentSymbols
    let clocks: ClockSymbols
    let cache: Unmanaged<StringCache>
    /// The memos, unretained: read through the cache, each team, player and summary retained and released its memo.
    let teams: Unmanaged<ObjectMemo<TeamSymbols?>>
    let players: Unmanaged<ObjectMemo<PlayerSymbols?>>
    let summaries: Unmanaged<ObjectMemo<FixtureSummary>>

    init(_ cache: StringCache) {
        symbols = cache.symbols
        keyOrder = cache.keyOrder
        recent = cache.recent
        clocks = cache.clocks
        self.cache = .passUnretained(cache)
        teams = .passUnretained(cache.teams)
        players = .passUnretained(cache.players)
        summaries = .passUnretained(cache.summaries)
    }
}

/// The string each field of each kind of object (`FieldNames`) held last in one stream, with its bytes: a
/// stream repeats most of them from message to message (the fixture's id, the send type, a status), and a string
/// equal to the last one is known by one comparison, with no scan for its end, no hash and no lookup. Only
/// strings with no quote, backslash or control character in them are kept, so that bytes equal to one, between
/// quotes, are that string and nothing else. Owned and freed by a `StringCache`.
///
/// The bytes are kept in the entry itself (64 bytes): kept as a pointer into the symbol table, the comparison
/// (which fails whenever a field changes) and the keeping each waited on a line of the table.
struct RecentSymbols {
    struct Entry {
        var symbol = Symbol.none
        var count: UInt32 = 0
        /// The string's bytes (`capacity` at most); what follows them is not read.
        var text: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0)
        static let capacity = 56
        /// A literal, checked against the layout by a test: as a `static let` of the layout's offset, each
        /// field read called `swift_once` for it.
        @inline(__always) static var textOffset: Int { 8 }
    }

    let entries: UnsafeMutablePointer<Entry>
    static let row = FieldNames.maxFields + 1

    init() {
        entries = .allocate(capacity: FieldNames.maxKinds * Self.row)
        entries.initialize(repeating: Entry(), count: FieldNames.maxKinds * Self.row)
    }

    func deallocate() { entries.deallocate() }

    @inline(__always) func slot(_ field: Int, of fields: FieldNames) -> UnsafeMutablePointer<Entry> {
        entries + (fields.id * Self.row + field)
    }

    /// The bytes an entry holds.
    @inline(__always) static func text(of entry: UnsafeMutablePointer<Entry>) -> UnsafeBufferPointer<UInt8> {
        let base = UnsafeRawPointer(entry) + Entry.textOffset
        return UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: Int(entry.pointee.count))
    }

    /// Keeps `symbol` as the field's last string, read from `raw` (no quote, backslash or control character);
    /// a string too long to hold is not kept, and the field's next string is looked up.
    @inline(__always) static func keep(_ symbol: Symbol, read raw: UnsafeBufferPointer<UInt8>, in entry: UnsafeMutablePointer<Entry>) {
        guard raw.count <= Entry.capacity, let source = raw.baseAddress else {
            entry.pointee.symbol = .none
            return
        }
        entry.pointee.symbol = symbol
        entry.pointee.count = UInt32(raw.count)
        let base = UnsafeMutableRawPointer(entry) + Entry.textOffset
        base.copyMemory(from: source, byteCount: raw.count)
    }
}

/// The symbol of each clock reading of the usual shape (`"MM:SS"`, four digits) met in one stream, by its digits:
/// a clock is the one repeating string that changes with nearly every message, so the field's last string
/// (`RecentSymbols`) was no help, and each reading was scanned, hashed and looked up in the symbol slots (a line
/// of a megabyte table). Here it is four digits and a load from 40 KB that a match reads nearly in order. Owned
/// and freed by a `StringCache`.
struct ClockSymbols {
    let symbols: UnsafeMutablePointer<Symbol>
    static let count = 10_000

    init() {
        symbols = .allocate(capacity: Self.count)
        symbols.initialize(repeating: .none, count: Self.count)
    }

    func deallocate() { symbols.deallocate() }

    /// The number of the reading whose quoted text (`"MM:SS"`, 7 bytes) starts at `p`, nil for any other text.
    @inline(__always) static func number(at p: UnsafePointer<UInt8>) -> Int? {
        @inline(__always) func digit(_ b: UInt8) -> Int? { b &- 0x30 < 10 ? Int(b &- 0x30) : nil }
        guard p[0] == UInt8(ascii: "\""), p[3] == UInt8(ascii: ":"), p[6] == UInt8(ascii: "\""),
              let m1 = digit(p[1]), let m2 = digit(p[2]), let s1 = digit(p[4]), let s2 = digit(p[5]) else { return nil }
        return ((m1 * 10 + m2) * 10 + s1) * 10 + s2
    }
}
