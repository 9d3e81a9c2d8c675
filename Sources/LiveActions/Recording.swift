/// The first line of a `.jsonl` recording: which fixture it holds and who plays.
public struct RecordingHeader: Equatable, Sendable {
    public var sport: String
    public var fixtureId: String
    public var title: String?
    public var home: String?
    public var away: String?
    public var source: String?
    /// When the recording started, in wall-clock seconds since 1970 (recordings made by `--record`), so that a
    /// replay can show the latency the stream had: arrival (`started + t`) minus each action's `timestamp`.
    public var started: Double?

    public init(sport: String, fixtureId: String, title: String? = nil, home: String? = nil, away: String? = nil,
                source: String? = nil, started: Double? = nil) {
        self.sport = sport
        self.fixtureId = fixtureId
        self.title = title
        self.home = home
        self.away = away
        self.source = source
        self.started = started
    }

    public var fixture: FixtureRef { FixtureRef(sport: sport, id: fixtureId) }

    public var jsonLine: String {
        var o = JSONObject()
        o["recording"] = 1
        o["sport"] = .string(sport)
        o["fixtureId"] = .string(fixtureId)
        if let title { o["title"] = .string(title) }
        if let home { o["home"] = .string(home) }
        if let away { o["away"] = .string(away) }
        if let source { o["source"] = .string(source) }
        if let started { o["started"] = .number(started) }
        return JSONValue.object(o).jsonText
    }
}

/// One received frame and when it arrived, in seconds since the recording started.
public struct RecordedFrame: Equatable, Sendable {
    public var t: Double
    public var frame: String
    public init(t: Double, frame: String) {
        self.t = t
        self.frame = frame
    }

    public var jsonLine: String {
        JSONValue.object(["t": .number((t * 1000).rounded() / 1000), "frame": .string(frame)]).jsonText
    }
}

/// A whole recording, parsed. Bad lines are kept as problems with their line numbers; the rest still plays.
public struct Recording: Equatable, Sendable {
    public var header: RecordingHeader
    public var frames: [RecordedFrame]
    public var problems: [String]

    public init(header: RecordingHeader, frames: [RecordedFrame], problems: [String] = []) {
        self.header = header
        self.frames = frames
        self.problems = problems
    }

