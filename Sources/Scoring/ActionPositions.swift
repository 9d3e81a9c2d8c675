import LiveActions

/// Where each action of a match first happened, by its id. A `[String: Int]` hashed every 36-character id
/// with SipHash, twice for each new action and again on every resize; here an id has one 64-bit key
/// (`PackedText.key`: its sixteen bytes mixed, or an unpacked id's bytes hashed eight at a time). Two ids with
/// one key are told apart by the id stored in the log, so a collision (however unlikely, or however crafted)
/// costs a second lookup, never a wrong place.
struct ActionPositions: Sendable {
    private var byKey = KeyTable()
    /// Ids whose key another id had first.
    private var collided: [PackedText: Int] = [:]

    /// Where `id` may stand: `verified` when it is the id's own entry; otherwise the position of whichever id
    /// has its key, which the caller checks against the log.
    func candidate(_ id: PackedText, key: UInt64) -> (position: Int, verified: Bool)? {
        if !collided.isEmpty, let known = collided[id] { return (known, true) }
        return byKey[key].map { ($0, false) }
    }

    /// `candidate(id, key:)`, and when the key is not there, `id` recorded as first happening at `position`
    /// (nil returned): for a new action, one probe where a lookup and then a store took two.
    mutating func candidate(_ id: PackedText, key: UInt64, elseRecordingAt position: Int) -> (position: Int, verified: Bool)? {
        if !collided.isEmpty, let known = collided[id] { return (known, true) }
        return byKey.value(key, elseInserting: position).map { ($0, false) }
    }

    /// A new action: `id` first happened at `position`.
    mutating func record(_ id: PackedText, key: UInt64, at position: Int) {
        if !byKey.insert(key, position) { collided[id] = position }
    }

    /// An earlier version of `id` came late: its action now stands at `position`.
    mutating func move(_ id: PackedText, to position: Int) {
        if collided[id] != nil { collided[id] = position } else { byKey[id.key] = position }
    }
}

/// Numbers by 64-bit key, open addressing with linear probing. The keys are hashes already: a `Dictionary`
/// hashed each one again with SipHash, a tenth of the fold of a long match. Key 0 marks an empty slot, so a
/// key is stored with its lowest bit set; two keys that differ only there share a slot, which its user
/// (`ActionPositions`) treats as any collision of hashes: it checks what the number names.
struct KeyTable: Sendable {
    /// A key beside its number, in one array: in two, each probe read two places in memory, and each store
    /// checked two arrays for sharing.
    private struct Slot: Sendable {
        var key: UInt64 = 0
        var value = 0
    }

    /// Room for a match's first 768 actions (16 KiB) before it first grows: from 64 slots, the four doublings of
    /// a match of four hundred actions were a tenth of its fold.
    private var slots = [Slot](repeating: Slot(), count: 1024)
    private var count = 0

    /// Where the stored key `k` stands in `slots`, or the empty slot where it would go.
    @inline(__always) private static func index(of k: UInt64, in slots: UnsafeBufferPointer<Slot>) -> Int {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: k) & mask
        while slots[i].key != 0 && slots[i].key != k { i = (i + 1) & mask }
        return i
    }

    subscript(key: UInt64) -> Int? {
        get {
            let k = key | 1
            return slots.withUnsafeBufferPointer { slots in
                let i = Self.index(of: k, in: slots)
                return slots[i].key == k ? slots[i].value : nil
            }
        }
        set {
            guard let newValue else { preconditionFailure("keys are never removed") }
            if (count + 1) * 4 > slots.count * 3 { grow() }  // at most three quarters full
            let k = key | 1
            let added = slots.withUnsafeMutableBufferPointer { slots in
                let i = Self.index(of: k, in: UnsafeBufferPointer(slots))
                let new = slots[i].key == 0
                slots[i] = Slot(key: k, value: newValue)
                return new
            }
            if added { count += 1 }
        }
    }

    /// The number under `key`; when there is none, `value` stored under it and nil returned: for a new key, one
    /// probe where a lookup and then a store took two.
    mutating func value(_ key: UInt64, elseInserting value: Int) -> Int? {
        if (count + 1) * 4 > slots.count * 3 { grow() }  // at most three quarters full
        let k = key | 1
        let held: Int? = slots.withUnsafeMutableBufferPointer { slots in
            let i = Self.index(of: k, in: UnsafeBufferPointer(slots))
            if slots[i].key == k { return slots[i].value }
            slots[i] = Slot(key: k, value: value)
            return nil
        }
        if held == nil { count += 1 }
        return held
    }

    /// `value` under `key` unless the key is there already (false then, and nothing changes).
    mutating func insert(_ key: UInt64, _ value: Int) -> Bool {
        self.value(key, elseInserting: value) == nil
    }

    private mutating func grow() {
        var larger = [Slot](repeating: Slot(), count: slots.count * 2)
        slots.withUnsafeBufferPointer { slots in
            larger.withUnsafeMutableBufferPointer { larger in
                for slot in slots where slot.key != 0 { larger[Self.index(of: slot.key, in: UnsafeBufferPointer(larger))] = slot }
            }
        }
        slots = larger
    }
}
