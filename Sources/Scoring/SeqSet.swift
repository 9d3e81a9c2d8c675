/// The sequence numbers a match has seen: one bit each while they are dense, as a stream's are (1, 2, 3, …),
/// instead of a hashed `Set<Int>` entry (16 bytes and a SipHash per message). A number far beyond the count
/// seen (a hostile or odd stream) goes into a set, so that the bits never outgrow the messages received.
struct SeqSet: Equatable, Sendable {
    private var words: [UInt64] = []
    private var sparse: Set<Int> = []
    private(set) var count = 0

    func contains(_ n: Int) -> Bool {
        let w = n >> 6
        if n >= 0, w < words.count, words[w] & (1 << UInt64(n & 63)) != 0 { return true }
        return !sparse.isEmpty && sparse.contains(n)
    }

    /// False when `n` was there already.
    mutating func insert(_ n: Int) -> Bool {
        guard !contains(n) else { return false }
        let w = n >> 6
        if n >= 0, w < words.count || w < 2 * count + 1024 {
            if w >= words.count { words += Array(repeating: 0, count: max(w + 1 - words.count, words.count / 2)) }
            words[w] |= 1 << UInt64(n & 63)
        } else {
            sparse.insert(n)
        }
        count += 1
        return true
    }

    /// Equal when they hold the same numbers, however each was stored.
    static func == (lhs: SeqSet, rhs: SeqSet) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if !lhs.sparse.allSatisfy(rhs.contains) { return false }
        for (w, word) in lhs.words.enumerated() where word != 0 {
            for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 {
                if !rhs.contains(w << 6 | bit) { return false }
            }
        }
        return true
    }
}
