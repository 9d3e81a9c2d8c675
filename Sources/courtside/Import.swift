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
    @Flag(help: "Replace a recording of the fixture already in the folder (a live one with its real timing included).")
    var replace = false

    func validate() throws {
        if FixtureRef(fixture) == nil { throw ValidationError("'\(fixture)' is not SPORT/FIXTURE_ID") }
        if out.isEmpty { throw ValidationError("--out names no folder (an empty path)") }
    }

    func run() async throws {
        guard let ref = FixtureRef(fixture) else { throw ValidationError("'\(fixture)' is not SPORT/FIXTURE_ID") }
        // Checked before the API is asked, and again before writing: a `record`ed match (its real timing, its
        // heartbeats) was replaced by the API's list without a word.
        let path = LiveSources.recordingPath(for: ref, in: out)
        try refuseToReplace(path)
        // Before the download: a whole action list was fetched, then dropped for a read-only --out.
        if let reason = FolderProblem.unwritable(out) { throw ImportFailure(description: "\(path): cannot write the recording (\(reason))") }
        let settings = try CommandSettings.load(flags: rest.settings)
        let client = try RESTOptions.client(settings)
        // The lookup only names the teams: when it fails (a 500, no answer), the actions are still asked for, as
        // `watch` and `record` take it, where the import failed with the actions never requested.
        var listed: ListedFixture?
        do {
            listed = try await client.fixture(ref)
            if listed == nil { warn("the API does not list \(ref); the teams come from the actions") }
        } catch FixturesClient.Failure.unauthorized {
            throw FixturesClient.Failure.unauthorized
        } catch {
            warn("the fixture's lookup failed (\(error)); the teams come from the actions")
        }
        let recording = try await client.importRecording(ref, listed: listed)
        for problem in recording.problems { warn(problem) }
        if recording.frames.isEmpty {
            // Not "none yet" when elements came and none could be kept (another fixture's actions, all of them).
            let why = recording.problems.isEmpty ? "has no action messages yet" : "has no action message that can be kept (said above)"
            throw ImportFailure(description: "\(ref) \(why); nothing written")
        }
        try refuseToReplace(path)
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try RecordingStore.write(recording, to: path)
        } catch {
            throw ImportFailure(description: "\(path): cannot write the recording (\(FolderProblem.reason(error, folder: out)))")
        }
        warn("wrote \(recording.frames.count) action messages to \(path)")
    }

    func refuseToReplace(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        // Not even with --replace while `record` writes it: the recorder went on into the file replaced, and all it
        // received from then on was lost, though it said "recorded →".
        if RecordingWriter.isBeingWritten(path) {
            throw ImportFailure(description: "\(path): a recorder is writing this recording; import into another folder, or after it ends")
        }
        guard !replace else { return }
        throw ImportFailure(description: "\(path): a recording of the fixture is there already; move it, or pass --replace")
    }
}

/// An import that cannot be done: said plainly (exit 1), without the usage text a `ValidationError` brings.
struct ImportFailure: Error, CustomStringConvertible {
    var description: String
}
