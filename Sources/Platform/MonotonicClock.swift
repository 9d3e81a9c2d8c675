#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's one clock: seconds that never jump with the wall clock. The feeds use it through `FeedClock`,
/// the terminal loop and the headless replay directly.
public struct MonotonicClock: Sendable {
    public init() {}

    public func now() -> Double { MonotonicClock.seconds() }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: Self.nanoseconds(seconds))
    }

    /// A wait in nanoseconds, held to a year: `UInt64(_:)` traps past `UInt64.max`, and waits come from outside
    /// (a server's `Retry-After`, a recording's times played slowly, a `--heartbeat`): one of 1e11 s took the
    /// process down.
    public static func nanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds > 0 else { return 0 }
        return UInt64(min(seconds, 365 * 86_400) * 1e9)
    }

    public static func now() -> Double { seconds() }

    public static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
