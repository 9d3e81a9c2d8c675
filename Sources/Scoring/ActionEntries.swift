import LiveActions
import Synchronization

/// Every action of one match in the order of the match, packed: a long match keeps hundreds of thousands of
/// them, and as plain `ActionEntry` values each took 336 bytes inline plus its own copies of the strings that
/// repeat. Packed, the strings that repeat are numbers into the match's `StringTable`, the small numbers are
/// 32 bits, and what most actions lack (`related`, `metadata`) is one optional reference. Entries live in
/// fixed-size chunks, so that growing the log never copies it whole (a doubling array held both copies at its
/// peak). An action's id and timestamp are its own, kept as `PackedText` (sixteen bytes for the provider's shapes).
/// Reading an entry rebuilds the `ActionEntry`, equal to the one stored, without allocating.
public struct ActionEntries: RandomAccessCollection, Equatable, Sendable {
    static let chunkShift = 12
    static let chunkSize = 1 << chunkShift

    var chunks: [[PackedEntry]] = []
    let strings: StringPool
    public private(set) var count = 0
    /// The newest entry's position, kept apart: the log asks for it with every message, and reading it from
    /// its chunk went through two arrays to memory the last message of this match left long ago.
    private(set) var lastPosition = Int.min

    /// `strings`: where the entries' repeating strings are numbered; every log shares one unless told otherwise.
    public init(strings: StringPool = .shared) {
        self.strings = strings
    }

    /// The inline size of one packed entry, for `courtside-bench`'s footprint.
    public static var packedStride: Int { MemoryLayout<PackedEntry>.stride }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> ActionEntry {
        precondition(i >= 0 && i < count, "entry index out of range")
        return strings.withTable { chunks[i >> Self.chunkShift][i & (Self.chunkSize - 1)].entry($0) }
    }

    /// Only what the log needs to place an entry, without rebuilding it.
    func position(at i: Int) -> Int { chunks[i >> Self.chunkShift][i & (Self.chunkSize - 1)].position }

    /// The newest entry's feed line, "[MARK] text", appended as UTF-8 without rebuilding the entry (the
    /// `--headless` line's `last`); false when there is none.
    public func appendLastLine(to out: inout [UInt8]) -> Bool {
        guard count > 0 else { return false }
        // Read in place: a copy of the entry retained and released its strings for every line.
        return chunks[(count - 1) >> Self.chunkShift].withUnsafeBufferPointer { chunk in
            strings.withTable { table in
                Self.appendLine(of: chunk.baseAddress! + ((count - 1) & (Self.chunkSize - 1)), table, to: &out)
            }
        }
    }

    private static func appendLine(of e: UnsafePointer<PackedEntry>, _ table: borrowing StringTable, to out: inout [UInt8]) -> Bool {
        // Only the entry's numbers are read: no string of its own is touched.
        let (sendType, flags) = (e.pointee.sendType, e.pointee.flags)
        let mark = FeedLine.mark(sendType == 0 ? .unknown(table.string(e.pointee.strings.unknownSendType) ?? "") : SendType(id: Int(sendType), name: nil),
                                 wasPending: flags.contains(.wasPending))
        if !mark.isEmpty {
            out.append(UInt8(ascii: "["))
            out.append(contentsOf: mark.utf8)
            out.append(contentsOf: "] ".utf8)
        }
        FeedLine.append(clock: table.string(e.pointee.strings.clockTime), type: table.string(e.pointee.strings.type) ?? "", subType: table.string(e.pointee.strings.subType),
                        player: flags.contains(.player) ? table.string(e.pointee.strings.playerName) : nil,
                        team: flags.contains(.team) ? table.string(e.pointee.strings.teamName) : nil, to: &out)
        return true
    }

    /// From entry `start` on, each entry's index, and its action and kind when its latest version counts (nil
    /// otherwise): what a re-fold needs. Read in place (through the subscript, each entry was copied and rebuilt
    /// whole, counted or not), under one hold of the string pool rather than one per entry.
    func forEachCounted(from start: Int, _ body: (Int, (action: Action, kind: ActionKind)?) -> Void) {
        strings.withTable { table in
            var i = start
            while i < count {
                chunks[i >> Self.chunkShift].withUnsafeBufferPointer { chunk in
                    for k in (i & (Self.chunkSize - 1))..<chunk.count {
                        let e = chunk.baseAddress! + k
                        body(i, PackedEntry.standing(e.pointee.sendType) == .counted ? (PackedEntry.action(at: e, table), e.pointee.kind) : nil)
                        i += 1
                    }
                }
            }
        }
    }

