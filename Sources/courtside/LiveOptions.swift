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

    @Option(name: .customLong("token-file"), help: "File holding the access token (else COURTSIDE_TOKEN). Never pass a token on the command line.")
    var tokenFile: String?

    @Option(help: "Ask the server for speed=fast or speed=normal (finished matches only).")
    var speed: String?

    @Option(help: ArgumentHelp("Seconds between the server's heartbeats; 2.5× this without a frame is stale.", visibility: .hidden))
    var heartbeat: Double = LiveActionsProtocol.heartbeatInterval

    @Option(help: ArgumentHelp("Longest wait between reconnects, in seconds.", visibility: .hidden))
    var maxBackoff: Double = 30

    func validate() throws {
        if fixtures.isEmpty { throw ValidationError("name at least one fixture as SPORT/FIXTURE_ID") }
        for f in fixtures where FixtureRef(f) == nil {
            throw ValidationError("'\(f)' is not SPORT/FIXTURE_ID (e.g. basketball/4a1f…, v2/volleyball/3f2c…)")
        }
        if let speed, speed != "fast", speed != "normal" { throw ValidationError("--speed is fast or normal") }
        if !(heartbeat > 0) { throw ValidationError("--heartbeat must be above 0") }
    }

    var refs: [FixtureRef] {
        var seen = Set<FixtureRef>()
        return fixtures.compactMap(FixtureRef.init).filter { seen.insert($0).inserted }
    }

    func resolvedEndpoint() throws -> String {
        let endpoint = endpoint ?? ProcessInfo.processInfo.environment["COURTSIDE_ENDPOINT"] ?? LiveActionsProtocol.defaultEndpoint
        guard let url = URLComponents(string: endpoint), ["ws", "wss"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError("the endpoint must be a ws:// or wss:// URL, not '\(endpoint)'")
        }
        return endpoint
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
        config.heartbeatInterval = heartbeat
        config.backoff = Backoff(base: 0.5, cap: max(0.5, maxBackoff))
        return config
    }
}

/// Starts one feed per fixture under one connect limiter; each frame can also go to a recording.
struct LiveSources {
    let fixtures: [FixtureRef]
    let configuration: LiveFeed.Configuration
    let recordDirectory: String?

    /// Runs every feed until all are over or the task is cancelled.
    func run(emit: @escaping @Sendable (FeedEvent) -> Void) async throws {
        let limiter = ConnectLimiter(perSecond: LiveActionsProtocol.maxConnectsPerSecond)
        var writers: [FixtureRef: RecordingWriter] = [:]
        if let dir = recordDirectory {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let source = Self.redacted(configuration.endpoint)
            for f in fixtures {
                let path = (dir as NSString).appendingPathComponent(Self.fileName(for: f))
                let header = RecordingHeader(sport: f.sport, fixtureId: f.id, source: source)
                writers[f] = try RecordingWriter(path: path, header: header, start: wallNow())
            }
        }
        let allWriters = writers
        defer { for w in allWriters.values { w.close() } }
        await withTaskGroup(of: Void.self) { group in
            for f in fixtures {
                let feed = LiveFeed(fixture: f, configuration: configuration, limiter: limiter)
                let writer = allWriters[f]
                group.addTask {
                    await feed.run(received: { text, at in writer?.append(text, at: at) }, emit: emit)
                }
            }
        }
    }

    /// `v2/volleyball/3f2c…` → `v2-volleyball-3f2c….jsonl`.
    static func fileName(for f: FixtureRef) -> String {
        f.sport.replacingOccurrences(of: "/", with: "-") + "-" + f.id + ".jsonl"
    }

    /// Scheme, host and port only: never a query or user info.
    static func redacted(_ endpoint: String) -> String {
        guard let url = URLComponents(string: endpoint) else { return "live" }
        return "\(url.scheme ?? "ws")://\(url.host ?? "?")\(url.port.map { ":\($0)" } ?? "")"
    }
}
