import LiveActions
import Platform

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `close(2)`, named apart from `RecordingFile`'s own.
@discardableResult private func systemClose(_ fd: Int32) -> Int32 { close(fd) }

/// A recording on disk, read as it plays through a bounded buffer: replaying a 270 MB recording takes the
/// memory of its match, not of its file. Only the header is read up front; a bad line is reported when the
/// replay reaches it.
public struct RecordingFile: FrameStream {
    public let path: String
    public let header: RecordingHeader
    /// One reader per replay: the stream is consumed, not copied.
    let reader: Reader

    public static func open(_ path: String) throws -> RecordingFile {
        let reader = try Reader(path: path)
        var unread: [String] = []  // a header that cannot be read is reported as not a header
        guard let first = reader.nextLine(problems: &unread) else {
            throw RecordingStore.LoadError(description: "\(path):1: not a recording header (expected {\"recording\":1,…})")
        }
        let header: RecordingHeader
        do {
            header = try Recording.parseHeader(String(decoding: first, as: UTF8.self), name: path)
        } catch {
            throw RecordingStore.LoadError(description: "\(error)")
        }
        reader.markBody()
        return RecordingFile(path: path, header: header, reader: reader)
    }

    public var count: Int { reader.count }

    public mutating func next(problems: inout [String]) -> RecordedFrame? {
        nextFrame(problems: &problems) { reader.lines.frame(onLine: $0) }
    }

    public mutating func nextDecoded(problems: inout [String], cache: StringCache) -> DecodedFrame? {
        nextFrame(problems: &problems) { reader.lines.decodedFrame(onLine: $0, scratch: &reader.scratch, cache: cache) }
    }

    /// The next line that holds a frame; the ones that do not are described in `problems`.
    func nextFrame<F>(problems: inout [String], _ frame: (UnsafeBufferPointer<UInt8>) -> Result<F, RecordingLines.Problem>?) -> F? {
        while let line = reader.nextLine(problems: &problems) {
            switch frame(line) {
            case .success(let f)?: return f
            case .failure(let problem)?: problems.append(problem.description)
            case nil: continue
            }
        }
        return nil
    }

    public mutating func rewind() { reader.rewind() }

    /// False for a pipe, which plays once: `--loop` cannot start it again.
    public var canRewind: Bool { reader.seekable }

    /// The file descriptor and its read-ahead buffer.
    final class Reader: @unchecked Sendable {
        /// Small, for replays of many recordings at once: two hundred 64 KiB buffers (12.5 MiB) were read in turn,
        /// each long out of the processor's caches by its turn; at 8 KiB a read's fresh copy is still there when
        /// its lines are parsed (200 matches −7 %, 4 KiB slower again, one long match the same).
        static let readAhead = 8 << 10
        /// The longest line read: a frame past the decoder's 4 MiB is refused anyway, and each of its bytes can take
        /// six in a line (`\u0022`). A longer line is skipped unread, reported, and the lines after it play: grown
        /// to fit any line, the buffer doubled to 4 GiB for a 2.5 GB one and the replay died, losing what it had.
        static let maxLineBytes = 64 << 20

        let path: String
        let fd: Int32
        var buffer: UnsafeMutablePointer<UInt8>
        var capacity = Reader.readAhead
        var start = 0
        var end = 0
        var atEnd = false
        /// Where the frames start: just past the header line.
        var body = 0
        var consumed = 0
        var lines: RecordingLines
        /// The frame of the line being read, unescaped.
        var scratch: [UInt8] = []
        /// The file's size when it was opened, and the lines after the header read since the last rewind.
        var size = 0
        var linesRead = 0
        /// Inside a line longer than `maxLineBytes`, dropping its bytes until its end.
        var skippingLongLine = false
        /// A file can be read again from its first frame; a pipe cannot.
        var seekable = true

        init(path: String) throws {
            // A pipe plays too (`<(zcat match.jsonl.gz)`), once: it cannot be read again for `--loop`. A terminal or
            // a device would wait for typing, and a folder is no file.
            let fd: Int32
            switch ReadableFile.open(path, kinds: [S_IFREG, S_IFIFO]) {
            case .success(let opened): fd = opened
            case .failure(let refusal):
                throw RecordingStore.LoadError(description: "\(path): cannot read the file (\(refusal.reason))",
                                               outOfFiles: refusal.code == EMFILE || refusal.code == ENFILE)
            }
            self.path = path
            self.fd = fd
            buffer = .allocate(capacity: capacity)
            lines = RecordingLines(name: path)
        }

