import Foundation
import Platform
import LiveActions

/// The provider's REST API: the Fixtures API, every page of it, and the actions endpoint. Every request
/// carries the Accept header and the token as `Authorization: Bearer …`, waits for its slot on the process's
/// `ConnectLimiter` (the provider's 5 requests a second), and has its own deadline. A listing is all pages or
/// an error: a page that fails part-way never leaves a short list behind.
public struct FixturesClient: Sendable {
    public struct Configuration: Sendable {
        /// The REST base, e.g. `https://dde-api.data.srarena.io` or `http://127.0.0.1:8765`.
        public var api: String
        public var token: AuthToken
        /// Seconds for each request, connect to last byte.
        public var timeout = 20.0
        /// A listing longer than this many pages is refused rather than followed for ever.
        public var maxPages = 500
        public var maxBodyBytes = FixturesAPI.maxBodyBytes

        public init(api: String, token: AuthToken) {
            self.api = api
            self.token = token
        }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// 401: the token is wrong or expired.
        case unauthorized
        /// 403: the token is fine but its licence does not cover this sport or fixture.
        case forbidden(String)
        /// Any other status that is not 2xx (429 and 5xx among them), with the page it came on and the seconds its
        /// `Retry-After` asked for.
        case status(Int, page: Int?, detail: String, retryAfter: Double? = nil)
        /// No usable answer: refused, reset, cut short, timed out.
        case transport(String, page: Int?)
        /// An answer that is not what the endpoint returns.
        case badAnswer(String, page: Int?)
        case tooManyPages(Int, what: String = "fixture list")

        public var description: String {
            func on(_ page: Int?) -> String { page.map { " (page \($0))" } ?? "" }
            switch self {
            case .unauthorized:
                return "the API refused the token (401): check --token-file or COURTSIDE_TOKEN"
            case .forbidden(let detail):
                return "the API refused access (403): the token is not licensed for this sport or fixture\(detail)"
            case .status(let code, let page, let detail, _):
                let what = code == 429 ? "too many requests (429): slow down and try again later"
                    : (500...599).contains(code) ? "the API failed (\(code))"
                    : (300...399).contains(code) ? "the API redirects (\(code))" : "the API answered \(code)"
                return what + on(page) + detail
            case .transport(let reason, let page):
                return "no answer from the API\(on(page)): \(reason)"
            case .badAnswer(let reason, let page):
                return "unusable answer from the API\(on(page)): \(reason)"
            case .tooManyPages(let n, let what):
                return "the \(what) goes on past \(n) pages" + (what == "fixture list" ? "; narrow it (--status, --from, --to)" : "")
            }
        }
    }

    /// Every fixture of every page, in the order the API gave them, each once.
    public struct Listing: Equatable, Sendable {
        public var fixtures: [ListedFixture]
        /// Elements that could not be used, page by page.
        public var problems: [String]
        /// How many pages were fetched.
        public var pages: Int
    }

    public let configuration: Configuration
    let limiter: ConnectLimiter

    public init(configuration: Configuration, limiter: ConnectLimiter) {
        self.configuration = configuration
        self.limiter = limiter
    }

