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

/// Strings from the wire are untrusted: control characters (ESC, CR, BEL, C1 controls, bidi overrides)
/// are replaced so that nothing from the feed can move the cursor or recolour the terminal.
public enum TextSafety {
    public static func clean(_ text: String, limit: Int = 80) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out += "…"
                break
            }
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x200E || v == 0x200F || v == 0xFEFF {
                out += v == 0x09 || v == 0x0A || v == 0x0D ? " " : "\u{FFFD}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}
