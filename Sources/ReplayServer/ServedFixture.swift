import LiveActions

/// A recording as the server streams it: the frames worth sending (recorded heartbeats are dropped, the
/// server makes its own) and where each one stands in the event count that `startPosition` uses.
public struct ServedFixture: Sendable {
    public struct Item: Sendable {
        public var t: Double
        public var text: String
        /// Events sent before this frame.
        public var eventsBefore: Int
        public var events: Int
    }

    public let fixture: FixtureRef
    public let items: [Item]
    public let totalEvents: Int
    /// The last action message says the match is over, so the server closes after it.
    public let endsFinished: Bool
    /// How the REST Fixtures API lists this fixture.
    public let listing: ListedFixture

    public init(_ recording: Recording) {
        fixture = recording.header.fixture
        var items: [Item] = []
        var count = 0
        var finished = false
        for f in recording.frames {
            let frame = FrameDecoder.decode(f.frame)
            if case .heartbeat = frame { continue }
            items.append(Item(t: f.t, text: f.frame, eventsBefore: count, events: frame.eventCount))
            count += frame.eventCount
            if frame.eventCount > 0 { finished = frame.saysFinished }
        }
        self.items = items
        totalEvents = count
        endsFinished = finished
        listing = ServedFixture.listing(of: recording)
    }

    /// The first frame to send to a client that has already seen `startPosition` events.
    public func firstIndex(startPosition: Int) -> Int {
        guard startPosition > 0 else { return 0 }
        // Binary search for the first frame whose events are not all before the position.
        var lo = 0, hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if items[mid].eventsBefore + max(items[mid].events, 1) <= startPosition { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// The query of a stream URL, as the server reads it.
public struct StreamQuery: Equatable, Sendable {
    public var startPosition = 0
    public var fast = false
    public var problems: [String] = []

    public init(_ query: Substring?) {
        guard let query else { return }
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let value = kv.count > 1 ? kv[1] : ""
            switch kv[0] {
            case "startPosition":
                if let n = Int(value), n >= 0 { startPosition = n } else { problems.append("startPosition must be a whole number ≥ 0") }
            case "speed":
                switch value {
                case "fast": fast = true
                case "normal": fast = false
                default: problems.append("speed must be fast or normal")
                }
            default: break
            }
        }
    }
}
