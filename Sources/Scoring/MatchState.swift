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
    /// The clock reading, kept as its symbol: set by nearly every action, as a string it was retained and released
    /// each time, and again with every checkpoint taken.
    public var clock: String? {
        get { clockSymbol.string }
        set { clockSymbol = Symbol(newValue) }
    }
    var clockSymbol = Symbol.none
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
    /// Whether the newest "Status Updated" says the match is over (`MatchStatus.saysOver`); nil before one.
    public var statusSaysOver: Bool?
    /// The teams' ids, as the first action that gave a side named them: a team object without `homeTeam` (the
    /// provider's media-feed samples have some) takes its side from them, else from the names.
    var homeTeamId = Symbol.none
    var awayTeamId = Symbol.none
    /// Sides a flagged team name has confirmed (bit 1 home, bit 2 away): the names a header or a listing gave are
    /// checked against the feed's until then.
    var sidesConfirmed: UInt8 = 0
    /// Ids of side-less teams that neither an id nor a name placed when they were folded (a few at most), and
    /// whether a flagged action has since named one: the actions before it counted for nobody, and the log folds
    /// the match again knowing the side from the start (`MatchLog.placeLateSides`).
    var unplacedTeamIds: [Symbol] = []
    var sideLearnedLate = false

    public init(sport: Sport, homeName: String? = nil, awayName: String? = nil) {
        self.sport = sport
        self.homeName = homeName
        self.awayName = awayName
        self.detail = SportDetail(sport)
    }

    /// What an action with a side says of the teams: the first flagged name and id of each side, and a header's or
    /// listing's names swapped when the feed puts a name on the other side (they are a guess from the fixture's
    /// name or order; the feed's flag is not).
    private mutating func learnSide(_ isHome: Bool, of team: TeamSymbols) {
        if isHome ? homeTeamId.isNone : awayTeamId.isNone, !team.id.isNone {
            if isHome { homeTeamId = team.id } else { awayTeamId = team.id }
            if unplacedTeamIds.contains(team.id) { sideLearnedLate = true }
        }
        let bit: UInt8 = isHome ? 1 : 2
        guard sidesConfirmed & bit == 0, let name = team.name.string, !name.isEmpty else { return }
        sidesConfirmed |= bit
        if isHome ? (homeName == nil) : (awayName == nil) {
            if isHome { homeName = name } else { awayName = name }
        } else if name == (isHome ? awayName : homeName), name != (isHome ? homeName : awayName) {
            swap(&homeName, &awayName)
        }
    }

    /// The side of a team object without `homeTeam`: by an id a flagged action gave, else by the match's names.
    func side(of team: TeamSymbols) -> Bool? {
        if !team.id.isEmptyOrNone {
            if team.id == homeTeamId { return true }
            if team.id == awayTeamId { return false }
        }
        guard let name = team.name.string?.lowercased(), !name.isEmpty else { return nil }
        let home = homeName?.lowercased(), away = awayName?.lowercased()
        if name == home, name != away { return true }
        if name == away, name != home { return false }
        return nil
    }

    /// Points (basketball), goals (soccer), sets (volleyball), frames (snooker).
    public var headline: Score { detail.headline }

    /// Folds one counted action into the state.
    public mutating func apply(_ action: Action, kind: ActionKind) {
        if let team = action.teamSymbols, team.isHome == nil {
            if let side = side(of: team) {
                // Rare: the copy that carries the side is made only for a team that came without one.
                var sided = action
                sided.teamSymbols?.isHome = side
                return fold(sided, kind: kind)
            }
            if !team.id.isEmptyOrNone, unplacedTeamIds.count < 8, !unplacedTeamIds.contains(team.id) { unplacedTeamIds.append(team.id) }
        }
        fold(action, kind: kind)
    }

    /// The match's state before its first action, knowing the team ids `learned` has found for each side.
    func knowingSides(of learned: MatchState) -> MatchState {
        var s = self
        s.homeTeamId = learned.homeTeamId
        s.awayTeamId = learned.awayTeamId
        return s
    }

    private mutating func fold(_ action: Action, kind: ActionKind) {
        // Where the match is, period and clock, is not told by an administrative action (a "Status Updated", or
        // anything in period 0 once a period has begun: the provider's says `"period":0,"clockTime":"00:00"`
        // mid-play): taken, a suspended match read "period 0, 00:00" to its last line.
        // The period moves forward only (a late action of an earlier period, marked or not, sent the line back a
        // period with its fouls), and a later one moves it even when sent late (a scorer's batch sent after a
        // disconnection held the line in Q1 to the end); a late packet of this period leaves the clock alone.
        if kind != .statusUpdated, action.period != 0 || (period ?? 0) == 0 {
            let ahead = action.period.map { $0 > (period ?? -1) } ?? false
            let here = action.period == nil || action.period == period
            if ahead, kind != .endFixture, let p = action.period { period = p }
            if ahead || (here && !action.isDelayed), !action.clockSymbol.isEmptyOrNone { clockSymbol = action.clockSymbol }
        }
        if let team = action.teamSymbols, let isHome = team.isHome, sidesConfirmed & (isHome ? 1 : 2) == 0 { learnSide(isHome, of: team) }
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
            homeInPossession = action.teamIsHome
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
            statusSaysOver = MatchStatus.saysOver(status: fixtureStatus, collection: collection)
        default:
            // A point, a basket, a goal, a pot while the match stood delayed: play has resumed (volleyball and
            // snooker send no Start Clock, and stayed "suspended" to the end of the set or frame).
            if status == .suspended, kind.revealsScore, kind != .videoCheckResult {
                status = .live
                banner = nil
            }
        }
        detail.apply(action, kind: kind)
    }
}

extension Action {
    /// The period the action was played in; nil for none, or period 0 (before the match, or administrative).
    var periodOfPlay: Int? { period.flatMap { $0 > 0 ? $0 : nil } }

    /// A numeric `metadata` value, such as snooker's `points`.
    func metadataInt(_ key: String) -> Int? {
        metadata[key]?.intValue.flatMap { (0...1000).contains($0) ? $0 : nil }
    }
}
