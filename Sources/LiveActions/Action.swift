/// How a version of an action relates to the ones before it (`sendType` / `sendTypeId`).
public enum SendType: Equatable, Hashable, Sendable {
    case pending, updated, cancelled, deleted, confirmed, restored
    /// A send type this build does not know; kept so the feed can show it, counted like `confirmed`.
    case unknown(String)

    public init(id: Int?, name: String?) {
        switch id {
        case 1: self = .pending
        case 2: self = .updated
        case 3: self = .cancelled
        case 4: self = .deleted
        case 5: self = .confirmed
        case 6: self = .restored
        default:
            switch name.map(ActionName.fold) {
            case "pending": self = .pending
            case "updated": self = .updated
            case "cancelled", "canceled": self = .cancelled
            case "deleted": self = .deleted
            case "confirmed", nil: self = .confirmed
            case "restored": self = .restored
            case let other?: self = .unknown(other)
            }
        }
    }

    public var id: Int? {
        switch self {
        case .pending: 1
        case .updated: 2
        case .cancelled: 3
        case .deleted: 4
        case .confirmed: 5
        case .restored: 6
        case .unknown: nil
        }
    }

    public var name: String {
        switch self {
        case .pending: "Pending"
        case .updated: "Updated"
        case .cancelled: "Cancelled"
        case .deleted: "Deleted"
        case .confirmed: "Confirmed"
        case .restored: "Restored"
        case .unknown(let s): s
        }
    }

    /// What the latest version of an action means for the score.
    public var standing: Standing {
        switch self {
        case .pending: .pending
        case .cancelled, .deleted: .withdrawn
        case .updated, .confirmed, .restored, .unknown: .counted
        }
    }

    public enum Standing: Equatable, Sendable { case pending, counted, withdrawn }
}

public struct TeamRef: Equatable, Hashable, Sendable {
    public var isHome: Bool?
    public var id: String?
    public var name: String?
    public init(isHome: Bool?, id: String? = nil, name: String? = nil) {
        self.isHome = isHome
        self.id = id
        self.name = name
    }
}

public struct PlayerRef: Equatable, Hashable, Sendable {
    public var id: String?
    public var name: String?
    public init(id: String? = nil, name: String? = nil) {
        self.id = id
        self.name = name
    }
}

/// One version of one action (`fixtureAction`). Everything but the sequence number is optional on the wire.
public struct Action: Equatable, Hashable, Sendable {
    /// Kept packed (see `PackedText`), as are `timestamp` and the message's `traceId`.
    public var actionId: PackedText
    public var fixtureId: String?
    public var seq: Int
    public var timelineSequence: Double?
    public var timestamp: PackedText?
    public var period: Int?
    public var clockTime: String?
    public var sendType: SendType
    public var type: String
    public var typeId: Int?
    public var subType: String?
    public var subTypeId: Int?
    public var team: TeamRef?
    public var player: PlayerRef?
    public var related: [String]
    public var metadata: JSONObject
    /// `delayStatus`: set on packets collected offline (scorer disconnected) and sent late. The values are
    /// undocumented for Live Actions, so any non-empty value means "delayed". Also read from the top level.
    public var delayStatus: String?
    /// The type of this action's period as its message's `fixtureSummary` names it ("Regular", "Shootout", …);
    /// filled in from the envelope by `MatchLog`, nil when the message said nothing about the period.
    public var periodType: String?

    public init(
        actionId: PackedText, fixtureId: String? = nil, seq: Int, timelineSequence: Double? = nil,
        timestamp: PackedText? = nil, period: Int? = nil, clockTime: String? = nil, sendType: SendType = .confirmed,
        type: String, typeId: Int? = nil, subType: String? = nil, subTypeId: Int? = nil,
        team: TeamRef? = nil, player: PlayerRef? = nil, related: [String] = [], metadata: JSONObject = JSONObject(),
        delayStatus: String? = nil, periodType: String? = nil
    ) {
        self.actionId = actionId
        self.fixtureId = fixtureId
        self.seq = seq
        self.timelineSequence = timelineSequence
        self.timestamp = timestamp
        self.period = period
        self.clockTime = clockTime
        self.sendType = sendType
        self.type = type
        self.typeId = typeId
        self.subType = subType
        self.subTypeId = subTypeId
        self.team = team
        self.player = player
        self.related = related
        self.metadata = metadata
        self.delayStatus = delayStatus
        self.periodType = periodType
    }

