import ArgumentParser
import Scoreboard
import Settings
import Terminal
import Foundation

/// What `demo` and `watch` share for watching like a fan. The screen only: `--headless` lines are unchanged.
struct FanOptions: ParsableArguments {
    @Option(name: .customLong("favourite"),
            help: ArgumentHelp("A team to put first, marked ★ (repeatable; case and diacritics do not matter).", valueName: "NAME"))
    var favourites: [String] = []

    @Flag(name: .customLong("no-spoilers"), help: "Hide every score until r reveals the focused fixture's (R hides it again).")
    var noSpoilers = false

    @Flag(help: "No alerts: no bell, no highlighted row, no notification.")
    var quiet = false

    @Option(help: ArgumentHelp("Also ask the terminal for a desktop notification on each alert: osc777 or osc9.", valueName: "osc777|osc9"))
    var notify: AlertSettings.Notify?

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep the screen this far behind the feed, e.g. 45s, 2m, 1m30s (d / D change it by 5 s).", valueName: "DURATION"),
            transform: DelayArgument.parse)
    var delay: DelayArgument?

    /// As the config file checks its `favourites`: an empty name was taken unsaid, and matched no team.
    func validate() throws {
        if favourites.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) { throw ValidationError("--favourite wants a team's name, not an empty one") }
    }

    /// The flags over the environment over the config file (`quiet`, `notify`, `alerts`).
    func alertSettings() throws -> AlertSettings {
        let settings = try CommandSettings.load(flags: [:])
        var result = AlertSettings(quiet: quiet || settings[.quiet]?.string == "true",
                                   notify: notify ?? settings[.notify]?.string.flatMap(AlertSettings.Notify.init(rawValue:)))
        if let kinds = settings[.alerts]?.list { result.kinds = Set(kinds.compactMap(Alert.Kind.init(rawValue:))) }
        return result
    }

    /// `favourites` and `no_spoilers` come from the flags, else the environment, else the config file.
    func apply(to state: inout AppState) throws {
        let settings = try CommandSettings.load(flags: [:])
        state.spoilerFree = noSpoilers || settings[.noSpoilers]?.string == "true"
        state.delay = delay?.seconds ?? 0
        if let ms = settings[.latencyThreshold]?.string.flatMap(Double.init) { state.latencyThresholdMs = ms }
        let chosen = favourites.isEmpty ? (settings[.favourites]?.list ?? []) : favourites
        state.setFavourites(Favourites(chosen))
    }
}

extension AlertSettings.Notify: ExpressibleByArgument {}

/// `--delay 45s`, read by `parse` (the option's transform).
struct DelayArgument: Sendable {
    var seconds: Double

    /// The duration, or why not: "the value is invalid" alone did not say that a delay is at most an hour.
    static func parse(_ argument: String) throws -> DelayArgument {
        guard let s = DelayLine.parse(argument) else {
            throw ValidationError("a delay is a duration such as 45s, 2m or 1m30s, not '\(argument)'")
        }
        guard s <= DelayLine.maximum else {
            throw ValidationError("a delay is at most \(Int(DelayLine.maximum / 60)) minutes, not \(argument)")
        }
        return DelayArgument(seconds: s)
    }
}
