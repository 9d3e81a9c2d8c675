import LiveActions

/// The sports Courtside knows the rules of; any other sport path scores generically.
public enum Sport: Equatable, Hashable, Sendable {
    case basketball, soccer, volleyball, snooker
    case other(String)

    /// From the URL sport path: `v2/volleyball` is volleyball, `football` is soccer.
    public init(path: String) {
        let last = path.split(separator: "/").last.map { ActionName.fold(String($0)) } ?? ""
        switch last {
        case "basketball": self = .basketball
        case "soccer", "football": self = .soccer
        case "volleyball": self = .volleyball
        case "snooker": self = .snooker
        default: self = .other(path)
        }
    }

    public var name: String {
        switch self {
        case .basketball: "basketball"
        case .soccer: "soccer"
        case .volleyball: "volleyball"
        case .snooker: "snooker"
        case .other(let path): path
        }
    }
}
