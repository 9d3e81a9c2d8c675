import ArgumentParser
import Feeds
import Foundation
import LiveActions
import Platform
import Settings

/// `courtside config`: the settings in force and where each came from; the token only as where it is read.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective settings and where each came from (never the token).",
        discussion: "Settings come from flags, then COURTSIDE_* environment variables, then $XDG_CONFIG_HOME/courtside/config.toml.")

    @Option(help: "Read this config file instead of the usual one.") var file: String?

    func run() throws {
        let settings = try CommandSettings.load(flags: [:], file: file)
        // The token file and the theme are read as a command would read them: `config` said "read from
        // /nonexistent" of a file that is not there (or a folder, or empty), and listed `theme = "nosuch"`, and
        // the next command failed on it.
        var refused = false
        var tokenProblem: String?
        if case .file(let path, _) = settings.token {
            do {
                _ = try AuthToken.load(file: path, environment: [:], warn: { warn($0) })
            } catch {
                tokenProblem = "\(error)"
            }
        }
        try StandardOutputCheck.write(lines: RESTOptions.withAPI(settings).render(tokenProblem: tokenProblem).split(separator: "\n", omittingEmptySubsequences: false).dropLast())
        if let tokenProblem {
            warn(tokenProblem)
            refused = true
        }
        // The endpoint and the API too, each named where it was set: `config` showed `ws://127.0.0.1:99999` with
        // status 0, and the next command refused it without saying which file or line.
        do {
            _ = try RESTOptions.api(settings)
        } catch {
            warn("\(error)")
            refused = true
        }
        if settings[.theme] != nil {
            do {
                _ = try ThemeChoice.themes(settings: settings, noColor: false)
            } catch {
                warn("\(error)")
                refused = true
            }
        }
        if refused { throw ExitCode(1) }
    }
}

/// The config file and the environment, read once for a command.
enum CommandSettings {
    /// The endpoint's too: `config` said "(not set)" where the provider's host was in force.
    static let defaults: [SettingKey: SettingValue] = [
        .feed: .string("betting"), .api: .string(FixturesAPI.defaultAPI), .endpoint: .string(LiveActionsProtocol.defaultEndpoint),
    ]

    /// Reads the config file (if there is one), prints its warnings, and resolves `flags` over it.
    static func load(flags: [SettingKey: SettingValue], file explicit: String? = nil) throws -> EffectiveSettings {
        let parsed = try (explicit.map { read($0, required: true) } ?? usualFile).get()
        do {
            return try EffectiveSettings.resolve(flags: flags, environment: ProcessInfo.processInfo.environment, file: parsed, defaults: defaults)
        } catch {
            throw SettingsFailure(description: "\(error)")
        }
    }

    /// The usual config file, read once per process: a command asks for its settings in several places, and its
    /// warnings must be printed once.
    static let usualFile: Result<SettingsFile?, SettingsFailure> =
        EffectiveSettings.configPath(environment: ProcessInfo.processInfo.environment).map { read($0, required: false) } ?? .success(nil)

    /// Reads and checks a config file, printing its warnings. A missing usual file is no file; a missing
    /// file that was asked for (`required`), or one that is there and cannot be read, is an error (an unreadable
    /// file read as none, and its `no_spoilers` and `quiet` were silently off).
    /// Why not is said in the system's words ("No such file or directory", "a folder"); `/dev/null` is an empty file.
    static func read(_ path: String, required: Bool) -> Result<SettingsFile?, SettingsFailure> {
        let data: Data
        switch ReadableFile.open(path) {
        case .success(let fd):
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            do {
                data = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                return .failure(SettingsFailure(description: "cannot read the config file \(path) (\((error as NSError).localizedDescription))"))
            }
            if data.count >= 1 << 20 { return .failure(SettingsFailure(description: "the config file \(path) is 1 MiB or more, which no config file is")) }
        case .failure(let refusal):
            let missing = refusal.code == ENOENT && !FileManager.default.fileExists(atPath: path)
            return required || !missing ? .failure(SettingsFailure(description: "cannot read the config file \(path) (\(refusal.reason))")) : .success(nil)
        }
        do {
            let parsed = try SettingsParser.parse(String(decoding: data, as: UTF8.self), file: path)
            for w in parsed.warnings { warn(w) }
            return .success(parsed)
        } catch {
            return .failure(SettingsFailure(description: "\(error)"))
        }
    }
}

/// A config file that cannot be used: said plainly, without the usage text a `ValidationError` brings.
struct SettingsFailure: Error, CustomStringConvertible {
    var description: String
}
