import ArgumentParser
import Feeds
import Foundation
import LiveActions
import Platform
import Scoreboard
import Terminal

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch live fixtures from the Live Actions websocket.",
        discussion: """
            The token comes from --token-file or COURTSIDE_TOKEN, never from the command line.
            Try it on loopback: `courtside serve` in one terminal, then
            `COURTSIDE_TOKEN=local courtside watch basketball/<id> --endpoint ws://127.0.0.1:8765`.
            `courtside watch --live basketball soccer` follows every live fixture of those sports;
            `courtside watch @evening` the watchlist `evening` of the config file.
            """)

    @OptionGroup var live: LiveOptions
    @Option(help: "Also record every frame into this folder, one .jsonl per fixture.") var record: String?
    @Option(help: "Theme name or path to a .toml theme.") var theme: String?
    @Flag(help: "No TUI: print one JSON line per state change.") var headless = false
    @OptionGroup var fan: FanOptions
    @Flag(help: "With --headless: add lagMs (last, median, p95 of arrival minus the provider's timestamp) to each line.")
    var latency = false

    func validate() throws {
        if record?.isEmpty == true { throw ValidationError("--record names no folder (an empty path)") }
    }

    func run() async throws {
        let (sources, fixtures) = try await live.sources(recordDirectory: record, waits: !headless)
        var state = AppState(mode: .live, fixtures: fixtures, speed: nil)
        // Feed events carry the monotonic clock; this pins it to the wall clock for latency.
        state.epochOffset = Date().timeIntervalSince1970 - MonotonicClock.now()
        if headless {
            if fixtures.isEmpty { return }  // --live found nothing: every fixture it found has finished
            let source = LiveEventSource(sources, report: warn)
            let stop = HeadlessStop { _ in source.stop() }
            var runner = HeadlessRunner(state: state, source: source, sink: StandardOutput(), stopsWhenAllOver: true, report: warn)
            runner.includesLatency = latency
            let code = await runner.run()
            await source.finish()
            StandardOutput.endIfTheReaderLeft()
            if let signal = stop.received { throw ExitCode(128 + signal) }
            if code != 0 { throw ExitCode(code) }
            return
        }
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let themes = try ThemeChoice.themes(flag: theme, noColor: noColor)
        try fan.apply(to: &state)
        let inbox = EventInbox()
        let feeds = Task { await sources.run(emit: { inbox.post(.feed($0)) }, report: { warn($0) }, interactive: true) }
        defer { feeds.cancel() }
        let catalog = try live.catalog(sources: sources, watching: fixtures.map(\.ref))
        let alerts = try fan.alertSettings()
        let (code, failures) = try await MainActor.run {
            let runner = TUIRunner(state: state, replay: nil, loop: false, themes: themes, inbox: inbox)
            runner.catalog = catalog
            runner.alertSettings = alerts
            let code = try runner.run(noColor: noColor)
            return (code, runner.finalState.failures)
        }
        // The feeds stopped and their recordings closed before the process ends (see `LiveEventSource.finish`).
        feeds.cancel()
        await feeds.value
        // Once the terminal is back: a fixture that failed says why here too, and the exit says so, as with
        // --headless (the reason was on the screen only, and the exit was 0).
        for (ref, reason) in failures { warn("\(ref): \(reason)") }
        if code != 0 { throw ExitCode(code) }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

struct Record: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record live fixtures into .jsonl files (no screen), until each one finishes.")

    @OptionGroup var live: LiveOptions
    @Option(help: "Folder for the recordings.") var out: String

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out names no folder (an empty path)") }
    }

    func run() async throws {
        var (sources, fixtures) = try await live.sources(recordDirectory: out, waits: true)
        sources.streamsUnrecorded = false
        let state = AppState(mode: .live, fixtures: fixtures, speed: nil)
        let source = LiveEventSource(sources, report: warn)
        let stop = HeadlessStop { _ in source.stop() }
        var runner = HeadlessRunner(state: state, source: source, sink: StandardOutput(), stopsWhenAllOver: true, report: warn)
        let code = await runner.run(printing: false)
        await source.finish()
        for f in runner.state.fixtures {
            // Said only of a recording that holds frames: "recorded →" followed a failed connection too.
            if sources.recordings.wasKept(f.ref) {
                // Kept, and failed: cut short (a full disk), which "recorded →" alone hid.
                let cut = sources.recordings.hasFailed(f.ref) ? ", cut short (said above)" : ""
                warn("recorded \(f.ref) → \(LiveSources.recordingPath(for: f.ref, in: out))\(cut)")
            } else if sources.recordings.hasFailed(f.ref) {
                warn("not recorded: \(f.ref) (said above)")
            } else {
                warn("nothing recorded for \(f.ref): no frame arrived")
            }
        }
        if let signal = stop.received { throw ExitCode(128 + signal) }
        if code != 0 { throw ExitCode(code) }
        if sources.recordings.anyFailed { throw ExitCode(1) }
    }
}
