import ArgumentParser
import Foundation
import LiveActions
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
        print(settings.render(), terminator: "")
    }
}

/// The config file and the environment, read once for a command.
enum CommandSettings {
    static let defaults: [SettingKey: SettingValue] = [.feed: .string("betting"), .api: .string(FixturesAPI.defaultAPI)]

    /// Reads the config file (if there is one), prints its warnings, and resolves `flags` over it.
    static func load(flags: [SettingKey: SettingValue], file explicit: String? = nil) throws -> EffectiveSettings {
        let environment = ProcessInfo.processInfo.environment
        var parsed: SettingsFile?
        if let path = explicit ?? EffectiveSettings.configPath(environment: environment) {
            if let data = FileManager.default.contents(atPath: path) {
                do {
                    parsed = try SettingsParser.parse(String(decoding: data, as: UTF8.self), file: path)
                } catch {
                    throw SettingsFailure(description: "\(error)")
                }
                for w in parsed?.warnings ?? [] { warn(w) }
            } else if explicit != nil {
                throw SettingsFailure(description: "cannot read the config file \(path)")
            }
        }
        return EffectiveSettings.resolve(flags: flags, environment: environment, file: parsed, defaults: defaults)
    }
}

/// A config file that cannot be used: said plainly, without the usage text a `ValidationError` brings.
struct SettingsFailure: Error, CustomStringConvertible {
    var description: String
}
