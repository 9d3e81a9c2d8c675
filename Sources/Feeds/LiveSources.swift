import Synchronization
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
    /// What the Fixtures API said of the fixtures (`--live`): their recordings' headers name the match and teams,
    /// which a replay shows from its first line (with no names, it said "Home" and "Away" until an action named
    /// each team).
    public let infos: [FixtureRef: FixtureInfo]
    let commands = AsyncStream.makeStream(of: Command.self)
    /// Recordings that could not be made or were cut short (`record` ends non-zero when there was one), and
    /// the ones kept.
    public let recordings = RecordingOutcomes()
    /// Whether a fixture whose recording cannot be made, or stops, is still streamed: yes for `watch --record`
    /// (the match is on screen), no for `record`, which has nothing else to do with it (it held a provider stream
    /// for the whole match, recording nothing).
    public var streamsUnrecorded = true

    public init(fixtures: [FixtureRef], configuration: LiveFeed.Configuration, recordDirectory: String? = nil,
                discovery: LiveDiscovery? = nil, limiter: ConnectLimiter = ConnectLimiter(perSecond: LiveActionsProtocol.maxConnectsPerSecond),
                infos: [FixtureRef: FixtureInfo] = [:]) {
        self.fixtures = fixtures
        self.configuration = configuration
        self.recordDirectory = recordDirectory
        self.discovery = discovery
        self.limiter = limiter
        self.infos = infos
    }

    /// Start or stop a fixture's feed while the sources run (the TUI's `a` and `x`).
    public enum Command: Sendable {
        case start(FixtureRef)
        case stop(FixtureRef)
    }

    public func start(_ ref: FixtureRef) { commands.continuation.yield(.start(ref)) }
    public func stop(_ ref: FixtureRef) { commands.continuation.yield(.stop(ref)) }

    /// Runs every feed until all are over (with discovery, or `interactive`, until the task is cancelled).
    public func run(emit: @escaping @Sendable (FeedEvent) -> Void, report: @escaping @Sendable (String) -> Void = { _ in },
                    interactive: Bool = false) async {
        // Why the folder cannot be made, if it cannot: `record` fails every fixture with it; `watch` says it of each
        // and watches unrecorded (it failed them all, and nothing was watched).
        var folderProblem: String?
        if let dir = recordDirectory {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                // Said as each fixture's failure, so that the run ends non-zero and says why (a throw here ended the
                // headless run with status 0).
                recordings.failed()
                let reason = "cannot record into \(dir): \(FolderProblem.reason(error, folder: dir))"
                if !streamsUnrecorded {
                    for f in fixtures { recordings.failed(f) }  // not "no frame arrived": nothing was dialled
                    for f in fixtures { emit(.status(f, .failed(reason), at: MonotonicClock.seconds())) }
                    return
                }
                folderProblem = reason
            }
        }
        enum Event: Sendable {
            case ended(FixtureRef, Int)
            case found(LiveDiscovery.Found)
            case command(Command)
        }
        let (events, sink) = AsyncStream.makeStream(of: Event.self)
        var feeds: [FixtureRef: (task: Task<Void, Never>, generation: Int)] = [:]
        var writers: [FixtureRef: RecordingWriter] = [:]
        var seen = Set(fixtures)
        var generation = 0
        let outcomes = recordings
        // A recording that cannot be made or written is said, and the match is still watched: thrown, it stopped
        // every feed (and a headless run ended with status 0); written with `FileHandle.write`, a full disk trapped.
        func start(_ f: FixtureRef, info: FixtureInfo? = nil) {
            guard feeds[f] == nil else { return }
            if let folderProblem {
                outcomes.failed(f)
                emit(.problem(f, "not recorded: \(folderProblem)", at: MonotonicClock.seconds()))
            } else if writers[f] == nil, let dir = recordDirectory {
                let info = info ?? infos[f]
                do {
                    writers[f] = try RecordingWriter(path: Self.recordingPath(for: f, in: dir),
                                                     header: RecordingHeader(sport: f.sport, fixtureId: f.id, title: info?.title, home: info?.home,
                                                                             away: info?.away, source: Endpoint.redacted(configuration.endpoint),
                                                                             started: Date().timeIntervalSince1970),
                                                     start: MonotonicClock.seconds())
                } catch {
                    outcomes.failed(f)
                    emit(.problem(f, "not recorded: \(error)", at: MonotonicClock.seconds()))
                    if !streamsUnrecorded {
                        emit(.status(f, .failed("not recorded: \(error)"), at: MonotonicClock.seconds()))
                        return
                    }
                }
            }
            let writer = writers[f]
            // Opened again while recorded (`x`, then `a`): the stream starts again from its first message.
            let catchUp = writer.map { RecordingCatchUp(held: $0.positionWritten) }
            let feed = LiveFeed(fixture: f, configuration: configuration, limiter: limiter)
            generation += 1
            let mine = generation
            let received: @Sendable (String, Double, StreamPlace) -> Void = { text, at, place in
                guard let writer, catchUp?.holds(place) != true, let failure = writer.append(text, at: at, position: place.position) else { return }
                outcomes.failed(f)
                emit(.problem(f, "recording stopped: \(failure)", at: at))
                if !streamsUnrecorded {
                    emit(.status(f, .failed("recording stopped: \(failure)"), at: at))
                    stop(f)
                }
            }
            feeds[f] = (Task { await feed.run(received: received, emit: emit); sink.yield(.ended(f, mine)) }, mine)
        }
        let helpers = [
            discovery.map { discovery in
                Task {
                    var wait = discovery.firstWait ?? discovery.interval
                    while !Task.isCancelled {
                        do { try await MonotonicClock().sleep(seconds: wait) } catch { return }
                        let round = await discovery.list(report: report)
                        for found in round.found { sink.yield(.found(found)) }
                        wait = round.nextIn
                    }
                }
            },
            Task { for await c in commands.stream { sink.yield(.command(c)) } },
        ].compactMap { $0 }
        defer {
            for f in feeds.values { f.task.cancel() }
            for h in helpers { h.cancel() }
            for (f, w) in writers where w.close() { outcomes.kept(f) }
        }
        for f in fixtures { start(f) }
        let keepsRunning = interactive || discovery != nil
        if feeds.isEmpty && !keepsRunning { return }
        await withTaskCancellationHandler {
            for await event in events {
                switch event {
                case .ended(let f, let g):
                    if feeds[f]?.generation == g {
                        feeds[f] = nil
                        // Ended with nothing recorded (a 404, a refusal): its header-only file went only at the session's
                        // end, and a replay of the folder meanwhile showed a 0 : 0 fixture that never was.
                        if let writer = writers[f], writer.isEmpty {
                            writer.close()
                            writers[f] = nil
                        }
                    }
                    if feeds.isEmpty && !keepsRunning { return }
                case .found(let found):
                    guard seen.insert(found.ref).inserted else { continue }
                    emit(.discovered(found.ref, found.info, at: MonotonicClock.seconds()))
                    start(found.ref, info: found.info)
                case .command(.start(let f)):
                    seen.insert(f)
                    start(f)
                case .command(.stop(let f)):
                    feeds.removeValue(forKey: f)?.task.cancel()
                    if feeds.isEmpty && !keepsRunning { return }
                }
            }
        } onCancel: {
            sink.finish()
        }
    }

    /// `v2/volleyball/3f2c…` → `DIR/v2-volleyball-3f2c….jsonl`.
    public static func recordingPath(for f: FixtureRef, in directory: String) -> String {
        (directory as NSString).appendingPathComponent(f.sport.replacingOccurrences(of: "/", with: "-") + "-" + f.id + ".jsonl")
    }
}

/// How many recordings could not be made or were cut short, counted from the feeds' tasks.
public final class RecordingOutcomes: Sendable {
    let failures = Mutex(0)
    let keptRefs = Mutex(Set<FixtureRef>())
    let failedRefs = Mutex(Set<FixtureRef>())
    /// `f`: the fixture whose recording could not be made or was cut short (nil: every fixture's folder).
    func failed(_ f: FixtureRef? = nil) {
        failures.withLock { $0 += 1 }
        if let f { _ = failedRefs.withLock { $0.insert(f) } }
    }
    /// The fixture's recording could not be made or was cut short (said as it happened).
    public func hasFailed(_ f: FixtureRef) -> Bool { failedRefs.withLock { $0.contains(f) } }
    func kept(_ f: FixtureRef) { _ = keptRefs.withLock { $0.insert(f) } }
    /// A recording could not be made or was cut short.
    public var anyFailed: Bool { failures.withLock { $0 > 0 } }
    /// The fixture's recording holds frames and was kept (one that got none is removed).
    public func wasKept(_ f: FixtureRef) -> Bool { keptRefs.withLock { $0.contains(f) } }
}
