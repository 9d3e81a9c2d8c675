#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local time zone as the C library reads `TZ`: POSIX rules (`CET-1CEST,M3.5.0,M10.5.0/3`, `UTC+5`, `:Europe/Amsterdam`)
/// included. Foundation's `TimeZone.current` read only zone names, and showed 18:00 for a 19:00 kick-off under them.
public enum LocalTime {
    /// Seconds east of UTC at `epoch` (seconds since 1970), daylight saving included.
    public static func utcOffset(at epoch: Double) -> Int {
        var t = time_t(epoch.rounded(.down))
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return 0 }
        return Int(parts.tm_gmtoff)
    }

    /// The local date at `epoch` as `yyyy-MM-dd`.
    public static func date(at epoch: Double) -> String {
        var t = time_t(epoch.rounded(.down))
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return "1970-01-01" }
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
    }
}
