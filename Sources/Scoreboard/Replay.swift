import LiveActions

/// Plays several recordings as one stream of feed events, merged by time. Pure: the caller says how far
/// replay time has advanced, and gets the events that happened by then.
public struct Replay: Sendable {
    public struct Track: Sendable {
        public var fixture: FixtureRef
        var frames: any FrameStream
        /// Replay time at which this track started: a recording added while others play starts then.
        var offset = 0.0
        /// The next frame to play, read and decoded ahead of its time.
        var pending: DecodedFrame?
        var played = 0
        var started = false
        /// Bad lines met while reading ahead, not yet reported.
        var problems: [String] = []

        public init(fixture: FixtureRef, frames: [RecordedFrame]) {
            self.init(fixture: fixture, stream: FrameArray(frames))
        }

        public init(fixture: FixtureRef, stream: any FrameStream) {
            self.fixture = fixture
            self.frames = stream
        }

        public var progress: ReplayProgress {
            ReplayProgress(played: played, total: pending == nil ? played : max(frames.count, played + 1))
        }
        public var isDone: Bool { started && pending == nil }
        var due: Double? { pending.map { $0.t + offset } }

        /// `Replay.advanceTrackwise`'s part for this track, in one access to it: read through the array for each
        /// frame, the whole track was copied.
        mutating func play(before end: Double, cap: Int, strings: StringCache, into events: inout [AppEvent]) -> Int {
            var count = 0
            while count < cap, let at = due, at < end {
                _ = playNext(strings: strings, into: &events)
                count += 1
            }
            if count > 0 { events.append(.replayProgress(fixture, progress)) }
            return count
        }

        /// Plays the pending frame, if there is one: the frame, the bad lines met reading the one after it, and the
        /// end when there is none. Whether it played, and when the one after is due.
        mutating func playNext(strings: StringCache, into events: inout [AppEvent]) -> (played: Bool, next: Double?) {
            guard let recorded = pending.take() else { return (false, nil) }
            let at = recorded.t + offset
            played += 1
            let next = readAhead(strings)
            events.append(.feed(.frame(fixture, recorded.frame, at: at, bytes: recorded.bytes)))
            report(at: at, into: &events)
            if next == nil { events.append(.feed(.ended(fixture, at: at))) }
            return (true, next)
        }

        /// Bad lines its reading met, as problems of its fixture.
        mutating func report(at: Double, into events: inout [AppEvent]) {
            guard !problems.isEmpty else { return }
            for problem in problems { events.append(.feed(.problem(fixture, problem, at: at))) }
            problems.removeAll()
        }

        /// Reads the next frame; when it is due, nil at the end. Returned rather than read back through `due`,
        /// which copied the whole track out of the array for every frame.
        @discardableResult
        mutating func readAhead(_ cache: StringCache) -> Double? {
            pending = frames.nextDecoded(problems: &problems, cache: cache)
            guard let t = pending?.t else { return nil }
            return t + offset
        }
    }

    public private(set) var tracks: [Track]
    /// Replay time reached so far.
    public private(set) var time = 0.0
    /// The next frame of every started track that has one, soonest first: picking it costs O(log tracks)
    /// instead of a scan of every track per frame, which grew with the number of recordings replayed.
    var due = DueHeap()
    /// Shared by every track: fixtures of one sport share type names too.
    let strings = StringCache()

    public init(tracks: [Track]) { self.tracks = tracks }

    public var isDone: Bool { tracks.allSatisfy(\.isDone) }

    /// When the next frame is due, or nil when everything has played.
    public var nextDue: Double? {
        if tracks.contains(where: { !$0.started }) { return 0 }
        return due.first?.t
    }

    /// Events due up to replay time `t`, in time order, at most `limit` frames at once so that a very fast
    /// replay still yields to the screen. Unpaced (`t` infinite), the time reached is the last frame's played:
    /// an infinite time made a recording added then (`a`) start at infinity, its times with it, and a clock
    /// rebased on it (a pause, a slower speed) stay unpaced.
    public mutating func advance(to t: Double, limit: Int = .max) -> [AppEvent] {
        let horizon = max(time, t)
        if horizon.isFinite { time = horizon }
        var events: [AppEvent] = []
        // A batch at `--speed max` sized once: grown by doubling, its events were moved a dozen times.
        if limit <= 1 << 16 { events.reserveCapacity(limit + tracks.count + 1) }
        var played = 0
        start(into: &events)
        // Progress once per track and batch, after its frames: a replay at full speed sends thousands of frames
        // a batch, and the screen shows only where each track got to.
        var moved = [Bool](repeating: false, count: tracks.count)
        while played < limit, let soonest = due.first, soonest.t <= horizon {
            let i = soonest.track
            if soonest.t > time, soonest.t.isFinite { time = soonest.t }
            let step = tracks[i].playNext(strings: strings, into: &events)
            guard step.played else {  // removed
                due.popFirst()
                continue
            }
            played += 1
            // The track's next frame takes its place at the top, sifted down once: popped and pushed, every frame
            // went down and up the heap.
            if let next = step.next { due.replaceFirst(with: .init(t: next, track: i)) } else { due.popFirst() }
            moved[i] = true
        }
        for i in tracks.indices where moved[i] { events.append(.replayProgress(tracks[i].fixture, tracks[i].progress)) }
        return events
    }

