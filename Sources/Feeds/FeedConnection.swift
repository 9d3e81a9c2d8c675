import LiveActions
import NIOCore
import NIOWebSocket

/// One connection of a fixture's feed: open it step by step, authenticate, then read under the watchdog
/// until it ends. Returns how it ended; the feed decides what follows.
struct FeedConnection {
    let fixture: FixtureRef
    let configuration: LiveFeed.Configuration
    let session: FeedSession
    let clock: any FeedClock
    let received: @Sendable (String, Double, StreamPlace) -> Void
    let emit: @Sendable (FeedEvent) -> Void

    func run(url: String) async -> ConnectionEnd {
        let channel: WebSocketChannel
        do {
            channel = try await WebSocketDialer.open(url: url, accept: LiveActionsProtocol.acceptHeader,
                                                     maxMessageBytes: LiveFeed.maxMessageBytes,
                                                     deadlines: configuration.deadlines, clock: clock,
                                                     alive: { [session, clock] bytes in session.bytesArrived(bytes, at: clock.now()) })
        } catch let timeout as StepTimedOut {
            return .timedOut(timeout.step, seconds: timeout.seconds)
        } catch let refusal as HTTPRefusal {
            return .refused(refusal)
        } catch {
            return .error(error)
        }
        let reader = FrameReader(fixture: fixture, session: session, clock: clock, maxMessageBytes: LiveFeed.maxMessageBytes,
                                 token: configuration.token, received: received, emit: emit)
        let watchdog = Watchdog(staleAfter: configuration.staleTimeout, firstFrameDeadline: configuration.deadlines.firstFrame,
                                endGrace: configuration.endGrace, finishedGrace: configuration.finishedGrace)
        let session = self.session, clock = self.clock, token = configuration.token, fixture = self.fixture, emit = self.emit
        let socket = channel.channel
        do {
            return try await channel.executeThenClose { inbound, outbound in
                let writer = FrameWriter(outbound: outbound)
                if let token { try await writer.send(text: token.authMessage) }
                session.opened(at: clock.now())
                emit(.status(fixture, .authenticating, at: clock.now()))
                let end = try await withThrowingTaskGroup(of: ConnectionEnd.self) { group in
                    group.addTask {
                        do { return try await reader.read(inbound, writer) } catch { return .error(error) }
                    }
                    group.addTask {
                        // A dead connection, or a match over that the server keeps open: say goodbye and close it,
                        // which also ends the reader.
                        let end = try await Self.watch(session, watchdog, clock: clock)
                        session.watchdogFired(end)
                        if case .finished = end {
                            await writer.close(1000)
                        } else {
                            emit(.status(fixture, .stale, at: clock.now()))
                            await writer.close(1001)
                        }
                        try? await socket.close()
                        return end
                    }
                    defer { group.cancelAll() }
                    return try await group.next() ?? .dropped
                }
                switch end {
                case .finished, .rejected, .oversized: await writer.close(1000)
                default: break
                }
                return session.watchdogEnd ?? end
            }
        } catch {
            return .error(error)
        }
    }

    /// Sleeps until the watchdog says the connection is dead.
    static func watch(_ session: FeedSession, _ watchdog: Watchdog, clock: any FeedClock) async throws -> ConnectionEnd {
        while true {
            switch session.watchdogVerdict(watchdog, now: clock.now()) {
            case .wait(let seconds): try await clock.sleep(seconds: seconds + 0.01)
            case .noFirstFrame(let after): return .timedOut(.firstFrame, seconds: after)
            case .stale(let silent): return .stale(silentFor: silent)
            case .over: return .finished
            }
        }
    }
}
