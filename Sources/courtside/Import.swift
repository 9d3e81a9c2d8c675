import ArgumentParser
import Feeds
import Foundation
import LiveActions
import Settings

/// `courtside import`: a finished match's actions from the REST API, saved as a recording `demo` plays.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Save a fixture's whole action list (REST actions endpoint) as a recording for `courtside demo`.")

    @Argument(help: "The fixture as SPORT/FIXTURE_ID.") var fixture: String
    @Option(help: "Folder to write <sport>-<id>.jsonl into.") var out: String
    @OptionGroup var rest: RESTOptions.Flags

    func validate() throws {
        if FixtureRef(fixture) == nil { throw ValidationError("'\(fixture)' is not SPORT/FIXTURE_ID") }
    }

    func run() async throws {
        guard let ref = FixtureRef(fixture) else { throw ValidationError("'\(fixture)' is not SPORT/FIXTURE_ID") }
        let settings = try CommandSettings.load(flags: rest.settings)
        let client = try RESTOptions.client(settings)
        let listed = try await client.fixture(ref)
        if listed == nil { warn("the API does not list \(ref); the teams come from the actions") }
        let recording = try await client.importRecording(ref, listed: listed)
        for problem in recording.problems { warn(problem) }
        if recording.frames.isEmpty { throw ValidationError("\(ref) has no action messages yet") }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let path = (out as NSString).appendingPathComponent(ref.sport.replacingOccurrences(of: "/", with: "-") + "-" + ref.id + ".jsonl")
        try RecordingStore.write(recording, to: path)
        warn("wrote \(recording.frames.count) action messages to \(path)")
    }
}