    public struct HeaderError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The lines of `text`, split on its bytes: splitting by `Character` walks grapheme clusters, and the
    /// generic `split` over `String.UTF8View` cost a tenth of a whole headless replay.
    static func lines(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [String] = []
            var start = 0
            for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                start = i + 1
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return lines
        }
    }

    /// Parses a recording's text. Only a missing or unreadable header fails the whole file.
    public static func parse(_ text: String, name: String = "recording") throws -> Recording {
        var lines = Self.lines(of: text).makeIterator()
        let header = try parseHeader(lines.next() ?? "", name: name)
        var reader = RecordingLines(name: name)
        var frames: [RecordedFrame] = []
        var problems: [String] = []
        while var line = lines.next() {
            switch line.withUTF8({ reader.frame(onLine: $0) }) {
            case .success(let frame)?: frames.append(frame)
            case .failure(let problem)?: problems.append(problem.description)
            case nil: continue
            }
        }
        return Recording(header: header, frames: frames, problems: problems)
    }

    /// The first line of a recording.
    /// A byte-order mark before the header (an editor's) is no part of it: a recording saved with one was refused.
    public static func parseHeader(_ first: String, name: String) throws -> RecordingHeader {
        let first = first.hasPrefix("\u{FEFF}") ? String(first.dropFirst()) : first
        guard case .object(let h)? = try? parseValue(first) else {
            throw HeaderError(description: "\(name):1: not a recording header (expected {\"recording\":1,…})")
        }
        guard let sport = h["sport"]?.stringValue, !sport.isEmpty,
              let fixtureId = h["fixtureId"]?.stringValue, !fixtureId.isEmpty else {
            throw HeaderError(description: "\(name):1: header needs \"sport\" and \"fixtureId\"")
        }
        return RecordingHeader(
            sport: sport, fixtureId: fixtureId, title: h["title"]?.stringValue,
            home: h["home"]?.stringValue, away: h["away"]?.stringValue, source: h["source"]?.stringValue,
            started: h["started"]?.doubleValue)
    }

    public var text: String {
        var out = header.jsonLine + "\n"
        for frame in frames { out += frame.jsonLine + "\n" }
        return out
    }

    static func parseValue(_ text: String) throws -> JSONValue {
        try JSONScanner.withScanner(over: text) { s in
            let v = try s.readValue()
            try s.expectEnd()
            return v
        }
    }

    static func parseFrameLine(_ line: UnsafeBufferPointer<UInt8>) -> RecordedFrame? {
        var frame: [UInt8] = []
        guard let t = parseFrameLine(line, frameInto: &frame) else { return nil }
        return RecordedFrame(t: t, frame: String(decoding: frame, as: UTF8.self))
    }

    /// A line holding the heartbeat as `FrameDecoder.isPlainHeartbeat` knows it, written as the recorder writes
    /// it (`{"t":…,"frame":"{\"type\":\"heartbeat\",\"timestamp\":\"…\"}"}`): its time and the frame's
    /// length, known from the line's bytes with no frame unescaped or scanned. Heartbeats are three lines in five
    /// of a recording. Any other spelling is nil, and goes the long way to the same verdict.
    static func plainHeartbeatLine(_ line: UnsafeBufferPointer<UInt8>) -> (t: Double, frameBytes: Int)? {
        let open: StaticString = #"{"t":"#
        let middle: StaticString = #","frame":"{\"type\":\"heartbeat\",\"timestamp\":\""#
        let tail: StaticString = #"\"}"}"#
        guard line.count > open.utf8CodeUnitCount + middle.utf8CodeUnitCount + tail.utf8CodeUnitCount,
              WordHash.matches(open, in: line, at: 0), WordHash.matches(tail, in: line, at: line.count - tail.utf8CodeUnitCount) else { return nil }
        var s = JSONScanner(line, offset: open.utf8CodeUnitCount)
        guard let t = try? s.readNumber(), t >= 0, t < 1e9,
              WordHash.matches(middle, in: line, at: s.offset) else { return nil }
        // The timestamp, as the decoder skips it: its first quote, backslash or control character opens the tail.
        let timestamp = s.offset + middle.utf8CodeUnitCount
        let end = line.count - tail.utf8CodeUnitCount
        guard timestamp <= end, s.firstSpecial(from: timestamp) == end else { return nil }
        return (t, #"{"type":"heartbeat","timestamp":""#.utf8.count + (end - timestamp) + 2)
    }


    /// `parseFrameLine` with the frame's bytes unescaped into `frame`: the time, or nil for a line that is not a frame.
    static func parseFrameLine(_ line: UnsafeBufferPointer<UInt8>, frameInto frame: inout [UInt8]) -> Double? {
        var s = JSONScanner(line)
        var t: Double?
        var hasFrame = false
        do {
            var cursor = try s.beginObject()
            while let key = try s.nextKey(&cursor) {
                if key == "t" {
                    t = try s.readNumberOrNil()
                } else if key == "frame" {
                    switch try s.peekKind() {
                    case .string:
                        try s.readString(into: &frame)
                        hasFrame = true
                    case .number:
                        // As `readStringOrNil` takes one: its text.
                        frame = Array(JSONValue.number(try s.readNumber()).jsonText.utf8)
                        hasFrame = true
                    default:
                        try s.skipValue()
                        hasFrame = false
                    }
                } else {
                    try s.skipValue()
                }
            }
            try s.expectEnd()
        } catch {
            return nil
        }
        guard let t, t.isFinite, t >= 0, t < 1e9, hasFrame else { return nil }
        return t
    }
}
