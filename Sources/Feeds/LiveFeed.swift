import Foundation
import LiveActions
import Logging
import NIOCore
import NIOPosix
import NIOWebSocket
import Synchronization
import WSClient

/// One fixture's Live Actions stream: connect, authenticate, watch the heartbeat, resume where it left off,
/// and turn everything that happens into `FeedEvent`s. Stops when the match finishes, when a failure
/// cannot be fixed by retrying, or when its task is cancelled.
public struct LiveFeed: Sendable {
    public struct Configuration: Sendable {
        public var endpoint: String
        public var token: AuthToken?
        /// The provider's heartbeat period; silence for `staleAfter` of these means the stream is stale.
        public var heartbeatInterval: Double = LiveActionsProtocol.heartbeatInterval
        public var staleAfter = 2.5
        public var backoff = Backoff()
        /// `speed=fast|normal`, for matches that are already over.
        public var speed: String?
        public var connectTimeout = 10.0

        public init(endpoint: String, token: AuthToken?) {
            self.endpoint = endpoint
            self.token = token
        }

        public var staleTimeout: Double { heartbeatInterval * staleAfter }
    }

    public let fixture: FixtureRef
    public let configuration: Configuration
    /// The largest message read off the socket. Anything up to it is read, refused by the decoder's own
    /// limit and counted, so a reconnect resumes after it. A message past it, in fragments or in a single
    /// frame (found by `FrameSizeProbe`), is skipped unread and counted the same way.
    public static let maxMessageBytes = 64 << 20
    let limiter: ConnectLimiter
    let clock: any FeedClock

    public init(fixture: FixtureRef, configuration: Configuration, limiter: ConnectLimiter, clock: any FeedClock = MonotonicClock()) {
        self.fixture = fixture
        self.configuration = configuration
        self.limiter = limiter
        self.clock = clock
    }

    /// How one connection ended, and so what the feed does next.
    enum Outcome: Equatable {
        case finished
        case failed(String)
        /// Worth another attempt; `progressed` when it delivered frames, which resets the backoff.
        case retry(String, progressed: Bool)
    }

    /// Runs until the stream is over. `received(text, at)` sees every text frame as it arrived, before
    /// decoding (for `--record`); `emit` gets the events.
    public func run(received: @escaping @Sendable (String, Double) -> Void = { _, _ in },
                    emit: @escaping @Sendable (FeedEvent) -> Void) async {
        var position = 0
        var attempt = 0
        while !Task.isCancelled {
            do { try await limiter.acquire() } catch { return }
            emit(.status(fixture, .connecting, at: clock.now()))
            let url = LiveActionsProtocol.url(endpoint: configuration.endpoint, fixture: fixture,
                                              speed: configuration.speed, startPosition: position)
            let outcome = await connectOnce(url: url, position: &position, received: received, emit: emit)
            switch outcome {
            case .finished:
                emit(.ended(fixture, at: clock.now()))
                return
            case .failed(let reason):
                emit(.problem(fixture, reason, at: clock.now()))
                emit(.status(fixture, .failed(reason), at: clock.now()))
                return
            case .retry(let reason, let progressed):
                if Task.isCancelled { return }
                attempt = progressed ? 1 : attempt + 1
                let delay = configuration.backoff.delay(attempt: attempt, unit: Double.random(in: 0..<1))
                let now = clock.now()
                emit(.problem(fixture, reason, at: now))
                emit(.status(fixture, .reconnecting(attempt: attempt, retryAt: now + delay), at: now))
                do { try await clock.sleep(seconds: delay) } catch { return }
            }
        }
    }

    /// What the handler learned, shared with the watchdog task.
    final class Session: Sendable {
        struct State {
            var lastFrame: Double
            var frames = 0
            /// Action messages received so far on this fixture, across connections.
            var position: Int
            var outcome: Outcome?
        }
        let state: Mutex<State>
        init(now: Double, position: Int) { state = Mutex(State(lastFrame: now, position: position)) }
        var position: Int { state.withLock { $0.position } }
    }