    /// How many entries of `kind` count now (their latest version neither pending nor withdrawn), read in place:
    /// the alerts ask after every frame of a watched fixture, and through the subscript each entry of the match
    /// was rebuilt whole, strings and all, to read two of its fields.
    public func countCounted(_ kind: ActionKind) -> Int {
        var n = 0
        for c in chunks.indices {
            chunks[c].withUnsafeBufferPointer { chunk in
                guard let base = chunk.baseAddress else { return }
                for k in 0..<chunk.count where base[k].kind == kind && PackedEntry.standing(base[k].sendType) == .counted { n += 1 }
            }
        }
        return n
    }

    /// Whether the entry at `i` is the action `id`, read without rebuilding the entry.
    func hasActionId(_ id: PackedText, at i: Int) -> Bool { chunks[i >> Self.chunkShift][i & (Self.chunkSize - 1)].actionId == id }

    mutating func replace(at i: Int, with entry: ActionEntry) {
        let packed = strings.withTable { PackedEntry(entry, &$0) }
        chunks[i >> Self.chunkShift][i & (Self.chunkSize - 1)] = packed
        refreshLast()
    }

    private mutating func refreshLast() {
        lastPosition = count == 0 ? Int.min : position(at: count - 1)
    }

    mutating func append(_ entry: ActionEntry) {
        append(strings.withTable { PackedEntry(entry, &$0) })
    }

    /// A new action, packed straight from its message.
    mutating func append(new action: borrowing Action, kind: ActionKind) {
        let numbers = strings.withTable { $0.numbers(of: action) }
        append(PackedEntry(action, numbers: numbers, kind: kind, position: action.seq, versions: 1, wasPending: action.sendType == .pending))
    }

    private mutating func append(_ packed: consuming PackedEntry) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        lastPosition = packed.position
        chunks[chunks.count - 1].append(packed)
        count += 1
    }

    /// Every chunk but the last stays full: an entry inserted early pushes the last of each chunk after it on.
    mutating func insert(_ entry: ActionEntry, at i: Int) {
        guard i < count else { return append(entry) }
        var carry = strings.withTable { PackedEntry(entry, &$0) }
        var c = i >> Self.chunkShift
        var offset = i & (Self.chunkSize - 1)
        while true {
            chunks[c].insert(carry, at: offset)
            guard chunks[c].count > Self.chunkSize else { break }
            carry = chunks[c].removeLast()
            c += 1
            offset = 0
            if c == chunks.count {
                chunks.append([])
                chunks[c].reserveCapacity(Self.chunkSize)
            }
        }
        count += 1
        refreshLast()
    }

    @discardableResult
    mutating func remove(at i: Int) -> ActionEntry {
        var c = i >> Self.chunkShift
        let packed = chunks[c].remove(at: i & (Self.chunkSize - 1))
        let removed = strings.withTable { packed.entry($0) }
        while c + 1 < chunks.count {
            chunks[c].append(chunks[c + 1].removeFirst())
            c += 1
        }
        if chunks[chunks.count - 1].isEmpty { chunks.removeLast() }
        count -= 1
        refreshLast()
        return removed
    }

    public static func == (lhs: ActionEntries, rhs: ActionEntries) -> Bool {
        lhs.count == rhs.count && lhs.indices.allSatisfy { lhs[$0] == rhs[$0] }
    }
}

/// Where match logs number the strings that repeat from action to action, shared by every log of the process
/// unless one is given its own. Two hundred matches replayed at once each kept a table of their own, and each
/// action waited for memory that another match's actions had evicted; one table stays in the processor's caches,
/// and the decoder's cache hands out one copy of a string to every match, so most are found by their storage.
/// A number never changes what it names, so logs that share a pool stay independent values; the lock is for
/// copies of a log mutated on two threads at once. A pool only grows: the strings of a match let go stay, a few
/// kilobytes a match (its players, teams and action types), shared with every other match that names them.
public final class StringPool: Sendable {
    public static let shared = StringPool()
    private let table = Mutex(StringTable())

    public init() {}

    func withTable<R: Sendable>(_ body: (inout StringTable) -> R) -> R {
        table.withLock { body(&$0) }
    }
}

/// The numbers of an action's repeating strings in a `StringTable`; `unknownSendType` names a send type this
/// build does not know, 0 otherwise.
struct StringNumbers: Sendable {
    var type: UInt32, subType: UInt32, clockTime: UInt32, fixtureId: UInt32, teamId: UInt32, teamName: UInt32
    var playerId: UInt32, playerName: UInt32, delayStatus: UInt32, periodType: UInt32, unknownSendType: UInt32
}