    /// `GET {api}/{sport}/fixtures`, following every page.
    public func fixtures(sport: String, query: FixturesQuery) async throws -> Listing {
        var listing = Listing(fixtures: [], problems: [], pages: 0)
        var seen = Set<String>()
        var page = query.firstPage
        /// Pages in a row that brought no fixture not listed already.
        var barren = 0
        while true {
            if listing.pages >= configuration.maxPages { throw Failure.tooManyPages(configuration.maxPages) }
            let url = FixturesAPI.fixturesURL(api: configuration.api, sport: sport, query: query, page: page)
            let body = try await get(url, page: page)
            listing.pages += 1
            let decoded: FixturePage
            do {
                decoded = try FixturesAPI.decodePage(body, sport: sport)
            } catch {
                throw Failure.badAnswer("\(error)", page: page)
            }
            listing.problems += decoded.problems.map { "page \(page): \($0)" }
            var fresh = 0
            for f in decoded.fixtures where seen.insert(f.id).inserted {
                listing.fixtures.append(f)
                fresh += 1
            }
            // A page with nothing new (empty, or fixtures already listed) is passed over once: a server that counts
            // pages from 1 answers page 0 as page 1, and a page left empty mid-list says more follow; stopping there,
            // the list came out short with no word. Two in a row end it: the server ignores `page`, or miscounts.
            barren = fresh > 0 || (decoded.fixtures.isEmpty && decoded.elementCount > 0) ? 0 : barren + 1
            let saysMore = decoded.saysNext ?? (decoded.elementCount > 0 && decoded.elementCount >= query.size)
            guard saysMore, barren < 2 else {
                if saysMore, decoded.elementCount > 0 {
                    listing.problems.append("pages \(page - 1) and \(page) list only fixtures listed already, though the API says more follow: the list may be short (does the API ignore `page`?)")
                }
                break
            }
            page += 1
        }
        return listing
    }

    /// `GET {api}/{sport}/fixtures/{id}/actions`: the whole list of action messages, as the server sent it.
    public func actionsText(_ fixture: FixtureRef) async throws -> String {
        try await get(FixturesAPI.actionsURL(api: configuration.api, fixture: fixture), page: nil)
    }

    /// The fixture's actions as a recording that `courtside demo` plays. An answer that says it is one page of
    /// several is followed page by page (`?page=N`, counting from 0 as the Fixtures API does), all or an error.
    public func importRecording(_ fixture: FixtureRef, listed: ListedFixture? = nil) async throws -> Recording {
        var pages = [try await actionsText(fixture)]
        var (elements, saysNext) = ActionsImport.page(pages[0])
        var empties = 0
        // An empty page that says more follow is passed over (a page left empty mid-list cut the import there);
        // two empty pages in a row end the list (a server that says "not the last" of every page).
        while saysNext, empties < 2 {
            if pages.count >= configuration.maxPages { throw Failure.tooManyPages(configuration.maxPages, what: "action list") }
            let page = pages.count
            let text = try await get(FixturesAPI.actionsURL(api: configuration.api, fixture: fixture, page: page), page: page)
            let next = ActionsImport.page(text)
            // The same actions again: the server ignores `page` (its envelope may still change, a page number or a
            // time echoed), and following it would loop, or import one page many times over.
            if !next.elements.isEmpty, next.elements == elements {
                throw Failure.badAnswer("page \(page) repeats page \(page - 1): the API ignores `page`", page: page)
            }
            empties = next.elements.isEmpty ? empties + 1 : 0
            if !next.elements.isEmpty { elements = next.elements }
            saysNext = next.saysNext
            pages.append(text)
        }
        do {
            return try ActionsImport.recording(fromPages: pages, fixture: fixture, listed: listed, source: Self.redacted(configuration.api))
        } catch {
            throw Failure.badAnswer("\(error)", page: nil)
        }
    }

    func get(_ url: String, page: Int?) async throws -> String {
        try await limiter.acquire()
        let response: HTTPGet.Response
        do {
            response = try await HTTPGet.get(
                url: url,
                headers: [("Accept", LiveActionsProtocol.acceptHeader), ("Content-Type", "application/json"),
                          ("Authorization", configuration.token.bearerHeader)],
                timeout: configuration.timeout, maxBody: configuration.maxBodyBytes)
        } catch let failure as HTTPGet.Failure {
            throw Failure.transport(failure.description, page: page)
        }
        switch response.status {
        case 200...299:
            // A server may echo the token (in a team's name, a comment): it must not reach a recording or the screen.
            return configuration.token.redacted(response.text)
        case 401:
            throw Failure.unauthorized
        case 403:
            throw Failure.forbidden(configuration.token.redacted(Self.detail(response)))
        default:
            let wait = response.retryAfter.map { " (Retry-After: \(HTTPGet.printable($0)))" } ?? ""
            let moved = (300...399).contains(response.status) ? Self.movedTo(response.location) : ""
            throw Failure.status(response.status, page: page, detail: configuration.token.redacted(moved + wait + Self.detail(response)),
                                 retryAfter: response.retryAfter.flatMap { HTTPRefusal.seconds(retryAfter: $0, now: Date().timeIntervalSince1970) })
        }
    }

