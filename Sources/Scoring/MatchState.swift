import LiveActions

/// A pair of numbers, one per side.
public struct Score: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var home: Int
    public var away: Int
    public init(_ home: Int = 0, _ away: Int = 0) {
        self.home = home
        self.away = away
    }

    public subscript(isHome: Bool) -> Int {
        get { isHome ? home : away }
        set { if isHome { home = newValue } else { away = newValue } }
    }

    public var description: String { "\(home)-\(away)" }
}

public enum MatchStatus: String, Equatable, Sendable {
    case scheduled, live, suspended, finished
}

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

/// An RGB team colour from a "Team Colours" action.
public struct TeamColour: Equatable, Hashable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8
    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses "0, 38, 255"; anything else is no colour.
    public init?(_ text: String) {
        let parts = text.split(separator: ",").map { UInt8($0.trimmingSpaces) }
        guard parts.count == 3, let r = parts[0], let g = parts[1], let b = parts[2] else { return nil }
        self.init(r: r, g: g, b: b)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// What a fan sees of one match: the fold of every counted action, in order.
public struct MatchState: Equatable, Sendable {
    public var sport: Sport
    public var homeName: String?
    public var awayName: String?
    public var homeColour: TeamColour?
    public var awayColour: TeamColour?
    public var status: MatchStatus = .scheduled
    public var period: Int?
    public var clock: String?
    public var clockRunning = false
    /// A video check or a delay, shown until play resumes.
    public var banner: String?
    public var homeInPossession: Bool?
    public var detail: SportDetail

    public init(sport: Sport, homeName: String? = nil, awayName: String? = nil) {
        self.sport = sport
        self.homeName = homeName
        self.awayName = awayName
        self.detail = SportDetail(sport)
    }

    /// Points (basketball), goals (soccer), sets (volleyball), frames (snooker).
    public var headline: Score { detail.headline }

    /// Folds one counted action into the state.
    public mutating func apply(_ action: Action, kind: ActionKind) {
        if let p = action.period, kind != .endFixture { period = p }
        if let c = action.clockTime, !c.isEmpty { clock = c }
        if let isHome = action.team?.isHome, let name = action.team?.name, !name.isEmpty {
            if isHome, homeName == nil { homeName = name }
            if !isHome, awayName == nil { awayName = name }
        }
        switch kind {
        case .teamColours:
            if let c = action.metadata["homeTeamColour"]?.stringValue.flatMap(TeamColour.init) { homeColour = c }
            if let c = action.metadata["awayTeamColour"]?.stringValue.flatMap(TeamColour.init) { awayColour = c }
        case .startFixture:
            status = .live
        case .endFixture:
            status = .finished
            clockRunning = false
            banner = nil
        case .startPeriod:
            if status != .finished { status = .live }
            banner = nil
        case .endPeriod:
            clockRunning = false
        case .startClock:
            clockRunning = true
            if status == .suspended || status == .scheduled { status = .live }
            banner = nil
        case .stopClock:
            clockRunning = false
        case .videoCheck:
            banner = "VIDEO CHECK" + (action.subType.map { ": \($0)" } ?? "")
        case .videoCheckResult:
            banner = nil
        case .matchDelayed:
            banner = "MATCH DELAYED" + (action.subType.map { ": \($0)" } ?? "")
            if status == .live { status = .suspended }
        case .playStopped:
            banner = "PLAY STOPPED" + (action.subType.map { ": \($0)" } ?? "")
        case .possession:
            homeInPossession = action.team?.isHome
        default:
            break
        }
        detail.apply(action, kind: kind)
    }
}

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
        // Each case first leaves `self` holding an empty value, so that the payload's arrays are uniquely
        // referenced while they change and are not copied on every action.
        switch self {
        case .basketball(var s): self = .generic(Generic()); s.apply(action, kind: kind); self = .basketball(s)
        case .soccer(var s): self = .generic(Generic()); s.apply(action, kind: kind); self = .soccer(s)
        case .volleyball(var s): self = .generic(Generic()); s.apply(action, kind: kind); self = .volleyball(s)
        case .snooker(var s): self = .generic(Generic()); s.apply(action, kind: kind); self = .snooker(s)
        case .generic(var s): self = .generic(Generic()); s.apply(action, kind: kind); self = .generic(s)
        }
    }

    /// The detail as JSON, for `--headless`.
    public var json: JSONObject {
        switch self {
        case .basketball(let s): s.json
        case .soccer(let s): s.json
        case .volleyball(let s): s.json
        case .snooker(let s): s.json
        case .generic(let s): s.json
        }
    }
}

/// Scores per period, in period order; grows as periods appear.
public struct PeriodScores: Equatable, Sendable {
    public private(set) var periods: [Int] = []
    public private(set) var scores: [Score] = []

    public init() {}

    public subscript(period: Int) -> Score {
        get { periods.firstIndex(of: period).map { scores[$0] } ?? Score() }
        set {
            if let i = periods.firstIndex(of: period) {
                scores[i] = newValue
            } else {
                let i = periods.firstIndex(where: { $0 > period }) ?? periods.count
                periods.insert(period, at: i)
                scores.insert(newValue, at: i)
            }
        }
    }

    public var json: JSONValue {
        .array(zip(periods, scores).map { p, s in ["period": .number(Double(p)), "home": .number(Double(s.home)), "away": .number(Double(s.away))] })
    }
}

extension Action {
    /// A numeric `metadata` value, such as snooker's `points`.
    func metadataInt(_ key: String) -> Int? {
        metadata[key]?.intValue.flatMap { (0...1000).contains($0) ? $0 : nil }
    }
}
