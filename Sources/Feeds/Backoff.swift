/// Reconnect delays: exponential, capped, with jitter so that many fixtures dropped together do not
/// come back in lockstep. Pure; the random unit comes from the caller.
public struct Backoff: Equatable, Sendable {
    public var base: Double
    public var cap: Double

    public init(base: Double = 0.5, cap: Double = 30) {
        self.base = base
        self.cap = cap
    }

    /// The delay before attempt `attempt` (1-based), given `unit` in 0..<1: between half and all of
    /// `min(cap, base·2^(attempt-1))` ("equal jitter": never zero, never above the cap).
    public func delay(attempt: Int, unit: Double) -> Double {
        let exponent = Double(min(max(attempt, 1) - 1, 30))
        let ceiling = min(cap, base * pow2(exponent))
        return ceiling / 2 + ceiling / 2 * min(max(unit, 0), 1)
    }

    private func pow2(_ x: Double) -> Double {
        var r = 1.0
        for _ in 0..<Int(x) { r *= 2 }
        return r
    }
}

/// Spaces connection attempts so that the whole process never opens more than `perSecond` in any
/// one-second window, whatever the number of fixtures. Pure: the caller supplies the clock.
public struct ConnectPacer: Equatable, Sendable {
    public let perSecond: Int
    /// Start times of the most recent attempts, oldest first, at most `perSecond` of them.
    var recent: [Double] = []

    public static let margin = 0.1

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
