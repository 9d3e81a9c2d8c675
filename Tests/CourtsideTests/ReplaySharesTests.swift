import Foundation
import Testing
import Feeds
import LiveActions
import Simulator
@testable import Scoreboard

/// A replay split by fixture into shares, each folded on its own, and their lines merged: the same lines and
/// problems, in the same order, as one runner folding the whole replay.
@Suite struct ReplaySharesTests {
    @Test func everyRecordingIsDealtOnceIntoSharesOfAboutEqualWeight() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let weights = (0..<Int.random(in: 0...40, using: &rng)).map { _ in Int.random(in: 0...1000, using: &rng) }
            let count = Int.random(in: 1...8, using: &rng)
            let shares = ReplayShares.split(weights: weights, into: count)
            #expect(shares.count == min(count, weights.count))
            #expect(shares.joined().sorted() == Array(weights.indices), "each recording in exactly one share")
            #expect(shares.allSatisfy { !$0.isEmpty && $0 == $0.sorted() }, "each share in the recordings' order")
            let loads = shares.map { $0.reduce(0) { $0 + weights[$1] } }
            if let heaviest = weights.max(), let most = loads.max(), let least = loads.min() {
                #expect(most - least <= heaviest, "dealt heaviest first to the lightest share: \(loads)")
            }
        }
    }

    /// Recordings on disk, some with bad lines (problems mid-stream) and one that holds nothing but a header.
    func recordings(in dir: String) throws -> [String] {
        var paths: [String] = []
        for (i, recording) in MatchSimulator.matches(count: 9).enumerated() {
            let path = dir + "/match-\(i).jsonl"
            try RecordingStore.write(recording, to: path)
            if i % 3 == 1 {
                var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
                lines.insert("not a recording line", at: 4 + i)
                lines.insert(#"{"t":"#, at: lines.count - 2)
                try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            }
            paths.append(path)
        }
        let empty = dir + "/empty.jsonl"
        try (RecordingHeader(sport: "soccer", fixtureId: "nothing-yet").jsonLine + "\n").write(toFile: empty, atomically: true, encoding: .utf8)
        paths.insert(empty, at: 3)
        return paths
    }

    struct Collected: LineSink {
        var lines: [String] = []
        mutating func add(_ line: [UInt8]) { lines.append(String(decoding: line, as: UTF8.self)) }
        mutating func flush() {}
    }

    struct Batches: EventSource {
        var replay: Replay
        mutating func next() async -> [AppEvent]? {
            let events = replay.advance(to: .infinity, limit: 4096)
            return events.isEmpty && replay.isDone ? nil : events
        }
    }

    final class Problems: @unchecked Sendable { var list: [String] = [] }

    @Test(arguments: [1, 2, 3, 4, 7])
    func sharesMergedPrintWhatOneRunnerPrints(count: Int) async throws {
        let dir = NSTemporaryDirectory() + "courtside-shares-\(UUID())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try recordings(in: dir)

        // The reference: one runner over the whole replay.
        let files = try paths.map(RecordingFile.open)
        let problems = Problems()
        var runner = HeadlessRunner(state: AppState(mode: .replay, fixtures: files.map { FixtureState(header: $0.header) }),
                                    source: Batches(replay: Replay(tracks: files.map { Replay.Track(fixture: $0.header.fixture, stream: $0) })),
                                    sink: Collected(), stopsWhenAllOver: false, report: { problems.list.append($0) })
        #expect(await runner.run() == 0)
        #expect(runner.sink.lines.count > 1000 && problems.list.count == 6)

        // The shares, each played to its end on its own, then merged.
        let shares = ReplayShares.split(weights: paths.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }, into: count)
        #expect(shares.count == count)
        var batches: [[ShareLines]] = []
        for share in shares {
            let files = try share.map { try RecordingFile.open(paths[$0]) }
            var played: [ShareLines] = []
            _ = ReplayShares.play(Replay(tracks: files.map { Replay.Track(fixture: $0.header.fixture, stream: $0) }),
                                  headers: files.map(\.header), tracks: share) { played.append($0) }
            batches.append(played)
        }
        var lines: [String] = []
        var reported: [String] = []
        let failures = ReplayShares.merge(shares: shares.count, next: { batches[$0].isEmpty ? nil : batches[$0].removeFirst() },
                                          line: { lines.append(String(decoding: $0, as: UTF8.self)) }, problem: { reported.append($0) })
        #expect(failures == 0)
        #expect(lines == runner.sink.lines)
        #expect(reported == problems.list)
    }

    /// Failures come after every line and problem, in the recordings' order, whichever share found them.
    @Test func failuresAreReportedLastInTheRecordingsOrder() {
        var first = ShareLines(tracks: [0, 2])
        first.add(Array("a".utf8), from: LineOrigin(fixture: 0, at: 1, opening: false))
        first.add(Array("c".utf8), from: LineOrigin(fixture: 1, at: 3, opening: false))
        var second = ShareLines(tracks: [1, 3])
        second.add(Array("opening".utf8), from: LineOrigin(fixture: 1, at: 9, opening: true))
        second.add(Array("b".utf8), from: LineOrigin(fixture: 0, at: 1, opening: false))
        let problem = second.report("problem of 1", from: LineOrigin(fixture: 0, at: 2, opening: false))
        second.closing = true
        let laterFailure = second.report("3 failed", from: LineOrigin(fixture: 1, at: 5, opening: false))
        first.closing = true
        let earlierFailure = first.report("2 failed", from: LineOrigin(fixture: 1, at: 4, opening: false))
        #expect(problem && laterFailure && earlierFailure, "the sink keeps every problem, for its place in the order")
        var queues = [[first.take()], [second.take()]]
        #expect(first.isEmpty && second.isEmpty)
        var out: [String] = []
        let failures = ReplayShares.merge(shares: 2, next: { queues[$0].isEmpty ? nil : queues[$0].removeFirst() },
                                          line: { out.append(String(decoding: $0, as: UTF8.self)) }, problem: { out.append("! " + $0) })
        #expect(failures == 2)
        #expect(out == ["opening", "a", "b", "! problem of 1", "c", "! 2 failed", "! 3 failed"])
    }
}
