import ArgumentParser
import Feeds
import Scoreboard
import Terminal

/// The terminal-safety tests' deliberate crash: the real TUI loop and terminal guard on the demo, then a
/// Swift trap once the first frame is on screen. It lives here so that the product binary has no way to
/// crash on purpose.
struct CrashInTUI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-in-tui", abstract: "Trap with the TUI on screen (terminal-safety tests).", shouldDisplay: false)

    func run() async throws {
        let recordings = try RecordingStore.loadAll([], warn: { _ in })
        let fixtures = recordings.map { FixtureState(ref: $0.header.fixture, title: $0.header.title, home: $0.header.home, away: $0.header.away) }
        let replay = Replay(tracks: recordings.map { Replay.Track(fixture: $0.header.fixture, frames: $0.frames) })
        let themes = try ThemeStore.themes(choice: nil, noColor: false)
        _ = try await MainActor.run {
            let runner = TUIRunner(state: AppState(mode: .replay, fixtures: fixtures, speed: 10), replay: replay, loop: false,
                                   themes: themes, inbox: EventInbox())
            runner.afterFirstFrame = { fatalError("crash-in-tui: a deliberate crash, to prove the terminal is restored") }
            return try runner.run(noColor: false)
        }
    }
}
