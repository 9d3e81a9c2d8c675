import Platform
import Scoreboard
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Buffered standard output for `--headless`: one write per batch of lines, not per line.
public struct StandardOutput: LineSink {
    /// Held while a batch is written, by whichever thread writes it: a run stopped by a signal ends between two
    /// batches, never in the middle of a line (`exitBetweenWrites`).
    private static let writing = Mutex(())

    private static let left = Atomic(false)

    /// The reader left, and the parent did not ask to be told: the failure is not said.
    public var readerLeft: Bool { Self.left.load(ordering: .relaxed) }

    /// Ends the process by SIGPIPE if the reader has gone: called once the run has closed what it had open.
    public static func endIfTheReaderLeft() {
        if left.load(ordering: .relaxed) { BrokenPipe.endAsTheSignalWould() }
    }

    /// Ends the process with `status` once no batch is being written, or after `patience` seconds: a reader that
    /// has stopped reading (`| less`, left idle) holds a write for ever, and waited for, it held the signal too.
    public static func exitBetweenWrites(status: Int32, patience: Double = 2) -> Never {
        let deadline = MonotonicClock.seconds() + patience
        while MonotonicClock.seconds() < deadline {
            writing.withLockIfAvailable { _ in _exit(status) }
            usleep(10_000)
        }
        _exit(status)
    }

    var buffer: [UInt8] = []
    /// Why writing stopped (a full disk, a closed output, a reader gone), once it has: every line after is lost,
    /// and a run that kept going and exited 0 handed a script a truncated dataset as a success.
    public private(set) var failure: String?

    public init() {}

    public mutating func add(_ line: [UInt8]) {
        line.withUnsafeBufferPointer { add($0) }
    }

    /// A line, from wherever its bytes are.
    public mutating func add(_ line: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    /// Writes everything buffered. A write that is interrupted, or finds a non-blocking standard output (as some
    /// parents leave it) full, is tried again once there is room: dropped, the rest of the batch was lost.
    public mutating func flush() {
        guard !buffer.isEmpty, failure == nil else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        if StandardStreams.wasClosed(STDOUT_FILENO) {
            failure = "standard output is closed (>&-); the lines are lost"
            buffer.removeAll(keepingCapacity: true)
            return
        }
        var failed: Int32?
        Self.writing.withLock { _ in buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(1, raw.baseAddress! + offset, raw.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0, errno == EINTR {
                    continue
                } else if n < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                    var ready = pollfd(fd: 1, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&ready, 1, -1)
                } else {
                    failed = n < 0 ? errno : EIO  // the reader has gone, or the disk is full: nothing more can be written
                    break
                }
            }
        } }
        // The reader has gone (`| head`): the run stops, closes what it has open (recordings), and the process ends
        // as any other would there, by SIGPIPE (`endIfTheReaderLeft`), unless its parent ignores SIGPIPE and so
        // asked to be told. Ended here, a recording with no frame yet stayed behind as its header alone.
        if failed == EPIPE, !BrokenPipe.parentIgnoresIt { Self.left.store(true, ordering: .relaxed) }
        if let failed { failure = "standard output: \(String(cString: strerror(failed))); the lines after it are lost" }
        buffer.removeAll(keepingCapacity: true)
    }
}