    /// Every track not started yet starts: its status, the bad lines before its first frame, its progress, and
    /// its end when it has no frame at all.
    mutating func start(into events: inout [AppEvent]) {
        for i in tracks.indices where !tracks[i].started {
            tracks[i].started = true
            tracks[i].readAhead(strings)
            let fixture = tracks[i].fixture
            events.append(.feed(.status(fixture, .live, at: tracks[i].offset)))
            tracks[i].report(at: tracks[i].offset, into: &events)
            events.append(.replayProgress(fixture, tracks[i].progress))
            if let next = tracks[i].due { due.push(.init(t: next, track: i)) } else { events.append(.feed(.ended(fixture, at: tracks[i].offset))) }
        }
    }

    /// The next frame to play, by time and then by track: whatever is played from now on comes at it or after it.
    public var nextFrame: (t: Double, track: Int)? { due.first.map { ($0.t, $0.track) } }

    /// For a fold whose fixtures do not depend on one another (`ReplayShares`): the frames due before `end`
    /// (at least the next one, at most `cap` of each track), a track at a time instead of in time order, handed to
    /// `fold` track by track; every track started first. Each event is one `advance` would make, and each track's
    /// events come in the order it makes them. The number of frames played.
    ///
    /// One match's frames in a row keep that match in the cache: 200 matches interleaved by time took a fifth to a
    /// third more CPU than the same matches one after another. And each track's frames are folded as soon as they
    /// are decoded, while they are still in the cache, not after a whole window's.
    @discardableResult
    public mutating func advanceTrackwise(before end: Double, cap: Int, fold: (inout [AppEvent]) -> Void) -> Int {
        var events: [AppEvent] = []
        start(into: &events)
        if !events.isEmpty { fold(&events) }
        guard let first = due.first else { return 0 }
        let cap = max(1, cap)
        let end = max(end, first.t.nextUp)
        var played = 0
        for i in tracks.indices {
            events.removeAll(keepingCapacity: true)
            played += tracks[i].play(before: end, cap: cap, strings: strings, into: &events)
            if !events.isEmpty { fold(&events) }
        }
        // The heap again, from every track's next frame: one pass, where each frame played sifted it.
        due = DueHeap(tracks.indices.compactMap { i in tracks[i].due.map { DueHeap.Entry(t: $0, track: i) } })
        return played
    }

    /// A recording added while the others play (the picker's `a`): it starts now, its times shifted by the
    /// replay time reached.
    public mutating func add(_ track: Track) {
        var track = track
        track.offset = time
        tracks.append(track)
    }

    /// Stops playing a fixture (`x`): what it had not played yet is dropped.
    public mutating func remove(_ fixture: FixtureRef) {
        for i in tracks.indices where tracks[i].fixture == fixture {
            tracks[i].started = true
            tracks[i].pending = nil
        }
    }

    /// Back to the start, for `--loop`.
    public mutating func restart() {
        time = 0
        due = DueHeap()
        for i in tracks.indices {
            tracks[i].frames.rewind()
            tracks[i].pending = nil
            tracks[i].played = 0
            tracks[i].offset = 0
            tracks[i].started = false
        }
    }
}

/// A binary min-heap of next frames, ordered by time and then by track, so that frames due at the same moment
/// play in track order, as a scan of the tracks would play them.
struct DueHeap: Sendable {
    struct Entry: Sendable {
        var t: Double
        var track: Int
        func before(_ other: Entry) -> Bool { t < other.t || (t == other.t && track < other.track) }
    }

    private var items: [Entry] = []

    init() {}

    /// A heap of `entries`, in any order.
    init(_ entries: [Entry]) {
        items = entries.sorted { $0.before($1) }  // a sorted array is a heap
    }

    var first: Entry? { items.first }

    mutating func push(_ entry: Entry) {
        items.append(entry)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].before(items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popFirst() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        siftDown()
    }

    /// `popFirst()` then `push(entry)`, in one pass down the heap.
    mutating func replaceFirst(with entry: Entry) {
        guard !items.isEmpty else { return push(entry) }
        items[0] = entry
        siftDown()
    }

    private mutating func siftDown() {
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left].before(items[smallest]) { smallest = left }
            if right < items.count, items[right].before(items[smallest]) { smallest = right }
            if smallest == parent { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

/// Maps wall time to replay time under pause and speed changes. Pure: wall time is passed in.
public struct ReplayClock: Equatable, Sendable {
    public private(set) var speed: Double?
    public private(set) var paused = false
    var anchorWall: Double
    var anchorReplay: Double

    public init(speed: Double?, wall: Double, replay: Double = 0) {
        self.speed = speed
        anchorWall = wall
        anchorReplay = replay
    }

    /// Replay time at wall time `wall`; infinite when unpaced (`speed == nil`).
    public func replayTime(atWall wall: Double) -> Double {
        if paused { return anchorReplay }
        guard let speed else { return .infinity }
        return anchorReplay + max(0, wall - anchorWall) * speed
    }

    /// Wall time at which replay time `t` is reached, for sleeping until the next frame.
    public func wallTime(forReplay t: Double) -> Double? {
        guard !paused, let speed, speed > 0 else { return nil }
        return anchorWall + max(0, t - anchorReplay) / speed
    }

    public mutating func setSpeed(_ newSpeed: Double?, wall: Double, current: Double) {
        rebase(wall: wall, current: current)
        speed = newSpeed
    }

    public mutating func setPaused(_ p: Bool, wall: Double, current: Double) {
        rebase(wall: wall, current: current)
        paused = p
    }

    /// `current` is the replay time actually reached, so an unpaced stretch resumes where it got to.
    mutating func rebase(wall: Double, current: Double) {
        anchorReplay = min(replayTime(atWall: wall), current)
        anchorWall = wall
    }
}
