import LiveActions

/// What the provider says about its own collection of the match, beside the play: the collection status
/// (`fixtureSummary.collectionStatus` or a "Status Updated" action), the fixture status
/// (`fixtureSummary.currentStatus`) and whether the newest packet was collected offline (`delayStatus`).
public struct ProviderStatus: Equatable, Sendable {
    public var collection: String?
    /// Why the collection status changed ("no signal"), when the provider says.
    public var reason: String?
    public var fixtureStatus: String?
    public var delayStatus: String?

    public init(collection: String? = nil, reason: String? = nil, fixtureStatus: String? = nil, delayStatus: String? = nil) {
        self.collection = collection
        self.reason = reason
        self.fixtureStatus = fixtureStatus
        self.delayStatus = delayStatus
    }

    public var isDelayed: Bool { Self.isDelayed(delayStatus) }

    static func isDelayed(_ delayStatus: String?) -> Bool { delayStatus.map { !$0.isEmpty } ?? false }

    /// The collection status when it is news: anything but the ordinary "CollectingLive".
    public var collectionNews: String? { Self.news(collection: collection) }

    static func news(collection: String?) -> String? {
        guard let collection, !collection.isEmpty, ActionName.fold(collection) != "collectinglive" else { return nil }
        return collection
    }

    /// The fixture status when it is news: anything but the ordinary course of a match.
    public var fixtureStatusNews: String? {
        guard let s = fixtureStatus, !s.isEmpty else { return nil }
        return ["scheduled", "live", "finished", "completed", "inprogress"].contains(ActionName.fold(s)) ? nil : s
    }

    /// Nothing worth showing.
    public var isQuiet: Bool { collectionNews == nil && fixtureStatusNews == nil && !isDelayed }

    /// The documented `collectionStatus` enumeration, by the number `metadata.collectionStatus` carries.
    public static let collectionNames = [
        "CollectionScheduled", "CollectingLive", "CollectingPostMatch", "CollectionSuspended",
        "CollectionDropped", "CollectionCompleted", "PostMatchChecked",
    ]

    /// The documented fixture status enumeration, by the number `metadata.fixtureStatus` carries.
    public static let fixtureStatusNames = [
        "Scheduled", "Live", "Completed", "Postponed", "Abandoned", "Cancelled", "Suspended", "Unverified",
    ]

    /// A name from a number or a string, whichever the value holds.
    static func name(_ value: JSONValue?, in names: [String]) -> String? {
        switch value {
        case .string(let s)?:
            if let n = Int(s), names.indices.contains(n) { return names[n] }
            return s.isEmpty ? nil : s
        case .number?:
            guard let n = value?.intValue, names.indices.contains(n) else { return value?.jsonText }
            return names[n]
        default: return nil
        }
    }

    /// "CollectionSuspended" → "collection suspended": the enumeration's words, for a banner.
    public static func words(_ name: String) -> String {
        var out = ""
        var previousLower = false
        for ch in name {
            if ch.isUppercase, previousLower { out.append(" ") }
            out.append(ch)
            previousLower = ch.isLowercase
        }
        return out.lowercased()
    }
}
