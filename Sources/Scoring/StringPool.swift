import LiveActions

/// Shares one copy of each text that repeats across a match's actions: the fixture id, team and player ids
/// and names, type names. A full match keeps hundreds of actions, and without this each holds its own heap
/// copy of the same strings; with it a match takes about half the memory (see `courtside-bench`).
/// Strings of 15 UTF-8 bytes or fewer live inline in `String` and are left alone.
struct StringPool: Sendable {
    private var strings: Set<String> = []

    mutating func intern(_ s: inout String) {
        guard s.utf8.count > 15 else { return }
        s = strings.insert(s).memberAfterInsert
    }

    mutating func intern(_ s: inout String?) {
        guard var value = s, value.utf8.count > 15 else { return }
        intern(&value)
        s = value
    }

    /// Every repeating field of the action, in place; the action still compares equal to what arrived.
    mutating func intern(_ action: inout Action) {
        intern(&action.fixtureId)
        intern(&action.type)
        intern(&action.subType)
        if var team = action.team {
            intern(&team.id)
            intern(&team.name)
            action.team = team
        }
        if var player = action.player {
            intern(&player.id)
            intern(&player.name)
            action.player = player
        }
    }
}
