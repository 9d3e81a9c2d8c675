import LiveActions

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
    /// The collection status the newest "Status Updated" action gave, its reason, and that action's sequence
    /// number (to weigh it against the newest summary's; see `MatchLog.provider`).
    public var collection: String?
    public var collectionReason: String?
    public var collectionSeq = -1
    public var fixtureStatus: String?

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
        // Period 0 is before the match. Once a period has begun, an action in period 0 is administrative (the
        // provider's "Status Updated" says `"period":0,"clockTime":"00:00"` mid-play) and tells neither the period
        // nor the clock: taken, a suspended match read "period 0, 00:00" to its last line.
        if action.period != 0 || (period ?? 0) == 0 {
            if let p = action.period, kind != .endFixture { period = p }
            if let c = action.clockTime, !c.isEmpty { clock = c }
        }
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
        case .statusUpdated:
            // The status is in `metadata` as numbers of the documented enumerations, the reason as text.
            let m = action.metadata
            let reason = m["collectionStatusReason"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            if let c = ProviderStatus.name(m["collectionStatus"], in: ProviderStatus.collectionNames) {
                collection = c
                collectionReason = reason
            } else if let reason {
                collectionReason = reason
            }
            fixtureStatus = ProviderStatus.name(m["fixtureStatus"], in: ProviderStatus.fixtureStatusNames) ?? fixtureStatus
            collectionSeq = action.seq
        default:
            break
        }
        detail.apply(action, kind: kind)
    }
}

extension Action {
    /// A numeric `metadata` value, such as snooker's `points`.
    func metadataInt(_ key: String) -> Int? {
        metadata[key]?.intValue.flatMap { (0...1000).contains($0) ? $0 : nil }
    }
}
