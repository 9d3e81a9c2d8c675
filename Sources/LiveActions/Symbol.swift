import Synchronization

/// A string that repeats from action to action (a type name, a team's or a player's id or name, a clock
/// reading), named by its number in the process's one `SymbolTable`. An action holds these numbers, not strings:
/// as strings, every copy of an action retained and released a dozen of them, a third of the time of decoding
/// and folding a message went to that reference counting, and the log numbered each string again to pack it.
/// Equal symbols are equal bytes; `none` stands for a missing string (nil), and the empty string is a symbol.
public struct Symbol: Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    public let rawValue: UInt32

    @usableFromInline init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Constants spelt as computed properties: as `static let`s, every use in another module called their
    /// addressor (ten sites on the fold's path).
    @inlinable public static var none: Symbol { Symbol(rawValue: 0) }
    /// The empty string, numbered second in every table (after `SymbolTable.overflowText`).
    @inlinable public static var empty: Symbol { Symbol(rawValue: 2) }

    /// Nil or the empty string, known without reading the table.
    @inlinable public var isEmptyOrNone: Bool { rawValue == 0 || rawValue == 2 }

    /// The symbol of `string`, numbered now if it is new.
    public init(_ string: String) { self = SymbolTable.shared.symbol(string) }

    /// The symbol of `string`, `none` for nil.
    public init(_ string: String?) { self = string.map { SymbolTable.shared.symbol($0) } ?? .none }

    /// The symbol of these UTF-8 bytes (invalid UTF-8 is repaired, as `String(decoding:)` repairs it).
    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) { self = SymbolTable.shared.symbol(utf8: bytes) }

    @inlinable public var isNone: Bool { rawValue == 0 }

    /// The string, nil for `none`.
    @inline(__always) public var string: String? { isNone ? nil : SymbolTable.shared.string(self) }

    /// The string's UTF-8 bytes, kept for the life of the process (empty for `none`).
    @inline(__always) public var utf8: UnsafeBufferPointer<UInt8> { isNone ? UnsafeBufferPointer(start: nil, count: 0) : SymbolTable.shared.utf8(self) }

    /// Its string, or its number when the shared table has no such symbol (one a test's own table numbered).
    public var description: String {
        if isNone { return "∅" }
        return Int(rawValue) <= SymbolTable.shared.count ? SymbolTable.shared.string(self) : "#\(rawValue)"
    }
}

/// Every symbol's string, numbered in order and never let go: the strings that repeat are few (a match's teams,
/// players, action types and clock readings), and each is shared by every match that names it.
///
/// Reading a symbol's string takes no lock: entries live in chunks that never move, found through a directory
/// made once, and a symbol is handed out only after its entry is written (under the lock, which orders the
/// writes before any thread that is later given the symbol). Numbering a string takes the lock; decoders keep
/// their own cache of the symbols they met (`StringCache.symbol`), so most strings never reach it.
public final class SymbolTable: @unchecked Sendable {
    public static let shared = SymbolTable()

    struct Entry {
        let string: String
        let bytes: UnsafeMutablePointer<UInt8>
        let count: Int
        let hash: UInt64
        /// Its scalars, when `TextSafety.clean` leaves every one as it is; -1 when it replaces one. Known once, when
        /// the string is numbered: a feed line checked a player's name again for every line it was in.
        let cleanScalars: Int
        let isASCII: Bool
    }

    static let chunkShift = 12
    static let chunkSize = 1 << chunkShift
    /// 268 million symbols: far beyond what any process holds before memory runs out.
    static let maxChunks = 1 << 16

    /// Written once per chunk, under the lock; read without it (see above).
    let chunks: UnsafeMutablePointer<UnsafeMutablePointer<Entry>?>
    private let index = Mutex(Index())

    /// The symbols by the hash of their bytes, open addressing; only under the lock.
    struct Index {
        var slots = [UInt32](repeating: 0, count: 1024)
        var count = 0
    }

    /// What a symbol beyond the table's room stands for: no string is lost silently, and nothing crashes.
    static let overflowText = "\u{FFFD}"

    /// Only `shared` is for use: a symbol reads its string from there. Tests make tables of their own.
    init() {
        chunks = .allocate(capacity: Self.maxChunks)
        chunks.initialize(repeating: nil, count: Self.maxChunks)
        _ = symbol(Self.overflowText)
        _ = symbol("")
    }

