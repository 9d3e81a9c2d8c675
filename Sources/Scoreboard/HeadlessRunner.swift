import LiveActions

/// Events in batches, from a paced replay or from live feeds.
public protocol EventSource {
    /// The next events, after waiting for them if none are due yet; `nil` once the source is over.
    mutating func next() async -> [AppEvent]?
}

/// Folds a source's events with no screen and writes each fixture's line whenever it changes. The one runner
/// behind `demo --headless`, `watch --headless` and `record`.
public struct HeadlessRunner<Source: EventSource, Sink: LineSink> {
    var folding: HeadlessFold<Sink>
    var source: Source
    /// Stop once every fixture is over, even though the source could go on (live feeds keep their heartbeats).
    let stopsWhenAllOver: Bool

    public var state: AppState { folding.state }
    var sink: Sink { folding.sink }
    /// `lagMs` in every line that has a measurement (`--latency`).
    public var includesLatency: Bool {
        get { folding.includesLatency }
        set { folding.includesLatency = newValue }
    }

    /// `report`: problems as they arrive (each distinct one once) and failures at the end.
    public init(state: AppState, source: Source, sink: Sink, stopsWhenAllOver: Bool, report: @escaping (String) -> Void) {
        folding = HeadlessFold(state: state, sink: sink, report: report)
        self.source = source
        self.stopsWhenAllOver = stopsWhenAllOver
    }

    /// Exit status: 0 when every fixture ended well, 1 when one failed for good.
    public mutating func run(printing: Bool = true) async -> Int32 {
        while var events = await source.next() {
            guard folding.fold(&events, printing: printing) else { break }
            folding.sink.flush()
            if folding.sink.failure != nil { break }  // nothing more can be written: stop, and say so
            if stopsWhenAllOver && folding.state.allOver { break }
        }
        folding.reportLeftOut()
        return folding.finish()
    }
}
