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

    /// The standing of the send type whose id is `code` (0 for one this build does not know).
    @inlinable public static func standing(code: UInt8) -> Standing {
        switch code {
        case 1: .pending
        case 3, 4: .withdrawn
        default: .counted
        }
    }
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

/// A team as an action holds it: its id and name as symbols, so that copying an action counts no references.
public struct TeamSymbols: Equatable, Hashable, Sendable {
    public var isHome: Bool?
    public var id: Symbol
    public var name: Symbol
    public init(isHome: Bool?, id: Symbol = .none, name: Symbol = .none) {
        self.isHome = isHome
        self.id = id
        self.name = name
    }

    public init(_ team: TeamRef) { self.init(isHome: team.isHome, id: Symbol(team.id), name: Symbol(team.name)) }

    public var ref: TeamRef { TeamRef(isHome: isHome, id: id.string, name: name.string) }
}

/// A player as an action holds it (see `TeamSymbols`).
public struct PlayerSymbols: Equatable, Hashable, Sendable {
    public var id: Symbol
    public var name: Symbol
    public init(id: Symbol = .none, name: Symbol = .none) {
        self.id = id
        self.name = name
    }

    public init(_ player: PlayerRef) { self.init(id: Symbol(player.id), name: Symbol(player.name)) }

    public var ref: PlayerRef { PlayerRef(id: id.string, name: name.string) }
}

/// One version of one action (`fixtureAction`). Everything but the sequence number is optional on the wire.
///
/// The strings that repeat are kept as `Symbol`s (`typeSymbol`, `team`'s and `player`'s, …) and read as strings
/// through the properties named as the wire names them: the decoder, the log and the reducers pass actions by
/// value many times over, and as strings each pass retained and released them all.
public struct Action: Equatable, Hashable, Sendable {
    /// Kept packed (see `PackedText`), as are `timestamp` and the message's `traceId`.
    public var actionId: PackedText
    public var fixtureIdSymbol: Symbol
    public var seq: Int
    public var timelineSequence: Double?
    public var timestamp: PackedText?
    public var period: Int?
    public var clockSymbol: Symbol
    /// `SendType.id`; 0 for a send type this build does not know, named by `sendTypeName` (`none` otherwise).
    /// Set together, through `sendType` or `setSendType`, so that one send type has one form.
    public private(set) var sendTypeCode: UInt8
    public private(set) var sendTypeName: Symbol
    /// Never `none` once decoded.
    public var typeSymbol: Symbol
    public var typeId: Int?
    public var subTypeSymbol: Symbol
    public var subTypeId: Int?
    public var teamSymbols: TeamSymbols?
    public var playerSymbols: PlayerSymbols?
    public var related: [String]
    public var metadata: JSONObject
    public var delayStatusSymbol: Symbol
    public var periodTypeSymbol: Symbol

    public init(
        actionId: PackedText, fixtureId: String? = nil, seq: Int, timelineSequence: Double? = nil,
        timestamp: PackedText? = nil, period: Int? = nil, clockTime: String? = nil, sendType: SendType = .confirmed,
        type: String, typeId: Int? = nil, subType: String? = nil, subTypeId: Int? = nil,
        team: TeamRef? = nil, player: PlayerRef? = nil, related: [String] = [], metadata: JSONObject = JSONObject(),
        delayStatus: String? = nil, periodType: String? = nil
    ) {
        self.actionId = actionId
        self.fixtureIdSymbol = Symbol(fixtureId)
        self.seq = seq
        self.timelineSequence = timelineSequence
        self.timestamp = timestamp
        self.period = period
        self.clockSymbol = Symbol(clockTime)
        (sendTypeCode, sendTypeName) = Self.packed(sendType)
        self.typeSymbol = Symbol(type)
        self.typeId = typeId
        self.subTypeSymbol = Symbol(subType)
        self.subTypeId = subTypeId
        self.teamSymbols = team.map(TeamSymbols.init)
        self.playerSymbols = player.map(PlayerSymbols.init)
        self.related = related
        self.metadata = metadata
        self.delayStatusSymbol = Symbol(delayStatus)
        self.periodTypeSymbol = Symbol(periodType)
    }

    static func packed(_ sendType: SendType) -> (UInt8, Symbol) {
        if let id = sendType.id { return (UInt8(id), .none) }
        return (0, Symbol(sendType.name))
    }

    public var fixtureId: String? {
        get { fixtureIdSymbol.string }
        set { fixtureIdSymbol = Symbol(newValue) }
    }

    public var clockTime: String? {
        get { clockSymbol.string }
        set { clockSymbol = Symbol(newValue) }
    }

    public var sendType: SendType {
        get { sendTypeCode == 0 ? .unknown(sendTypeName.string ?? "") : SendType(id: Int(sendTypeCode), name: nil) }
        set { (sendTypeCode, sendTypeName) = Self.packed(newValue) }
    }

