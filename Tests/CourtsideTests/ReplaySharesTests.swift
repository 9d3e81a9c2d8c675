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

    /// Windows from one frame of a track at a time to the whole replay at once: a share folds its fixtures a track
    /// at a time and holds back what another fixture's lines could still come before.
    static let windows = [ReplayShares.Window(), .init(frames: 1, firstSpan: 1e-9), .init(frames: 3, firstSpan: 0.5),
                          .init(frames: 40, firstSpan: 30), .init(frames: 1 << 20, firstSpan: 1e9)]

    @Test(arguments: [1, 2, 3, 4, 7], windows.indices)
    func sharesMergedPrintWhatOneRunnerPrints(count: Int, window: Int) async throws {
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
        #expect(runner.sink.lines.count > 1000 && problems.list.count == 10, "\(problems.list.joined(separator: "\n"))")
        #expect(problems.list.contains("soccer/nothing-yet: the recording ends before the match does (before its first action)"))
        // Each bad line counted, at the end, by recording, in shares as in one thread.
        #expect(problems.list.suffix(3).allSatisfy { $0.hasSuffix(": 2 unusable lines, frames or action messages left out") }, "\(problems.list)")

        // The shares, each played to its end on its own, then merged.
        let shares = ReplayShares.split(weights: paths.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }, into: count)
        #expect(shares.count == count)
        var batches: [[ShareLines]] = []
        for share in shares {
            let files = try share.map { try RecordingFile.open(paths[$0]) }
            var played: [ShareLines] = []
            _ = ReplayShares.play(Replay(tracks: files.map { Replay.Track(fixture: $0.header.fixture, stream: $0) }),
                                  headers: files.map(\.header), tracks: share, window: Self.windows[window]) { played.append($0) }
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

    /// A batch's lines leave sorted by their place in the replay, those with the same place in the order they were
    /// written; what comes after the bound stays for the next batch.
    @Test func aBatchLeavesSortedUpToTheBoundAndKeepsTheRest() {
        var lines = ShareLines(tracks: [0, 2, 5])
        func add(_ text: String, _ fixture: Int, _ at: Double, opening: Bool = false) {
            lines.add(Array(text.utf8), from: LineOrigin(fixture: fixture, at: at, opening: opening))
        }
        add("a1", 0, 1); add("a2", 0, 4); add("a3", 0, 4); add("a4", 0, 9)
        add("b0", 1, 0, opening: true); add("b1", 1, 2); add("b2", 1, 4)
        let kept = lines.report("c problem", from: LineOrigin(fixture: 2, at: 4, opening: false))
        #expect(kept)
        add("c1", 2, 4)
        func texts(_ batch: ShareLines) -> [String] {
            var out: [String] = []
            batch.withItems(from: 0, before: nil, line: { out.append(String(decoding: $0, as: UTF8.self)) },
                            problem: { out.append("! " + $0) }, stoppedAt: { _ in })
            return out
        }
        let first = lines.take(upTo: ReplayShares.Key(opening: false, at: 4, track: 2))
        #expect(texts(first) == ["b0", "a1", "b1", "a2", "a3", "b2"])
        add("b3", 1, 5)
        let rest = lines.take(upTo: nil)
        #expect(texts(rest) == ["! c problem", "c1", "b3", "a4"])
        #expect(lines.isEmpty)
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
