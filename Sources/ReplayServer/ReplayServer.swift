import Foundation
import LiveActions
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

/// A local server that speaks the Live Actions protocol from recordings, so that the client, the tests
/// and anyone without a token can exercise the real socket path: Accept header check, auth frame,
/// heartbeats, `speed`, `startPosition`, a clear refusal for a bad token, many clients at once.
public final class ReplayServer: Sendable {
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        public var port = 8765
        /// The token clients must send; nil accepts any non-empty token (the auth frame is still required).
        public var token: String?
        /// Seconds between heartbeats; 0 sends none.
        public var heartbeat = LiveActionsProtocol.heartbeatInterval
        /// Pacing factor for `speed=normal`: 1 is the recording's own timing.
        public var speed = 1.0
        /// How long a client may take to send its auth frame.
        public var authTimeout = 10.0
        /// How long a client may take to send its whole request head.
        public var requestTimeout = 10.0

        public init() {}
    }

    /// One line per connection, when its fate is decided.
    public let log: @Sendable (String) -> Void
    public let configuration: Configuration
    let fixtures: [String: ServedFixture]
    let connects = Mutex<[Double]>([])
    let counter = Atomic<Int>(0)

    public init(fixtures: [ServedFixture], configuration: Configuration, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.fixtures = Dictionary(fixtures.map { ($0.fixture.actionsPath.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        self.configuration = configuration
        self.log = log
    }

    /// When each connection was accepted (monotonic seconds), for the connect-rate check.
    public var connectTimes: [Double] { connects.withLock { $0 } }

    enum Upgrade {
        case websocket(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, path: String, query: StreamQuery, peer: String)
        /// `verdict` is set when a websocket upgrade was declined; a plain request still carries its head.
        case refused(NIOAsyncChannel<HTTPServerRequestPart, HTTPPart<HTTPResponseHead, ByteBuffer>>, verdict: (String, HTTPResponseStatus, String)?)
    }

    /// The address asked for is taken: said as NIO's `bind(descriptor:ptr:bytes:): Address already in use) (errno:
    /// 98)`, it named neither the port nor how to choose another.
    public struct AddressInUse: Error, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var description: String { "port \(port) on \(host) is in use: give another --port, or --port 0 for a free one" }
    }

    /// Binds, reports the port, and serves until the task is cancelled.
    public func run(onBound: @Sendable (Int) -> Void = { _ in }) async throws {
        let server: NIOAsyncChannel<EventLoopFuture<Upgrade>, Never>
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: 256)
                .bind(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture { try self.configure(channel) }
                }
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw AddressInUse(host: configuration.host, port: configuration.port)
        }
        onBound(server.channel.localAddress?.port ?? configuration.port)
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { inbound in
                for try await upgrade in inbound {
                    group.addTask { await self.handle(upgrade) }
                }
            }
        }
    }

    func configure(_ channel: any Channel) throws -> EventLoopFuture<Upgrade> {
        connects.withLock { $0.append(Self.now()) }
        let peer = channel.remoteAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "?"
        // NIO hands a declined request to the plain HTTP path without its head, so the verdict is kept here.
        let verdict = NIOLoopBoundBox<(String, HTTPResponseStatus, String)?>(nil, eventLoop: channel.eventLoop)
        // A connection that is not a websocket by the request deadline is dropped: a plain request is answered and
        // closed long before it, and anything else held its descriptor until the client left (a half-sent request
        // head, or an upgrade NIO declines before asking, with no Sec-WebSocket-Key, whose head it has taken), and a
        // few dozen of them under a low `ulimit -n` starved the server.
        let upgraded = NIOLoopBoundBox(false, eventLoop: channel.eventLoop)
        channel.eventLoop.scheduleTask(in: .milliseconds(Int64(configuration.requestTimeout * 1000))) {
            if !upgraded.value { channel.close(promise: nil) }
        }
        let upgrader = NIOTypedWebSocketServerUpgrader<Upgrade>(
            maxFrameSize: 1 << 16,
            shouldUpgrade: { channel, head in
                // Refused here, the request goes to the plain HTTP path, which answers with the reason.
                guard let (status, message) = self.refusal(for: head) else { return channel.eventLoop.makeSucceededFuture(HTTPHeaders()) }
                verdict.value = (head.uri, status, message)
                return channel.eventLoop.makeSucceededFuture(nil)
            },
            upgradePipelineHandler: { channel, head in
                upgraded.value = true
                return channel.eventLoop.makeCompletedFuture {
                    let ws = try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: channel)
                    let (path, query) = Self.split(head.uri)
                    return Upgrade.websocket(ws, path: path, query: StreamQuery(query), peer: peer)
                }
            })
        let config = NIOTypedHTTPServerUpgradeConfiguration<Upgrade>(
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(HTTPByteBufferResponsePartHandler())
                    return Upgrade.refused(try NIOAsyncChannel(wrappingChannelSynchronously: channel), verdict: verdict.value)
                }
            })
        return try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(configuration: .init(upgradeConfiguration: config))
    }

    static func split(_ uri: String) -> (String, Substring?) {
        guard let q = uri.firstIndex(of: "?") else { return (uri, nil) }
        return (String(uri[..<q]), uri[uri.index(after: q)...])
    }

    /// The betting feed's path, or the media feed's (`/media/…`): the same actions either way.
    /// Ids compare without regard to case, as everywhere (an upper-case UUID was a 404).
    func fixture(at path: String) -> ServedFixture? {
        let path = path.lowercased()
        return fixtures[path] ?? (path.hasPrefix("/media/") ? fixtures[String(path.dropFirst("/media".count))] : nil)
    }

    /// Why a request cannot become a stream, as (status, message); nil when it can.
    func refusal(for head: HTTPRequestHead) -> (HTTPResponseStatus, String)? {
        let (path, query) = Self.split(head.uri)
        let accept = head.headers["Accept"].joined(separator: ",")
        if !accept.contains("application/vnd.imggaming.dde.api+json") {
            return (.badRequest, "Request is missing required HTTP header 'Accept'")
        }
        guard fixture(at: path) != nil else { return (.notFound, "No such fixture: \(path)") }
        let problems = StreamQuery(query).problems
        if !problems.isEmpty { return (.badRequest, problems.joined(separator: "; ")) }
        if head.headers["Upgrade"].first?.lowercased() != "websocket" {
            return (.upgradeRequired, "This endpoint is a websocket")
        }
        return nil
    }

    func handle(_ upgrade: EventLoopFuture<Upgrade>) async {
        guard let result = try? await upgrade.get() else { return }
        let id = counter.wrappingAdd(1, ordering: .relaxed).newValue
        switch result {
        case .refused(let channel, let verdict):
            try? await channel.executeThenClose { inbound, outbound in
                // A declined upgrade has its verdict; a plain request is either for the REST API or refused.
                var answer = verdict.map { (uri: $0.0, RESTAnswer.plain($0.1, $0.2)) }
                if answer == nil {
                    for try await part in inbound {
                        guard case .head(let head) = part else { continue }
                        let (status, message) = refusal(for: head) ?? (.badRequest, "Not a websocket upgrade")
                        answer = (head.uri, restAnswer(for: head) ?? .plain(status, message))
                        break
                    }
                }
                guard let (uri, reply) = answer else { return }
                log("#\(id) \(uri) → \(reply.status.code) \(reply.summary)")
                do {
                    var headers = HTTPHeaders()
                    headers.add(name: "Content-Type", value: reply.contentType)
                    headers.add(name: "Content-Length", value: "\(reply.body.utf8.count)")
                    headers.add(name: "Connection", value: "close")
                    try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: reply.status, headers: headers)))
                    try await outbound.write(.body(ByteBuffer(string: reply.body)))
                    try await outbound.write(.end(nil))
                }
            }
        case .websocket(let channel, let path, let query, let peer):
            guard let fixture = fixture(at: path) else { return }
            let stream = StreamSession(id: id, fixture: fixture, query: query, peer: peer, server: self)
            let socket = channel.channel
            try? await channel.executeThenClose { inbound, outbound in
                try await stream.run(inbound: inbound, outbound: outbound, hangUp: { socket.close(promise: nil) })
            }
        }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// Lets the plain HTTP path write `ByteBuffer` bodies.
final class HTTPByteBufferResponsePartHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPPart<HTTPResponseHead, ByteBuffer>
    typealias OutboundOut = HTTPServerResponsePart

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part: HTTPServerResponsePart = switch unwrapOutboundIn(data) {
        case .head(let head): .head(head)
        case .body(let buffer): .body(.byteBuffer(buffer))
        case .end(let trailers): .end(trailers)
        }
        context.write(wrapOutboundOut(part), promise: promise)
    }
}