    /// The send type as the log packs it: `code` 1…6 is that send type (and `unknownName` is dropped), anything
    /// else one this build does not know, named `unknownName`.
    public mutating func setSendType(code: UInt8, unknownName: Symbol) {
        if (1...6).contains(code) {
            (sendTypeCode, sendTypeName) = (code, .none)
        } else {
            (sendTypeCode, sendTypeName) = (0, unknownName)
        }
    }

    /// `sendType.standing`, from the code alone.
    @inlinable public var standing: SendType.Standing { SendType.standing(code: sendTypeCode) }

    public var type: String {
        get { typeSymbol.string ?? "" }
        set { typeSymbol = Symbol(newValue) }
    }

    public var subType: String? {
        get { subTypeSymbol.string }
        set { subTypeSymbol = Symbol(newValue) }
    }

    public var team: TeamRef? {
        get { teamSymbols?.ref }
        set { teamSymbols = newValue.map(TeamSymbols.init) }
    }

    /// `team?.isHome`, with no strings read.
    @inlinable public var teamIsHome: Bool? { teamSymbols?.isHome }

    public var player: PlayerRef? {
        get { playerSymbols?.ref }
        set { playerSymbols = newValue.map(PlayerSymbols.init) }
    }

    /// `delayStatus`: set on packets collected offline (scorer disconnected) and sent late. The values are
    /// undocumented for Live Actions, so any non-empty value means "delayed". Also read from the top level.
    public var delayStatus: String? {
        get { delayStatusSymbol.string }
        set { delayStatusSymbol = Symbol(newValue) }
    }

    /// The type of this action's period as its message's `fixtureSummary` names it ("Regular", "Shootout", …);
    /// filled in from the envelope by `MatchLog`, nil when the message said nothing about the period.
    public var periodType: String? {
        get { periodTypeSymbol.string }
        set { periodTypeSymbol = Symbol(newValue) }
    }

    /// The packet was collected offline and sent late.
    @inlinable public var isDelayed: Bool { !delayStatusSymbol.isEmptyOrNone }

    /// An action with nothing in it, to be filled in place or to take the place of one moved out.
    public static var empty: Action { Action(nothing: ()) }

    /// Every field set here, not passed in: made through the memberwise initializer, an empty action was built,
    /// copied and the first one destroyed, three times per message.
    private init(nothing: ()) {
        actionId = .empty
        fixtureIdSymbol = .none
        seq = -1
        clockSymbol = .none
        sendTypeCode = 5
        sendTypeName = .none
        typeSymbol = .empty
        subTypeSymbol = .none
        related = []
        metadata = JSONObject()
        delayStatusSymbol = .none
        periodTypeSymbol = .none
    }
}

/// One period line of the provider's own summary.
public struct SummaryPeriod: Equatable, Hashable, Sendable {
    public var id: Int?
    public var label: String?
    public var home: Int?
    public var away: Int?
    /// "Regular", "Shootout", …: a symbol, which the log hands on to every action of the period.
    public var typeSymbol: Symbol
    public init(id: Int? = nil, label: String? = nil, home: Int? = nil, away: Int? = nil, type: String? = nil) {
        self.init(id: id, label: label, home: home, away: away, typeSymbol: Symbol(type))
    }

    public init(id: Int?, label: String?, home: Int?, away: Int?, typeSymbol: Symbol) {
        self.id = id
        self.label = label
        self.home = home
        self.away = away
        self.typeSymbol = typeSymbol
    }

    public var type: String? {
        get { typeSymbol.string }
        set { typeSymbol = Symbol(newValue) }
    }
}

/// The provider's running summary (`fixtureSummary`), kept only to cross-check the derived score. Its texts are
/// symbols, as an action's are: nearly every message carries a summary, and the log keeps the newest.
///
/// One reference to its fields, copied on write: a summary is handed out again by the decoder's memo for most
/// messages, carried in the message and kept by the log, and as ten fields (an array and a string among them)
/// each copy and each end of one went through the type's value witnesses, and made every message 96 bytes.
public struct FixtureSummary: Equatable, Hashable, Sendable {
    struct Fields: Equatable, Hashable {
        var home: Int?
        var away: Int?
        var period: Int?
        var clockSymbol = Symbol.none
        var clockStateSymbol = Symbol.none
        var statusSymbol = Symbol.none
        var collectionSymbol = Symbol.none
        var reason: String?
        var finished: Bool?
        var periods: [SummaryPeriod] = []
    }

    /// Changed only while this summary is its one owner (`fields`'s setter), so shared freely across threads.
    final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    /// All of it at once, as the decoder fills it in: one box made, no check of who owns it per field.
    var fields: Fields {
        get { storage.fields }
        set {
            if isKnownUniquelyReferenced(&storage) { storage.fields = newValue } else { storage = Storage(newValue) }
        }
    }

    init(fields: Fields) { storage = Storage(fields) }