/// The strings that repeat from action to action (type names, team and player ids and names, clock readings),
/// each kept once and named by a number; 0 stands for nil.
struct StringTable: Sendable {
    private(set) var strings: [String] = []
    /// Each string's number by a word hash of its bytes. A `[String: UInt32]` hashed each string with SipHash,
    /// and strings miss `recent` often once hundreds of matches share the decoder's cache.
    private var byHash = KeyTable()
    /// Strings whose hash another string had first.
    private var collided: [String: UInt32] = [:]
    /// Strings numbered lately, by their storage: the decoder hands out the same storage for a string that
    /// repeats, so most strings are found here with no hashing of their contents. Room for the strings of the
    /// hundreds of matches that share the pool. Read by the strings' bits, which no reference counting touches (a
    /// slot read as the string itself retained and released it, a dozen times an action); `kept` holds each slot's
    /// string alive, so that bits seen again are that same string, never another one made where a freed one was.
    private var recent = [(bits: StringIdentity.Bits, number: UInt32)](repeating: (StringIdentity.none, 0), count: 4096)
    private var kept = [String](repeating: "", count: 4096)

    mutating func number(_ s: String?) -> UInt32 {
        guard let s else { return 0 }
        let bits = StringIdentity.bits(of: s)
        let slot = StringIdentity.slot(of: bits, count: recent.count)
        if recent[slot].bits == bits, recent[slot].number != 0 { return recent[slot].number }
        let h = WordHash.hash(s)
        let n: UInt32
        if let known = byHash[h], strings[known - 1] == s {
            n = UInt32(known)
        } else if !collided.isEmpty, let known = collided[s] {
            n = known
        } else {
            strings.append(s)
            n = UInt32(strings.count)
            if byHash[h] == nil { byHash[h] = strings.count } else { collided[s] = n }
        }
        recent[slot] = (bits, n)
        kept[slot] = s
        return n
    }

    @inline(__always) func string(_ n: UInt32) -> String? { n == 0 ? nil : strings[Int(n &- 1)] }

    mutating func numbers(of a: borrowing Action) -> StringNumbers {
        StringNumbers(
            type: number(a.type), subType: number(a.subType), clockTime: number(a.clockTime), fixtureId: number(a.fixtureId),
            teamId: number(a.team?.id), teamName: number(a.team?.name), playerId: number(a.player?.id),
            playerName: number(a.player?.name), delayStatus: number(a.delayStatus), periodType: number(a.periodType),
            unknownSendType: a.sendType.id == nil ? number(a.sendType.name) : 0)
    }
}

/// One `ActionEntry`, packed (152 bytes instead of 352, and no string of its own unless its id or timestamp has a
/// shape `PackedText` does not know).
struct PackedEntry: Sendable {
    var actionId: PackedText
    var timestamp: PackedText?
    var seq: Int
    var position: Int
    var versions: Int
    var timelineSequence: Double?
    var period: Int32
    var typeId: Int32
    var subTypeId: Int32
    /// The numbers of its repeating strings in the log's pool.
    var strings: StringNumbers
    var kind: ActionKind
    /// `SendType.id`, 0 for an unknown one.
    var sendType: UInt8
    var flags: Flags
    /// What most actions lack, and numbers too large for 32 bits.
    var extras: Extras?

    struct Flags: OptionSet, Sendable {
        var rawValue: UInt8
        static let team = Flags(rawValue: 1)
        static let homeKnown = Flags(rawValue: 2)
        static let home = Flags(rawValue: 4)
        static let player = Flags(rawValue: 8)
        static let wasPending = Flags(rawValue: 16)
        static let numbersInExtras = Flags(rawValue: 32)
    }

    final class Extras: Sendable {
        let related: [String]
        let metadata: JSONObject
        let period: Int?
        let typeId: Int?
        let subTypeId: Int?

        init(related: [String], metadata: JSONObject, period: Int?, typeId: Int?, subTypeId: Int?) {
            self.related = related
            self.metadata = metadata
            self.period = period
            self.typeId = typeId
            self.subTypeId = subTypeId
        }
    }

    static let none = Int32.min

    static func small(_ n: Int?) -> Int32? {
        guard let n else { return none }
        return n > Int(Int32.min) && n <= Int(Int32.max) ? Int32(n) : nil
    }

    static func number(_ n: Int32) -> Int? { n == none ? nil : Int(n) }

