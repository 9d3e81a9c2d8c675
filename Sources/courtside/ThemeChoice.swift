import ArgumentParser
import Settings
import Terminal
import TUI

/// The themes `t` cycles through, starting with the one chosen: `--theme`, else the environment or the config file.
enum ThemeChoice {
    /// A theme the environment or the file names that cannot be loaded is refused naming where it came from, as a
    /// bad value of any other key is (it said only "no theme named 'nosuch'").
    static func themes(flag: String?, noColor: Bool) throws -> [Theme] {
        if let flag { return try ThemeStore.themes(choice: flag, noColor: noColor) }
        return try themes(settings: try CommandSettings.load(flags: [:]), noColor: noColor)
    }

    /// The themes the environment or a config file chooses (`config --file` checks another file's).
    static func themes(settings: EffectiveSettings, noColor: Bool) throws -> [Theme] {
        do {
            return try ThemeStore.themes(choice: settings[.theme]?.string, noColor: noColor)
        } catch {
            guard let source = settings.settings[.theme]?.source, source != .builtIn else { throw error }
            throw ValidationError("\(source): key 'theme': \(error)")
        }
    }
}
