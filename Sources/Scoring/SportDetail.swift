import LiveActions

/// The per-sport part of the state.
public enum SportDetail: Equatable, Sendable {
    case basketball(Basketball)
    case soccer(Soccer)
    case volleyball(Volleyball)
    case snooker(Snooker)
    case generic(Generic)

    public init(_ sport: Sport) {
        switch sport {
        case .basketball: self = .basketball(Basketball())
        case .soccer: self = .soccer(Soccer())
        case .volleyball: self = .volleyball(Volleyball())
        case .snooker: self = .snooker(Snooker())
        case .other: self = .generic(Generic())
        }
    }

    public var headline: Score {
        switch self {
        case .basketball(let s): s.points
        case .soccer(let s): s.goalsScore
        case .volleyball(let s): s.setsWon
        case .snooker(let s): s.framesWon
        case .generic(let s): s.points
        }
    }

    public mutating func apply(_ action: Action, kind: ActionKind) {
        // `self` is moved into the case's payload and back, so that the payload's arrays are uniquely referenced
        // while they change and are not copied on every action (and no placeholder is made and destroyed).
        switch consume self {
        case .basketball(var s): s.apply(action, kind: kind); self = .basketball(s)
        case .soccer(var s): s.apply(action, kind: kind); self = .soccer(s)
        case .volleyball(var s): s.apply(action, kind: kind); self = .volleyball(s)
        case .snooker(var s): s.apply(action, kind: kind); self = .snooker(s)
        case .generic(var s): s.apply(action, kind: kind); self = .generic(s)
        }
    }

    /// The detail's fields, written into the `--headless` line's score object.
    public func writeJSON(to w: inout JSONWriter) {
        switch self {
        case .basketball(let s): s.writeJSON(to: &w)
        case .soccer(let s): s.writeJSON(to: &w)
        case .volleyball(let s): s.writeJSON(to: &w)
        case .snooker(let s): s.writeJSON(to: &w)
        case .generic(let s): s.writeJSON(to: &w)
        }
    }
}
