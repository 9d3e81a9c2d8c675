import LiveActions

/// Where `--headless` lines go; the shell writes them to standard output.
public protocol LineSink {
    mutating func add(_ line: String)
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
        var printed: [String?] = Array(repeating: nil, count: state.fixtures.count)
        var reported: Set<String> = []
        loop: while let events = await source.next() {
            for event in events {
                if event == .replayRestarted {
                    if !state.failures.isEmpty { break loop }
                    printed = Array(repeating: nil, count: state.fixtures.count)
                }
                _ = AppReducer.reduce(&state, event)
                guard case .feed(let feedEvent) = event else { continue }
                if case .problem(let f, let message, _) = feedEvent {
                    let line = "\(f): \(message)"
                    if reported.insert(line).inserted { report(line) }
                }
                guard printing, let i = state.index(of: feedEvent.fixture) else { continue }
                if i >= printed.count { printed += Array(repeating: nil, count: i + 1 - printed.count) }
                let line = HeadlessLine.json(for: state.fixtures[i], latency: includesLatency)
                if line != printed[i] {
                    printed[i] = line
                    sink.add(line)
                }
            }
            sink.flush()
            if stopsWhenAllOver && state.allOver { break }
        }
        sink.flush()
        for (ref, reason) in state.failures where !reported.contains("\(ref): \(reason)") { report("\(ref): \(reason)") }
        return state.failures.isEmpty ? 0 : 1
    }
}
