#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The feeds' only clock, behind a protocol so that tests can own time.
public protocol FeedClock: Sendable {
    /// Seconds on a monotonic clock.
    func now() -> Double
    func sleep(seconds: Double) async throws
}

public struct MonotonicClock: FeedClock {
    public init() {}

    public func now() -> Double { MonotonicClock.seconds() }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
    }

    public static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// One pacer for the whole process: every fixture's connection attempt waits here for its slot.
public actor ConnectLimiter {
    var pacer: ConnectPacer
    let clock: any FeedClock

    public init(perSecond: Int, clock: any FeedClock = MonotonicClock()) {
        pacer = ConnectPacer(perSecond: perSecond)
        self.clock = clock
    }

    /// Waits until this attempt may start.
    public func acquire() async throws {
        let now = clock.now()
        let slot = pacer.reserve(now: now)
        try await clock.sleep(seconds: slot - now)
    }
}
