import LiveActions
import Scoreboard

/// What the TUI's `a` and `x` reach beyond the screen: where fixtures to add come from, and how one starts
/// and stops. A replay adds recordings to itself; live feeds hand the work to the sources.
public enum FixtureCatalog: Sendable {
    /// The recordings that can be played (`demo/`, those given), by header; `open` starts reading one.
    case recordings([RecordingHeader], open: @Sendable (FixtureRef) -> (any FrameStream)?)
    /// `list` reads the Fixtures API; `start` and `stop` open and close a fixture's stream.
    case live(list: @Sendable () async throws -> [FixturePicker.Choice],
              start: @Sendable (FixtureRef) -> Void,
              stop: @Sendable (FixtureRef) -> Void)
    /// Nothing to add from (no token, no demo folder): the picker says why.
    case unavailable(String)
}