    init(_ e: borrowing ActionEntry, _ table: inout StringTable) {
        self.init(e.action, kind: e.kind, position: e.position, versions: e.versions, wasPending: e.wasPending, &table)
    }

    /// Packed from the action itself, lent by its message: no `ActionEntry` is made for a new action.
    /// `borrowing`: an initializer takes its arguments owned, and the caller copied the action to hand it over.
    init(_ a: borrowing Action, kind: ActionKind, position: Int, versions: Int, wasPending: Bool, _ table: inout StringTable) {
        self.init(a, numbers: table.numbers(of: a), kind: kind, position: position, versions: versions, wasPending: wasPending)
    }

    /// The strings numbered apart, under the pool's lock.
    init(_ a: borrowing Action, numbers: StringNumbers, kind: ActionKind, position: Int, versions: Int, wasPending: Bool) {
        actionId = a.actionId
        timestamp = a.timestamp
        seq = a.seq
        self.position = position
        self.versions = versions
        timelineSequence = a.timelineSequence
        strings = numbers
        self.kind = kind
        sendType = a.sendType.id.map(UInt8.init) ?? 0
        var flags: Flags = wasPending ? [.wasPending] : []
        if let team = a.team {
            flags.insert(.team)
            if let isHome = team.isHome {
                flags.insert(.homeKnown)
                if isHome { flags.insert(.home) }
            }
        }
        if a.player != nil { flags.insert(.player) }
        let numbers = (Self.small(a.period), Self.small(a.typeId), Self.small(a.subTypeId))
        if let p = numbers.0, let t = numbers.1, let s = numbers.2 {
            (period, typeId, subTypeId) = (p, t, s)
        } else {
            (period, typeId, subTypeId) = (Self.none, Self.none, Self.none)
            flags.insert(.numbersInExtras)
        }
        self.flags = flags
        if !a.related.isEmpty || !a.metadata.isEmpty || flags.contains(.numbersInExtras) {
            extras = Extras(related: a.related, metadata: a.metadata, period: a.period, typeId: a.typeId, subTypeId: a.subTypeId)
        } else {
            extras = nil
        }
    }

    /// The latest version's standing, from its packed send type alone.
    static func standing(_ sendType: UInt8) -> SendType.Standing {
        sendType == 0 ? .counted : SendType(id: Int(sendType), name: nil).standing
    }

    func entry(_ table: borrowing StringTable) -> ActionEntry {
        ActionEntry(action: action(table), kind: kind, position: position, versions: versions, wasPending: flags.contains(.wasPending))
    }

    func action(_ table: borrowing StringTable) -> Action {
        withUnsafePointer(to: self) { Self.action(at: $0, table) }
    }

    /// The action of the entry at `e`, read field by field where it lies: called on an entry in place, the
    /// method above copied the entry whole first.
    static func action(at e: UnsafePointer<PackedEntry>, _ table: borrowing StringTable) -> Action {
        let flags = e.pointee.flags
        let bigNumbers = flags.contains(.numbersInExtras)
        let extras = e.pointee.extras
        let sendType = e.pointee.sendType
        return Action(
            actionId: e.pointee.actionId, fixtureId: table.string(e.pointee.strings.fixtureId), seq: e.pointee.seq,
            timelineSequence: e.pointee.timelineSequence, timestamp: e.pointee.timestamp,
            period: bigNumbers ? extras?.period : number(e.pointee.period),
            clockTime: table.string(e.pointee.strings.clockTime),
            sendType: sendType == 0 ? .unknown(table.string(e.pointee.strings.unknownSendType) ?? "") : SendType(id: Int(sendType), name: nil),
            type: table.string(e.pointee.strings.type) ?? "",
            typeId: bigNumbers ? extras?.typeId : number(e.pointee.typeId),
            subType: table.string(e.pointee.strings.subType),
            subTypeId: bigNumbers ? extras?.subTypeId : number(e.pointee.subTypeId),
            team: flags.contains(.team)
                ? TeamRef(isHome: flags.contains(.homeKnown) ? flags.contains(.home) : nil,
                          id: table.string(e.pointee.strings.teamId), name: table.string(e.pointee.strings.teamName))
                : nil,
            player: flags.contains(.player) ? PlayerRef(id: table.string(e.pointee.strings.playerId), name: table.string(e.pointee.strings.playerName)) : nil,
            related: extras?.related ?? [], metadata: extras?.metadata ?? JSONObject(),
            delayStatus: table.string(e.pointee.strings.delayStatus), periodType: table.string(e.pointee.strings.periodType))
    }
}
