import LiveActions
import Scoreboard
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Hands events from socket tasks (any thread) to the UI loop, and wakes the loop from its `poll`.
/// Signal handlers use the same pipe, which is why its write end is a plain global.
public final class EventInbox: Sendable {
    let events = Mutex<[AppEvent]>([])
    let readFD: Int32
    let writeFD: Int32

    public init() {
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        readFD = fds[0]
        writeFD = fds[1]
        QuitSignals.wakeFD = fds[1]
    }

    public func post(_ event: AppEvent) {
        events.withLock { $0.append(event) }
        wake()
    }

    func wake() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    func drain() -> [AppEvent] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readFD, &buffer, buffer.count) > 0 {}
        return events.withLock { e in
            defer { e.removeAll(keepingCapacity: true) }
            return e
        }
    }
}
