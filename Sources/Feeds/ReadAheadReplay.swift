import Foundation
import Scoreboard

/// An unpaced replay (`--speed max`) read and decoded on a thread of its own, a few batches ahead of the
/// headless runner: reading and decoding are about two fifths of a replay, and on a machine with a second core
/// the fold and the lines no longer wait for them. Memory stays bounded: the reader waits while `depth`
/// batches are queued. Events arrive in the order one thread would have made them.
public struct ReadAheadReplay: EventSource {
    var batches: AsyncStream<[AppEvent]>.AsyncIterator
    let free: DispatchSemaphore

    /// `replay` belongs to the reading thread from here on.
    public init(replay: Replay, loop: Bool, depth: Int = 4) {
        let (stream, continuation) = AsyncStream.makeStream(of: [AppEvent].self)
        let free = DispatchSemaphore(value: depth)
        batches = stream.makeAsyncIterator()
        self.free = free
        let reader = Thread {
            var replay = replay
            while true {
                let events = replay.advance(to: .infinity, limit: 4096)
                if events.isEmpty && replay.isDone {
                    guard loop else { break }
                    replay.restart()
                    free.wait()
                    continuation.yield([.replayRestarted])
                    continue
                }
                free.wait()
                continuation.yield(events)
            }
            continuation.finish()
        }
        reader.name = "courtside-replay-reader"
        reader.start()
    }

    public mutating func next() async -> [AppEvent]? {
        guard let batch = await batches.next() else { return nil }
        free.signal()
        return batch
    }
}
