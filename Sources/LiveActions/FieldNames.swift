/// The keys a decoder reads from one kind of object, numbered in the order the provider sends them, each kept
/// spelt as it stands in a compact frame, `,"key":`. A key is found by comparing the bytes ahead with the
/// spelling of the key expected there, a few words compared, where reading it found its closing quote byte by
/// byte, stepped over the colon and compared it with every name in turn (a third of a message's decoding).
/// Anything else (whitespace, an escape, another order, an unknown key) takes the general way, to the same
/// answer.
///
/// A value of plain pointers, made once per kind of object and kept for the life of the process: as a class,
/// every object decoded retained and released its names.
public struct FieldNames: @unchecked Sendable {
    /// All spellings back to back: field `i` is `bytes[starts[i]..<starts[i + 1]]`.
    private let bytes: UnsafeMutablePointer<UInt8>
    private let starts: UnsafeMutablePointer<Int>
    /// The number of names; `count` also stands for a key that is none of them.
    public let count: Int
    /// Which of a `StringCache`'s key orders is this object's.
    let id: Int
    static let maxFields = 31
    static let maxKinds = 8

    /// The keys of `Keys`, its cases named as the keys are spelt and in the order they usually come; `id`: a
    /// number of its own, below `maxKinds`, for each kind of object.
    init<Keys: CaseIterable & RawRepresentable>(id: Int, _ keys: Keys.Type) where Keys.RawValue == Int {
        precondition(keys.allCases.map(\.rawValue) == Array(0..<keys.allCases.count), "keys numbered from 0, in order")
        precondition(MemoryLayout<Keys>.size == 1 && keys.allCases.enumerated().allSatisfy { unsafeBitCast($0.element, to: UInt8.self) == UInt8($0.offset) },
                     "a key is its case's number")
        self.init(id: id, keys.allCases.map { "\($0)" })
    }

    /// `id`: a number of its own, below `maxKinds`, for each kind of object.
    init(id: Int, _ names: [String]) {
        precondition(names.count <= Self.maxFields && id < Self.maxKinds, "too many names")
        self.id = id
        count = names.count
        let total = names.reduce(0) { $0 + $1.utf8.count + 4 }
        bytes = .allocate(capacity: total)
        starts = .allocate(capacity: count + 1)
        var n = 0
        for (i, name) in names.enumerated() {
            starts[i] = n
            for b in [UInt8(ascii: ","), UInt8(ascii: "\"")] + Array(name.utf8) + [UInt8(ascii: "\""), UInt8(ascii: ":")] {
                bytes[n] = b
                n += 1
            }
        }
        starts[count] = n
    }

    /// The field whose name is `raw` (a key's bytes between its quotes, unescaped); `count` for none.
    func field(named raw: UnsafeBufferPointer<UInt8>) -> Int {
        for i in 0..<count where starts[i + 1] - starts[i] - 4 == raw.count {
            if WordHash.equal(UnsafeBufferPointer(start: bytes + starts[i] + 2, count: raw.count), raw) { return i }
        }
        return count
    }

    /// Field `i`'s spelling, with its leading comma when `comma`.
    @inline(__always) func spelling(_ i: Int, comma: Bool) -> UnsafeBufferPointer<UInt8> {
        let skip = comma ? 0 : 1
        // Wrapping arithmetic here and below: the numbers are a few hundred at most, and each checked step was a
        // branch on every key read.
        return UnsafeBufferPointer(start: bytes + (starts[i] &+ skip), count: starts[i &+ 1] &- starts[i] &- skip)
    }

    /// The field most likely to follow `field` (`count` before the first key): the one that followed it last
    /// time in this stream (`order`), else the next in the list.
    @inline(__always) func guess(after field: Int, _ order: KeyOrder?) -> Int {
        if let learned = order?.next(after: field, in: id) { return learned }
        return field == count ? 0 : field &+ 1
    }

    /// The field that followed `field` before the last one did, if any: where a field is optional (a team, a
    /// player, a clock), what follows a key takes turns between two.
    @inline(__always) func secondGuess(after field: Int, _ order: KeyOrder?) -> Int? {
        order?.previous(after: field, in: id)
    }

    /// The name of field `i`, for a key read the general way.
    @inline(__always) func name(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + (starts[i] &+ 2), count: starts[i &+ 1] &- starts[i] &- 4)
    }
}

extension JSONScanner {
    /// Where an object's keys have got to: the cursor, and the field read last (`fields.count` before the first).
    public struct FieldCursor {
        var object = ObjectCursor()
        var last: Int

        init(_ fields: FieldNames) { last = fields.count }
    }

    /// An object of `fields`, opened.
    public mutating func beginObject(of fields: FieldNames) throws -> FieldCursor {
        _ = try beginObject()
        return FieldCursor(fields)
    }

    /// The next key of the object as the number of one of `fields` (`fields.count` for any other, with the key
    /// itself), positioned before its value; nil once the object is closed. The same answer as `nextKey`,
    /// found first by the spelling of the field expected next.
    @inline(__always)
    public mutating func nextField(_ cursor: inout FieldCursor, _ fields: FieldNames) throws -> (field: Int, key: JSONKey)? {
        let guess = fields.guess(after: cursor.last, keyOrder)
        if guess < fields.count, let found = take(guess, &cursor, fields) { return found }
        return try nextFieldTheSecondWay(&cursor, fields, besides: guess)
    }

