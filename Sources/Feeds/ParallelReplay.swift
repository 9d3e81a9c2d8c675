import Foundation
import LiveActions
import Scoreboard

/// `demo --headless --speed max` of several recordings on several cores (see `ReplayShares`): a thread per share
/// reads, decodes and folds its recordings, and one more merges their lines into standard output in the order one
/// thread writes them. Memory stays bounded: a share waits while `depth` of its batches are not merged yet.
public enum ParallelReplay {
    /// Exit status: 0 when every fixture ended well, 1 when one failed for good.
    public static func run(_ recordings: [RecordingFile], shares: Int, depth: Int = 4, report: @escaping @Sendable (String) -> Void) async -> Int32 {
        let split = ReplayShares.split(weights: recordings.map(\.reader.size), into: shares)
        let channels = split.map { _ in BatchChannel<ShareLines>(capacity: depth) }
        let kept = KeptStates()
        for (share, channel) in zip(split, channels) {
            let tracks = share.map { recordings[$0] }
            let thread = Thread {
                let replay = Replay(tracks: tracks.map { Replay.Track(fixture: $0.header.fixture, stream: $0) })
                let state = ReplayShares.play(replay, headers: tracks.map(\.header), tracks: share, window: .forShare(of: share.count)) {
                    channel.send($0)
                }
                channel.close()
                kept.keep(state)
            }
            thread.name = "courtside-replay-share"
            thread.start()
        }
        return await withCheckedContinuation { done in
            let merger = Thread {
                var out = StandardOutput()
                let failures = ReplayShares.merge(shares: channels.count, next: { channels[$0].receive() }, line: { out.add($0) }, problem: report)
                out.flush()
                if let failure = out.failure, !out.readerLeft { report(failure) }
                done.resume(returning: failures == 0 && out.failure == nil ? 0 : 1)
            }
            merger.name = "courtside-replay-merge"
            merger.start()
        }
    }
}

/// Each share's state once played, kept until the process exits.
private final class KeptStates: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [AppState] = []

    func keep(_ state: AppState) {
        lock.lock()
        states.append(state)
        lock.unlock()
    }
}

/// A bounded queue between two threads: `send` waits while it is full, `receive` while it is empty.
final class BatchChannel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var closed = false
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    func send(_ item: Element) {
        condition.lock()
        while items.count >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// No more will be sent.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The oldest item, after waiting for one; nil once closed and empty.
    func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard !items.isEmpty else { return nil }
        condition.broadcast()
        return items.removeFirst()
    }
}
