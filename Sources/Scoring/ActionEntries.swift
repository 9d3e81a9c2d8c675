import LiveActions

/// Every action of one match in the order of the match, packed: a long match keeps hundreds of thousands of
/// them, and as plain `ActionEntry` values each took 336 bytes inline plus its own copies of the strings that
/// repeat. Packed (`PackedEntry`, plain data), the strings that repeat are the action's own symbols (`Symbol`), the
/// small numbers are 32 bits, an id and a timestamp are sixteen bytes in the provider's shapes, and what an entry
/// cannot hold in place (other text, `related`, `metadata`) sits in side tables. Entries live in fixed-size
/// chunks, so that growing the log never copies it whole (a doubling array held both copies at its peak).
/// Reading an entry rebuilds the `ActionEntry`, equal to the one stored.
public struct ActionEntries: RandomAccessCollection, Equatable, Sendable {
    static let chunkShift = 12
    static let chunkSize = 1 << chunkShift

    var chunks: [[PackedEntry]] = []
    public private(set) var count = 0
    /// The newest entry's position, kept apart: the log asks for it with every message, and reading it from
    /// its chunk went through two arrays to memory the last message of this match left long ago.
    private(set) var lastPosition = Int.min
    /// Ids and timestamps of no shape `PackedText` packs.
    private var texts = SideTable<String>()
    private var extras = SideTable<PackedEntry.Extras>()

    public init() {}

    /// The inline size of one packed entry, for `courtside-bench`'s footprint.
    public static var packedStride: Int { MemoryLayout<PackedEntry>.stride }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> ActionEntry {
        precondition(i >= 0 && i < count, "entry index out of range")
        return entry(chunks[i >> Self.chunkShift][i & (Self.chunkSize - 1)])
    }

    /// Entry `i`'s place in the match (its `ActionEntry.position`), without rebuilding the entry: what the log needs
    /// to place an entry, and a scrolled feed to keep its top row.
    public func position(at i: Int) -> Int { chunks[i >> Self.chunkShift][i & (Self.chunkSize - 1)].position }

    /// Entry `i`'s place on the match's timeline (`timelineSequence`), read without rebuilding the entry; nil for
    /// none, and for one that is not a number (which the decoder never makes, but an action built in code may hold).
    func timelineSequence(at i: Int) -> Double? {
        chunks[i >> Self.chunkShift][i & (Self.chunkSize - 1)].timelinePlace
    }

    /// The entries' indices in chronological order (by `timelineSequence`, equal places in the order of the match);
    /// nil when that is the order they stand in already, or when an entry has no place on the timeline (then the
    /// order of the match, by sequence number, is all there is). The usual answer, nil, allocates nothing.
    public func chronology() -> [Int]? {
        var inOrder = true, placed = true
        var previous = -Double.infinity
        forEachPlace { t in
            guard let t else { placed = false; return false }
            if t < previous { inOrder = false }
            previous = t
            return true
        }
        if inOrder || !placed { return nil }
        var places: [Double] = []
        places.reserveCapacity(count)
        forEachPlace { places.append($0!); return true }
        // Nearly in order as a rule (an action or two delivered late): each entry placed by insertion, moved past
        // only the entries it belongs before, where a sort compared n log n pairs (a fiftieth of a match's fold).
        // Past a budget of moves (a timeline far from the match's order), sorted outright.
        var order = Array(0..<count)
        var moves = 0
        for i in 1..<count {
            let t = places[i]
            var j = i
            while j > 0, places[order[j - 1]] > t {  // strictly: an equal place stays after, in match order
                order[j] = order[j - 1]
                j -= 1
            }
            order[j] = i
            moves += i - j
            if moves > 8 * count {
                return (0..<count).sorted { places[$0] < places[$1] || (places[$0] == places[$1] && $0 < $1) }
            }
        }
        return order
    }

    /// Each entry's place on the timeline in turn (as `timelineSequence(at:)` reads it) until `body` returns false,
    /// read in place: entry by entry through the chunks' subscripts, a match's order at its end cost a fortieth
    /// of its fold.
    private func forEachPlace(_ body: (Double?) -> Bool) {
        for c in chunks.indices {
            let goOn = chunks[c].withUnsafeBufferPointer { chunk in
                guard let base = chunk.baseAddress else { return true }
                for k in 0..<chunk.count where !body(base[k].timelinePlace) { return false }
                return true
            }
            if !goOn { return }
        }
    }

    /// Entry `i`'s feed line, "[MARK] text", appended as UTF-8 without rebuilding the entry (the `--headless`
    /// line's `last`); false when there is no such entry.
    public func appendLine(at i: Int, to out: inout [UInt8]) -> Bool {
        guard i >= 0, i < count else { return false }
        // Read in place: a copy of the entry retained and released its strings for every line.
        return chunks[i >> Self.chunkShift].withUnsafeBufferPointer { chunk in
            Self.appendLine(of: chunk.baseAddress! + (i & (Self.chunkSize - 1)), to: &out)
        }
    }

