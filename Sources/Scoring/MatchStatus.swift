import LiveActions

public enum MatchStatus: String, Equatable, Sendable {
    case scheduled, live, suspended, finished
}

extension MatchStatus {
    /// Statuses after which a fixture has nothing more to send, folded (`ActionName.fold`). Not all are documented
    /// for the summary (`Scheduled`, `Live`, `Suspended` and `CollectingLive`, `CollectionSuspended` are); the Fixtures
    /// API's `completed` and the provider's `CollectionDropped` example are.
    static let terminalStatuses: Set<String> = ["completed", "finished", "ended", "closed", "abandoned", "cancelled", "canceled", "postponed"]
    static let terminalCollections: Set<String> = ["collectioncompleted", "collectiondropped", "collectioncancelled", "collectionabandoned"]

    /// Whether a fixture status or a collection status says the match is over; nil when neither is given.
    public static func saysOver(status: String?, collection: String?) -> Bool? {
        guard status != nil || collection != nil else { return nil }
        return status.map { terminalStatuses.contains(ActionName.fold($0)) } == true
            || collection.map { terminalCollections.contains(ActionName.fold($0)) } == true
    }
}
