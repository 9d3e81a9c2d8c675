import LiveActions

/// What an action means to Courtside. Unknown types are `.other`: shown in the feed, scoring nothing.
public enum ActionKind: Equatable, Hashable, Sendable {
    case teamColours, lineups, startFixture, endFixture, startPeriod, endPeriod
    case startClock, stopClock, adjustClock, substitutionIn, substitutionOut, possession
    case videoCheck, videoCheckResult, timeout, matchDelayed, playStopped
    /// The provider's collection status changed ("Status Updated"; soccer documents it as type 22).
    case statusUpdated
    // Basketball
    case twoPointsMade, threePointsMade, freeThrowMade, twoPointsMissed, threePointsMissed, freeThrowMissed
    case foul, turnover, offensiveRebound, defensiveRebound, steal
    // Soccer
    case goal, ownGoal, yellowCard, redCard, secondYellow, corner, shot, penaltyAwarded, dangerousAttack
    // Volleyball
    case point
    // Snooker
    case pot, frameWon
    case other

    /// The catalogue of `ACTION-TYPES.md`, as data: a new name or id is a one-line change here.
    /// Ids are listed only where the provider documents them.
    static let catalogue: [(kind: ActionKind, names: [String], id: Int?)] = [
        (.teamColours, ["Team Colours", "Team Colors"], 2),
        (.lineups, ["Lineups", "Lineup"], 3),
        (.startFixture, ["Start Fixture", "Start Match"], 4),
        (.endFixture, ["End Fixture", "End Match"], 5),
        (.startPeriod, ["Start Period"], 6),
        (.endPeriod, ["End Period"], 7),
        (.startClock, ["Start Clock"], 8),
        (.stopClock, ["Stop Clock"], 9),
        (.adjustClock, ["Adjust Clock"], 10),
        (.substitutionIn, ["Substitution In"], 13),
        (.substitutionOut, ["Substitution Out"], 14),
        (.possession, ["Possession Gained", "Possession"], 15),
        (.videoCheck, ["Video Check"], 51),
        (.videoCheckResult, ["Video Check Result"], 61),
        (.timeout, ["Timeout"], 52),
        (.matchDelayed, ["Match Delayed"], 56),
        (.playStopped, ["Play Stopped"], 58),
        (.statusUpdated, ["Status Updated"], nil),
        (.twoPointsMade, ["2 Points Made", "Two Points Made"], nil),
        (.threePointsMade, ["3 Points Made", "Three Points Made"], nil),
        (.freeThrowMade, ["Free Throw Made"], nil),
        (.twoPointsMissed, ["2 Points Missed", "Two Points Missed"], nil),
        (.threePointsMissed, ["3 Points Missed", "Three Points Missed"], nil),
        (.freeThrowMissed, ["Free Throw Missed"], nil),
        (.foul, ["Foul"], nil),
        (.turnover, ["Turnover"], 201),
        (.offensiveRebound, ["Offensive Rebound"], 204),
        (.defensiveRebound, ["Defensive Rebound"], nil),
        (.steal, ["Steal"], 22),
        (.goal, ["Goal"], nil),
        (.ownGoal, ["Own Goal"], nil),
        (.yellowCard, ["Yellow Card"], 107),
        (.redCard, ["Red Card"], nil),
        (.secondYellow, ["Second Yellow", "Second Yellow Card", "Yellow Red", "Yellow Red Card", "Second Booking"], nil),
        (.corner, ["Corner"], nil),
        (.shot, ["Shot"], nil),
        (.penaltyAwarded, ["Penalty Awarded"], nil),
        (.dangerousAttack, ["Dangerous Attack"], nil),
        (.point, ["Point"], nil),
        (.pot, ["Pot"], nil),
        (.frameWon, ["Frame Won"], nil),
    ]

    static let byName: [String: ActionKind] = {
        var map: [String: ActionKind] = [:]
        for entry in catalogue { for name in entry.names { map[ActionName.fold(name)] = entry.kind } }
        return map
    }()

    static let byId: [Int: ActionKind] = {
        var map: [Int: ActionKind] = [:]
        for entry in catalogue { if let id = entry.id { map[id] = entry.kind } }
        return map
    }()

    /// The name wins; a documented id is the fallback for a renamed type.
    public init(type: String, typeId: Int?) {
        if let kind = ActionKind.byName[ActionName.fold(type)] {
            self = kind
        } else if let typeId, let kind = ActionKind.byId[typeId] {
            self = kind
        } else {
            self = .other
        }
    }

    public init(_ action: Action) { self.init(type: action.type, typeId: action.typeId) }

    /// Ids mean different things in different sports: 22 is a Steal in basketball and "Status Updated" in soccer.
    public init(_ action: Action, sport: Sport) {
        self.init(type: action.type, typeId: action.typeId)
        if sport == .soccer, self == .steal, action.typeId == 22, ActionKind.byName[ActionName.fold(action.type)] == nil {
            self = .statusUpdated
        }
    }
}

/// The kinds of the type names a match has met: the same few dozen names come again and again, and working one
/// out folds the name into a new string and hashes it. Direct-mapped by the string's identity, checked by its bits
/// first and by `==` on a miss, so that a miss only costs the work it saves.
struct KindCache: Sendable {
    static let slots = 64
    /// Read by the type name's bits first, in arrays that hold no reference: a slot read as a tuple holding the
    /// name retained and released it for every action. `names` keeps each slot's name alive, so that bits equal to
    /// a slot's are that name (a freed name's storage could be reused by another); read only on a miss.
    private var bits = [StringIdentity.Bits](repeating: StringIdentity.none, count: KindCache.slots)
    private var typeIds = [Int?](repeating: nil, count: KindCache.slots)
    private var kinds = [ActionKind?](repeating: nil, count: KindCache.slots)
    private var names = [String](repeating: "", count: KindCache.slots)

    mutating func kind(of action: Action, sport: Sport) -> ActionKind {
        let b = StringIdentity.bits(of: action.type)
        let i = StringIdentity.slot(of: b, count: Self.slots)
        if bits[i] == b, typeIds[i] == action.typeId, let kind = kinds[i] { return kind }
        if let kind = kinds[i], typeIds[i] == action.typeId, names[i] == action.type { return kind }
        let kind = ActionKind(action, sport: sport)
        (bits[i], typeIds[i], kinds[i], names[i]) = (b, action.typeId, kind, action.type)
        return kind
    }
}

/// A slot for a string by its storage, not its contents: strings made by one `StringCache` entry share it.
enum StringIdentity {
    /// A string's two words: its storage (or, for a short string, its bytes) and its count and flags. Equal bits
    /// are the same string while that string is kept alive (a freed storage can be reused by another one).
    struct Bits: Equatable, Sendable {
        var a: UInt64
        var b: UInt64
    }

    /// No string's bits: a string's second word is never zero (an empty string is not numbered here).
    static let none = Bits(a: 0, b: 0)

    @inline(__always) static func bits(of s: String) -> Bits {
        let words = unsafeBitCast(s, to: (UInt64, UInt64).self)
        return Bits(a: words.0, b: words.1)
    }

    @inline(__always) static func slot(of bits: Bits, count: Int) -> Int {
        let mixed = (bits.a ^ bits.b ^ (bits.b >> 17)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 40) & (count - 1)
    }
}
