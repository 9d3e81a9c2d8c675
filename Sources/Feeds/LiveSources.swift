import Platform
import Foundation
import LiveActions

/// Starts one feed per fixture under one connect limiter; each frame can also go to a recording.
public struct LiveSources: Sendable {
    public let fixtures: [FixtureRef]
    public let configuration: LiveFeed.Configuration
    public let recordDirectory: String?

    public init(fixtures: [FixtureRef], configuration: LiveFeed.Configuration, recordDirectory: String? = nil) {
        self.fixtures = fixtures
        self.configuration = configuration
        self.recordDirectory = recordDirectory
    }

    /// Runs every feed until all are over or the task is cancelled.
    public func run(emit: @escaping @Sendable (FeedEvent) -> Void) async throws {
        let limiter = ConnectLimiter(perSecond: LiveActionsProtocol.maxConnectsPerSecond)
        var writers: [FixtureRef: RecordingWriter] = [:]
        if let dir = recordDirectory {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let source = Endpoint.redacted(configuration.endpoint)
            for f in fixtures {
                let header = RecordingHeader(sport: f.sport, fixtureId: f.id, source: source)
                writers[f] = try RecordingWriter(path: Self.recordingPath(for: f, in: dir), header: header, start: MonotonicClock.seconds())
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

    /// `v2/volleyball/3f2c…` → `DIR/v2-volleyball-3f2c….jsonl`.
    public static func recordingPath(for f: FixtureRef, in directory: String) -> String {
        (directory as NSString).appendingPathComponent(f.sport.replacingOccurrences(of: "/", with: "-") + "-" + f.id + ".jsonl")
    }
}
