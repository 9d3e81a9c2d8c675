import LiveActions

extension ActionEntry {
    /// The action as one readable line: "45:00 Yellow Card · Amadeo Tessitori (FC Groningen)".
    /// Text from the feed is made safe for a terminal here, once, so no escape sequence can reach the screen.
    public var text: String { text(showingClock: true) }

    /// `text` as a feed shows it: with the score hidden in a sport whose clock tells it (`Sport.clockTellsTheScore`),
    /// without its clock.
    public func text(scoreHidden: Bool, in sport: Sport) -> String {
        text(showingClock: !(scoreHidden && sport.clockTellsTheScore))
    }

    /// `text`, without its clock when `showingClock` is false.
    func text(showingClock: Bool) -> String {
        var bytes: [UInt8] = []
        appendText(to: &bytes, showingClock: showingClock)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` as UTF-8, for the `--headless` line, which needs no `String` of it.
    public func appendText(to out: inout [UInt8], showingClock: Bool = true) {
        FeedLine.append(clock: showingClock ? action.clockSymbol : .none, type: action.typeSymbol, subType: action.subTypeSymbol,
                        player: action.playerSymbols?.name ?? .none, team: action.teamSymbols?.name ?? .none, to: &out)
    }

    /// How the feed marks the action: pending, withdrawn, corrected.
    public var mark: String { FeedLine.mark(action.sendType, wasPending: wasPending) }
}

/// An action's line in the feed, from its parts: an `ActionEntry` and its packed form in the log share it.
enum FeedLine {
    /// From the symbols (`none` for a part the action lacks): their bytes copied as they are when clean, with no
    /// `String` retained and checked for every line.
    static func append(clock: Symbol, type: Symbol, subType: Symbol, player: Symbol, team: Symbol, to out: inout [UInt8]) {
        if !clock.isEmptyOrNone {
            TextSafety.append(clock, limit: 12, to: &out)
            out.append(UInt8(ascii: " "))
        }
        TextSafety.append(type, limit: 40, to: &out)
        if !subType.isEmptyOrNone {
            out.append(contentsOf: " (".utf8)
            TextSafety.append(subType, limit: 30, to: &out)
            out.append(UInt8(ascii: ")"))
        }
        if !player.isEmptyOrNone {
            out.append(contentsOf: " · ".utf8)
            TextSafety.append(player, limit: 40, to: &out)
        }
        if !team.isEmptyOrNone, !SymbolTable.shared.sameString(team, player) {
            out.append(contentsOf: " (".utf8)
            TextSafety.append(team, limit: 40, to: &out)
            out.append(UInt8(ascii: ")"))
        }
    }

    static func mark(_ sendType: SendType, wasPending: Bool) -> String {
        switch sendType {
        case .pending: "PENDING"
        case .cancelled: "CANCELLED"
        case .deleted: "DELETED"
        case .updated: "UPDATED"
        case .restored: "RESTORED"
        case .confirmed: wasPending ? "CONFIRMED" : ""
        case .unknown(let s): TextSafety.clean(s, limit: 12).uppercased()
        }
    }
}

extension Sport {
    /// Whether how many periods were played tells the score: sets and frames go on until one side has won enough.
    public var periodsTellTheScore: Bool { self == .volleyball || self == .snooker }

    /// Whether the match clock tells the score: a soccer clock stops for a goal, and the shown lines' minutes
    /// falling behind real time told how many goals there were, and each one's minute.
    public var clockTellsTheScore: Bool { self == .soccer }

    /// The periods of regulation where play can go past them (overtime, extra time, a shoot-out: only a level
    /// score gets there); nil where it cannot.
    public var regulationPeriods: Int? {
        switch self {
        case .basketball: 4
        case .soccer: 2
        default: nil
        }
    }
}

extension MatchState {
    /// Overtime, extra time or a shoot-out: only a level score gets there.
    public var beyondRegulation: Bool {
        guard let p = period else { return false }
        if case .soccer(let s) = detail, s.shootoutPeriods.contains(p) { return true }
        return sport.regulationPeriods.map { p > $0 } ?? false
    }
}

extension ActionKind {
    /// Actions that score or settle a score (a point, a basket, a goal, a pot, a video check's result).
    public var revealsScore: Bool {
        switch self {
        case .twoPointsMade, .threePointsMade, .freeThrowMade, .goal, .ownGoal, .point, .pot, .frameWon, .videoCheckResult: true
        default: false
        }
    }
}

extension ActionEntry {
    /// Whether the feed leaves this line out while the score is hidden: all but what `toldWithTheScoreHidden`
    /// names, and anything past regulation (that the match went there is the spoiler). Left out, not marked:
    /// counting "score hidden" lines counted the goals.
    public func hiddenWithTheScore(in sport: Sport) -> Bool {
        if let p = action.period, let regulation = sport.regulationPeriods, p > regulation { return true }
        return !kind.toldWithTheScoreHidden(in: sport)
    }
}

extension ActionKind {
    /// The lines a feed shows while the score is hidden: those that neither score nor follow from a score, chosen
    /// sport by sport. Hiding only the scoring lines left their marks: a soccer goal's clock stop and start at its
    /// minute, a basket's change of possession with no rebound or steal before it (the score rebuilt to within three
    /// points), the shot of a snooker frame's loser last before it ended.
    public func toldWithTheScoreHidden(in sport: Sport) -> Bool {
        switch self {
        case .teamColours, .lineups, .startFixture, .endFixture, .matchDelayed, .statusUpdated, .substitutionIn, .substitutionOut:
            return true
        case .startPeriod, .endPeriod:
            return !sport.periodsTellTheScore
        case .timeout:
            // Not in volleyball: a timeout is called by the side that lost the rally before it.
            return sport == .basketball || sport == .soccer
        case .yellowCard, .redCard, .secondYellow, .corner:
            return sport == .soccer
        case .foul:
            return sport == .soccer || sport == .basketball
        default:
            return false
        }
    }
}
