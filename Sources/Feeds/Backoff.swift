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
