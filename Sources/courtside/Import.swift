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
    }

    func run() async throws {
        guard let ref = FixtureRef(fixture) else { throw ValidationError("'\(fixture)' is not SPORT/FIXTURE_ID") }
        // Checked before the API is asked, and again before writing: a `record`ed match (its real timing, its
        // heartbeats) was replaced by the API's list without a word.
        let path = LiveSources.recordingPath(for: ref, in: out)
        try refuseToReplace(path)
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
        if recording.frames.isEmpty { throw ImportFailure(description: "\(ref) has no action messages yet; nothing written") }
        try refuseToReplace(path)
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try RecordingStore.write(recording, to: path)
        } catch {
            throw ImportFailure(description: "\(path): cannot write the recording (\(Self.reason(error, folder: out)))")
        }
        warn("wrote \(recording.frames.count) action messages to \(path)")
    }

    func refuseToReplace(_ path: String) throws {
        guard !replace, FileManager.default.fileExists(atPath: path) else { return }
        throw ImportFailure(description: "\(path): a recording of the fixture is there already; move it, or pass --replace")
    }

    /// The operating system's words for a file error, not Foundation's domain and code ("NSCocoaErrorDomain error
    /// 512" for an `--out` below a file).
    static func reason(_ error: Error, folder: String) -> String {
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        var ancestor = folder
        while !ancestor.isEmpty, ancestor != "/" {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor, isDirectory: &isFolder) {
                if !isFolder.boolValue { return "\(ancestor) is not a folder" }
                if access(ancestor, W_OK) != 0 { return "\(ancestor): \(String(cString: strerror(errno)))" }
                break
            }
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        return ns.localizedFailureReason ?? ns.localizedDescription
    }
}

/// An import that cannot be done: said plainly (exit 1), without the usage text a `ValidationError` brings.
struct ImportFailure: Error, CustomStringConvertible {
    var description: String
}
