import LiveActions

/// Where `--headless` lines go; the shell writes them to standard output.
public protocol LineSink {
    /// One line's UTF-8 bytes, without its newline.
    mutating func add(_ line: [UInt8])
    mutating func flush()
}

/// Events in batches, from a paced replay or from live feeds.
public protocol EventSource {
    /// The next events, after waiting for them if none are due yet; `nil` once the source is over.
    mutating func next() async -> [AppEvent]?
}

/// Folds a source's events with no screen and writes each fixture's line whenever it changes. The one runner
/// behind `demo --headless`, `watch --headless` and `record`.
public struct HeadlessRunner<Source: EventSource, Sink: LineSink> {
    public private(set) var state: AppState
    var source: Source
    var sink: Sink
    /// Stop once every fixture is over, even though the source could go on (live feeds keep their heartbeats).
    let stopsWhenAllOver: Bool
    /// Problems as they arrive (each distinct one once) and failures at the end.
    let report: (String) -> Void
    /// `lagMs` in every line that has a measurement (`--latency`).
    public var includesLatency = false

    public init(state: AppState, source: Source, sink: Sink, stopsWhenAllOver: Bool, report: @escaping (String) -> Void) {
        self.state = state
        self.source = source
        self.sink = sink
        self.stopsWhenAllOver = stopsWhenAllOver
        self.report = report
    }

    /// Exit status: 0 when every fixture ended well, 1 when one failed for good.
    public mutating func run(printing: Bool = true) async -> Int32 {
        var lines = Lines(count: state.fixtures.count)
        while var events = await source.next() {
            guard fold(&events, printing: printing, lines: &lines) else { break }
            sink.flush()
            if stopsWhenAllOver && state.allOver { break }
        }
        sink.flush()
        for (ref, reason) in state.failures where !lines.reported.contains("\(ref): \(reason)") { report("\(ref): \(reason)") }
        return state.failures.isEmpty ? 0 : 1
    }

    /// What the runner keeps between batches to write only lines that changed.
    struct Lines {
        /// Each fixture's last line; empty until its first (a line is never empty).
        var printed: [[UInt8]]
        /// Each fixture's line start, written again only where it changed.
        var heads: [HeadlessLine.Head]
        var reported: Set<String> = []
        var line = JSONWriter()
        var scratch: [UInt8] = []
        init(count: Int) {
            printed = Array(repeating: [], count: count)
            heads = Array(repeating: HeadlessLine.Head(), count: count)
        }
    }

    /// One batch, its events taken one by one (moved out, not copied: see `AppReducer.reduce(_:taking:)`); false
    /// to stop (a `--loop` restart after a failure). Synchronous, apart from `run`'s waiting: inside an async
    /// function every event and every fixture was copied to be lent, a score of retains each.
    mutating func fold(_ events: inout [AppEvent], printing: Bool, lines: inout Lines) -> Bool {
        for k in events.indices {
            var event = AppEvent.replayRestarted
            swap(&event, &events[k])
            if case .replayRestarted = event {
                if !state.failures.isEmpty { return false }
                lines.printed = Array(repeating: [], count: state.fixtures.count)
            }
            guard case .feed(var feedEvent) = event else {
                _ = AppReducer.reduce(&state, event)
                continue
            }
            event = .replayRestarted  // this copy's hold on the frame goes, so that the reducer takes it alone
            // Half of a stream's frames are heartbeats: they change nothing a line shows.
            let canChangeLine = feedEvent.canChangeLine
            if case .problem(let f, let message, _) = feedEvent {
                let line = "\(f): \(message)"
                if lines.reported.insert(line).inserted { report(line) }
            }
            let fixture = AppReducer.reduce(&state, taking: &feedEvent)
            guard printing, let i = fixture else { continue }
            if i >= lines.printed.count { lines.printed += Array(repeating: [], count: i + 1 - lines.printed.count) }
            if i >= lines.heads.count { lines.heads += Array(repeating: HeadlessLine.Head(), count: i + 1 - lines.heads.count) }
            if !lines.printed[i].isEmpty, !canChangeLine { continue }
            lines.line.reset()
            HeadlessLine.write(&state.fixtures[i], head: &lines.heads[i], latency: includesLatency, to: &lines.line, scratch: &lines.scratch)
            if lines.line.bytes != lines.printed[i] {
                sink.add(lines.line.bytes)
                swap(&lines.printed[i], &lines.line.bytes)  // the old line's buffer is the next line's
            }
        }
        return true
    }
}

extension FeedEvent {
    /// Whether folding this event can change what a fixture's `--headless` line shows: a heartbeat, other
    /// traffic or a problem report only touch counters and the connection panel.
    var canChangeLine: Bool {
        switch self {
        case .frame(_, .heartbeat, _, _), .frame(_, .traffic, _, _), .problem: false
        default: true
        }
    }
}
