/// The frames of one recording, in order, one at a time: from memory, or read from disk as they play, so
/// that replaying a recording takes memory for its match, not for its file.
public protocol FrameStream: Sendable {
    /// The frames in all, or an estimate until the stream has ended; for the progress bar only.
    var count: Int { get }
    /// The next frame; a line that is not one is skipped and described in `problems`.
    mutating func next(problems: inout [String]) -> RecordedFrame?
    /// Back to the first frame (`--loop`).
    mutating func rewind()
    /// The next frame, decoded, with the strings that repeat from `cache`. A stream read from disk decodes it
    /// where it lies in the read buffer, with no `String` made of the frame.
    mutating func nextDecoded(problems: inout [String], cache: StringCache) -> DecodedFrame?
}

extension FrameStream {
    public mutating func nextDecoded(problems: inout [String], cache: StringCache) -> DecodedFrame? {
        guard var recorded = next(problems: &problems) else { return nil }
        let frame = recorded.frame.withUTF8 { FrameDecoder.decode(utf8: $0, cache: cache) }
        return DecodedFrame(t: recorded.t, frame: frame, bytes: recorded.frame.utf8.count)
    }
}

/// A frame as it plays: when it arrived, what the decoder made of it, and how many bytes it was.
public struct DecodedFrame: Sendable {
    public var t: Double
    public var frame: Frame
    public var bytes: Int

    public init(t: Double, frame: Frame, bytes: Int) {
        self.t = t
        self.frame = frame
        self.bytes = bytes
    }
}

/// Frames held in memory: a recording added from the picker, tests.
public struct FrameArray: FrameStream {
    public let frames: [RecordedFrame]
    var index = 0

    public init(_ frames: [RecordedFrame]) { self.frames = frames }

    public var count: Int { frames.count }

    public mutating func next(problems: inout [String]) -> RecordedFrame? {
        guard index < frames.count else { return nil }
        defer { index += 1 }
        return frames[index]
    }

    public mutating func rewind() { index = 0 }
}

/// Turns the lines after a recording's header into frames, one line at a time: the pure half of reading a
/// recording from disk as it plays.
public struct RecordingLines: Sendable {
    public let name: String
    /// The line number of the last line read (the header is line 1).
    public private(set) var lineNumber = 1
    var lastT = 0.0

    public init(name: String) { self.name = name }

    /// The frame on the next line, nil for a blank line, or a problem for a line that is not a frame.
    public mutating func frame(onLine line: UnsafeBufferPointer<UInt8>) -> Result<RecordedFrame, Problem>? {
        read(line) { Recording.parseFrameLine($0).map { ($0.t, $0.frame) } }?
            .map { RecordedFrame(t: $0.t, frame: $0.value) }
    }

    /// `frame(onLine:)`, decoded: the frame is unescaped into `scratch` and decoded from there.
    public mutating func decodedFrame(onLine line: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8], cache: StringCache) -> Result<DecodedFrame, Problem>? {
        read(line) { line in
            if let heartbeat = Recording.plainHeartbeatLine(line) { return (heartbeat.t, (Frame.heartbeat, heartbeat.frameBytes)) }
            return Recording.parseFrameLine(line, frameInto: &scratch).map { t in
                (t, (scratch.withUnsafeBufferPointer { FrameDecoder.decode(utf8: $0, cache: cache) }, scratch.count))
            }
        }?
        .map { DecodedFrame(t: $0.t, frame: $0.value.0, bytes: $0.value.1) }
    }

    /// Counts the line, skips it when blank, reports it when `parse` finds no frame on it, and keeps time from
    /// running backwards: a line stamped earlier plays at once.
    mutating func read<Value>(_ line: UnsafeBufferPointer<UInt8>, _ parse: (UnsafeBufferPointer<UInt8>) -> (t: Double, value: Value)?)
        -> Result<(t: Double, value: Value), Problem>? {
        lineNumber += 1
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return nil }
        guard let parsed = parse(line) else {
            // Two recordings joined into one file (`cat a.jsonl b.jsonl`): say so, as the frames after it will be
            // another fixture's and left out.
            let text = String(decoding: line, as: UTF8.self)
            if text.contains("\"recording\""), let header = try? Recording.parseHeader(text, name: name) {
                return .failure(Problem(description: "\(name):\(lineNumber): skipped, another recording's header (\(header.fixture)): "
                                        + "a file holds one recording, and the frames after it are left out where they are another fixture's"))
            }
            return .failure(Problem(description: "\(name):\(lineNumber): skipped, not a {\"t\":…,\"frame\":\"…\"} line"))
        }
        lastT = max(lastT, parsed.t)
        return .success((lastT, parsed.value))
    }

    /// Counts a line too long to read (its reader skipped it unread) and says so.
    public mutating func skipLongLine(limitBytes: Int) -> Problem {
        lineNumber += 1
        return Problem(description: "\(name):\(lineNumber): skipped, a line longer than \(limitBytes >> 20) MiB")
    }

    public mutating func rewind() {
        lineNumber = 1
        lastT = 0
    }

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }
}
