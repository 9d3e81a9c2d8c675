import LiveActions
import Scoring

/// Something a fan wants to hear about: the shell rings the bell, highlights the overview row and, with
/// `--notify`, asks the terminal for a desktop notification.
public struct Alert: Equatable, Sendable {
    public enum Kind: String, Equatable, Hashable, Sendable, CaseIterable {
        case score, redCard = "red_card", periodEnd = "period_end", matchEnd = "match_end", videoCheck = "video_check"

        public var label: String {
            switch self {
            case .score: "score"
            case .redCard: "red card"
            case .periodEnd: "end of period"
            case .matchEnd: "match over"
            case .videoCheck: "video check"
            }
        }
    }

    public var fixture: FixtureRef
    public var kind: Kind
    /// One line for a notification, through the control-character filter; no score while it is hidden.
    public var text: String

    public init(fixture: FixtureRef, kind: Kind, text: String) {
        self.fixture = fixture
        self.kind = kind
        self.text = text
    }
}

/// Which alerts a change of state brings, as a pure function of the state before and after. Only the fixtures
/// a fan is watching alert: the focused one and the favourites'. A score change in a fixture whose score is
/// hidden (`--no-spoilers`) does not alert, since the bell alone would give it away.
public enum Alerts {
    public static func decide(old: AppState, new: AppState) -> [Alert] {
        var alerts: [Alert] = []
        for (i, f) in new.fixtures.enumerated() {
            guard i == new.focus || new.isFavourite(i) else { continue }
            guard let j = old.index(of: f.ref) else { continue }
            let before = old.fixtures[j]
            // Replay restarts fold from nothing again: no alerts for going backwards.
            guard f.frames > before.frames, f.log.messageCount >= before.log.messageCount else { continue }
            let hidden = new.hidesScore(f)
            func add(_ kind: Alert.Kind) { alerts.append(Alert(fixture: f.ref, kind: kind, text: text(f, kind, hidden: hidden))) }
            let (m, b) = (f.match, before.match)
            // With the score hidden, nothing but the match's end rings past regulation (that play went on there is
            // the spoiler), and no period's end where how many were played tells the score (a fifth set is 2–2).
            let past = hidden && m.beyondRegulation
            if m.headline != b.headline, !hidden { add(.score) }
            if !past, case .soccer(let s) = m.detail, case .soccer(let t) = b.detail,
               s.redCards.home + s.redCards.away > t.redCards.home + t.redCards.away { add(.redCard) }
            if f.log.status == .finished, before.log.status != .finished {
                add(.matchEnd)
            } else if !past, !(hidden && m.sport.periodsTellTheScore), counted(.endPeriod, in: f) > counted(.endPeriod, in: before) {
                add(.periodEnd)
            }
            // Not with the score hidden: a video check is most often a goal's.
            if !hidden, m.banner?.hasPrefix("VIDEO CHECK") == true, b.banner?.hasPrefix("VIDEO CHECK") != true { add(.videoCheck) }
        }
        return alerts
    }

    static func counted(_ kind: ActionKind, in f: FixtureState) -> Int {
        f.log.entries.countCounted(kind)
    }

    static func text(_ f: FixtureState, _ kind: Alert.Kind, hidden: Bool) -> String {
        let home = TextSafety.clean(f.homeName, limit: 40), away = TextSafety.clean(f.awayName, limit: 40)
        let h = f.match.headline
        let match = hidden ? "\(home) v \(away)" : "\(home) \(h.home)–\(h.away) \(away)"
        return TextSafety.clean(kind.label.prefix(1).uppercased() + kind.label.dropFirst() + ": " + match, limit: 120)
    }
}

