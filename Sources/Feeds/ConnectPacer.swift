/// Spaces connection attempts so that the whole process never opens more than `perSecond` in any
/// one-second window, whatever the number of fixtures. Pure: the caller supplies the clock.
public struct ConnectPacer: Equatable, Sendable {
    public let perSecond: Int
    /// Start times of the most recent attempts, oldest first, at most `perSecond` of them.
    var recent: [Double] = []

    public static let margin = 0.2

    public init(perSecond: Int) {
        self.perSecond = max(1, perSecond)
    }

    /// Books the earliest slot at or after `now` and returns it.
    public mutating func reserve(now: Double) -> Double {
        var slot = max(now, recent.last ?? now)
        if recent.count >= perSecond {
            // The attempt `perSecond` places back must be a full second earlier, plus a margin so that
            // jitter between here and the server's accept cannot squeeze six into its second.
            slot = max(slot, recent[recent.count - perSecond] + 1 + Self.margin)
        }
        recent.append(slot)
        if recent.count > perSecond { recent.removeFirst(recent.count - perSecond) }
        return slot
    }
}
