import LiveActions
import Scoring

/// A replay of many recordings split by fixture, for `--headless --speed max` on several cores: each share of
/// the recordings is read, decoded and folded on a thread of its own (a fixture's lines depend on its own events
/// alone), and the shares' lines are merged back into the order one thread writes them. Split by stage instead
/// (one thread reading, one folding), every decoded frame crossed from one core to the other, and the pipeline
/// could use two cores at most.
public enum ReplayShares {
    /// The recordings (by index, each weighing its size) dealt into at most `count` shares of about equal
    /// weight, heaviest first to the lightest share; each share in the recordings' order.
    public static func split(weights: [Int], into count: Int) -> [[Int]] {
        let count = max(1, min(count, weights.count))
        var shares = [[Int]](repeating: [], count: count)
        var load = [Int](repeating: 0, count: count)
        for i in weights.indices.sorted(by: { weights[$0] > weights[$1] || (weights[$0] == weights[$1] && $0 < $1) }) {
            let lightest = load.indices.min { load[$0] < load[$1] }!
            shares[lightest].append(i)
            load[lightest] += max(0, weights[i])
        }
        return shares.filter { !$0.isEmpty }.map { $0.sorted() }
    }

    /// How much of a share's replay is folded at once, a track at a time: the span of replay time grows or shrinks
    /// towards `frames` frames a window, and no track plays more than `frames` in one.
    public struct Window: Sendable {
        public var frames: Int
        public var firstSpan: Double

        public init(frames: Int = 8192, firstSpan: Double = 1) {
            self.frames = max(1, frames)
            self.firstSpan = firstSpan > 0 ? firstSpan : 1
        }

        /// The window for a share of `tracks` recordings: 8,192 frames, or 64 a track for a share of more than 128
        /// of them, up to 65,536. A window of 8,192 frames gave each of a thousand tracks eight, and every visit
        /// found the recording's buffer, its decoder's memo and its match cold again (an archive of 2,000 matches:
        /// wall ×0.82, CPU ×0.81, peak RSS 261 → 343 MiB). The cap bounds the lines a window holds, whatever the
        /// archive's size; a share of up to 128 tracks (200 matches on two cores) keeps 8,192.
        public static func forShare(of tracks: Int) -> Window {
            Window(frames: max(8192, min(64 * tracks, 65536)))
        }

        /// The next window's span, from how many frames this one played: at most eight times longer or shorter.
        func nextSpan(after span: Double, played: Int) -> Double {
            let factor = Double(frames) / Double(max(1, played))
            return span * min(8, max(0.125, factor))
        }
    }

    /// Where a line or a problem goes in the whole replay's order: the opening (every fixture's first status, in
    /// the recordings' order) before any frame, then by time, then by recording, as the replay's heap plays them.
    public struct Key: Comparable, Sendable {
        var opening: Bool
        var at: Double
        var track: Int

        public static func < (a: Key, b: Key) -> Bool {
            if a.opening != b.opening { return a.opening }
            if a.at != b.at { return a.at < b.at }
            return a.track < b.track
        }
    }

    /// Merges the shares' lines into one thread's order. `next(s)` is share `s`'s next batch of lines, nil once
    /// it has no more (it may wait for it); `line` gets each line, `problem` each problem, and the failures come
    /// last, in the recordings' order. The number of failures: the exit status is 1 when there is one.
    @discardableResult
    public static func merge(shares: Int, next: (Int) -> ShareLines?, line: (UnsafeBufferPointer<UInt8>) -> Void, problem: (String) -> Void) -> Int {
        var heads: [(lines: ShareLines, item: Int)?] = Array(repeating: nil, count: shares)
        var failures: [(track: Int, text: String)] = []
        func load(_ s: Int) {
            heads[s] = nil
            while let lines = next(s) {
                failures += lines.failures
                if !lines.items.isEmpty {
                    heads[s] = (lines, 0)
                    return
                }
            }
        }
        for s in 0..<shares { load(s) }
        while true {
            // The share whose next item comes first, and the first of the others' next items.
            var soonest = -1
            var first: Key?
            var second: Key?
            for s in 0..<shares {
                guard let head = heads[s] else { continue }
                let key = head.lines.items[head.item].key
                if first.map({ key < $0 }) ?? true {
                    second = first
                    first = key
                    soonest = s
                } else if second.map({ key < $0 }) ?? true {
                    second = key
                }
            }
            guard soonest >= 0, var head = heads[soonest] else { break }
            // A share's items in a row, while they come before every other share's next.
            head.lines.withItems(from: head.item, before: second, line: line, problem: problem) { head.item = $0 }
            if head.item == head.lines.items.count { load(soonest) } else { heads[soonest] = head }
        }
        for failure in failures.sorted(by: { $0.track < $1.track }) { problem(failure.text) }
        return failures.count
    }
}

/// One share's lines and problems from one batch, each with its place in the whole replay's order: the sink of a
/// share's `HeadlessFold`.
public struct ShareLines: LineSink, Sendable {
    struct Item: Sendable {
        var key: ReplayShares.Key
        /// Where its bytes are in `bytes`: a batch sorted by place keeps them where they were written.
        var start: Int
        var end: Int
        var isProblem: Bool
    }

    /// Each of the share's fixtures (by its index in the share's state), as a track of the whole replay.
    let tracks: [Int]
    var bytes: [UInt8] = []
    var items: [Item] = []
    /// Failures found at the end, reported after every line and problem.
    var failures: [(track: Int, text: String)] = []
    /// The fold has finished: what it reports now are the failures.
    public var closing = false

