import LiveActions
import Scoreboard
import Scoring

enum Labels {
    static func sportTag(_ sport: Sport) -> String {
        switch sport {
        case .basketball: "BKB"
        case .soccer: "SOC"
        case .volleyball: "VOL"
        case .snooker: "SNK"
        case .other(let path): String((path.split(separator: "/").last ?? "").prefix(3)).uppercased()
        }
    }

    /// A soccer period the provider's summary called a penalty shoot-out (period 3 after 90 minutes).
    static func isShootout(_ match: MatchState, _ p: Int) -> Bool {
        if case .soccer(let s) = match.detail { return s.shootoutPeriods.contains(p) }
        return false
    }

    static func period(_ match: MatchState) -> String {
        guard let p = match.period, p > 0 else { return match.status == .scheduled ? "pre" : "" }
        if isShootout(match, p) { return "PEN" }
        switch match.sport {
        case .basketball: return p <= 4 ? "Q\(p)" : "OT\(p - 4)"
        case .soccer: return p == 1 ? "1H" : p == 2 ? "2H" : p <= 4 ? "ET\(p - 2)" : "PEN"
        case .volleyball: return "Set \(p)"
        case .snooker: return "Fr \(p)"
        case .other: return "P\(p)"
        }
    }

    /// The period with the score hidden: a set or frame number gives the score away (set 5 is 2–2), and so does
    /// play past regulation (overtime, extra time, penalties: the match was level).
    static func period(_ match: MatchState, hidden: Bool) -> String {
        hidden && periodRevealsScore(match) ? "" : period(match)
    }

    static func periodLong(_ match: MatchState, hidden: Bool) -> String {
        hidden && periodRevealsScore(match) ? "" : periodLong(match)
    }

    static func periodRevealsScore(_ match: MatchState) -> Bool {
        switch match.sport {
        case .volleyball, .snooker: true
        default: match.beyondRegulation
        }
    }

    /// The match as a screen with its score hidden shows it. The clock is the one the newest line the feed shows
    /// read, with no running mark: read from the newest action, it moved to each hidden shot's minute and stopped at
    /// each goal. No possession (a change of it with no rebound or steal before it was a basket), no banner (a video
    /// check is a goal's). Past regulation it stays at regulation's end, since a period label that went blank, or a
    /// clock that went on, told of overtime. The feed leaves out the same (`hiddenWithTheScore`).
    static func shown(_ f: FixtureState, hidden: Bool) -> MatchState {
        let m = f.match
        guard hidden else { return m }
        var shown = m
        if m.beyondRegulation, let regulation = m.sport.regulationPeriods { shown.period = regulation }
        shown.clock = m.clock == nil || m.sport.clockTellsTheScore ? nil : lastShownClock(of: f, in: shown.period)
        shown.clockRunning = false
        shown.banner = nil
        shown.homeInPossession = nil
        return shown
    }

    /// The clock of the newest action in `period` that the feed shows with the score hidden, looked for from the end
    /// back to the period's start (shown itself where the period's lines are).
    static func lastShownClock(of f: FixtureState, in period: Int?) -> String? {
        guard let period else { return nil }
        let entries = f.log.entries, sport = f.match.sport
        var i = entries.count - 1
        while i >= 0 {
            let e = entries[i]
            if let p = e.action.period {
                if p < period { return nil }
                if p == period, !e.hiddenWithTheScore(in: sport), let clock = e.action.clockTime, !clock.isEmpty { return clock }
            }
            i -= 1
        }
        return nil
    }

    /// The clock, unless the score is hidden and the clock tells of play past regulation (a soccer 120:00).
    static func clock(_ match: MatchState, hidden: Bool, limit: Int) -> String? {
        guard let clock = match.clock, !(hidden && match.beyondRegulation) else { return nil }
        return TextSafety.clean(clock, limit: limit)
    }