    public var home: Int? { get { storage.fields.home } set { fields.home = newValue } }
    public var away: Int? { get { storage.fields.away } set { fields.away = newValue } }
    public var period: Int? { get { storage.fields.period } set { fields.period = newValue } }
    public var clockSymbol: Symbol { get { storage.fields.clockSymbol } set { fields.clockSymbol = newValue } }
    public var clockStateSymbol: Symbol { get { storage.fields.clockStateSymbol } set { fields.clockStateSymbol = newValue } }
    public var statusSymbol: Symbol { get { storage.fields.statusSymbol } set { fields.statusSymbol = newValue } }
    public var collectionSymbol: Symbol { get { storage.fields.collectionSymbol } set { fields.collectionSymbol = newValue } }
    /// `reason`, when the summary gives one for its status: free text, kept as it came rather than numbered for
    /// good in the symbol table.
    public var reason: String? { get { storage.fields.reason } set { fields.reason = newValue } }
    public var finished: Bool? { get { storage.fields.finished } set { fields.finished = newValue } }
    public var periods: [SummaryPeriod] { get { storage.fields.periods } set { fields.periods = newValue } }

    public init(
        home: Int? = nil, away: Int? = nil, period: Int? = nil, clockTime: String? = nil, clockState: String? = nil,
        status: String? = nil, collection: String? = nil, reason: String? = nil, finished: Bool? = nil,
        periods: [SummaryPeriod] = []
    ) {
        self.init(fields: Fields(home: home, away: away, period: period, clockSymbol: Symbol(clockTime),
                                 clockStateSymbol: Symbol(clockState), statusSymbol: Symbol(status),
                                 collectionSymbol: Symbol(collection), reason: reason, finished: finished, periods: periods))
    }

    public static func == (lhs: FixtureSummary, rhs: FixtureSummary) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }
}

extension FixtureSummary: CustomReflectable {
    /// Its fields, as a test's failure or a dump printed them before the box.
    public var customMirror: Mirror { Mirror(self, children: Mirror(reflecting: storage.fields).children, displayStyle: .struct) }
}

extension FixtureSummary {
    public var clockTime: String? {
        get { clockSymbol.string }
        set { clockSymbol = Symbol(newValue) }
    }

    public var clockState: String? {
        get { clockStateSymbol.string }
        set { clockStateSymbol = Symbol(newValue) }
    }

    /// `currentStatus`: "Scheduled", "Live", "Suspended", … (the full list is undocumented).
    public var status: String? {
        get { statusSymbol.string }
        set { statusSymbol = Symbol(newValue) }
    }

    /// `collectionStatus`: "CollectionScheduled", "CollectingLive", "CollectingPostMatch", "CollectionSuspended",
    /// "CollectionDropped", "CollectionCompleted", "PostMatchChecked".
    public var collection: String? {
        get { collectionSymbol.string }
        set { collectionSymbol = Symbol(newValue) }
    }

    /// The type the summary gives the period `id` (the current period when `id` is nil).
    public func periodType(of id: Int?) -> String? { periodTypeSymbol(of: id).string }

    /// `periodType(of:)` as its symbol (`none` for none).
    public func periodTypeSymbol(of id: Int?) -> Symbol {
        guard !storage.fields.periods.isEmpty, let id = id ?? storage.fields.period else { return .none }
        return storage.fields.periods.first { $0.id == id }?.typeSymbol ?? .none
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

    /// Whether `name`'s folded form holds `word` (lower case): for an ASCII name, folded into stack memory, where
    /// `fold` made a string for every action of a soccer fold that asked it.
    public static func folded(_ name: Symbol, contains word: StaticString) -> Bool {
        folded(name, word) { folded, word in FrameDecoder.containsFolded(folded, word) }
    }

    /// Whether `name` folds to exactly `word` (lower case), with no string made for an ASCII name.
    public static func folded(_ name: Symbol, is word: StaticString) -> Bool {
        folded(name, word) { folded, word in folded.elementsEqual(word) }
    }

    private static func folded(_ name: Symbol, _ word: StaticString,
                               _ test: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard !name.isNone else { return false }
        let word = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        let utf8 = name.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            var text = fold(name.string ?? "")
            return text.withUTF8 { test($0, word) }
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(utf8.count, 1)) { buffer in
            test(UnsafeBufferPointer(rebasing: buffer[..<foldASCII(utf8, into: buffer)]), word)
        }
    }

    /// The folding of an ASCII name, written into `buffer` (at least as long as `bytes`): letters lower-cased,
    /// digits kept, everything else dropped. Returns the folded length.
    @inline(__always)
    static func foldASCII<Bytes: Sequence<UInt8>>(_ bytes: Bytes, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in bytes {
            switch b {
            case 0x30...0x39, 0x61...0x7A: buffer[n] = b; n &+= 1
            case 0x41...0x5A: buffer[n] = b &+ 32; n &+= 1
            default: break
            }
        }
        return n
    }

    public static func fold(_ name: String) -> String {
        let utf8 = name.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            return String(unsafeUninitializedCapacity: utf8.count) { foldASCII(utf8, into: $0) }
        }
        var out = ""
        for scalar in name.unicodeScalars where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            out.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return out
    }
}
