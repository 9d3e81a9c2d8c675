import LiveActions
@testable import Scoring

/// Builds action messages for tests with as little noise as possible.
struct Msg {
    var seq = 0

    mutating func make(
        _ type: String, team: Bool? = nil, id: String? = nil, send: SendType = .confirmed, sub: String? = nil,
        period: Int? = nil, clock: String? = nil, player: String? = nil, metadata: JSONObject = [:],
        finished: Bool = false, summary: FixtureSummary? = nil, related: [String] = [], delay: String? = nil,
        typeId: Int? = nil
    ) -> ActionMessage {
        seq += 1
        let action = Action(
            actionId: PackedText(id ?? "a\(seq)"), seq: seq, period: period, clockTime: clock, sendType: send, type: type,
            typeId: typeId, subType: sub, team: team.map { TeamRef(isHome: $0, name: $0 ? "Home FC" : "Away FC") },
            player: player.map { PlayerRef(id: $0, name: $0) }, related: related, metadata: metadata, delayStatus: delay)
        return ActionMessage(finished: finished, action: action, summary: summary)
    }
}

func fold(_ sport: Sport, _ messages: [ActionMessage]) -> MatchLog {
    var log = MatchLog(sport: sport)
    for m in messages { log.apply(m) }
    return log
}
