/// When to try again. After a connection that made progress, at once (a short jittered pause); after ones
/// that did not, exponentially later, and once a fixture has failed for `backoff.cap` seconds (30 s), no
/// more often than every `cap` seconds with up to a quarter more of jitter: a server that accepts and closes
/// at once gets at most ten tries in its first 30 s, then two a minute at most. Each fixture has its own
/// policy, so one closed stream never slows the others. Pure: the caller supplies time and randomness.
public struct RetryPolicy: Equatable, Sendable {
    public var backoff: Backoff
    /// Connections in a row that made no progress.
    public private(set) var failures = 0
    var failingSince: Double?

    public init(backoff: Backoff = Backoff()) {
        self.backoff = backoff
    }

    /// The attempt number to show, 1-based.
    public var attempt: Int { max(1, failures) }

    /// The pause before the next attempt. `unit` is a random number in 0..<1.
    public mutating func delay(progressed: Bool, now: Double, unit: Double, retryAfter: Double? = nil) -> Double {
        if progressed {
            failures = 0
            failingSince = nil
        } else {
            failures += 1
            if failingSince == nil { failingSince = now }
        }
        var delay = backoff.delay(attempt: max(1, failures), unit: unit)
        if let since = failingSince, now - since >= backoff.cap {
            delay = backoff.cap * (1 + 0.25 * min(max(unit, 0), 1))
        }
        return max(delay, retryAfter ?? 0)
    }
}
