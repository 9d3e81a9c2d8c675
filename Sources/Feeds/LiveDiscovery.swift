import LiveActions

/// `watch --live`: the live, licensed fixtures of some sports, listed from the Fixtures API, and listed again
/// every `interval` seconds so that fixtures going live are added.
public struct LiveDiscovery: Sendable {
    public let client: FixturesClient
    public let sports: [String]
    public var interval = 60.0
    /// The wait before the first round after the command's own first listing (`Round.nextIn`), else `interval`.
    public var firstWait: Double?
    /// The shortest wait a `Retry-After` may ask for between rounds.
    public static let shortestWait = 5.0

    /// Each sport once: named twice, each fixture was found twice and a headless run waited for ever on the copy.
    public init(client: FixturesClient, sports: [String]) {
        self.client = client
        var seen = Set<String>()
        self.sports = sports.filter { seen.insert($0).inserted }
    }

    public struct Found: Equatable, Sendable {
        public var ref: FixtureRef
        public var info: FixtureInfo
    }

    /// What one listing of every sport found, which sports it could not list, and when to list again.
    public struct Round {
        public var found: [Found] = []
        public var failed: [(sport: String, error: any Error)] = []
        /// Seconds: the interval, or what a failed listing's `Retry-After` asked for (held to 5 s … an hour). A 503
        /// that asked for 1 s was listed again a minute later, a minute a recorder missed of the match.
        public var nextIn: Double

        /// Every failure, as said, with when the sports are listed again.
        public var said: [String] {
            failed.map { LiveDiscovery.failed($0.sport, $0.error) + "; listed again in \(Int(nextIn.rounded(.up))) s" }
        }
    }

    /// Every live fixture of the sports now; a sport whose listing fails is reported and skipped this round.
    public func list(report: (String) -> Void) async -> Round {
        let round = await self.round(report: report)
        for line in round.said { report(line) }
        return round
    }

    func round(report: (String) -> Void) async -> Round {
        var round = Round(nextIn: interval)
        for (sport, result) in await listings(report: report) {
            switch result {
            case .success(let fixtures): round.found += fixtures
            case .failure(let error): round.failed.append((sport, error))
            }
        }
        let asked = round.failed.compactMap { failure -> Double? in
            if case .status(_, _, _, let wait?)? = failure.error as? FixturesClient.Failure { return wait }
            return nil
        }
        if let wait = asked.max() { round.nextIn = min(max(wait, Self.shortestWait), HTTPRefusal.longestWait) }
        round.found = Self.once(round.found)
        return round
    }

    /// Each fixture once, in the order found: two sport paths may list the same one.
    static func once(_ found: [Found]) -> [Found] {
        var seen = Set<FixtureRef>()
        return found.filter { seen.insert($0.ref).inserted }
    }

    /// Why the first listing cannot be used.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The first listing, which the command stands on: a token the API refuses (401, 403) or no sport listed at
    /// all fails it. Reported and skipped like a later round's, a refused token left an empty list, which
    /// `watch --live --headless` read as every fixture finished (exit 0) and `record --live` as none yet (it asked
    /// again with the same token every minute, for ever).
    /// `waits`: the command waits for matches (`record --live`, the board), so a listing that failed for a while (a
    /// 429, a 503, no answer) is said and listed again at the next round: one busy answer at start-up ended a
    /// recorder started before kick-off.
    public func firstList(report: (String) -> Void, waits: Bool = false) async throws -> Round {
        let round = await self.round(report: report)
        for failure in round.failed {
            switch failure.error as? FixturesClient.Failure {
            case .unauthorized?, .forbidden?: throw Failure(description: Self.failed(failure.sport, failure.error))
            default: break
            }
        }
        if !waits, !sports.isEmpty, round.failed.count == sports.count {
            throw Failure(description: round.failed.map { Self.failed($0.sport, $0.error) }.joined(separator: "; "))
        }
        if waits {
            for line in round.said { report(line) }
        } else {
            for failure in round.failed { report(Self.failed(failure.sport, failure.error)) }
        }
        return round
    }

    /// Each sport's live fixtures, or why its listing failed; the listings' own problems reported.
    func listings(report: (String) -> Void) async -> [(sport: String, result: Result<[Found], any Error>)] {
        var results: [(sport: String, result: Result<[Found], any Error>)] = []
        for sport in sports {
            do {
                let listing = try await client.fixtures(sport: sport, query: FixturesQuery(live: true))
                for problem in listing.problems { report("\(sport): \(problem)") }
                results.append((sport, .success(listing.fixtures.map { Self.found($0) })))
            } catch {
                results.append((sport, .failure(error)))
            }
        }
        return results
    }

    static func failed(_ sport: String, _ error: any Error) -> String { "\(sport): the fixtures list failed: \(error)" }

    static func found(_ f: ListedFixture) -> Found {
        Found(ref: FixtureRef(sport: f.sport, id: f.id), info: f.info)
    }
}
