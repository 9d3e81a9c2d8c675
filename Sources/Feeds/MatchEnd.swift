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

    public init() {}

    public var isOver: Bool { saidFinished || endActions.values.contains(true) }

    public mutating func record(_ frame: Frame) {
        guard case .actions(let messages, _) = frame else { return }
        for m in messages {
            if m.finished || m.summary?.finished == true { saidFinished = true }
            if Self.isEndOfMatch(m.action) || endActions[m.action.actionId] != nil {
                endActions[m.action.actionId] = Self.isEndOfMatch(m.action) && m.action.sendType.standing == .counted
            }
        }
    }

    /// As the score decides it (`ActionKind`: the name first, a documented id for a name it does not know):
    /// checked by its id first here, an "End Match" with another id ended the match on screen while the feed
    /// reconnected for ever.
    static func isEndOfMatch(_ a: Action) -> Bool {
        ActionKind(type: a.type, typeId: a.typeId) == .endFixture
    }
}
