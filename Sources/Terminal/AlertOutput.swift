import LiveActions
import Scoreboard

/// How the shell voices alerts (`--quiet`, `--notify`).
public struct AlertSettings: Sendable {
    public enum Notify: String, Sendable, CaseIterable {
        /// `OSC 777;notify;title;body` (foot, Ghostty, VTE terminals, WezTerm, rxvt with its extension).
        case osc777
        /// `OSC 9;body` (iTerm2, Windows Terminal, kitty, WezTerm).
        case osc9
    }

    public var quiet = false
    public var notify: Notify?
    /// The kinds that alert (all unless the config file's `alerts` names some).
    public var kinds: Set<Alert.Kind> = Set(Alert.Kind.allCases)
    /// Seconds an overview row stays highlighted after an alert.
    public var highlightSeconds = 2.0
    /// At most one bell (and one notification) per this many seconds: a fast replay must not buzz.
    public var minimumGap = 1.0

    public init(quiet: Bool = false, notify: Notify? = nil, kinds: Set<Alert.Kind> = Set(Alert.Kind.allCases)) {
        self.quiet = quiet
        self.notify = notify
        self.kinds = kinds
    }

    /// The escape sequence for a desktop notification. The text is already through `TextSafety.clean`; control
    /// characters are dropped once more, and `;` (the field separator of OSC 777) becomes `,`.
    public static func notification(_ text: String, style: Notify) -> [UInt8] {
        let safe = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }))
            .replacingSemicolons()
        switch style {
        case .osc777: return Array("\u{1B}]777;notify;Courtside;\(safe)\u{07}".utf8)
        case .osc9: return Array("\u{1B}]9;\(safe)\u{07}".utf8)
        }
    }
}

extension String {
    func replacingSemicolons() -> String {
        String(map { $0 == ";" ? "," : $0 })
    }
}

/// The shell's side of alerts: which rows are highlighted until when, and what is still to be written after
/// the next frame. Wall-clock times, so a fast replay does not shorten the highlight.
struct AlertVoice {
    var settings: AlertSettings
    var highlightUntil: [FixtureRef: Double] = [:]
    var bellDue = false
    var notificationDue: String?
    var lastBell = -Double.infinity
    /// Notifications that came within a gap, said together once it is over: only the last of a batch was said, and
    /// none within a second of the one before (a basket on the buzzer, then the end of the quarter: the basket lost).
    var held: [String] = []
    static let heldAtMost = 3

    init(settings: AlertSettings) { self.settings = settings }

    mutating func take(_ alerts: [Alert], now: Double, state: inout AppState) {
        guard !settings.quiet, !alerts.isEmpty else { return }
        for a in alerts {
            highlightUntil[a.fixture] = now + settings.highlightSeconds
            state.highlighted.insert(a.fixture)
        }
        if settings.notify != nil {
            for text in alerts.map(\.text) where !held.contains(text) { held.append(text) }
            if held.count > Self.heldAtMost { held.removeFirst(held.count - Self.heldAtMost) }
        }
        ring(now: now, owed: true)
    }

    /// Rings (and notifies what is held) unless the last ring was within the gap; `owed`: a new alert asks for it.
    private mutating func ring(now: Double, owed: Bool) {
        guard owed || !held.isEmpty, now - lastBell >= settings.minimumGap else { return }
        bellDue = true
        lastBell = now
        if !held.isEmpty {
            notificationDue = held.joined(separator: " · ")
            held.removeAll()
        }
    }

    /// Drops highlights whose time is up and says what was held once the gap is over; true when the screen must be
    /// drawn (the sound goes out after a frame).
    mutating func expire(now: Double, state: inout AppState) -> Bool {
        let done = highlightUntil.filter { $0.value <= now }.map(\.key)
        for ref in done {
            highlightUntil[ref] = nil
            state.highlighted.remove(ref)
        }
        let hadHeld = !held.isEmpty
        ring(now: now, owed: false)
        return !done.isEmpty || (hadHeld && held.isEmpty)
    }

    var nextExpiry: Double? {
        let highlight = highlightUntil.values.min()
        guard !held.isEmpty else { return highlight }
        return min(highlight ?? .infinity, lastBell + settings.minimumGap)
    }

    /// What to write to the terminal now (after a frame), and forget it.
    mutating func output() -> [UInt8] {
        var bytes: [UInt8] = []
        if bellDue { bytes.append(0x07) }
        if let text = notificationDue, let style = settings.notify { bytes += AlertSettings.notification(text, style: style) }
        bellDue = false
        notificationDue = nil
        return bytes
    }
}
