import LiveActions
import Scoreboard

/// Every live feed of a `LiveSources`, as one source for the headless runner. The feeds stop with it. Sendable for
/// `stop`, which a signal's thread calls: it touches only the feeds' task, and a task is cancelled from anywhere.
public final class LiveEventSource: EventSource, @unchecked Sendable {
    var events: AsyncStream<FeedEvent>.AsyncIterator
    let feeds: Task<Void, Never>

    public init(_ sources: LiveSources, report: @escaping @Sendable (String) -> Void) {
        let (stream, continuation) = AsyncStream.makeStream(of: FeedEvent.self)
        events = stream.makeAsyncIterator()
        feeds = Task {
            await sources.run(emit: { continuation.yield($0) }, report: report)
            continuation.finish()
        }
    }

    public func next() async -> [AppEvent]? {
        await events.next().map { [.feed($0)] }
    }

    /// Stops the feeds (a signal asked): their events end, and the runner with them, in order.
    public func stop() { feeds.cancel() }

    /// Stops the feeds and waits until their sources have closed the recordings (one that got no frame removed; a
    /// frame a feed still hands on after that is dropped): left to `deinit`, the process could exit first, and a
    /// stub of a recording stayed behind.
    public func finish() async {
        feeds.cancel()
        await feeds.value
    }

    deinit { feeds.cancel() }
}
