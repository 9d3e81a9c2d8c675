import LiveActions

/// Where each action of a match first happened, by its id. A `[String: Int]` hashed every 36-character id
/// with SipHash, twice for each new action and again on every resize; here an id is hashed once, eight bytes
/// at a time, into a 64-bit key. Two ids with one key are told apart by the id stored in the log, so a
/// collision (however unlikely, or however crafted) costs a second lookup, never a wrong place.
struct ActionPositions: Sendable {
    private var byKey: [UInt64: Int] = [:]
    /// Ids whose key another id had first.
    private var collided: [String: Int] = [:]

    /// Where `id` may stand: `verified` when it is the id's own entry; otherwise the position of whichever id
    /// has its key, which the caller checks against the log.
    func candidate(_ id: String, key: UInt64) -> (position: Int, verified: Bool)? {
        if !collided.isEmpty, let known = collided[id] { return (known, true) }
        return byKey[key].map { ($0, false) }
    }

    /// A new action: `id` first happened at `position`.
    mutating func record(_ id: String, key: UInt64, at position: Int) {
        if byKey[key] == nil { byKey[key] = position } else { collided[id] = position }
    }

    /// An earlier version of `id` came late: its action now stands at `position`.
    mutating func move(_ id: String, to position: Int) {
        if collided[id] != nil { collided[id] = position } else { byKey[Self.key(id)] = position }
    }

    static func key(_ id: String) -> UInt64 {
        var id = id
        return id.withUTF8(WordHash.hash)
    }
}