    /// Period and clock, as the overview and the terminal title show them ("Q3 06:40").
    static func when(_ match: MatchState, hidden: Bool, clockLimit: Int) -> String {
        [period(match, hidden: hidden), clock(match, hidden: hidden, limit: clockLimit) ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func periodLong(_ match: MatchState) -> String {
        guard let p = match.period, p > 0 else { return "" }
        if isShootout(match, p) { return "Penalties" }
        switch match.sport {
        case .basketball: return p <= 4 ? "Quarter \(p)" : "Overtime \(p - 4)"
        case .soccer: return p == 1 ? "First half" : p == 2 ? "Second half" : p <= 4 ? "Extra time \(p - 2)" : "Penalties"
        case .volleyball: return "Set \(p)"
        case .snooker: return "Frame \(p)"
        case .other: return "Period \(p)"
        }
    }

    /// The provider's status as a banner: a collection status other than collecting live (with its reason),
    /// a fixture status outside the ordinary course (Suspended, Abandoned, …), a packet collected offline.
    static func providerBanner(_ p: ProviderStatus) -> String? {
        var parts: [String] = []
        if let c = p.collectionNews {
            var text = ProviderStatus.words(TextSafety.clean(c, limit: 30)).uppercased()
            if let reason = p.reason { text += ": " + TextSafety.clean(reason, limit: 60) }
            parts.append(text)
        }
        if let s = p.fixtureStatusNews, !(p.collectionNews.map { ActionName.fold($0).contains(ActionName.fold(s)) } ?? false) {
            parts.append("MATCH " + TextSafety.clean(s, limit: 20).uppercased())
        }
        if p.isDelayed { parts.append("DELAYED: COLLECTED OFFLINE") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The overview's one-character mark for the provider's status: `‖` for a collection or fixture status
    /// that is news, `~` for a packet collected offline; nil when there is nothing to say.
    static func providerMark(_ p: ProviderStatus) -> String? {
        if p.collectionNews != nil || p.fixtureStatusNews != nil { return "‖" }
        return p.isDelayed ? "~" : nil
    }

    /// The dot and its role for a fixture's health: the connection first, then the match.
    static func health(_ f: FixtureState) -> (String, Role, String) {
        switch f.connection {
        case .failed(let reason): return ("●", .failed, "failed: " + reason)
        case .stale: return ("●", .stale, "stale")
        // "try N" of this spell of reconnecting: "(N)" was read against the panel's count of spells, one more.
        case .reconnecting(let attempt, _): return ("◌", .reconnecting, "reconnecting, try \(attempt)")
        case .connecting: return ("○", .scheduled, "connecting")
        case .authenticating: return ("○", .scheduled, "authenticating")
        case .finished:
            // The stream ended; the match only if it says so (a recording cut short said "finished" at 0 : 0).
            if f.log.status == .finished { return ("●", .finished, "finished") }
            return ("○", .scheduled, f.replay == nil ? "stream ended" : "recording ended")
        case .live:
            switch f.log.status {
            case .finished: return ("●", .finished, "finished")
            case .suspended: return ("●", .stale, "suspended")
            case .scheduled: return ("○", .live, "waiting for start")
            case .live: return ("●", .live, "live")
            }
        }
    }

    /// The provider's documented heartbeat interval: a live stream's frames come at least this often.
    static let heartbeatInterval = 10.0

    static func age(_ seconds: Double) -> String {
        seconds < 0 ? "now" : span(seconds) + " ago"
    }

    /// "4.5 s", "42 s", "3 min", "2 h", "10 d": how long ago, or how long until.
    static func span(_ seconds: Double) -> String {
        if seconds < 10 { return String(format1(seconds)) + " s" }
        if seconds < 120 { return "\(whole(seconds)) s" }
        if seconds < 7200 { return "\(whole(seconds / 60)) min" }
        if seconds < 172_800 { return "\(whole(seconds / 3600)) h" }
        return "\(whole(seconds / 86_400)) d"
    }

    /// A latency: "850 ms" while milliseconds read well, then as a span ("42 s", "10 d"). In milliseconds, a
    /// recording from ten days before, served on loopback, read "900487179 ms" and cut the p95 off the panel.
    static func latency(_ ms: Double) -> String {
        if abs(ms) < 10_000 { return "\(whole(ms)) ms" }
        return (ms < 0 ? "-" : "") + span(abs(ms) / 1000)
    }

    static func format1(_ x: Double) -> String {
        let tenths = whole((x * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// "01:23:45"; held below 10,000 hours, past which a clock is no clock.
    static func hms(_ t: Double) -> String {
        let s = min(max(0, whole(t)), 10_000 * 3600 - 1)
        func p(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(p(s / 3600)):\(p(s / 60 % 60)):\(p(s % 60))"
    }

    /// "45s", "2m", "1m30s".
    static func duration(_ seconds: Double) -> String {
        let s = whole(seconds.rounded())
        if s < 60 { return "\(s)s" }
        return s % 60 == 0 ? "\(s / 60)m" : "\(s / 60)m\(s % 60)s"
    }

    /// "10×", "0.5×", and a factor past 100,000 by its power of ten ("1e9×", the one-thread path of the
    /// benchmarks): 1e308 read 1000000000000000×.
    static func speed(_ s: Double?) -> String {
        guard let s, s.isFinite || s.isNaN else { return "max" }
        if s >= 1e5 {
            // One decimal, rounded: multiplied up ten at a time and cut, 1,234,567 read "1e6×" and 1e300 "9e299×".
            var power = 0
            var mantissa = s
            while mantissa >= 10 { mantissa /= 10; power += 1 }
            mantissa = (mantissa * 10).rounded() / 10
            if mantissa >= 10 { mantissa /= 10; power += 1 }
            return (mantissa == mantissa.rounded() ? "\(whole(mantissa))" : "\(mantissa)") + "e\(power)×"
        }
        return s == s.rounded() ? "\(whole(s))×" : "\(s)×"
    }

    /// `Int(x)` for a label, clamped: `Int(_:)` traps on infinity, NaN and anything past `Int.max`, and a time
    /// on screen must never take the program down (a replay added at full speed once reached infinity).
    static func whole(_ x: Double) -> Int {
        x.isNaN ? 0 : Int(min(max(x, -1e15), 1e15))
    }
}