    /// The packet was collected offline and sent late.
    public var isDelayed: Bool { delayStatus.map { !$0.isEmpty } ?? false }

    /// An action with nothing in it, to be filled in place or to take the place of one moved out: its strings
    /// are empty and hold no memory.
    public static var empty: Action { Action(nothing: ()) }

    /// Every field set here, not passed in: made through the memberwise initializer, an empty action was built,
    /// copied and the first one destroyed, three times per message.
    private init(nothing: ()) {
        actionId = .empty
        seq = -1
        sendType = .confirmed
        type = ""
        related = []
        metadata = JSONObject()
    }
}

/// One period line of the provider's own summary.
public struct SummaryPeriod: Equatable, Hashable, Sendable {
    public var id: Int?
    public var label: String?
    public var home: Int?
    public var away: Int?
    /// "Regular", "Shootout", …
    public var type: String?
    public init(id: Int? = nil, label: String? = nil, home: Int? = nil, away: Int? = nil, type: String? = nil) {
        self.id = id
        self.label = label
        self.home = home
        self.away = away
        self.type = type
    }
}

/// The provider's running summary (`fixtureSummary`), kept only to cross-check the derived score.
public struct FixtureSummary: Equatable, Hashable, Sendable {
    public var home: Int?
    public var away: Int?
    public var period: Int?
    public var clockTime: String?
    public var clockState: String?
    /// `currentStatus`: "Scheduled", "Live", "Suspended", … (the full list is undocumented).
    public var status: String?
    /// `collectionStatus`: "CollectionScheduled", "CollectingLive", "CollectingPostMatch", "CollectionSuspended",
    /// "CollectionDropped", "CollectionCompleted", "PostMatchChecked".
    public var collection: String?
    /// `reason`, when the summary gives one for its status.
    public var reason: String?
    public var finished: Bool?
    public var periods: [SummaryPeriod]
    public init(
        home: Int? = nil, away: Int? = nil, period: Int? = nil, clockTime: String? = nil, clockState: String? = nil,
        status: String? = nil, collection: String? = nil, reason: String? = nil, finished: Bool? = nil,
        periods: [SummaryPeriod] = []
    ) {
        self.home = home
        self.away = away
        self.period = period
        self.clockTime = clockTime
        self.clockState = clockState
        self.status = status
        self.collection = collection
        self.reason = reason
        self.finished = finished
        self.periods = periods
    }

    /// The type the summary gives the period `id` (the current period when `id` is nil).
    public func periodType(of id: Int?) -> String? {
        guard let id = id ?? period else { return nil }
        return periods.first { $0.id == id }?.type
    }
}

/// A data packet: one action version plus the envelope around it.
public struct ActionMessage: Equatable, Hashable, Sendable {
    public var traceId: PackedText?
    public var version: Int?
    public var finished: Bool
    public var action: Action
    public var summary: FixtureSummary?
    public init(traceId: PackedText? = nil, version: Int? = nil, finished: Bool = false, action: Action, summary: FixtureSummary? = nil) {
        self.traceId = traceId
        self.version = version
        self.finished = finished
        self.action = action
        self.summary = summary
    }

    /// A message with an empty action, to be filled in place: made field by field, as `Action.empty` is.
    public static var empty: ActionMessage { ActionMessage(nothing: ()) }

    private init(nothing: ()) {
        finished = false
        action = .empty
    }
}

/// Action type and send type names are matched case-insensitively with spaces and punctuation folded.
public enum ActionName {
    /// Whether the folded name `text` holds `word` (lower case): `String.contains` built a search table for
    /// every call, and a soccer fold asked it several times per action.
    public static func contains(_ text: String, _ word: StaticString) -> Bool {
        guard word.utf8CodeUnitCount > 0 else { return true }
        var text = text
        return text.withUTF8 { FrameDecoder.containsFolded($0, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)) }
    }

    public static func fold(_ name: String) -> String {
        let utf8 = name.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            return String(unsafeUninitializedCapacity: utf8.count) { buffer in
                var n = 0
                for b in utf8 {
                    switch b {
                    case 0x30...0x39, 0x61...0x7A: buffer[n] = b; n += 1
                    case 0x41...0x5A: buffer[n] = b + 32; n += 1
                    default: break
                    }
                }
                return n
            }
        }
        var out = ""
        for scalar in name.unicodeScalars where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            out.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return out
    }
}
