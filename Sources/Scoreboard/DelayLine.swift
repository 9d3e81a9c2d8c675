/// `--delay`: events wait this long before they reach the screen, to stay behind a broadcast. Holds the
/// events in arrival order with their arrival time (the shell's wall clock) and hands back those that are due.
public struct DelayLine: Equatable, Sendable {
    var held: [(at: Double, event: AppEvent)] = []
    var start = 0
    /// When the replay was paused (`space`), if it is: nothing falls due until it resumes. The pause only stopped
    /// the replay's clock, and for as long as the delay what was held went on reaching the screen under "PAUSED".
    var pausedAt: Double?

    public init() {}

    /// Pauses or resumes the line. On resuming, what is held waits as long again as it spent paused, so that the
    /// screen stays the same delay behind the replay.
    public mutating func setPaused(_ paused: Bool, at now: Double) {
        if paused {
            if pausedAt == nil { pausedAt = now }
        } else if let since = pausedAt {
            for k in start..<held.count { held[k].at += now - max(held[k].at, since) }
            pausedAt = nil
        }
    }

    public var count: Int { held.count - start }

    public mutating func push(_ event: AppEvent, at t: Double) {
        held.append((t, event))
    }

    /// Every held event that arrived at least `delay` seconds before `now`, oldest first.
    public mutating func due(now: Double, delay: Double) -> [AppEvent] {
        guard pausedAt == nil else { return [] }
        var out: [AppEvent] = []
        while start < held.count, held[start].at + delay <= now {
            out.append(held[start].event)
            start += 1
        }
        if start > 1024, start * 2 > held.count {
            held.removeFirst(start)
            start = 0
        }
        return out
    }

    /// When the oldest held event falls due.
    public func nextDue(delay: Double) -> Double? {
        start < held.count && pausedAt == nil ? held[start].at + delay : nil
    }

    public static func == (a: DelayLine, b: DelayLine) -> Bool {
        a.pausedAt == b.pausedAt && a.count == b.count && zip(a.held[a.start...], b.held[b.start...]).allSatisfy { $0.at == $1.at && $0.event == $1.event }
    }

    /// "45s", "2m", "1m30s" or plain seconds ("45", "7.5"); nil for anything else or a negative duration.
    public static func parse(_ text: String) -> Double? {
        if let x = Double(text) { return x >= 0 && x.isFinite ? x : nil }
        var total = 0.0
        var number = ""
        var sawUnit = false
        for ch in text {
            if ch.isASCII, ch.isNumber || ch == "." {
                number.append(ch)
            } else if ch == "s" || ch == "m" || ch == "h" {
                guard let x = Double(number) else { return nil }
                total += x * (ch == "s" ? 1 : ch == "m" ? 60 : 3600)
                number = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        guard number.isEmpty, sawUnit, total.isFinite else { return nil }
        return total
    }

    /// `d` and `D` change the delay by this much.
    public static let step = 5.0
    public static let maximum = 3600.0
}
