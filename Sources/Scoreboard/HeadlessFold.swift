import LiveActions

/// Where `--headless` lines go; the shell writes them to standard output.
public protocol LineSink {
    /// One line's UTF-8 bytes, without its newline.
    mutating func add(_ line: [UInt8])
    mutating func flush()
    /// `add`, told which event wrote the line: a sink that merges the lines of several folds orders them by it.
    mutating func add(_ line: [UInt8], from origin: LineOrigin)
    /// A problem to report, told which event brought it; false leaves it to the fold's `report`.
    mutating func report(_ problem: String, from origin: LineOrigin) -> Bool
    /// Why the lines can no longer be written, once they cannot: said as it is, at the end of the run.
    var failure: String? { get }
    /// The reader left on purpose (`| head`): the failure is not said, and the process ends as by SIGPIPE.
    var readerLeft: Bool { get }
}

extension LineSink {
    public mutating func add(_ line: [UInt8], from origin: LineOrigin) { add(line) }
    public mutating func report(_ problem: String, from origin: LineOrigin) -> Bool { false }
    public var failure: String? { nil }
    public var readerLeft: Bool { false }
}

/// Which event wrote a line: its fixture (the index in the fold's state), its time, and whether the fold had
/// met no frame yet. A replay opens with every fixture's first status before any frame, whatever the frames'
/// times, so lines of the opening come first.
public struct LineOrigin: Equatable, Sendable {
    public var fixture: Int
    public var at: Double
    public var opening: Bool

    public init(fixture: Int, at: Double, opening: Bool) {
        self.fixture = fixture
        self.at = at
        self.opening = opening
    }
}

/// Folds events with no screen and writes each fixture's line whenever it changes: what `--headless` does with
/// each batch, wherever the batches come from (`HeadlessRunner`'s source, or a share of a replay on a thread
/// of its own).
public struct HeadlessFold<Sink: LineSink> {
    public private(set) var state: AppState
    public internal(set) var sink: Sink
    /// Problems as they arrive (each distinct one once) and failures at the end, unless the sink takes them.
    let report: (String) -> Void
    /// `lagMs` in every line that has a measurement (`--latency`).
    public var includesLatency = false
    var lines: Lines
    /// No frame folded yet: see `LineOrigin.opening`.
    var opening = true

    public init(state: AppState, sink: Sink, report: @escaping (String) -> Void) {
        self.state = state
        self.sink = sink
        self.report = report
        lines = Lines(count: state.fixtures.count)
    }

    /// What the fold keeps between batches to write only lines that changed.
    struct Lines {
        /// Each fixture's last line; empty until its first (a line is never empty).
        var printed: [[UInt8]]
        /// Each fixture's line start, written again only where it changed.
        var heads: [HeadlessLine.Head]
        var reported: Set<String> = []
        /// Unusable frames met so far, up to the limit past which they are only counted: a hostile stream is told
        /// of, not copied to standard error.
        var frameProblems = 0
        /// Each fixture's actions for another fixture, as many as were reported.
        var foreignSeen: [Int] = []
        var line = JSONWriter()
        var scratch: [UInt8] = []
        init(count: Int) {
            printed = Array(repeating: [], count: count)
            heads = Array(repeating: HeadlessLine.Head(), count: count)
        }

        func foreign(_ i: Int) -> Int { i < foreignSeen.count ? foreignSeen[i] : 0 }
    }