        deinit {
            buffer.deallocate()
            systemClose(fd)
        }

        /// The next line, without its newline; valid until the next call.
        func nextLine(problems: inout [String]) -> UnsafeBufferPointer<UInt8>? {
            while true {
                if skippingLongLine {
                    if start < end, let newline = memchr(buffer + start, 0x0A, end - start) {
                        let at = buffer.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                        consumed += at + 1 - start
                        start = at + 1
                        endLongLine(problems: &problems)
                        continue
                    }
                    consumed += end - start
                    start = end
                    if atEnd {
                        endLongLine(problems: &problems)
                        return nil
                    }
                    fill(problems: &problems)
                    continue
                }
                if start < end, let newline = memchr(buffer + start, 0x0A, end - start) {
                    let at = buffer.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                    defer { consumed += at + 1 - start; start = at + 1; linesRead += 1 }
                    return UnsafeBufferPointer(start: buffer + start, count: at - start)
                }
                if atEnd {
                    guard start < end else { return nil }
                    defer { consumed += end - start; start = end; linesRead += 1 }
                    return UnsafeBufferPointer(start: buffer + start, count: end - start)
                }
                fill(problems: &problems)
            }
        }

        func endLongLine(problems: inout [String]) {
            skippingLongLine = false
            linesRead += 1
            problems.append(lines.skipLongLine(limitBytes: Self.maxLineBytes).description)
            // Back to the usual buffer: the long line's would be held for the rest of the replay.
            if capacity > Self.readAhead, end - start <= Self.readAhead {
                let smaller = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.readAhead)
                smaller.update(from: buffer + start, count: end - start)
                buffer.deallocate()
                buffer = smaller
                capacity = Self.readAhead
                end -= start
                start = 0
            }
        }

        /// Reads more after what is left; a line longer than the buffer grows it to fit that line, up to
        /// `maxLineBytes`, past which the line is skipped.
        func fill(problems: inout [String]) {
            if start > 0 {
                buffer.update(from: buffer + start, count: end - start)  // overlapping: moved as memmove does
                end -= start
                start = 0
            }
            if end == capacity, !skippingLongLine, capacity >= Self.maxLineBytes {
                // No newline in a whole buffer of the longest line: the line is dropped from here to its end.
                skippingLongLine = true
                consumed += end
                end = 0
            }
            if end == capacity {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: buffer, count: end)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            while true {
                let n = read(fd, buffer + end, capacity - end)
                if n > 0 { end += n; return }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { problems.append("\(path): reading stopped: \(String(cString: strerror(errno)))") }
                atEnd = true
                return
            }
        }

        /// The header has been read: frames start here, and this is where `rewind` comes back to.
        func markBody() {
            body = consumed
            // A pipe's frames are in the buffer already, past the header, and its size is not known.
            seekable = lseek(fd, 0, SEEK_CUR) >= 0
            guard seekable else { return }
            var info = stat()
            size = fstat(fd, &info) == 0 ? Int(info.st_size) : body
            rewind()
        }

        /// The lines read so far and an estimate of those left from the bytes left, at the size of the lines
        /// read so far (300 bytes before the first): exact once the file is read. Counting them up front read
        /// every file twice.
        var count: Int {
            let left = max(0, size - consumed)
            if atEnd && start >= end { return linesRead }
            let perLine = linesRead > 0 ? max(1, (consumed - body) / linesRead) : 300
            return linesRead + (left + perLine - 1) / perLine
        }

        /// Back to the first frame; a pipe stays where it is (`canRewind`).
        func rewind() {
            guard seekable else { return }
            _ = lseek(fd, off_t(body), SEEK_SET)
            start = 0
            end = 0
            atEnd = false
            consumed = body
            linesRead = 0
            lines.rewind()
            if capacity > Reader.readAhead {
                buffer.deallocate()
                capacity = Reader.readAhead
                buffer = .allocate(capacity: capacity)
            }
        }
    }
}
