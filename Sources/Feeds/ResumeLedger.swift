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
    /// Messages known only as "one more" (unusable or unreadable).
    var opaque = 0
    /// The unusable messages' identities (their frame's bytes and place in it), so that one sent again is not
    /// counted again: a server that resends the message before the cut (counting from 1) would otherwise push the
    /// position one past what it sent, and the next resume would skip a message.
    var opaqueSeen: Set<Int> = []
    /// The newest message recorded (new or not), as an identity: a message too big to read is known by the one
    /// before it, so that a server that sends everything again does not have it counted on every connection.
    var newest = 0

    public init() {}

    public var position: Int { held.count + opaque }

    /// Records a frame; returns how many of its messages were new. `identity`: a hash of the frame's bytes, which
    /// tells an unusable message sent again from a new one (without, each counts).
    @discardableResult
    public mutating func record(_ frame: Frame, identity: Int? = nil) -> Int {
        guard case .actions(let messages, let invalid) = frame else { return 0 }
        var new = 0
        for m in messages {
            let key = Key(seq: m.action.seq, actionId: m.action.actionId)
            if held.insert(key).inserted { new += 1 }
            newest = key.hashValue
        }
        for k in invalid.indices {
            if identity.map({ opaqueSeen.insert($0 &+ k).inserted }) ?? true {
                opaque += 1
                new += 1
            }
            newest = identity.map { $0 &+ k } ?? newest &* 31 &+ 1
        }
        return new
    }

    /// A message that was skipped unread; false when it is the one already counted after the same message.
    @discardableResult
    public mutating func recordUnreadable() -> Bool {
        newest = newest &* 31 &+ 0x5EED
        guard opaqueSeen.insert(newest).inserted else { return false }
        opaque += 1
        return true
    }
}
