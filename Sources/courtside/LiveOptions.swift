import ArgumentParser
import Synchronization
import Feeds
import Foundation
import LiveActions
import Platform
import Scoreboard
import Settings
import Terminal

/// What `watch` and `record` share: which fixtures, which server, which token, how to pace. Each setting
/// comes from the flag, else the environment, else the config file.
struct LiveOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Fixtures as SPORT/FIXTURE_ID (e.g. soccer/f4a681f4-…), @WATCHLIST from the config file, or with --live the sports to follow.", valueName: "FIXTURE"))
    var fixtures: [String] = []

    @Flag(help: "Follow every live, licensed fixture of the sports named (or the config file's `sports`), listed again every minute.")
    var live = false

    @Option(help: "Base URL of the Live Actions service (or COURTSIDE_ENDPOINT), e.g. ws://127.0.0.1:8765.")
    var endpoint: String?

    @Option(help: "betting (lowest latency) or media: which of the provider's streams (or COURTSIDE_FEED).")
    var feed: Feed?

    @Option(help: "Base URL of the REST API for --live (or COURTSIDE_API); on a loopback --endpoint, the same host and port.")
    var api: String?

    @Option(name: .customLong("token-file"), help: "File holding the access token (else COURTSIDE_TOKEN). Never pass a token on the command line.")
    var tokenFile: String?
    @OptionGroup var refusedToken: RefusedTokenFlag

    @Option(help: "Ask the server for speed=fast or speed=normal (finished matches only).")
    var speed: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds between the server's heartbeats; 2.5× this without a frame is stale.", visibility: .hidden))
    var heartbeat: Double = LiveActionsProtocol.heartbeatInterval

    @Option(parsing: .unconditional, help: ArgumentHelp("Longest wait between reconnects, in seconds.", visibility: .hidden))
    var maxBackoff: Double = 30

    @Option(parsing: .unconditional, help: ArgumentHelp("Longest wait for each connection step (TCP, TLS, upgrade, first frame), in seconds.", visibility: .hidden))
    var stepTimeout: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds the check after the end of a match is retried while the server is busy.", visibility: .hidden))
    var checkBackPatience: Double = 600

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds between listings for --live.", visibility: .hidden))
    var relist: Double = 60

    func validate() throws {
        if !live {
            for f in fixtures where !f.hasPrefix("@") && FixtureRef(f) == nil {
                throw ValidationError("'\(f)' is not SPORT/FIXTURE_ID (e.g. basketball/4a1f…, v2/volleyball/3f2c…) or @WATCHLIST")
            }
        } else {
            // As `fixtures` checks its sports: `SOCCER` was asked for as a path of its own (no live fixture, status 0),
            // `soccer?live=false` went into the URL, and a watchlist beside the sports was dropped unsaid.
            for f in fixtures {
                if f.hasPrefix("@") { throw ValidationError("--live follows sports, not a watchlist: watch \(f) without --live") }
                if let problem = SportPath.problem(f, forAFixture: "watch it without --live") { throw ValidationError(problem) }
            }
        }
        if let speed, speed != "fast", speed != "normal" { throw ValidationError("--speed is fast or normal") }
        if !(heartbeat > 0) { throw ValidationError("--heartbeat must be above 0") }
        if let stepTimeout, !(stepTimeout > 0) { throw ValidationError("--step-timeout must be above 0") }
        if !(relist > 0) { throw ValidationError("--relist must be above 0") }
    }

    /// The settings in force: these flags over the environment over the config file.
    func settings() throws -> EffectiveSettings {
        var flags: [SettingKey: SettingValue] = [:]
        if let endpoint { flags[.endpoint] = .string(endpoint) }
        if let feed { flags[.feed] = .string(feed.rawValue) }
        if let api { flags[.api] = .string(api) }
        if let tokenFile { flags[.tokenFile] = .string(tokenFile) }
        if live, !fixtures.isEmpty { flags[.sports] = .list(SportPath.named(fixtures)) }
        return try CommandSettings.load(flags: flags)
    }

    /// The fixtures named, with each @WATCHLIST expanded, in order and without repeats.
    func refs(_ settings: EffectiveSettings) throws -> [FixtureRef] {
        if live { return [] }
        var refs: [FixtureRef] = []
        for name in fixtures {
            if name.hasPrefix("@") {
                guard let list = settings.watchlists.first(where: { $0.name == name.dropFirst() }) else {
                    let known = settings.watchlists.map { "@" + $0.name }.joined(separator: ", ")
                    throw ValidationError("no watchlist \(name) in \(settings.filePath ?? "the config file")" + (known.isEmpty ? "" : " (have: \(known))"))
                }
                refs += list.fixtures
            } else if let ref = FixtureRef(name) {
                refs.append(ref)
            }
        }
        var seen = Set<FixtureRef>()
        refs = refs.filter { seen.insert($0).inserted }
        if refs.isEmpty {
            // A watchlist there but empty said "name at least one fixture", as if none had been named.
            if let empty = fixtures.first(where: { $0.hasPrefix("@") }) { throw ValidationError("the watchlist \(empty) in \(settings.filePath ?? "the config file") holds no fixture") }
            throw ValidationError("name at least one fixture as SPORT/FIXTURE_ID, a @WATCHLIST, or --live SPORT…")
        }
        return refs
    }

    func resolvedEndpoint(_ settings: EffectiveSettings) throws -> String {
        try settings.checkedURL(.endpoint, fallback: LiveActionsProtocol.defaultEndpoint, Endpoint.checked)
    }

    func resolvedFeed(_ settings: EffectiveSettings) throws -> Feed {
        guard let name = settings[.feed]?.string else { return .betting }
        guard let feed = Feed(rawValue: name) else {
            throw ValidationError("the feed is betting or media, not '\(name)' (\(settings.settings[.feed]?.source.description ?? ""))")
        }
        return feed
    }

    func configuration(_ settings: EffectiveSettings) throws -> LiveFeed.Configuration {
        var config = LiveFeed.Configuration(endpoint: try resolvedEndpoint(settings), token: try RESTOptions.token(settings))
        config.speed = speed
        config.feed = try resolvedFeed(settings)
        config.heartbeatInterval = heartbeat
        config.checkBackPatience = checkBackPatience
        config.backoff = Backoff(base: 0.5, cap: max(0.5, maxBackoff))
        if let stepTimeout { config.deadlines = StepDeadlines(all: stepTimeout) }
        return config
    }

    /// The longest that looking up the fixtures named by id may hold back the start, in seconds, and how many are
    /// looked up: each takes a slot of the pacer the streams share (5 a second), which a lookup cut short cannot
    /// give back, and fifty lookups held the fiftieth stream back 24 s.
    static let lookupDeadline = 3.0
    static let lookupLimit = 10

    /// The fixtures to start with and how to find more: for --live, the first listing happens here, so that a
    /// headless run knows what it waits for.
    /// `waits`: the command waits for matches to go live (`record`, the board), through a first listing that failed.
    func sources(recordDirectory: String?, waits: Bool) async throws -> (LiveSources, [FixtureState]) {
        let settings = try settings()
        let configuration = try configuration(settings)
        let limiter = ConnectLimiter(perSecond: LiveActionsProtocol.maxConnectsPerSecond)
        guard live else {
            let refs = try refs(settings)
            // Fixtures named by id are looked up too, briefly: without, the screen said "Home" and "Away" and a
            // recording's header named no team until an action named each one (before kick-off, for a long time).
            var infos: [FixtureRef: FixtureInfo] = [:]
            if let token = configuration.token {
                let api = try RESTOptions.api(settings)
                infos = await FixturesClient(configuration: .init(api: api, token: token), limiter: limiter)
                    .infos(of: Array(refs.prefix(Self.lookupLimit)), within: Self.lookupDeadline)
            }
            return (LiveSources(fixtures: refs, configuration: configuration, recordDirectory: recordDirectory, limiter: limiter, infos: infos),
                    refs.map { FixtureState(ref: $0, info: infos[$0]) })
        }
        let sports = settings[.sports]?.list ?? []
        if sports.isEmpty { throw ValidationError("--live needs sports: name them (e.g. basketball soccer) or set `sports` in the config file") }
        guard let token = configuration.token else { throw ValidationError("no token") }
        let client = FixturesClient(configuration: .init(api: try RESTOptions.api(settings), token: token), limiter: limiter)
        var discovery = LiveDiscovery(client: client, sports: sports)
        discovery.interval = relist
        let first = try await discovery.firstList(report: warn, waits: waits)
        discovery.firstWait = first.nextIn
        let found = first.found
        // Only of the sports listed: after a busy answer (a 503) it said there was none, which it could not know.
        let listed = sports.filter { sport in !first.failed.contains { $0.sport == sport } }
        if found.isEmpty, !listed.isEmpty { warn("no live fixture of \(listed.joined(separator: ", ")) right now") }
        let sources = LiveSources(fixtures: found.map(\.ref), configuration: configuration, recordDirectory: recordDirectory,
                                  discovery: discovery, limiter: limiter, infos: Dictionary(found.map { ($0.ref, $0.info) }) { a, _ in a })
        return (sources, found.map { FixtureState(ref: $0.ref, info: $0.info) })
    }
}

