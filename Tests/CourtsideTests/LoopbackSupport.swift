import Foundation
import Feeds
import Platform
import LiveActions
import ReplayServer
import Scoreboard
import Synchronization

/// Collects what feeds emit, from any thread, and folds it like the app does.
final class FeedCollector: Sendable {
    let events = Mutex<[FeedEvent]>([])

    func emit(_ event: FeedEvent) { events.withLock { $0.append(event) } }
    var all: [FeedEvent] { events.withLock { $0 } }

    func state(for fixtures: [FixtureRef]) -> AppState {
        var state = AppState(mode: .live, fixtures: fixtures.map { FixtureState(ref: $0) })
        for e in all { _ = AppReducer.reduce(&state, .feed(e)) }
        return state
    }

    func statuses(_ f: FixtureRef) -> [ConnectionStatus] {
        all.compactMap { if case .status(f, let s, _) = $0 { return s } else { return nil } }
    }

    /// Waits until `predicate` holds for the events so far.
    @discardableResult
    func waitUntil(timeout: Double = 30, _ predicate: ([FeedEvent]) -> Bool) async -> Bool {
        let deadline = MonotonicClock.seconds() + timeout
        while MonotonicClock.seconds() < deadline {
            if predicate(all) { return true }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return predicate(all)
    }
}

/// What the app would show after a clean, in-order delivery of every frame of the recording.
func expectedState(_ recording: Recording) -> FixtureState {
    var state = AppState(mode: .replay, fixtures: [FixtureState(ref: recording.header.fixture)])
    for f in recording.frames {
        _ = AppReducer.reduce(&state, .feed(.frame(recording.header.fixture, FrameDecoder.decode(f.frame), at: f.t, bytes: 0)))
    }
    return state.fixtures[0]
}

/// The same match under another fixture id, so that many copies can be served at once.
func renamed(_ recording: Recording, id: String) -> Recording {
    let old = recording.header.fixtureId
    var header = recording.header
    header.fixtureId = id
    return Recording(header: header, frames: recording.frames.map { RecordedFrame(t: $0.t, frame: $0.frame.replacingOccurrences(of: old, with: id)) })
}

/// An in-process `ReplayServer` on a free port, stopped by cancelling its task.
struct RunningServer {
    let server: ReplayServer
    let port: Int
    let task: Task<Void, any Error>
    let log: LogBox

    var endpoint: String { "ws://127.0.0.1:\(port)" }
    var lines: [String] { log.lines }
    func stop() { task.cancel() }

    static func start(_ recordings: [Recording], configure: (inout ReplayServer.Configuration) -> Void = { _ in }) async throws -> RunningServer {
        var config = ReplayServer.Configuration()
        config.port = 0
        config.heartbeat = 1
        configure(&config)
        let log = LogBox()
        let server = ReplayServer(fixtures: recordings.map(ServedFixture.init), configuration: config, log: { log.append($0) })
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw ServeError(output: "did not bind") }
        return RunningServer(server: server, port: port, task: task, log: log)
    }
}

final class LogBox: Sendable {
    let store = Mutex<[String]>([])
    func append(_ s: String) { store.withLock { $0.append(s) } }
    var lines: [String] { store.withLock { $0 } }
}

extension LiveFeed.Configuration {
    static func loopback(_ endpoint: String, token: String = "local-token", heartbeat: Double = 1, speed: String? = "fast") -> Self {
        var c = LiveFeed.Configuration(endpoint: endpoint, token: AuthToken(token))
        c.heartbeatInterval = heartbeat
        c.speed = speed
        c.backoff = Backoff(base: 0.05, cap: 0.4)
        return c
    }
}

/// The startPosition of every connection a server log reports, in order.
func startPositions(in log: String) -> [Int] {
    let regex = try! NSRegularExpression(pattern: #"startPosition=(\d+) .*→ streaming"#)
    return regex.matches(in: log, range: NSRange(log.startIndex..., in: log)).compactMap {
        Range($0.range(at: 1), in: log).flatMap { Int(log[$0]) }
    }
}
