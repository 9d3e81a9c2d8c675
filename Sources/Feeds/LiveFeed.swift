import Platform
import LiveActions

/// One fixture's Live Actions stream: connect, authenticate, watch for signs of life, resume where it left
/// off, and turn everything that happens into `FeedEvent`s. Stops when the match is over, when a failure
/// cannot be fixed by retrying, or when its task is cancelled.
public struct LiveFeed: Sendable {
    public struct Configuration: Sendable {
        public var endpoint: String
        public var token: AuthToken?
        /// The provider's heartbeat period; silence for `staleAfter` of these means the connection is dead.
        public var heartbeatInterval: Double = LiveActionsProtocol.heartbeatInterval
        public var staleAfter = 2.5
        /// Heartbeat periods a connection is kept open after the end of the match with nothing new on it (five
        /// minutes at the provider's 10 s): time for a correction or a withdrawn End Match, then the end.
        public var endGraceHeartbeats = 30.0
        /// The same after a message said `finished` (ten seconds at the provider's 10 s), unless the server closes
        /// first: a correction sent just after the final `finished` message is read.
        public var finishedGraceHeartbeats = 1.0
        /// Seconds the check after the end of the match is retried while the server answers busy (429, 5xx)
        /// before the match ends as it stands: a server that stayed busy kept `watch --headless` and `record`
        /// running for ever after the final whistle.
        public var checkBackPatience = 600.0
        public var backoff = Backoff()
        public var deadlines = StepDeadlines()
        /// `speed=fast|normal`, for matches that are already over.
        public var speed: String?
        public var feed = Feed.betting

        public init(endpoint: String, token: AuthToken?) {
            self.endpoint = endpoint
            self.token = token
        }

        public var staleTimeout: Double { heartbeatInterval * staleAfter }
        public var endGrace: Double { heartbeatInterval * endGraceHeartbeats }
        public var finishedGrace: Double { heartbeatInterval * finishedGraceHeartbeats }
    }

    /// The largest message read off the socket. Anything up to it is read, refused by the decoder's own limit
    /// and counted, so a reconnect resumes after it; a message past it is skipped unread and counted the same way.
    public static let maxMessageBytes = 64 << 20

    public let fixture: FixtureRef
    public let configuration: Configuration
    let limiter: ConnectLimiter
    let clock: any FeedClock

    public init(fixture: FixtureRef, configuration: Configuration, limiter: ConnectLimiter, clock: any FeedClock = MonotonicClock()) {
        self.fixture = fixture
        self.configuration = configuration
        self.limiter = limiter
        self.clock = clock
    }

    /// Runs until the stream is over. `received(text, at, where)` sees every data message as it arrived, with
    /// where it left the stream (for `--record`); `emit` gets the events.
    public func run(received: @escaping @Sendable (String, Double, StreamPlace) -> Void = { _, _, _ in },
                    emit: @escaping @Sendable (FeedEvent) -> Void) async {
        // What the server writes goes to the screen, stderr and recordings: never with the token in it. Frames are
        // cleaned by the reader before they are decoded; what the connection says of itself (a close reason, an
        // HTTP refusal) here.
        let token = configuration.token
        let emit: @Sendable (FeedEvent) -> Void = { event in emit(token?.redacted(event) ?? event) }
        let session = FeedSession()
        var policy = RetryPolicy(backoff: configuration.backoff)
        let connection = FeedConnection(fixture: fixture, configuration: configuration, session: session, clock: clock,
                                        received: received, emit: emit)
        var checkedBack = false
        /// Since when the stream has ended after the end of the match with the check still to make.
        var checkingSince: Double?
        while !Task.isCancelled {
            do { try await limiter.acquire() } catch { return }
            emit(.status(fixture, .connecting, at: clock.now()))
            let url = LiveActionsProtocol.url(endpoint: configuration.endpoint, fixture: fixture, feed: configuration.feed,
                                              speed: configuration.speed, startPosition: session.position)
            session.attempting()
            let end = await connection.run(url: url)
            if Task.isCancelled { return }
            let now = clock.now()
            let progressed = session.progressed(now: now, staleTimeout: configuration.staleTimeout)
            if session.broughtMessages {  // what came may have withdrawn the end: check again next time
                checkedBack = false
                checkingSince = nil
            }
            let outcome = Outcome.after(end, progressed: progressed, matchOver: session.matchOver, saidFinished: session.saidFinished,
                                        checkedBack: checkedBack)
            if session.matchOver {
                if case .retry(let reason, _, _) = outcome, let since = checkingSince, now - since >= configuration.checkBackPatience {
                    emit(.problem(fixture, "the check after the end of the match met \(reason) for \(Int(now - since)) s: the match ends as it stands", at: now))
                    emit(.ended(fixture, at: now))
                    return
                }
                if checkingSince == nil, outcome != .finished { checkingSince = now }
            }
            switch outcome {
            case .checkBack:
                // Quietly: at the end of most matches that never say `finished`, this is the last connection.
                checkedBack = true
                let delay = 0.25 + 0.25 * Double.random(in: 0..<1)
                emit(.status(fixture, .reconnecting(attempt: 1, retryAt: now + delay), at: now))
                do { try await clock.sleep(seconds: delay) } catch { return }
            case .finished:
                emit(.ended(fixture, at: now))
                return
            case .failed(let reason):
                emit(.problem(fixture, reason, at: now))
                emit(.status(fixture, .failed(reason), at: now))
                return
            case .retry(let reason, let progressed, let retryAfter):
                let delay = policy.delay(progressed: progressed, now: now, unit: Double.random(in: 0..<1), retryAfter: retryAfter)
                emit(.problem(fixture, reason, at: now))
                emit(.status(fixture, .reconnecting(attempt: policy.attempt, retryAt: now + delay), at: now))
                do { try await clock.sleep(seconds: delay) } catch { return }
            }
        }
    }
}
