/// The frames of one recording, in order, one at a time: from memory, or read from disk as they play, so
/// that replaying a recording takes memory for its match, not for its file.
public protocol FrameStream: Sendable {
    /// The frames in all, or an estimate until the stream has ended; for the progress bar only.
    var count: Int { get }
    /// The next frame; a line that is not one is skipped and described in `problems`.
    mutating func next(problems: inout [String]) -> RecordedFrame?
    /// Back to the first frame (`--loop`).
    mutating func rewind()
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
        lineNumber += 1
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return nil }
        guard let entry = Recording.parseFrameLine(line) else {
            return .failure(Problem(description: "\(name):\(lineNumber): skipped, not a {\"t\":…,\"frame\":\"…\"} line"))
        }
        // Time never runs backwards in a replay; a line stamped earlier plays at once.
        lastT = max(lastT, entry.t)
        return .success(RecordedFrame(t: lastT, frame: entry.frame))
    }

    public mutating func rewind() {
        lineNumber = 1
        lastT = 0
    }

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }
}
