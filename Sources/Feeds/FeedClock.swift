import Platform

/// The feeds' only clock, behind a protocol so that tests can own time.
public protocol FeedClock: Sendable {
    /// Seconds on a monotonic clock.
    func now() -> Double
    func sleep(seconds: Double) async throws
}

extension MonotonicClock: FeedClock {}
