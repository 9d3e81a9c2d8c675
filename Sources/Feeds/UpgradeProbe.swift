import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// WSClient reports a refused upgrade without its HTTP status, but 400, 401, 403 and 404 must end a
/// fixture (no retry storm) while 5xx should be retried. So, only after a refusal, the same upgrade
/// request is sent once more by hand and the status line and the start of the body are read.
enum UpgradeProbe {
    struct Answer: Equatable {
        var status: Int
        var body: String

        /// ": <the server's words>", or nothing.
        var detail: String {
            let words = TextSafety.short(body.trimmingCharacters(in: .whitespacesAndNewlines))
            return words.isEmpty ? "" : ": " + words
        }
    }

    static func status(url: String, accept: String, timeout: Double) async -> Answer? {
        guard let target = ProbeTarget(url: url) else { return nil }
        let host = target.host, port = target.port
        var head = target.requestHead(accept: accept)
        head.headers.add(name: "Connection", value: "Upgrade")
        head.headers.add(name: "Upgrade", value: "websocket")
        head.headers.add(name: "Sec-WebSocket-Version", value: "13")
        head.headers.add(name: "Sec-WebSocket-Key", value: Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString())
        let request = head
        do {
            let sslContext = try target.sslContext()
            let group = MultiThreadedEventLoopGroup.singleton
            let promise = group.next().makePromise(of: Answer.self)
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(.milliseconds(Int64(timeout * 1000)))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let sslContext {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: host))
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(ResponseReader(promise: promise))
                    }
                }
                .connect(host: host, port: port).get()
            channel.writeAndFlush(HTTPClientRequestPart.head(request), promise: nil)
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            channel.eventLoop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) {
                promise.fail(ChannelError.connectTimeout(.seconds(Int64(timeout))))
            }
            let answer = try? await promise.futureResult.get()
            try? await channel.close()
            return answer
        } catch {
            return nil
        }
    }

    /// Collects the status and up to 512 bytes of body, then answers.
    final class ResponseReader: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPClientResponsePart
        let promise: EventLoopPromise<Answer>
        var status: Int?
        var body = ByteBuffer()

        init(promise: EventLoopPromise<Answer>) { self.promise = promise }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                status = Int(head.status.code)
                if head.status == .switchingProtocols { finish() }
            case .body(var chunk):
                if body.readableBytes < 512, let slice = chunk.readSlice(length: min(chunk.readableBytes, 512 - body.readableBytes)) {
                    var slice = slice
                    body.writeBuffer(&slice)
                }
            case .end:
                finish()
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            finish()
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            finish()
            context.close(promise: nil)
        }

        func finish() {
            if let status {
                promise.succeed(Answer(status: status, body: String(decoding: body.readableBytesView, as: UTF8.self)))
            } else {
                promise.fail(ChannelError.inputClosed)
            }
        }
    }
}

/// Where a probe connects and what it asks for, from a `ws://` or `wss://` URL: the probes make by hand the
/// request WSClient made, so they must read the URL the same way.
struct ProbeTarget {
    var host: String
    var port: Int
    var tls: Bool
    /// Path and query, as sent in the request line.
    var uri: String
    var hostHeader: String

    init?(url: String) {
        guard let parts = URLComponents(string: url), let host = parts.host,
              let scheme = parts.scheme, scheme == "ws" || scheme == "wss" else { return nil }
        self.host = host
        tls = scheme == "wss"
        port = parts.port ?? (tls ? 443 : 80)
        uri = (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath)
            + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        hostHeader = parts.port.map { "\(host):\($0)" } ?? host
    }

    /// GET with Host and Accept; the websocket upgrade headers are the caller's.
    func requestHead(accept: String) -> HTTPRequestHead {
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: uri)
        head.headers.add(name: "Host", value: hostHeader)
        head.headers.add(name: "Accept", value: accept)
        return head
    }

    func sslContext() throws -> NIOSSLContext? {
        tls ? try NIOSSLContext(configuration: .makeClientConfiguration()) : nil
    }
}
