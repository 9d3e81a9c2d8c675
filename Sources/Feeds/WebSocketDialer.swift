import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOTLS
import NIOWebSocket
import Synchronization

/// An open stream: websocket frames in and out, messages already put together from their fragments.
typealias WebSocketChannel = NIOAsyncChannel<WebSocketFrame, WebSocketFrame>

/// Opens a Live Actions websocket step by step (TCP, TLS, HTTP upgrade), each under its own deadline. Built on
/// SwiftNIO directly rather than a websocket client library, so that every frame is seen (pings prove a
/// connection alive too), every failure arrives typed, and a refused upgrade keeps its status and body.
enum WebSocketDialer {
    /// `alive` is told whenever bytes arrive, before they make a whole message: a large message on a slow link
    /// (or sent in fragments) took longer than the stale timeout to arrive, and the connection was closed for
    /// silence and the message asked for again, for ever.
    static func open(url: String, accept: String, maxMessageBytes: Int, deadlines: StepDeadlines,
                     clock: any FeedClock, alive: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> WebSocketChannel {
        guard let target = ServerTarget(url: url) else { throw InvalidURL(url: url) }
        let sslContext = try target.sslContext()
        let progress = StepProgress(step: .tcp, at: clock.now())
        let response = ResponseCapture()
        let host = target.host
        var head = target.requestHead(accept: accept)
        head.headers.add(name: "Connection", value: "keep-alive")
        let request = head
        let upgradeResult: EventLoopFuture<WebSocketChannel?>
        do {
            upgradeResult = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.milliseconds(Int64(deadlines.tcp * 1000)))
                .connect(host: host, port: target.port) { channel in
                    progress.channel.withLock { $0 = channel }
                    return channel.eventLoop.makeCompletedFuture {
                        let ops = channel.pipeline.syncOperations
                        try ops.addHandler(BytesArrived(alive: alive))
                        if let sslContext {
                            try ops.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: host))
                            try ops.addHandler(HandshakeWatcher(progress: progress, clock: clock))
                        }
                        try ops.addHandler(response)
                        // Size errors are left to this code (the reader skips the message), not answered by NIO.
                        let upgrader = NIOTypedWebSocketClientUpgrader<WebSocketChannel?>(
                            maxFrameSize: maxMessageBytes, enableAutomaticErrorHandling: false,
                            upgradePipelineHandler: { channel, _ in
                                channel.eventLoop.makeCompletedFuture {
                                    try channel.pipeline.syncOperations.addHandler(NIOWebSocketFrameAggregator(
                                        minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16,
                                        maxAccumulatedFrameSize: maxMessageBytes))
                                    return try WebSocketChannel(wrappingChannelSynchronously: channel)
                                }
                            })
                        var configuration = NIOUpgradableHTTPClientPipelineConfiguration(
                            upgradeConfiguration: .init(upgradeRequestHead: request, upgraders: [upgrader],
                                                        notUpgradingCompletionHandler: { $0.eventLoop.makeSucceededFuture(nil) }))
                        configuration.leftOverBytesStrategy = .forwardBytes
                        return try ops.configureUpgradableHTTPClientPipeline(configuration: configuration)
                    }
                }
        } catch let error as ChannelError where error == .connectTimeout(.milliseconds(Int64(deadlines.tcp * 1000))) {
            throw StepTimedOut(step: .tcp, seconds: deadlines.tcp)
        }
        progress.advance(to: sslContext == nil ? .upgrade : .tls, at: clock.now())
        let upgraded = try await withThrowingTaskGroup(of: WebSocketChannel?.self) { group in
            group.addTask { try await upgradeResult.get() }
            group.addTask {
                // The deadline of whichever step is under way; a step that moves on restarts the wait.
                while true {
                    let (step, since) = progress.current
                    let left = deadlines[step] - (clock.now() - since)
                    if left <= 0, progress.current.step == step {
                        // Closing the socket also ends the wait for the upgrade, which no cancellation reaches.
                        let timedOut = StepTimedOut(step: step, seconds: deadlines[step])
                        progress.deadline.withLock { $0 = timedOut }
                        try? await progress.channel.withLock { $0 }?.close()
                        throw timedOut
                    }
                    try await clock.sleep(seconds: max(left, 0.01))
                }
            }
            defer { group.cancelAll() }
            do {
                return try await group.next() ?? nil
            } catch {
                // Whatever ended the wait (a deadline, or cancellation: `x` on a fixture still connecting), the socket
                // closes: the wait for the upgrade ends only with it, and the group waits for that. Left open, a
                // silent server held the socket and the task for good, its deadline cancelled with it.
                progress.channel.withLock { $0 }?.close(promise: nil)
                upgradeResult.whenSuccess { $0?.channel.close(promise: nil) }
                // The deadline that closed the socket, not what the half-read answer then said of the close
                // ("stream ended at an unexpected time").
                throw progress.tlsError ?? progress.deadline.withLock { $0 } ?? error
            }
        }
        guard let upgraded else {
            // Refused: the status line is in; give the body a moment to follow.
            for _ in 0..<20 where !response.isComplete { try? await clock.sleep(seconds: 0.01) }
            throw response.refusal ?? HTTPRefusal(status: 0, body: "the server did not upgrade the connection")
        }
        return upgraded
    }

    struct InvalidURL: Error, CustomStringConvertible {
        var url: String
        var description: String { "not a ws:// or wss:// URL" }
    }

    /// Which step is under way and since when; the TLS handler moves it on.
    final class StepProgress: Sendable {
        let state: Mutex<(step: ConnectStep, since: Double)>
        /// The handshake's own error: it says more than the closed channel the upgrade then reports.
        let tlsFailure = Mutex<(any Error)?>(nil)
        let channel = Mutex<(any Channel)?>(nil)
        /// The step deadline that closed the socket, once one has.
        let deadline = Mutex<StepTimedOut?>(nil)
        init(step: ConnectStep, at t: Double) { state = Mutex((step, t)) }
        var tlsError: (any Error)? { tlsFailure.withLock { $0 } }
        var current: (step: ConnectStep, since: Double) { state.withLock { $0 } }
        func advance(to step: ConnectStep, at t: Double) {
            state.withLock { if $0.step != .upgrade || step == .upgrade { $0 = (step, t) } }
        }
    }

    /// Every read from the socket, told and passed on untouched.
    final class BytesArrived: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        let alive: @Sendable (Int) -> Void
        init(alive: @escaping @Sendable (Int) -> Void) { self.alive = alive }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            alive(unwrapInboundIn(data).readableBytes)
            context.fireChannelRead(data)
        }
    }

    /// Marks the end of the TLS handshake, which starts the upgrade's deadline.
    final class HandshakeWatcher: ChannelInboundHandler, Sendable {
        typealias InboundIn = Any
        let progress: StepProgress
        let clock: any FeedClock
        init(progress: StepProgress, clock: any FeedClock) {
            self.progress = progress
            self.clock = clock
        }
        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case .handshakeCompleted = event as? TLSUserEvent { progress.advance(to: .upgrade, at: clock.now()) }
            context.fireUserInboundEventTriggered(event)
        }
        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            if error is NIOSSLError || error is BoringSSLError { progress.tlsFailure.withLock { if $0 == nil { $0 = error } } }
            context.fireErrorCaught(error)
        }
    }

    /// Keeps the first bytes of the server's answer (status line, headers, the start of a body), so that a
    /// refused upgrade says why. Costs one bounded copy per connection; everything passes through untouched.
    final class ResponseCapture: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        static let limit = 2048
        let bytes = Mutex<[UInt8]>([])
        let closed = Mutex(false)

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = Self.unwrapInboundIn(data)
            bytes.withLock { b in
                if b.count < Self.limit { b += buffer.readableBytesView.prefix(Self.limit - b.count) }
            }
            context.fireChannelRead(data)
        }

        func channelInactive(context: ChannelHandlerContext) {
            closed.withLock { $0 = true }
            context.fireChannelInactive()
        }

        var refusal: HTTPRefusal? { HTTPRefusal(response: bytes.withLock { $0 }, now: Date().timeIntervalSince1970) }

        /// The whole body is in (by Content-Length), the buffer is full, or the server hung up.
        var isComplete: Bool {
            if closed.withLock({ $0 }) { return true }
            let b = bytes.withLock { $0 }
            if b.count >= Self.limit { return true }
            let text = String(decoding: b, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n") else { return false }
            let head = text[..<end.lowerBound].lowercased()
            guard let cl = head.range(of: "content-length:") else { return true }
            let length = Int(head[cl.upperBound...].prefix { $0 != "\r" }.trimmingCharacters(in: .whitespaces)) ?? 0
            return text[end.upperBound...].utf8.count >= length
        }
    }
}
