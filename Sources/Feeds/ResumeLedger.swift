import LiveActions

/// What `startPosition` asks for on a reconnect: the number of distinct action messages held. A message the
/// server sends again (a server that ignores `startPosition`, or counts from 1) is recognised and not counted,
/// so the position never runs ahead of what the client has and a resume can never skip a message.
///
/// Counting: the provider skips "events", one per action message; a frame holding an array of messages is
/// counted message by message, and an action message that could not be used (or was too big to read) still
/// counts as one, because the server counted it when it sent it.
public struct ResumeLedger: Equatable, Sendable {
    /// `fixtureSeqNum` with `actionId`: a message sent again carries both unchanged.
    struct Key: Hashable, Sendable {
        var seq: Int
        var actionId: PackedText
    }

    var held: Set<Key> = []
    /// Messages known only as "one more" (unusable or unreadable): they have no identity to dedupe by.
    var opaque = 0

    public init() {}

    public var position: Int { held.count + opaque }

    /// Records a frame; returns how many of its messages were new.
    @discardableResult
    public mutating func record(_ frame: Frame) -> Int {
        guard case .actions(let messages, let invalid) = frame else { return 0 }
        var new = 0
        for m in messages where held.insert(Key(seq: m.action.seq, actionId: m.action.actionId)).inserted { new += 1 }
        opaque += invalid.count
        return new + invalid.count
    }

    /// A message that was skipped unread.
    public mutating func recordUnreadable() { opaque += 1 }
}
