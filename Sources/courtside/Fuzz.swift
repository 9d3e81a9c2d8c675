import ArgumentParser
import Feeds
import Foundation
import LiveActions
import Scoreboard
import Simulator

/// `courtside fuzz`: a million mutated frames through the decoder and the reducers, seeded so that any
/// failure can be replayed. Exits non-zero if a fixture's state ever disagrees with a fresh fold.
struct Fuzz: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fuzz the decoder and reducers with mutated frames (seeded, reproducible).",
        shouldDisplay: false)

    @Option(help: "Inputs to try.") var inputs = 1_000_000
    @Option(help: "Seed of the mutations.") var seed: UInt64 = 1
    @Option(help: "Seed corpus folders (.json frames and .jsonl recordings).") var corpus: [String] = []

    func run() async throws {
        let frames = try Self.corpus(corpus)
        var fuzzer = FrameFuzzer(seed: seed, corpus: frames)
        var run = FuzzRun()
        let start = MonotonicClock.seconds()
        var slowest = 0.0
        var bytes = 0
        for i in 0..<inputs {
            let input = fuzzer.next()
            bytes += input.count
            let t = MonotonicClock.seconds()
            run.feed(input)
            slowest = max(slowest, MonotonicClock.seconds() - t)
            if i % 10_000 == 9_999, !run.consistent {
                throw ValidationError("input \(i) (seed \(seed)): derived state differs from a fresh fold")
            }
        }
        let took = MonotonicClock.seconds() - start
        let kinds = run.frames.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("fuzz: \(inputs) inputs (\(bytes / 1_000_000) MB) from \(frames.count) corpus frames, seed \(seed), in \(String(format: "%.1f", took)) s; slowest input \(String(format: "%.1f", slowest * 1000)) ms")
        print("fuzz: \(kinds); no crash, state always equal to a fresh fold")
    }

    static func corpus(_ folders: [String]) throws -> [String] {
        var dirs = folders
        if dirs.isEmpty {
            if let demo = RecordingStore.demoDirectory() {
                dirs = [demo, (demo as NSString).deletingLastPathComponent + "/fuzz/corpus"]
            }
        }
        var frames: [String] = []
        for dir in dirs {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() {
                let path = (dir as NSString).appendingPathComponent(name)
                if name.hasSuffix(".jsonl"), let r = try? RecordingStore.load(path) {
                    frames += r.frames.map(\.frame)
                } else if name.hasSuffix(".json"), let text = try? String(contentsOfFile: path, encoding: .utf8) {
                    frames.append(text)
                }
            }
        }
        guard !frames.isEmpty else { throw ValidationError("no corpus: give --corpus DIR") }
        return frames
    }
}