    public init(tracks: [Int]) { self.tracks = tracks }

    public var isEmpty: Bool { items.isEmpty && failures.isEmpty }

    /// What has been written since the last call, leaving this sink empty for the next batch.
    public mutating func take() -> ShareLines {
        var taken = ShareLines(tracks: tracks)
        taken.closing = closing
        swap(&taken, &self)
        bytes.reserveCapacity(taken.bytes.count)
        items.reserveCapacity(taken.items.count)
        return taken
    }

    /// What has been written since the last call that comes at or before `bound` in the replay's order (all of it
    /// when there is none), in that order; the rest stays for a later call. A share folded a track at a time
    /// (`Replay.advanceTrackwise`) writes each fixture's lines in order, not the fixtures' lines among each other:
    /// sorted here, and held back while a line of another fixture could still come before them.
    public mutating func take(upTo bound: ReplayShares.Key?) -> ShareLines {
        var order = Array(items.indices)
        let sorted = zip(items, items.dropFirst()).allSatisfy { !($1.key < $0.key) }
        // Stable: lines with the same place (one fixture's, at one instant) keep the order they were written in.
        if !sorted { order.sort { items[$0].key < items[$1].key || (!(items[$1].key < items[$0].key) && $0 < $1) } }
        let settled = bound.map { bound in order.firstIndex { bound < items[$0].key } ?? order.count } ?? order.count
        if sorted && settled == order.count { return take() }
        // The settled items leave with the bytes as they are; the few held back are copied to a buffer of their own.
        var kept = ShareLines(tracks: tracks)
        kept.closing = closing
        kept.bytes.reserveCapacity(bytes.count)
        kept.items.reserveCapacity(items.count)
        for k in order[settled...] {
            let start = kept.bytes.count
            kept.bytes.append(contentsOf: bytes[items[k].start..<items[k].end])
            kept.items.append(Item(key: items[k].key, start: start, end: kept.bytes.count, isProblem: items[k].isProblem))
        }
        items = order[..<settled].map { items[$0] }
        var taken = kept
        swap(&taken, &self)
        return taken
    }

    public mutating func add(_ line: [UInt8]) { add(line, from: LineOrigin(fixture: -1, at: 0, opening: false)) }

    public mutating func add(_ line: [UInt8], from origin: LineOrigin) {
        let start = bytes.count
        bytes.append(contentsOf: line)
        items.append(Item(key: key(origin), start: start, end: bytes.count, isProblem: false))
    }

    public mutating func report(_ problem: String, from origin: LineOrigin) -> Bool {
        if closing {
            failures.append((key(origin).track, problem))
        } else {
            let start = bytes.count
            bytes.append(contentsOf: problem.utf8)
            items.append(Item(key: key(origin), start: start, end: bytes.count, isProblem: true))
        }
        return true
    }

    public mutating func flush() {}

    func key(_ origin: LineOrigin) -> ReplayShares.Key {
        ReplayShares.Key(opening: origin.opening, at: origin.at, track: tracks.indices.contains(origin.fixture) ? tracks[origin.fixture] : -1)
    }

    /// Hands over the item `first` and those after it that come before `limit` (all of them when there is none),
    /// and says where it stopped.
    func withItems(from first: Int, before limit: ReplayShares.Key?, line: (UnsafeBufferPointer<UInt8>) -> Void,
                   problem: (String) -> Void, stoppedAt: (Int) -> Void) {
        bytes.withUnsafeBufferPointer { all in
            var k = first
            // The first always: it is the soonest of all.
            while k < items.count, k == first || limit.map({ items[k].key < $0 }) ?? true {
                let text = UnsafeBufferPointer(rebasing: all[items[k].start..<items[k].end])
                if items[k].isProblem { problem(String(decoding: text, as: UTF8.self)) } else { line(text) }
                k += 1
            }
            stoppedAt(k)
        }
    }
}

extension ReplayShares {
    /// Plays one share to its end, as `HeadlessRunner` plays a whole replay: folded a batch at a time, each batch's
    /// lines handed to `send`, the failures in the last. `headers` are its recordings', `tracks` their places
    /// among all the recordings. The share's state at the end, for the caller to keep: freeing every match's log
    /// piece by piece took longer than some whole replays.
    public static func play(_ replay: Replay, headers: [RecordingHeader], tracks: [Int], window: Window = Window(),
                            send: (ShareLines) -> Void) -> AppState {
        var replay = replay
        let fixtures = headers.map { FixtureState(header: $0) }
        // Every problem goes to the sink, which keeps its place in the order; none is left to `report`.
        var fold = HeadlessFold(state: AppState(mode: .replay, fixtures: fixtures), sink: ShareLines(tracks: tracks), report: { _ in })
        var span = window.firstSpan
        while true {
            let start = replay.nextFrame?.t ?? 0
            let played = replay.advanceTrackwise(before: start + span, cap: window.frames) { _ = fold.fold(&$0) }
            // Settled: what comes at or before the next frame of the share (its lines come after it).
            let bound = replay.nextFrame.map { Key(opening: false, at: $0.t, track: tracks[$0.track]) }
            let settled = fold.sink.take(upTo: bound)
            if !settled.isEmpty { send(settled) }
            if replay.isDone { break }
            span = window.nextSpan(after: span, played: played)
        }
        fold.reportLeftOut()
        fold.sink.closing = true
        _ = fold.finish()
        send(fold.sink.take(upTo: nil))
        return fold.state
    }
}