extension LiveOptions {
    /// What the TUI's `a` lists: the live and today's fixtures of the config file's sports (else the sports
    /// watched), from the Fixtures API with the same token.
    func catalog(sources: LiveSources, watching: [FixtureRef]) throws -> FixtureCatalog {
        let settings = try settings()
        var sports = settings[.sports]?.list ?? []
        if sports.isEmpty { sports = watching.map(\.sport).reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
        guard let token = sources.configuration.token, !sports.isEmpty else { return .unavailable("no sports to list: set `sports` in the config file") }
        let client = FixturesClient(configuration: .init(api: try RESTOptions.api(settings), token: token), limiter: sources.limiter)
        let today = LocalTime.date(at: Date().timeIntervalSince1970)
        let listed = sports
        return .live(list: {
            var choices: [FixturePicker.Choice] = []
            // What is live now, then the rest of today's.
            for query in [FixturesQuery(live: true), FixturesQuery(dateFrom: today, dateTo: today)] {
                for sport in listed {
                    let listing = try await client.fixtures(sport: sport, query: query)
                    for f in FixturesAPI.sorted(listing.fixtures) where !choices.contains(where: { $0.ref.id == f.id }) {
                        choices.append(FixturePicker.Choice(ref: FixtureRef(sport: f.sport, id: f.id),
                                                            info: f.info,
                                                            note: f.live ? "live" : f.status))
                    }
                }
            }
            return choices
        }, start: { sources.start($0) }, stop: { sources.stop($0) })
    }
}

extension Feed: ExpressibleByArgument {}

extension EffectiveSettings {
    /// The URL `key` is set to (else `fallback`), checked; refused naming where it was set (the flag, the variable,
    /// or the config file's line and key), so that a bad value in the file is found by its line.
    /// `contacted`: the command sends the token there, so a plain-text URL to another machine is said.
    func checkedURL(_ key: SettingKey, fallback: String, contacted: Bool = true, _ check: (String) throws -> String) throws -> String {
        do {
            let url = try check(self[key]?.string ?? fallback)
            if contacted, let host = Endpoint.plainTextHost(url) { PlainTextWarning.once(host: host, url: url) }
            return url
        } catch {
            let at = switch settings[key]?.source ?? .builtIn {
            case .flag(let name), .environment(let name): name
            case .file(let path, let line): "\(path):\(line): \(key.rawValue)"
            case .builtIn: "the built-in \(key.rawValue)"
            }
            throw ValidationError("\(at): \(error)")
        }
    }
}

/// Said once per host: the token sent unencrypted to another machine (`ws://`, `http://`), which anyone on the way
/// can read. Not refused: a proxy on a trusted network may be meant.
enum PlainTextWarning {
    static let warned = Mutex(Set<String>())

