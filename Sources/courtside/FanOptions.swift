import ArgumentParser
import Scoreboard
import Terminal

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

    var alertSettings: AlertSettings { AlertSettings(quiet: quiet, notify: notify) }

    func apply(to state: inout AppState) {
        state.spoilerFree = noSpoilers
        state.setFavourites(Favourites(favourites))
    }
}

extension AlertSettings.Notify: ExpressibleByArgument {}