    deinit {
        // Only tables made in tests go away; their entries are few.
        let count = index.withLock { $0.count }
        for n in 0..<count {
            let e = entry(Symbol(rawValue: UInt32(n + 1)))
            e.pointee.bytes.deallocate()
            e.deinitialize(count: 1)
        }
        for c in 0..<Self.maxChunks {
            guard let chunk = chunks[c] else { break }
            chunk.deallocate()
        }
        chunks.deallocate()
    }

    /// How many symbols the table holds.
    public var count: Int { index.withLock { $0.count } }

    @inline(__always) private func entry(_ s: Symbol) -> UnsafeMutablePointer<Entry> { Self.entry(s, in: chunks) }

    /// Where symbol `s` (not `none`) stands in a table whose directory is `chunks`.
    @inline(__always) static func entry(_ s: Symbol, in chunks: UnsafeMutablePointer<UnsafeMutablePointer<Entry>?>) -> UnsafeMutablePointer<Entry> {
        let n = Int(s.rawValue &- 1)
        return chunks[n >> chunkShift].unsafelyUnwrapped + (n & (chunkSize - 1))
    }

    @inline(__always) func string(_ s: Symbol) -> String { entry(s).pointee.string }

    @inline(__always) func utf8(_ s: Symbol) -> UnsafeBufferPointer<UInt8> {
        let e = entry(s)
        return UnsafeBufferPointer(start: e.pointee.bytes, count: e.pointee.count)
    }

    @inline(__always) func hash(_ s: Symbol) -> UInt64 { entry(s).pointee.hash }

    /// `TextSafety.clean(string(s), limit:)` appended as UTF-8: a clean string's bytes copied with no check and no
    /// `String` touched.
    func appendClean(_ s: Symbol, limit: Int, to out: inout [UInt8]) {
        let e = entry(s)
        if e.pointee.cleanScalars >= 0, e.pointee.cleanScalars <= limit {
            out.append(contentsOf: UnsafeBufferPointer(start: e.pointee.bytes, count: e.pointee.count))
        } else {
            out.append(contentsOf: TextSafety.clean(e.pointee.string, limit: limit).utf8)
        }
    }

    /// Whether the two symbols' strings are equal as `String`s are (canonically): different symbols are different
    /// bytes, which for two ASCII strings is different strings.
    public func sameString(_ a: Symbol, _ b: Symbol) -> Bool {
        if a == b { return true }
        if a.isNone || b.isNone { return false }
        let (x, y) = (entry(a), entry(b))
        if x.pointee.isASCII && y.pointee.isASCII { return false }
        return x.pointee.string == y.pointee.string
    }

    public func symbol(_ string: String) -> Symbol {
        var bytes = string
        return bytes.withUTF8 { symbol(validUTF8: $0, hash: WordHash.hash($0), string: string) }
    }

