import LiveActions

/// Whether the match is over, from the stream alone: a message or summary that says `finished`, or a counted
/// End Match (type 5, "End Fixture"/"End Match") that no later version withdrew. The provider may end a stream
/// without ever sending `finished: true`; after the end, a normal close is the end of the fixture, not a drop.
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

    static func isEndOfMatch(_ a: Action) -> Bool {
        if let id = a.typeId { return id == 5 }
        let name = ActionName.fold(a.type)
        return name == "endmatch" || name == "endfixture"
    }
}
