import ArgumentParser
import Feeds
import Foundation
import LiveActions
import Scoreboard

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch live fixtures from the Live Actions websocket.",
        discussion: """
            The token comes from --token-file or COURTSIDE_TOKEN, never from the command line.
            Try it on loopback: `courtside serve` in one terminal, then
            `COURTSIDE_TOKEN=local courtside watch basketball/<id> --endpoint ws://127.0.0.1:8765`.
            """)

    @OptionGroup var live: LiveOptions
    @Option(help: "Also record every frame into this folder, one .jsonl per fixture.") var record: String?
    @Option(help: "Theme name or path to a .toml theme.") var theme: String?
    @Flag(help: "No TUI: print one JSON line per state change.") var headless = false

    func run() async throws {
        let sources = LiveSources(fixtures: live.refs, configuration: try live.configuration(), recordDirectory: record)
        let state = AppState(mode: .live, fixtures: live.refs.map { FixtureState(ref: $0) }, speed: nil)
        if headless {
            let code = await LiveHeadlessRunner(state: state, sources: sources, print: true).run()
            if code != 0 { throw ExitCode(code) }
            return
        }
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let themes = try ThemeStore.themes(choice: theme, noColor: noColor)
        let inbox = EventInbox()
        let feeds = Task { try await sources.run { inbox.post(.feed($0)) } }
        defer { feeds.cancel() }
        let code = try await MainActor.run {
            try TUIRunner(state: state, replay: nil, loop: false, themes: themes, inbox: inbox).run(noColor: noColor)
        }
        if code != 0 { throw ExitCode(code) }
    }
}

struct Record: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record live fixtures into .jsonl files (no screen), until each one finishes.")

    @OptionGroup var live: LiveOptions
    @Option(help: "Folder for the recordings.") var out: String

    func run() async throws {
        let sources = LiveSources(fixtures: live.refs, configuration: try live.configuration(), recordDirectory: out)
        let state = AppState(mode: .live, fixtures: live.refs.map { FixtureState(ref: $0) }, speed: nil)
        let code = await LiveHeadlessRunner(state: state, sources: sources, print: false).run()
        for f in live.refs { warn("recorded \(f) → \((out as NSString).appendingPathComponent(LiveSources.fileName(for: f)))") }
        if code != 0 { throw ExitCode(code) }
    }
}

/// Folds live feed events with no screen; prints a JSON line per state change when asked.
struct LiveHeadlessRunner {
    var state: AppState
    let sources: LiveSources
    let print: Bool

    func run() async -> Int32 {
        var state = self.state
        let (events, continuation) = AsyncStream.makeStream(of: FeedEvent.self)
        let feeds = Task {
            try? await sources.run { continuation.yield($0) }
            continuation.finish()
        }
        var out = LineWriter()
        var printed: [String?] = Array(repeating: nil, count: state.fixtures.count)
        var reported: Set<String> = []
        for await event in events {
            _ = AppReducer.reduce(&state, .feed(event))
            if case .problem(let f, let message, _) = event {
                let line = "\(f): \(message)"
                if reported.insert(line).inserted { warn(line) }
            }
            if print, let i = state.index(of: event.fixture) {
                let line = HeadlessLine.json(for: state.fixtures[i])
                if line != printed[i] {
                    printed[i] = line
                    out.add(line)
                    out.flush()
                }
            }
            if state.allOver { break }
        }
        feeds.cancel()
        out.flush()
        for (ref, reason) in state.failures where !reported.contains("\(ref): \(reason)") { warn("\(ref): \(reason)") }
        return state.failures.isEmpty ? 0 : 1
    }
}
