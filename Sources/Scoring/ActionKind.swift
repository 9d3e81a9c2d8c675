import LiveActions
import Synchronization

/// What an action means to Courtside. Unknown types are `.other`: shown in the feed, scoring nothing.
public enum ActionKind: Equatable, Hashable, Sendable, BitwiseCopyable {
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
/// out folds the name into a new string and hashes it. Direct-mapped by the name's symbol, mixed: symbols are
/// numbered in the order strings first came, types among players' names, and their low bits alone put a tenth of
/// a match's actions on a slot another type held.
struct KindCache: Sendable {
    static let shift = 8
    private var types = [Symbol](repeating: .none, count: 1 << KindCache.shift)
    /// The type id, `Int32.min` for none (an id outside 32 bits is never kept).
    private var typeIds = [Int32](repeating: .min, count: 1 << KindCache.shift)
    private var kinds = [ActionKind](repeating: .other, count: 1 << KindCache.shift)

    mutating func kind(of action: Action, sport: Sport) -> ActionKind {
        let type = action.typeSymbol
        let id: Int32
        switch action.typeId {
        case nil: id = .min
        case let typeId?:
            guard let small = Int32(exactly: typeId), small != .min else { return ActionKind(action, sport: sport) }
            id = small
        }
        let i = Int(truncatingIfNeeded: (type.rawValue &* 0x9E37_79B1) >> (32 - UInt32(Self.shift)))
        if types[i] == type, !type.isNone, typeIds[i] == id { return kinds[i] }
        let kind = Self.shared(type: type, id: id, action: action, sport: sport)
        (types[i], typeIds[i], kinds[i]) = (type, id, kind)
        return kind
    }

    /// The kinds every match of the process worked out, by symbol: each match met its few dozen type names anew,
    /// and working each out folded it into a new string (a match of four hundred actions spent a twentieth of its
    /// fold there). Under a lock, as matches fold on several threads; bounded, as a hostile feed can name types
    /// without end.
    private static let known = Mutex<[Key: ActionKind]>([:])
    private static let knownLimit = 4096

    private struct Key: Hashable {
        let type: UInt32
        let typeId: Int32
        /// The one sport whose ids mean something else (`ActionKind.init(_:sport:)`).
        let soccer: Bool
    }

    private static func shared(type: Symbol, id: Int32, action: Action, sport: Sport) -> ActionKind {
        let key = Key(type: type.rawValue, typeId: id, soccer: sport == .soccer)
        if let kind = known.withLock({ $0[key] }) { return kind }
        let kind = ActionKind(action, sport: sport)
        known.withLock { if $0.count < knownLimit { $0[key] = kind } }
        return kind
    }
}