    private static func appendLine(of e: UnsafePointer<PackedEntry>, to out: inout [UInt8]) -> Bool {
        // Only the entry's numbers are read: no string of its own is touched.
        let (sendType, flags) = (e.pointee.sendType, e.pointee.flags)
        let mark = FeedLine.mark(sendType == 0 ? .unknown(e.pointee.strings.unknownSendType.string ?? "") : SendType(id: Int(sendType), name: nil),
                                 wasPending: flags.contains(.wasPending))
        if !mark.isEmpty {
            out.append(UInt8(ascii: "["))
            out.append(contentsOf: mark.utf8)
            out.append(contentsOf: "] ".utf8)
        }
        FeedLine.append(clock: e.pointee.strings.clockTime, type: e.pointee.strings.type, subType: e.pointee.strings.subType,
                        player: flags.contains(.player) ? e.pointee.strings.playerName : .none,
                        team: flags.contains(.team) ? e.pointee.strings.teamName : .none, to: &out)
        return true
    }

    /// From entry `start` on, each entry's index, and its action and kind when its latest version counts (nil
    /// otherwise): what a re-fold needs. Read in place (through the subscript, each entry was copied and rebuilt
    /// whole, counted or not).
    func forEachCounted(from start: Int, _ body: (Int, (action: Action, kind: ActionKind)?) -> Void) {
        var i = start
        while i < count {
            chunks[i >> Self.chunkShift].withUnsafeBufferPointer { chunk in
                for k in (i & (Self.chunkSize - 1))..<chunk.count {
                    let e = chunk.baseAddress! + k
                    body(i, PackedEntry.standing(e.pointee.sendType) == .counted ? (action(e.pointee), e.pointee.kind) : nil)
                    i += 1
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

    /// The first index whose position is not below `position` (binary search; the common case is the end). Here,
    /// not on the log: called from the log's mutating methods, a method of the log's own copied the whole log
    /// (900 bytes) to lend it.
    func insertionIndex(for position: Int) -> Int {
        if lastPosition < position { return count }
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self.position(at: mid) < position { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Whether the entry at `i` is the action `id`, read without rebuilding the entry.
    func hasActionId(_ id: PackedText, at i: Int) -> Bool {
        let e = chunks[i >> Self.chunkShift][i & (Self.chunkSize - 1)]
        guard let w = id.words else { return e.idShape == PackedEntry.textShape && texts[Int(e.idLow)] == id.string }
        return e.idShape == w.shape && e.idHigh == w.high && e.idLow == w.low
    }

    mutating func replace(at i: Int, with entry: ActionEntry) {
        let (c, k) = (i >> Self.chunkShift, i & (Self.chunkSize - 1))
        letGo(chunks[c][k])
        chunks[c][k] = pack(entry)
        refreshLast()
    }

    private mutating func refreshLast() {
        lastPosition = count == 0 ? Int.min : position(at: count - 1)
    }

    mutating func append(_ entry: ActionEntry) {
        append(pack(entry))
    }

    /// A new action, packed straight from its message.
    mutating func append(new action: borrowing Action, kind: ActionKind) {
        append(pack(action, kind: kind, position: action.seq, versions: 1, wasPending: action.standing == .pending))
    }

    private mutating func append(_ packed: PackedEntry) {
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
        var carry = pack(entry)
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
        let removed = entry(packed)
        letGo(packed)
        while c + 1 < chunks.count {
            chunks[c].append(chunks[c + 1].removeFirst())
            c += 1
        }
        if chunks[chunks.count - 1].isEmpty { chunks.removeLast() }
        count -= 1
        refreshLast()
        return removed
    }

    // MARK: packing

    /// The side tables' slots that hold a value, and all they made, for the tests.
    var sideSlotsInUse: (texts: Int, extras: Int) { (texts.inUse, extras.inUse) }
    var sideSlotsMade: (texts: Int, extras: Int) { (texts.made, extras.made) }

    private mutating func pack(_ e: borrowing ActionEntry) -> PackedEntry {
        pack(e.action, kind: e.kind, position: e.position, versions: e.versions, wasPending: e.wasPending)
    }

    /// Packed from the action itself, lent by its message: no `ActionEntry` is made for a new action.
    private mutating func pack(_ a: borrowing Action, kind: ActionKind, position: Int, versions: Int, wasPending: Bool) -> PackedEntry {
        var flags: PackedEntry.Flags = wasPending ? [.wasPending] : []
        if let team = a.teamSymbols {
            flags.insert(.team)
            if let isHome = team.isHome {
                flags.insert(.homeKnown)
                if isHome { flags.insert(.home) }
            }
        }
        if a.playerSymbols != nil { flags.insert(.player) }
        if a.timelineSequence != nil { flags.insert(.timeline) }
        let period: Int32, typeId: Int32, subTypeId: Int32
        if let p = PackedEntry.small(a.period), let t = PackedEntry.small(a.typeId), let s = PackedEntry.small(a.subTypeId) {
            (period, typeId, subTypeId) = (p, t, s)
        } else {
            (period, typeId, subTypeId) = (PackedEntry.none, PackedEntry.none, PackedEntry.none)
            flags.insert(.numbersInExtras)
        }
        var extra: UInt32 = 0
        if !a.related.isEmpty || !a.metadata.isEmpty || flags.contains(.numbersInExtras) {
            let x = PackedEntry.Extras(related: a.related, metadata: a.metadata, period: a.period, typeId: a.typeId, subTypeId: a.subTypeId)
            extra = UInt32(extras.add(x) + 1)
        }
        let id = words(a.actionId)
        let time = a.timestamp.map { words($0) } ?? (shape: PackedEntry.noShape, high: 0, low: 0)
        return PackedEntry(idHigh: id.high, idLow: id.low, timeHigh: time.high, timeLow: time.low, seq: a.seq, position: position,
                           timelineSequence: a.timelineSequence ?? 0, period: period, typeId: typeId, subTypeId: subTypeId,
                           versions: Int32(clamping: versions), strings: StringNumbers(of: a), extras: extra, kind: kind,
                           sendType: a.sendTypeCode, flags: flags, idShape: id.shape, timeShape: time.shape)
    }

    /// A text's packed words, or its text put in the side table.
    private mutating func words(_ text: PackedText) -> (shape: UInt8, high: UInt64, low: UInt64) {
        if let w = text.words { return w }
        return (PackedEntry.textShape, 0, UInt64(texts.add(text.string)))
    }

    private func text(shape: UInt8, high: UInt64, low: UInt64) -> PackedText {
        shape == PackedEntry.textShape ? PackedText(unpacked: texts[Int(low)]) : PackedText(shape: shape, high: high, low: low)
    }

    /// The side table's slots of an entry that is replaced or removed, for the next entries to reuse.
    private mutating func letGo(_ e: PackedEntry) {
        if e.idShape == PackedEntry.textShape { texts.remove(at: Int(e.idLow)) }
        if e.timeShape == PackedEntry.textShape { texts.remove(at: Int(e.timeLow)) }
        if e.extras != 0 { extras.remove(at: Int(e.extras - 1)) }
    }

    private func entry(_ e: PackedEntry) -> ActionEntry {
        ActionEntry(action: action(e), kind: e.kind, position: e.position, versions: Int(e.versions), wasPending: e.flags.contains(.wasPending))
    }

    /// The packed entry's action, rebuilt field by field.
    private func action(_ e: PackedEntry) -> Action {
        let flags = e.flags
        let bigNumbers = flags.contains(.numbersInExtras)
        let extras = e.extras == 0 ? nil : self.extras[Int(e.extras - 1)]
        let strings = e.strings
        var a = Action.empty
        a.actionId = text(shape: e.idShape, high: e.idHigh, low: e.idLow)
        a.fixtureIdSymbol = strings.fixtureId
        a.seq = e.seq
        a.timelineSequence = flags.contains(.timeline) ? e.timelineSequence : nil
        a.timestamp = e.timeShape == PackedEntry.noShape ? nil : text(shape: e.timeShape, high: e.timeHigh, low: e.timeLow)
        a.period = bigNumbers ? extras?.period : PackedEntry.number(e.period)
        a.clockSymbol = strings.clockTime
        a.setSendType(code: e.sendType, unknownName: strings.unknownSendType)
        a.typeSymbol = strings.type
        a.typeId = bigNumbers ? extras?.typeId : PackedEntry.number(e.typeId)
        a.subTypeSymbol = strings.subType
        a.subTypeId = bigNumbers ? extras?.subTypeId : PackedEntry.number(e.subTypeId)
        if flags.contains(.team) {
            a.teamSymbols = TeamSymbols(isHome: flags.contains(.homeKnown) ? flags.contains(.home) : nil, id: strings.teamId, name: strings.teamName)
        }
        if flags.contains(.player) { a.playerSymbols = PlayerSymbols(id: strings.playerId, name: strings.playerName) }
        if let extras {
            a.related = extras.related
            a.metadata = extras.metadata
        }
        a.delayStatusSymbol = strings.delayStatus
        a.periodTypeSymbol = strings.periodType
        return a
    }

    public static func == (lhs: ActionEntries, rhs: ActionEntries) -> Bool {
        lhs.count == rhs.count && lhs.indices.allSatisfy { lhs[$0] == rhs[$0] }
    }
}

/// The symbols of an action's repeating strings; `unknownSendType` names a send type this build does not know,
/// `none` otherwise.
struct StringNumbers: BitwiseCopyable, Sendable {
    var type: Symbol, subType: Symbol, clockTime: Symbol, fixtureId: Symbol, teamId: Symbol, teamName: Symbol
    var playerId: Symbol, playerName: Symbol, delayStatus: Symbol, periodType: Symbol, unknownSendType: Symbol

    init(of a: borrowing Action) {
        type = a.typeSymbol
        subType = a.subTypeSymbol
        clockTime = a.clockSymbol
        fixtureId = a.fixtureIdSymbol
        teamId = a.teamSymbols?.id ?? .none
        teamName = a.teamSymbols?.name ?? .none
        playerId = a.playerSymbols?.id ?? .none
        playerName = a.playerSymbols?.name ?? .none
        delayStatus = a.delayStatusSymbol
        periodType = a.periodTypeSymbol
        unknownSendType = a.sendTypeCode == 0 ? a.sendTypeName : .none
    }
}

/// One `ActionEntry` packed into 128 bytes of plain data (from 352): its repeating strings are symbols, its small
/// numbers 32 bits, its id and timestamp sixteen bytes each when they have a shape `PackedText` knows. What cannot be
/// held in place (text of another shape, `related`, `metadata`, numbers too large for 32 bits) lies in the entries'
/// side tables, named by index. Holding no reference, an entry is made, copied and moved as plain bytes: with a
/// string and a class reference inside, each was made in a temporary and copied out through the value witnesses,
/// retaining and releasing, a fifth of the time of folding a message.
struct PackedEntry: BitwiseCopyable, Sendable {
    var idHigh: UInt64, idLow: UInt64
    var timeHigh: UInt64, timeLow: UInt64
    var seq: Int
    var position: Int
    /// Meaningful with `.timeline` in `flags`.
    var timelineSequence: Double
    var period: Int32, typeId: Int32, subTypeId: Int32
    /// How many versions arrived, counted up to `Int32.max`.
    var versions: Int32
    /// The symbols of its repeating strings.
    var strings: StringNumbers
    /// One more than the index of its `Extras` in the side table; 0 for none.
    var extras: UInt32
    var kind: ActionKind
    /// `SendType.id`, 0 for an unknown one.
    var sendType: UInt8
    var flags: Flags
    /// The id's `PackedText.words` shape, or `textShape`: `idLow` is then the index of its text in the side table.
    var idShape: UInt8
    /// As `idShape`, for the timestamp; `noShape` for none.
    var timeShape: UInt8

    static let noShape: UInt8 = 0
    static let textShape: UInt8 = 4

    struct Flags: OptionSet, Sendable {
        var rawValue: UInt8
        static let team = Flags(rawValue: 1)
        static let homeKnown = Flags(rawValue: 2)
        static let home = Flags(rawValue: 4)
        static let player = Flags(rawValue: 8)
        static let wasPending = Flags(rawValue: 16)
        static let numbersInExtras = Flags(rawValue: 32)
        static let timeline = Flags(rawValue: 64)
    }

    /// What most actions lack, and numbers too large for 32 bits: a value in the entries' side table.
    struct Extras: Sendable {
        let related: [String]
        let metadata: JSONObject
        let period: Int?
        let typeId: Int?
        let subTypeId: Int?
    }

    static let none = Int32.min

    /// Its place on the timeline, nil for none and for one that is not a number.
    var timelinePlace: Double? { flags.contains(.timeline) && timelineSequence.isFinite ? timelineSequence : nil }

    static func small(_ n: Int?) -> Int32? {
        guard let n else { return none }
        return n > Int(Int32.min) && n <= Int(Int32.max) ? Int32(n) : nil
    }

    static func number(_ n: Int32) -> Int? { n == none ? nil : Int(n) }

    /// The latest version's standing, from its packed send type alone.
    static func standing(_ sendType: UInt8) -> SendType.Standing { SendType.standing(code: sendType) }
}

/// What packed entries cannot hold in place, by index. A slot let go (by an entry replaced or removed) is reused, so
/// that corrections do not grow the table.
struct SideTable<Value: Sendable>: Sendable {
    private var values: [Value?] = []
    private var free: [Int] = []

    mutating func add(_ value: Value) -> Int {
        if let i = free.popLast() {
            values[i] = value
            return i
        }
        values.append(value)
        return values.count - 1
    }

    mutating func remove(at i: Int) {
        values[i] = nil
        free.append(i)
    }

    subscript(i: Int) -> Value { values[i]! }

    var inUse: Int { values.count - free.count }
    var made: Int { values.count }
}
