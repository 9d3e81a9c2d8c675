import Platform
import Foundation
import LiveActions

/// Starts one feed per fixture under one connect limiter; each frame can also go to a recording.
public struct LiveSources: Sendable {
    public let fixtures: [FixtureRef]
    public let configuration: LiveFeed.Configuration
    public let recordDirectory: String?
    /// Fixtures found later (`watch --live`), added as they go live.
    public let discovery: LiveDiscovery?
    /// The pacer every connection of the process shares, the Fixtures API's requests included.
    public let limiter: ConnectLimiter

    public init(fixtures: [FixtureRef], configuration: LiveFeed.Configuration, recordDirectory: String? = nil,
                discovery: LiveDiscovery? = nil, limiter: ConnectLimiter = ConnectLimiter(perSecond: LiveActionsProtocol.maxConnectsPerSecond)) {
        self.fixtures = fixtures
        self.configuration = configuration
        self.recordDirectory = recordDirectory
        self.discovery = discovery
        self.limiter = limiter
    }

    /// Runs every feed until all are over (and, with discovery, for as long as the task is not cancelled).
    public func run(emit: @escaping @Sendable (FeedEvent) -> Void, report: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        if let dir = recordDirectory {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        var writers: [RecordingWriter] = []
        defer { for w in writers { w.close() } }
        var running = Set<FixtureRef>()
        try await withThrowingTaskGroup(of: Void.self) { group in
            func start(_ f: FixtureRef) throws {
                guard running.insert(f).inserted else { return }
                let writer = try recordDirectory.map { dir in
                    try RecordingWriter(path: Self.recordingPath(for: f, in: dir),
                                        header: RecordingHeader(sport: f.sport, fixtureId: f.id, source: Endpoint.redacted(configuration.endpoint)),
                                        start: MonotonicClock.seconds())
                }
                if let writer { writers.append(writer) }
                let feed = LiveFeed(fixture: f, configuration: configuration, limiter: limiter)
                group.addTask { await feed.run(received: { text, at in writer?.append(text, at: at) }, emit: emit) }
            }
            for f in fixtures { try start(f) }
            guard let discovery else { return }
            while !Task.isCancelled {
                do { try await MonotonicClock().sleep(seconds: discovery.interval) } catch { return }
                for found in await discovery.list(report: report) where !running.contains(found.ref) {
                    emit(.discovered(found.ref, found.info, at: MonotonicClock.seconds()))
                    try start(found.ref)
                }
            }
        }
    }

    /// `v2/volleyball/3f2c…` → `DIR/v2-volleyball-3f2c….jsonl`.
    public static func recordingPath(for f: FixtureRef, in directory: String) -> String {
        (directory as NSString).appendingPathComponent(f.sport.replacingOccurrences(of: "/", with: "-") + "-" + f.id + ".jsonl")
    }
}