    /// One batch, its events taken one by one (moved out, not copied: see `AppReducer.reduce(_:taking:)`); false
    /// to stop (a `--loop` restart after a failure). Synchronous: inside an async function every event and every
    /// fixture was copied to be lent, a score of retains each.
    public mutating func fold(_ events: inout [AppEvent], printing: Bool = true) -> Bool {
        for k in events.indices {
            var event = AppEvent.replayRestarted
            swap(&event, &events[k])
            if case .replayRestarted = event {
                if !state.failures.isEmpty { return false }
                lines.printed = Array(repeating: [], count: state.fixtures.count)
                opening = true
            }
            guard case .feed(var feedEvent) = event else {
                _ = AppReducer.reduce(&state, event)
                continue
            }
            event = .replayRestarted  // this copy's hold on the frame goes, so that the reducer takes it alone
            // Half of a stream's frames are heartbeats: they change nothing a line shows.
            let canChangeLine = feedEvent.canChangeLine
            let at = feedEvent.at
            switch feedEvent {
            case .frame(let f, let frame, _, _):
                opening = false
                // A frame that could not be used (not JSON, an action message that breaks the contract): counted
                // on screen, and said here, where nothing else would tell of it.
                for reason in frame.unusable { reportFrameProblem(reason, fixture: f, at: at) }
            case .problem(let f, let message, _):
                reportOnce("\(f): \(message)", fixture: f, at: at)
            default: break
            }
            let ends: FixtureRef? = if state.mode == .replay, case .ended(let f, _) = feedEvent { f } else { nil }
            let fixture = AppReducer.reduce(&state, taking: &feedEvent)
            if let ends, let i = fixture { reportCutShort(i, ends, at: at) }
            // Another fixture's action, counted on screen with the rest, said here too (it was not). Read from the
            // fixture's count: looked for in the frame here, the frame was held while the fixture took its messages,
            // which then were copied, and the whole replay took 4 % longer.
            if let i = fixture, state.fixtures[i].foreignActions != lines.foreign(i) { reportForeign(fixture: i, at: at) }
            guard printing, let i = fixture else { continue }
            if i >= lines.printed.count { lines.printed += Array(repeating: [], count: i + 1 - lines.printed.count) }
            if i >= lines.heads.count { lines.heads += Array(repeating: HeadlessLine.Head(), count: i + 1 - lines.heads.count) }
            if !lines.printed[i].isEmpty, !canChangeLine { continue }
            lines.line.reset()
            HeadlessLine.write(&state.fixtures[i], head: &lines.heads[i], latency: includesLatency, to: &lines.line, scratch: &lines.scratch)
            if lines.line.bytes != lines.printed[i] {
                sink.add(lines.line.bytes, from: LineOrigin(fixture: i, at: at, opening: opening))
                swap(&lines.printed[i], &lines.line.bytes)  // the old line's buffer is the next line's
            }
        }
        return true
    }

    /// A recording that ended before its match did, said when it ends (in its place among the lines, one thread or
    /// several): its lines say so (`"status":"live"` last), but a dataset built from an archive took half a match
    /// for a whole one, with nothing said and status 0.
    mutating func reportCutShort(_ i: Int, _ f: FixtureRef, at: Double) {
        let log = state.fixtures[i].log
        guard log.status != .finished else { return }
        let place = log.maxSeq < 0 ? "before its first action" : "at seq \(log.maxSeq), \(log.status)"
        reportOnce("\(f): the recording ends before the match does (\(place))", fixture: f, at: at)
    }

    mutating func reportFrameProblem(_ reason: String, fixture f: FixtureRef, at: Double) {
        guard lines.frameProblems <= Self.maxFrameProblems else { return }
        let line = "\(f): unusable frame: " + TextSafety.clean(reason, limit: 200)
        guard !lines.reported.contains(line) else { return }  // said already: it takes no place of the hundred
        lines.frameProblems += 1
        reportOnce(lines.frameProblems > Self.maxFrameProblems ? "\(f): more unusable frames follow; they are counted, not reported" : line,
                   fixture: f, at: at)
    }

    mutating func reportForeign(fixture i: Int, at: Double) {
        let f = state.fixtures[i]
        if i >= lines.foreignSeen.count { lines.foreignSeen += Array(repeating: 0, count: i + 1 - lines.foreignSeen.count) }
        lines.foreignSeen[i] = f.foreignActions
        // Once per other fixture, not per action: with its seq the reason was new each time, and a second match
        // concatenated into a recording put a hundred lines on stderr (the count at the end says how many).
        reportFrameProblem(Frame.foreignReason(fixtureId: f.foreignFixtureId), fixture: f.ref, at: at)
    }

    /// Unusable frames reported in a run, at most.
    static var maxFrameProblems: Int { 100 }

    /// Reports `line` unless it was reported before, through the sink when it orders reports among the lines.
    mutating func reportOnce(_ line: String, fixture f: FixtureRef, at: Double) {
        if lines.reported.insert(line).inserted,
           !sink.report(line, from: LineOrigin(fixture: state.index(of: f) ?? -1, at: at, opening: opening)) {
            report(line)
        }
    }

    /// How many frames and action messages of each fixture could not be used, said once at the end: each distinct
    /// reason is said as it comes (a hundred at most in a run), and a run that left out a fifth of a match said
    /// one line of it, with no count. Not a failure: the rest of the match is whole.
    public mutating func reportLeftOut() {
        for f in state.fixtures where f.malformed > 0 {
            // At the run's end, not this fold's: a share that ended early said its counts before another share's
            // lines, out of the order one thread says them in (by recording).
            reportOnce(f.leftOut, fixture: f.ref, at: .infinity)
        }
    }

    /// The failures not reported yet, in the order of the fixtures, reported; the exit status: 0 when every
    /// fixture ended well, 1 when one failed for good.
    public mutating func finish() -> Int32 {
        sink.flush()
        let failures = state.failures
        for (ref, reason) in failures { reportOnce("\(ref): \(reason)", fixture: ref, at: state.now) }
        if let failure = sink.failure {
            if !sink.readerLeft { report(failure) }
            return 1
        }
        return failures.isEmpty ? 0 : 1
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
