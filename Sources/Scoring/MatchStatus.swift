import LiveActions

public enum MatchStatus: String, Equatable, Sendable {
    case scheduled, live, suspended, finished
}
