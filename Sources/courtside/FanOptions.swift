import ArgumentParser
import Scoreboard

/// What `demo` and `watch` share for watching like a fan. The screen only: `--headless` lines are unchanged.
struct FanOptions: ParsableArguments {
    @Option(name: .customLong("favourite"),
            help: ArgumentHelp("A team to put first, marked ★ (repeatable; case and diacritics do not matter).", valueName: "NAME"))
    var favourites: [String] = []

    @Flag(name: .customLong("no-spoilers"), help: "Hide every score until r reveals the focused fixture's (R hides it again).")
    var noSpoilers = false

    func apply(to state: inout AppState) {
        state.spoilerFree = noSpoilers
        state.setFavourites(Favourites(favourites))
    }
}
