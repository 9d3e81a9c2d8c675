import ArgumentParser
import Feeds
import Simulator

/// Writes the demo recordings from the seeded simulator. Hidden: it is for maintainers.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-recordings", abstract: "Regenerate the simulated demo recordings (demo/).")

    @Option(help: "Folder to write the recordings to.") var out = "demo"
    @Option(help: "Seed of the simulator.") var seed: UInt64 = MatchSimulator.defaultSeed

    func run() throws {
        for (name, recording) in MatchSimulator.demoRecordings(seed: seed) {
            let path = out + "/" + name
            try RecordingStore.write(recording, to: path)
            let actions = recording.frames.filter { $0.frame.contains("\"fixtureAction\"") }.count
            print("\(path): \(actions) action messages, \(recording.frames.count - actions) heartbeats, \(Int(recording.frames.last?.t ?? 0)) s")
        }
    }
}
