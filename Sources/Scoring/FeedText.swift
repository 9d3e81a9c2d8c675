import LiveActions

extension ActionEntry {
    /// The action as one readable line: "45:00 Yellow Card · Amadeo Tessitori (FC Groningen)".
    /// Text from the feed is made safe for a terminal here, once, so no escape sequence can reach the screen.
    public var text: String {
        var s = ""
        if let clock = action.clockTime, !clock.isEmpty { s += TextSafety.clean(clock, limit: 12) + " " }
        s += TextSafety.clean(action.type, limit: 40)
        if let sub = action.subType, !sub.isEmpty { s += " (" + TextSafety.clean(sub, limit: 30) + ")" }
        if let player = action.player?.name, !player.isEmpty { s += " · " + TextSafety.clean(player, limit: 40) }
        if let team = action.team?.name, !team.isEmpty, team != action.player?.name { s += " (" + TextSafety.clean(team, limit: 40) + ")" }
        return s
    }

    /// How the feed marks the action: pending, withdrawn, corrected.
    public var mark: String {
        switch action.sendType {
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

extension ActionKind {
    /// Actions whose line in a feed gives the score away; spoiler-free mode hides them.
    public var revealsScore: Bool {
        switch self {
        case .twoPointsMade, .threePointsMade, .freeThrowMade, .goal, .ownGoal, .point, .pot, .frameWon, .videoCheckResult: true
        default: false
        }
    }
}

extension ActionEntry {
    /// The line with the score hidden: the clock stays, what happened does not.
    public var spoilerFreeText: String {
        guard kind.revealsScore else { return text }
        var s = ""
        if let clock = action.clockTime, !clock.isEmpty { s += TextSafety.clean(clock, limit: 12) + " " }
        return s + "score hidden"
    }
}