    /// Field `field`, when its spelling stands at the scanner: the scanner moves past it.
    @inline(__always)
    mutating func take(_ field: Int, _ cursor: inout FieldCursor, _ fields: FieldNames) -> (field: Int, key: JSONKey)? {
        let spelt = fields.spelling(field, comma: !cursor.object.first)
        guard offset &+ spelt.count <= bytes.count,
              // Not empty, as the spelling fits: its base is there, with no check.
              WordHash.equal(UnsafeBufferPointer(start: bytes.baseAddress.unsafelyUnwrapped + offset, count: spelt.count), spelt) else { return nil }
        let length = fields.name(field).count
        let name = offset &+ spelt.count &- 2 &- length  // before its closing quote and colon
        offset &+= spelt.count
        cursor.object.first = false
        cursor.last = field
        // The key made with no check (its bytes were just compared, in bounds), so that where the caller drops it
        // (most do) nothing of it is computed: sliced with a bounds check, it was made for every key.
        return (field, JSONKey(raw: UnsafeBufferPointer(start: bytes.baseAddress.unsafelyUnwrapped + name, count: length), escaped: false))
    }

    /// `nextField` for a key other than the one expected: the field that followed the last one before, then the
    /// general way. With one guess, a stream whose actions come with and without an optional field (a team, a
    /// clock) missed about once a message, and each miss read the key and looked it up among the names.
    @inline(never)
    mutating func nextFieldTheSecondWay(_ cursor: inout FieldCursor, _ fields: FieldNames, besides guess: Int) throws -> (field: Int, key: JSONKey)? {
        // The object's end, as every object has one: no key to read.
        if leave(UInt8(ascii: "}")) { return nil }
        let last = cursor.last
        let first = cursor.object.first
        if let second = fields.secondGuess(after: last, keyOrder), second != guess, second < fields.count,
           let found = take(second, &cursor, fields) {
            // Learnt where the general way learns: not after a key that is none of the fields.
            if last < fields.count || first { keyOrder?.learn(second, after: last, in: fields.id) }
            return found
        }
        return try nextFieldTheGeneralWay(&cursor, fields)
    }

    /// `nextField` for a key other than the one expected: read, then looked up among the names. Kept out of line,
    /// so that the expected key's few comparisons are inlined where each object is decoded.
    @inline(never)
    mutating func nextFieldTheGeneralWay(_ cursor: inout FieldCursor, _ fields: FieldNames) throws -> (field: Int, key: JSONKey)? {
        let first = cursor.object.first
        guard let key = try nextKey(&cursor.object) else { return nil }
        let field: Int
        if key.escaped {
            var name = key.string
            field = name.withUTF8 { fields.field(named: $0) }
        } else {
            field = fields.field(named: key.raw)
        }
        if field < fields.count, cursor.last < fields.count || first { keyOrder?.learn(field, after: cursor.last, in: fields.id) }
        cursor.last = field
        return (field, key)
    }
}

/// The order in which one stream sends the keys of each kind of object, learnt as it goes: every stream sends
/// its keys in one order, so `nextField`'s guess is right from the second message on whatever that order is.
/// Owned and freed by a `StringCache` (one replay or one connection uses it at a time); a plain pointer that a
/// scanner copies, so that reading it touches no reference count (through the cache, every key retained it).
struct KeyOrder {
    /// Two a field: the field that followed it last, then the one that followed it before (a different one).
    private let successors: UnsafeMutablePointer<UInt8>
    private static let row = FieldNames.maxFields + 1
    private static let unknown = UInt8.max

    init() {
        successors = .allocate(capacity: 2 * FieldNames.maxKinds * Self.row)
        successors.initialize(repeating: Self.unknown, count: 2 * FieldNames.maxKinds * Self.row)
    }

    func deallocate() { successors.deallocate() }

    @inline(__always) func next(after field: Int, in kind: Int) -> Int? {
        let n = successors[2 &* (kind &* Self.row &+ field)]
        return n == Self.unknown ? nil : Int(n)
    }

    @inline(__always) func previous(after field: Int, in kind: Int) -> Int? {
        let n = successors[2 &* (kind &* Self.row &+ field) &+ 1]
        return n == Self.unknown ? nil : Int(n)
    }

    /// `next` followed `field`: it is the first guess from now on, and the first guess before it the second.
    @inline(__always) func learn(_ next: Int, after field: Int, in kind: Int) {
        let pair = successors + 2 * (kind * Self.row + field)
        guard pair[0] != UInt8(next) else { return }
        pair[1] = pair[0]
        pair[0] = UInt8(next)
    }
}

extension RawRepresentable where Self: CaseIterable, RawValue == Int {
    /// The key numbered `field` of `fields` (made from these keys), nil for `fields.count`: its case's number, which
    /// is its raw value (`FieldNames` checks both). `init(rawValue:)` is a call for every key of every object.
    @inline(__always) static func field(_ field: Int, of fields: FieldNames) -> Self? {
        assert(fields.count == allCases.count, "the names of other keys")
        return field >= 0 && field < fields.count ? unsafeBitCast(UInt8(truncatingIfNeeded: field), to: Self.self) : nil
    }
}