    static func once(host: String, url: String) {
        guard warned.withLock({ $0.insert(host).inserted }) else { return }
        warn("\(Endpoint.redacted(url)) is not encrypted: the token goes to \(host) in plain text (use wss:// or https://)")
    }
}

/// Sport paths as `fixtures`, `watch --live` and `record --live` take them.
enum SportPath {
    /// Why `path` is no sport path, nil when it is one; `forAFixture` says what to do with a fixture named instead.
    /// A fixture was asked for as a sport path (nothing found, status 0, or a recorder waiting for ever), and
    /// `soccer?live=false` went into the URL.
    static func problem(_ path: String, forAFixture: String) -> String? {
        if endsInFixtureId(path) { return "'\(TextSafety.clean(path, limit: 80))' is a fixture, not a sport: \(forAFixture)" }
        if FixtureRef(path + "/x") == nil { return "'\(TextSafety.clean(path, limit: 60))' is not a sport path (e.g. basketball, v2/volleyball)" }
        return nil
    }

    /// The sports named, as the provider spells its paths (`FixtureRef.sportPath`: `SOCCER` and `soccer/` listed
    /// nothing), each once.
    static func named(_ sports: [String]) -> [String] {
        var seen = Set<String>()
        return sports.map { FixtureRef.sportPath($0) ?? $0.lowercased() }.filter { seen.insert($0).inserted }
    }

    /// Whether the path's last part is a fixture's id (a UUID): `soccer/6794d8c6-…` is a fixture, not a sport.
    static func endsInFixtureId(_ path: String) -> Bool {
        guard let last = path.split(separator: "/").last, last.utf8.count == 36, path.contains("/") else { return false }
        return last.utf8.enumerated().allSatisfy { i, c in
            [8, 13, 18, 23].contains(i) ? c == UInt8(ascii: "-") : (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66)
        }
    }
}
