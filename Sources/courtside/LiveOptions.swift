import ArgumentParser
import Feeds
import Foundation
import LiveActions

/// What `watch` and `record` share: which server, which token, how to pace.
struct LiveOptions: ParsableArguments {
    @Argument(help: "Fixtures as SPORT/FIXTURE_ID, e.g. soccer/f4a681f4-ee19-4073-bb43-82c765e5e596.")
    var fixtures: [String]

    @Option(help: "Base URL of the Live Actions service (or COURTSIDE_ENDPOINT), e.g. ws://127.0.0.1:8765.")
    var endpoint: String?

    @Option(help: "betting (lowest latency) or media: which of the provider's streams (or COURTSIDE_FEED).")
    var feed: Feed?

    @Option(name: .customLong("token-file"), help: "File holding the access token (else COURTSIDE_TOKEN). Never pass a token on the command line.")
    var tokenFile: String?

    @Option(help: "Ask the server for speed=fast or speed=normal (finished matches only).")
    var speed: String?

    @Option(help: ArgumentHelp("Seconds between the server's heartbeats; 2.5× this without a frame is stale.", visibility: .hidden))
    var heartbeat: Double = LiveActionsProtocol.heartbeatInterval

    @Option(help: ArgumentHelp("Longest wait between reconnects, in seconds.", visibility: .hidden))
    var maxBackoff: Double = 30

    @Option(help: ArgumentHelp("Longest wait for each connection step (TCP, TLS, upgrade, first frame), in seconds.", visibility: .hidden))
    var stepTimeout: Double?

    func validate() throws {
        if fixtures.isEmpty { throw ValidationError("name at least one fixture as SPORT/FIXTURE_ID") }
        for f in fixtures where FixtureRef(f) == nil {
            throw ValidationError("'\(f)' is not SPORT/FIXTURE_ID (e.g. basketball/4a1f…, v2/volleyball/3f2c…)")
        }
        if let speed, speed != "fast", speed != "normal" { throw ValidationError("--speed is fast or normal") }
        if !(heartbeat > 0) { throw ValidationError("--heartbeat must be above 0") }
        if let stepTimeout, !(stepTimeout > 0) { throw ValidationError("--step-timeout must be above 0") }
    }

    var refs: [FixtureRef] {
        var seen = Set<FixtureRef>()
        return fixtures.compactMap(FixtureRef.init).filter { seen.insert($0).inserted }
    }

    func resolvedEndpoint() throws -> String {
        let endpoint = endpoint ?? ProcessInfo.processInfo.environment["COURTSIDE_ENDPOINT"] ?? LiveActionsProtocol.defaultEndpoint
        do { return try Endpoint.checked(endpoint) } catch { throw ValidationError("\(error)") }
    }

    func resolvedFeed() throws -> Feed {
        if let feed { return feed }
        guard let name = ProcessInfo.processInfo.environment["COURTSIDE_FEED"], !name.isEmpty else { return .betting }
        guard let feed = Feed(rawValue: name) else { throw ValidationError("COURTSIDE_FEED is betting or media, not '\(name)'") }
        return feed
    }

    func token() throws -> AuthToken {
        let token = try AuthToken.load(file: tokenFile, environment: ProcessInfo.processInfo.environment, warn: { warn($0) })
        guard let token else {
            throw ValidationError("no token: put it in a file and pass --token-file PATH, or set COURTSIDE_TOKEN")
        }
        return token
    }

    func configuration() throws -> LiveFeed.Configuration {
        var config = LiveFeed.Configuration(endpoint: try resolvedEndpoint(), token: try token())
        config.speed = speed
        config.feed = try resolvedFeed()
        config.heartbeatInterval = heartbeat
        config.backoff = Backoff(base: 0.5, cap: max(0.5, maxBackoff))
        if let stepTimeout { config.deadlines = StepDeadlines(all: stepTimeout) }
        return config
    }
}

extension Feed: ExpressibleByArgument {}
