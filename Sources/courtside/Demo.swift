import ArgumentParser
import Feeds
import Foundation
import LiveActions
import Scoreboard
import Terminal

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Replay recorded matches: no network, no token.",
        discussion: "With no RECORDING, plays every recording in demo/ at once.")

    @Argument(help: "Recordings (.jsonl), or folders of them, to play.") var recordings: [String] = []
    @Option(parsing: .unconditional, help: "Replay speed: a factor, or max. (default: 10)", transform: ReplaySpeed.parse) var speed = ReplaySpeed(factor: 10)
    @Flag(help: "Start again when every recording has ended.") var loop = false
    @Option(help: "Theme name or path to a .toml theme.") var theme: String?
    @Flag(help: "No TUI: print one JSON line per state change.") var headless = false
    @OptionGroup var fan: FanOptions
    @Flag(help: ArgumentHelp("Quit once the first frame is on screen (for courtside-bench's startup figure).", visibility: .private))
    var exitAfterFirstFrame = false
    @Option(help: ArgumentHelp("With --headless --speed max: play the recordings in this many shares at once (default: one a core).", visibility: .private))
    var shares: Int?

    /// Descriptors the board opens beside the recordings, with room to spare (`RecordingStore.openAll`'s `besides`).
    static let boardDescriptors = 8

    func run() async throws {
        // Read as they play: a long recording takes the memory of its match, not of its file.
        let loaded = try RecordingStore.openAll(recordings, warn: warn, besides: headless ? 0 : Self.boardDescriptors)
        if loop, let pipe = loaded.first(where: { !$0.canRewind }) {
            throw ValidationError("\(pipe.path) is a pipe, read once: --loop plays recordings again, so give it files")
        }
        // Out at once when done: everything is written, and freeing a long match's log piece by piece took longer
        // than some whole replays.
        let shares = min(loaded.count, self.shares ?? ProcessInfo.processInfo.activeProcessorCount)
        // A replay has nothing to close: a signal ends it between two writes, never mid-line.
        if headless { _ = HeadlessStop.endingBetweenWrites() }
        if headless, speed.factor == nil, !loop, loaded.count > 1 {
            // Split by fixture, a share a core. On one core too: a share reads and folds a track at a time, which
            // took a third less CPU than the reading thread below with its interleaved frames. One recording is
            // read ahead on a second thread below.
            let status = await ParallelReplay.run(loaded, shares: shares, report: warn)
            StandardOutput.endIfTheReaderLeft()
            Foundation.exit(status)
        }
        let fixtures = loaded.map { FixtureState(header: $0.header) }
        let replay = Replay(tracks: loaded.map { Replay.Track(fixture: $0.header.fixture, stream: $0) })
        var state = AppState(mode: .replay, fixtures: fixtures, speed: speed.factor)
        if headless {
            if speed.factor == nil { await runHeadlessAndExit(state, source: ReadAheadReplay(replay: replay, loop: loop)) }
            await runHeadlessAndExit(state, source: ReplaySource(replay: replay, speed: speed.factor, loop: loop))
        }
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let themes = try ThemeChoice.themes(flag: theme, noColor: noColor)
        try fan.apply(to: &state)
        let exitAfterFirstFrame = self.exitAfterFirstFrame, loop = self.loop, alerts = try fan.alertSettings()
        // `a` adds any recording given or in demo/ that is not playing (one removed with `x` too), read afresh.
        // A pipe is not offered: read once, it would be added back empty, "connecting" for good.
        var library = loaded.filter(\.canRewind).map { (path: $0.path, header: $0.header) }
        for (path, header) in RecordingStore.demoHeaders() where !loaded.contains(where: { $0.header.fixture == header.fixture }) {
            library.append((path, header))
        }
        let paths = Dictionary(library.map { ($0.header.fixture, $0.path) }, uniquingKeysWith: { first, _ in first })
        let catalog = FixtureCatalog.recordings(library.map(\.header)) { ref in
            paths[ref].flatMap { try? RecordingFile.open($0) }
        }
        let (code, leftOut) = try await MainActor.run {
            let runner = TUIRunner(state: state, replay: replay, loop: loop, themes: themes, inbox: EventInbox())
            runner.catalog = catalog
            runner.exitAfterFirstFrame = exitAfterFirstFrame
            runner.alertSettings = alerts
            let code = try runner.run(noColor: noColor)
            return (code, runner.finalState.fixtures.filter { $0.malformed > 0 }.map { $0.leftOut + " (the last: \($0.problems.last ?? ""))" })
        }
        // Once the terminal is back, as --headless says them: the panel showed the newest problem alone, and after
        // `q` nothing told that lines of a match had been left out.
        for line in leftOut { warn(line) }
        if code != 0 { throw ExitCode(code) }
    }

    func runHeadlessAndExit(_ state: AppState, source: some EventSource) async -> Never {
        var runner = HeadlessRunner(state: state, source: source, sink: StandardOutput(), stopsWhenAllOver: false, report: warn)
        let status = await runner.run()
        StandardOutput.endIfTheReaderLeft()
        // The runner (every match's log) lives until the exit: freeing it was a fiftieth of a replay of 200 matches.
        withExtendedLifetime(runner) { Foundation.exit(status) }
    }
}