    public func symbol(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Symbol {
        symbol(utf8: bytes, hash: WordHash.hash(bytes))
    }

    /// `hash`: `WordHash.hash(bytes)`, when the caller has it already.
    func symbol(utf8 bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Symbol {
        if Self.isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil {
            return symbol(validUTF8: bytes, hash: hash, string: nil)
        }
        return symbol(String(decoding: bytes, as: UTF8.self))
    }

    @inline(__always) static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
            while i + 8 <= bytes.count {
                if base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
        }
        while i < bytes.count {
            if bytes[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    private func symbol(validUTF8 bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, string: String?) -> Symbol {
        index.withLock { index in
            let mask = index.slots.count - 1
            var i = Int(truncatingIfNeeded: hash) & mask
            while true {
                let n = index.slots[i]
                if n == 0 { break }
                let s = Symbol(rawValue: n)
                if self.hash(s) == hash, WordHash.equal(utf8(s), bytes) { return s }
                i = (i + 1) & mask
            }
            guard index.count < Self.maxChunks * Self.chunkSize - 1 else {
                // Full: every further string reads as the replacement character, numbered first (`overflowText`).
                return Symbol(rawValue: 1)
            }
            let n = index.count
            if n & (Self.chunkSize - 1) == 0 {
                chunks[n >> Self.chunkShift] = .allocate(capacity: Self.chunkSize)
            }
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            if let base = bytes.baseAddress { copy.initialize(from: base, count: bytes.count) }
            let text = string ?? String(decoding: bytes, as: UTF8.self)
            (chunks[n >> Self.chunkShift].unsafelyUnwrapped + (n & (Self.chunkSize - 1)))
                .initialize(to: Entry(string: text, bytes: copy, count: bytes.count, hash: hash,
                                      cleanScalars: TextSafety.cleanScalars(bytes) ?? -1,
                                      isASCII: Self.isASCII(bytes)))
            index.count = n + 1
            let s = Symbol(rawValue: UInt32(n + 1))
            index.slots[i] = s.rawValue
            if index.count * 2 > index.slots.count { grow(&index) }
            return s
        }
    }

    private func grow(_ index: inout Index) {
        var slots = [UInt32](repeating: 0, count: index.slots.count * 2)
        let mask = slots.count - 1
        for n in index.slots where n != 0 {
            var i = Int(truncatingIfNeeded: hash(Symbol(rawValue: n))) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = n
        }
        index.slots = slots
    }
}

/// A decoder's cache of the symbols it met lately, direct-mapped by the hash of their bytes. Plain pointers that a
/// scanner copies: reached through its `StringCache`, each string read retained and released the cache. Owned and
/// freed by the `StringCache` that made it.
///
/// Each slot holds its string's first `Slot.inline` bytes beside its symbol, so that a hit is proven in the one
/// cache line the hash picked: with the bytes checked in the table's entry, a lookup waited on three misses in
/// turn (the slot, the entry, the entry's bytes), the most of all the decoder's waits. Longer strings (few: ids
/// are packed, not named) are checked in the table as well.
struct SymbolSlots {
    struct Slot {
        /// The string's first bytes, zero after its end.
        var head: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count: UInt32 = 0
        var symbol = Symbol.none
        static let inline = 24
        /// A literal, checked against the layout by a test: as a `static let` of the layout's offset, each
        /// lookup called `swift_once` for it.
        @inline(__always) static var headOffset: Int { 0 }
    }

    let mask: Int
    let slots: UnsafeMutablePointer<Slot>
    /// `SymbolTable.shared`'s directory, to check a long string's bytes with no call through the table.
    let chunks: UnsafeMutablePointer<UnsafeMutablePointer<SymbolTable.Entry>?>

    init(count: Int) {
        precondition(count >= 2 && count & (count - 1) == 0, "a power of two, two or more")
        mask = count - 1
        // On a cache line's start, so that a set is one line.
        slots = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Slot>.stride, alignment: 64)
            .bindMemory(to: Slot.self, capacity: count)
        slots.initialize(repeating: Slot(), count: count)
        chunks = SymbolTable.shared.chunks
    }

    func deallocate() { slots.deallocate() }

    @inline(__always) func symbol(_ bytes: UnsafeBufferPointer<UInt8>) -> Symbol {
        let h = WordHash.hash(bytes)
        // Two ways to a set, in one cache line: direct-mapped, the few thousand strings of forty matches pushed
        // each other out of a tenth of their slots, and each such lookup went to the table's lock.
        let set = slots + (Int(truncatingIfNeeded: h) & mask & ~1)
        if let known = held(bytes, in: set) ?? held(bytes, in: set + 1) { return known }
        let s = SymbolTable.shared.symbol(utf8: bytes, hash: h)
        // A count the slot cannot hold is not kept: truncated, it would name a shorter string.
        guard bytes.count <= Int(UInt32.max) else { return s }
        // The bytes as they came (repaired, an invalid string's entry holds others): equal bytes, the same symbol.
        var fresh = Slot()
        fresh.count = UInt32(bytes.count)
        fresh.symbol = s
        withUnsafeMutableBytes(of: &fresh.head) { head in
            if let base = bytes.baseAddress { head.baseAddress!.copyMemory(from: base, byteCount: min(bytes.count, Slot.inline)) }
        }
        // The newer first: the older one is dropped when the set is full.
        (set + 1).pointee = set.pointee
        set.pointee = fresh
        return s
    }

    /// The symbol `slot` holds for these bytes, if it holds them.
    @inline(__always) private func held(_ bytes: UnsafeBufferPointer<UInt8>, in slot: UnsafeMutablePointer<Slot>) -> Symbol? {
        let n = bytes.count
        guard Int(slot.pointee.count) == n, !slot.pointee.symbol.isNone,
              WordHash.equal(UnsafeBufferPointer(start: (UnsafeRawPointer(slot) + Slot.headOffset).assumingMemoryBound(to: UInt8.self), count: min(n, Slot.inline)),
                             UnsafeBufferPointer(rebasing: bytes.prefix(Slot.inline))) else { return nil }
        let known = slot.pointee.symbol
        if n <= Slot.inline { return known }
        let e = SymbolTable.entry(known, in: chunks)
        return WordHash.equal(UnsafeBufferPointer(start: e.pointee.bytes, count: e.pointee.count), bytes) ? known : nil
    }
}
