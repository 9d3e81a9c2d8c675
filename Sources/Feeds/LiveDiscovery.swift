import LiveActions

/// `watch --live`: the live, licensed fixtures of some sports, listed from the Fixtures API, and listed again
/// every `interval` seconds so that fixtures going live are added.
public struct LiveDiscovery: Sendable {
    public let client: FixturesClient
    public let sports: [String]
    public var interval = 60.0

    public init(client: FixturesClient, sports: [String]) {
        self.client = client
        self.sports = sports
    }

    public struct Found: Equatable, Sendable {
        public var ref: FixtureRef
        public var info: FixtureInfo
    }

    /// Every live fixture of the sports now; a sport whose listing fails is reported and skipped this round.
    public func list(report: (String) -> Void) async -> [Found] {
        var found: [Found] = []
        for sport in sports {
            do {
                let listing = try await client.fixtures(sport: sport, query: FixturesQuery(live: true))
                for problem in listing.problems { report("\(sport): \(problem)") }
                found += listing.fixtures.map { Self.found($0) }
            } catch {
                report("\(sport): the fixtures list failed: \(error)")
            }
        }
        return found
    }

    static func found(_ f: ListedFixture) -> Found {
        Found(ref: FixtureRef(sport: f.sport, id: f.id), info: FixtureInfo(title: f.competition ?? f.name, home: f.home, away: f.away))
    }
}