    /// " to <where>: point --api there", scheme, host and path only (a query may carry a session or a key), or
    /// nothing. Not followed: the token would go with it to wherever the answer says.
    static func movedTo(_ location: String?) -> String {
        guard let location, !location.isEmpty else { return "" }
        let place = HTTPGet.printable(String(location.prefix { $0 != "?" && $0 != "#" }.prefix(200)))
        return " to \(place): point --api there"
    }

    /// ": <the server's words>", short and printable, or nothing.
    static func detail(_ response: HTTPGet.Response) -> String {
        var words = response.text
        if case .object(let o)? = JSONValue.parse(words) {
            words = o["message"]?.stringValue ?? o["error"]?.stringValue ?? o["detail"]?.stringValue ?? ""
        }
        let short = HTTPGet.printable(String(words.prefix(200))).trimmedForMessage
        return short.isEmpty ? "" : ": " + short
    }

    /// Scheme, host and port only, for a recording's `source`.
    static func redacted(_ api: String) -> String {
        guard let target = ServerTarget(url: api) else { return "api" }
        return (target.tls ? "https://" : "http://") + target.hostHeader
    }
}

extension String {
    fileprivate var trimmedForMessage: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\r" || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\r" || l == "\t" { s.removeLast() }
        return String(s)
    }
}

extension FixturesClient {
    /// `GET {api}/{sport}/fixtures/{id}`: the one fixture, or nil when the API does not know it (404).
    public func fixture(_ ref: FixtureRef) async throws -> ListedFixture? {
        let url = FixturesAPI.fixtureURL(api: configuration.api, fixture: ref)
        do {
            let body = try await get(url, page: nil)
            return try FixturesAPI.decodePage(body, sport: ref.sport).fixtures.first { $0.id == ref.id.lowercased() }
        } catch Failure.status(404, _, _, _) {
            return nil
        } catch let error as FixturesAPI.BodyError {
            throw Failure.badAnswer(error.description, page: nil)
        }
    }
}

extension FixturesClient {
    /// What the API says of each fixture, as far as it answers within `seconds`. Best effort: a fixture it does not
    /// know, or any failure, leaves that fixture unnamed; a refused token is for its stream to report.
    public func infos(of refs: [FixtureRef], within seconds: Double) async -> [FixtureRef: FixtureInfo] {
        guard !refs.isEmpty else { return [:] }
        var quick = configuration
        quick.timeout = seconds
        let client = FixturesClient(configuration: quick, limiter: limiter)
        // Collected as they come, until all have answered or the time is up: a task group would wait for the slowest.
        let (answers, sink) = AsyncStream.makeStream(of: (FixtureRef, FixtureInfo?)?.self)
        let lookups = refs.map { ref in Task { sink.yield((ref, try? await client.fixture(ref)?.info)) } }
        let timer = Task {
            try? await MonotonicClock().sleep(seconds: seconds)
            sink.yield(nil)
        }
        defer {
            for lookup in lookups { lookup.cancel() }
            timer.cancel()
        }
        var infos: [FixtureRef: FixtureInfo] = [:]
        var waiting = Set(refs)
        for await answer in answers {
            guard let (ref, info) = answer else { break }
            waiting.remove(ref)
            infos[ref] = info
            if waiting.isEmpty { break }
        }
        return infos
    }
}