    func connectOnce(url: String, position: inout Int,
                     received: @escaping @Sendable (String, Double) -> Void,
                     emit: @escaping @Sendable (FeedEvent) -> Void) async -> Outcome {
        var config = WebSocketClientConfiguration()
        config.additionalHeaders[.accept] = LiveActionsProtocol.acceptHeader
        config.maxFrameSize = Self.maxMessageBytes
        config.closeTimeout = .seconds(2)
        let session = Session(now: clock.now(), position: position)
        let startPosition = position
        defer { position = session.position }
        let fixture = self.fixture, clock = self.clock, configuration = self.configuration
        do {
            let close = try await WebSocketClient.connect(url: url, configuration: config, logger: Self.quietLogger) { inbound, outbound, _ in
                if let token = configuration.token {
                    try await outbound.write(.text(token.authMessage))
                }
                emit(.status(fixture, .authenticating, at: clock.now()))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        // The watchdog: silence for too long closes the socket, which ends the reader.
                        while true {
                            let last = session.state.withLock { $0.lastFrame }
                            let silent = clock.now() - last
                            if silent >= configuration.staleTimeout {
                                session.state.withLock { if $0.outcome == nil { $0.outcome = .retry("no frame for \(Int(silent)) s", progressed: $0.frames > 0) } }
                                emit(.status(fixture, .stale, at: clock.now()))
                                try? await outbound.close(.goingAway, reason: "stale")
                                return
                            }
                            try await clock.sleep(seconds: configuration.staleTimeout - silent + 0.01)
                        }
                    }
                    group.addTask {
                        for try await message in inbound.messages(maxSize: Self.maxMessageBytes) {
                            let now = clock.now()
                            let first = session.state.withLock { s in
                                s.lastFrame = now
                                s.frames += 1
                                return s.frames == 1
                            }
                            let frame: Frame
                            var bytes = 0
                            switch message {
                            case .text(let text):
                                received(text, now)
                                bytes = text.utf8.count
                                frame = FrameDecoder.decode(text)
                            case .binary(let buffer):
                                bytes = buffer.readableBytes
                                frame = .malformed(reason: "binary frame of \(bytes) bytes ignored (the feed sends text)")
                            }
                            if first, !frame.isRejection {
                                emit(.status(fixture, .live, at: now))
                            }
                            session.state.withLock { $0.position += frame.eventCount }
                            emit(.frame(fixture, frame, at: now, bytes: bytes))
                            if case .rejected(let reason) = frame {
                                session.state.withLock { $0.outcome = .failed(reason) }
                                try? await outbound.close(.normalClosure, reason: nil)
                                break
                            }
                            if frame.saysFinished {
                                session.state.withLock { $0.outcome = .finished }
                                try? await outbound.close(.normalClosure, reason: nil)
                                break
                            }
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
            let (outcome, frames) = session.state.withLock { ($0.outcome, $0.frames) }
            if let outcome { return outcome }
            if let close, let reason = Self.rejection(code: close.closeCode, reason: close.reason) { return .failed(reason) }
            if close == nil, session.position == startPosition, await nextMessageIsOversized(url: url) {
                return skipTooLarge(session, emit: emit)
            }
            let said = close.map { "closed by the server (\(Self.describe($0.closeCode))\($0.reason.map { ": " + TextSafety.short($0) } ?? ""))" }
            return .retry(said ?? "connection closed", progressed: frames > 0)
        } catch let error as WebSocketClientError where error == .serverSentMessageTooLarge {
            return skipTooLarge(session, emit: emit)
        } catch let error as WebSocketClientError where error == .webSocketUpgradeFailed {
            let probe = await UpgradeProbe.status(url: url, accept: LiveActionsProtocol.acceptHeader, timeout: configuration.connectTimeout)
            guard let probe else { return .retry("the server refused the websocket upgrade", progressed: false) }
            switch probe.status {
            case 401: return .failed("token rejected (401)")
            case 403: return .failed("access denied (403)\(probe.detail)")
            case 400: return .failed("bad request (400)\(probe.detail)")
            case 404: return .failed("no such fixture on the server (404)\(probe.detail)")
            default: return .retry("upgrade refused (\(probe.status))\(probe.detail)", progressed: false)
            }
        } catch {
            let frames = session.state.withLock { $0.frames }
            if let outcome = session.state.withLock({ $0.outcome }) { return outcome }
            if let reason = Self.tlsFailure(error) { return .failed(reason) }
            return .retry(Self.describe(error), progressed: frames > 0)
        }
    }

    /// A message past `maxMessageBytes` is unreadable, and the server would send it again on every reconnect:
    /// count it as received (one event, like any data frame) so that the next connection resumes after it.
    func skipTooLarge(_ session: Session, emit: @Sendable (FeedEvent) -> Void) -> Outcome {
        let limit = Self.maxMessageBytes >> 20
        session.state.withLock { $0.position += 1 }
        emit(.frame(fixture, .actions([], invalid: ["a message larger than \(limit) MiB was skipped"]), at: clock.now(), bytes: 0))
        return .retry("the server sent a message larger than \(limit) MiB", progressed: true)
    }

    /// The connection ended with no close and no new message, which is also how a single frame past the size
    /// limit looks: ask once more, by hand, what the next message is.
    func nextMessageIsOversized(url: String) async -> Bool {
        guard (try? await limiter.acquire()) != nil else { return false }
        let verdict = await FrameSizeProbe.check(url: url, accept: LiveActionsProtocol.acceptHeader,
                                                 authMessage: configuration.token?.authMessage,
                                                 maxFrameSize: Self.maxMessageBytes, timeout: configuration.connectTimeout)
        return verdict == .oversized
    }

    /// A close that means the token was refused: policy violation, or a reason that says so.
    static func rejection(code: WebSocketErrorCode, reason: String?) -> String? {
        if let reason, let said = FrameDecoder.rejection(in: reason) { return said }
        if code == .policyViolation { return "token rejected (closed with 1008\(reason.map { ": " + TextSafety.short($0) } ?? ""))" }
        return nil
    }

    static func describe(_ code: WebSocketErrorCode) -> String {
        switch code {
        case .normalClosure: "1000"
        case .goingAway: "1001 going away"
        case .policyViolation: "1008"
        case .unexpectedServerError: "1011 server error"
        case .unknown(let n): "code \(n)"
        default: "\(code)"
        }
    }

    /// TLS failures that no retry fixes. Certificates are always verified (WSClient's default trust roots),
    /// and the handshake fails before the auth message is written, so an unverified server never sees the token.
    static func tlsFailure(_ error: any Error) -> String? {
        let text = String(describing: error)
        if text.contains("cannotUseIPAddressInSNI") {
            return "wss:// needs the server's host name: its certificate cannot be checked against an IP address"
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return "TLS certificate not trusted (verification failed)" }
        return nil
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("handshakeFailed") || text.contains("NIOSSL") { return "TLS handshake failed" }
        if text.contains("connectTimeout") || text.contains("timeout") { return "connection timed out" }
        if text.contains("refused") || text.contains("ECONNREFUSED") { return "connection refused" }
        if text.contains("reset") { return "connection reset" }
        return "connection failed: " + TextSafety.short(text)
    }

    static let quietLogger = Logger(label: "courtside.feed", factory: { _ in SwiftLogNoOpLogHandler() })
}

/// Keeps server-supplied text short and printable before it reaches a message.
enum TextSafety {
    static func short(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }.prefix(120).map(Character.init))
    }
}
