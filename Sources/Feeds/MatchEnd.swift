import LiveActions
import Scoring

/// Whether the match is over, from the stream alone: a message or summary that says `finished`, or a counted
/// End Match (type 5, "End Fixture"/"End Match") that no later version withdrew. The provider may end a stream
/// without ever sending `finished: true`; after the end, the stream's end is the fixture's, once a check-back
/// connection has shown that nothing was withdrawn meanwhile.
public struct MatchEnd: Equatable, Sendable {
    public private(set) var saidFinished = false
    /// The End Match actions seen, by actionId, and whether each currently counts.
    var endActions: [PackedText: Bool] = [:]
    /// Whether the newest summary's status says the fixture is over (`Completed`, `Abandoned`, a collection
    /// completed or dropped) when no message said `finished`: such a match closed normally was reconnected to for
    /// ever, and `watch --headless` never ended. Like an End Match, the stream's end after it is checked once.
    public private(set) var summarySaysOver = false

    public init() {}

    public var isOver: Bool { saidFinished || summarySaysOver || endActions.values.contains(true) }

    public mutating func record(_ frame: Frame) {
        guard case .actions(let messages, _) = frame else { return }
        for m in messages {
            if m.finished || m.summary?.finished == true { saidFinished = true }
            if let summary = m.summary { summarySaysOver = Self.isTerminal(status: summary.status, collection: summary.collection) }
            if Self.isEndOfMatch(m.action) || endActions[m.action.actionId] != nil {
                endActions[m.action.actionId] = Self.isEndOfMatch(m.action) && m.action.sendType.standing == .counted
            }
        }
    }

    static func isTerminal(status: String?, collection: String?) -> Bool {
        MatchStatus.saysOver(status: status, collection: collection) == true
    }

    /// As the score decides it (`ActionKind`: the name first, a documented id for a name it does not know):
    /// checked by its id first here, an "End Match" with another id ended the match on screen while the feed
    /// reconnected for ever.
    static func isEndOfMatch(_ a: Action) -> Bool {
        ActionKind(type: a.type, typeId: a.typeId) == .endFixture
    }
}
