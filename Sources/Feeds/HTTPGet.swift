import LiveActions
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// One HTTP GET over SwiftNIO's client pipeline (`https://` through NIOSSL with certificate verification), one
/// connection per request, with a deadline for the whole exchange. An answer counts only when it arrived
/// whole: a connection that ends before the response does is an error, never a short body.
enum HTTPGet {
    struct Response: Sendable {
        var status: Int
        var body: [UInt8]
        var retryAfter: String? = nil
        /// Where a redirect points: followed by no one, but named, since each retry meets the same answer.
        var location: String? = nil
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum Failure: Error, Equatable, CustomStringConvertible {
        case badURL(String)
        case timeout(Double)
        case closedEarly
        case tooLarge(Int)
        case transport(String)

        var description: String {
            switch self {
            case .badURL(let url): "not an http(s) URL: \(HTTPGet.printable(url))"
            case .timeout(let s): "no complete answer within \(s.formatted1) s"
            case .closedEarly: "the connection ended before the answer did"
            case .tooLarge(let n): "the answer is larger than \(n >> 20) MiB"
            case .transport(let s): HTTPGet.printable(s)
            }
        }
    }

    static func get(url: String, headers: [(String, String)], timeout: Double, maxBody: Int) async throws -> Response {
        guard let target = ServerTarget(url: url), !target.uri.isEmpty, url.lowercased().hasPrefix("http") else { throw Failure.badURL(url) }
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target.uri)
        head.headers.add(name: "Host", value: target.hostHeader)
        head.headers.add(name: "User-Agent", value: "courtside")
        head.headers.add(name: "Connection", value: "close")
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        let request = head
        if target.tls, target.isIPAddress {
            // With no name to check the certificate against, verification would prove only that some CA signed it.
            throw Failure.transport("https to an IP address cannot be checked against a certificate; use the host name")
        }
        let sslContext: NIOSSLContext?
        do {
            sslContext = target.tls ? try NIOSSLContext(configuration: .makeClientConfiguration()) : nil
        } catch {
            throw Failure.transport("TLS setup failed: \(error)")
        }
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: Response.self)
        let timedOut = TimeoutFlag()
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.milliseconds(Int64(timeout * 1000)))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let sslContext {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: target.host))
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(Collector(promise: promise, maxBody: maxBody))
                    }
                }
                .connect(host: target.host, port: target.port).get()
        } catch {
            promise.fail(Failure.transport("\(error)"))
            throw Failure.transport(describe(error))
        }
        // The deadline only closes the channel; the collector, the one place that completes the promise,
        // then fails it, and the flag says why.
        let deadline = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) {
            timedOut.set()
            channel.close(promise: nil)
        }
        channel.writeAndFlush(HTTPClientRequestPart.head(request), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        do {
            let response = try await promise.futureResult.get()
            deadline.cancel()
            try? await channel.close()
            // A body with no length ends when the connection does, and the deadline's close ends it too: that is
            // a cut-off answer (it read as "not JSON" at byte 0), not a complete one.
            if timedOut.isSet { throw Failure.timeout(timeout) }
            return response
        } catch {
            deadline.cancel()
            try? await channel.close()
            if timedOut.isSet { throw Failure.timeout(timeout) }
            if let failure = error as? Failure { throw failure }
            throw Failure.transport(describe(error))
        }
    }

    /// Server-supplied text, short and printable, before it reaches a message.
    static func printable(_ s: String) -> String { TextSafety.clean(s, limit: 120) }

    static func describe(_ error: any Error) -> String {
        Outcome.tlsFailure(error) ?? Outcome.describe(error)
    }

    final class TimeoutFlag: Sendable {
        let flag = Atomic<Bool>(false)
        func set() { flag.store(true, ordering: .sequentiallyConsistent) }
        var isSet: Bool { flag.load(ordering: .sequentiallyConsistent) }
    }

    /// Collects the status and the whole body, and completes the promise exactly once.
    final class Collector: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPClientResponsePart
        let promise: EventLoopPromise<Response>
        let maxBody: Int
        var status: Int?
        var retryAfter: String?
        var location: String?
        var body: [UInt8] = []
        var done = false

        init(promise: EventLoopPromise<Response>, maxBody: Int) {
            self.promise = promise
            self.maxBody = maxBody
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !done else { return }
            switch unwrapInboundIn(data) {
            case .head(let head):
                status = Int(head.status.code)
                retryAfter = head.headers["Retry-After"].first
                location = head.headers["Location"].first
            case .body(let chunk):
                if body.count + chunk.readableBytes > maxBody {
                    finish(.failure(Failure.tooLarge(maxBody)))
                    context.close(promise: nil)
                    return
                }
                body.append(contentsOf: chunk.readableBytesView)
            case .end:
                if let status { finish(.success(Response(status: status, body: body, retryAfter: retryAfter, location: location))) } else { finish(.failure(Failure.closedEarly)) }
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            finish(.failure(Failure.closedEarly))
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            // A parser error at the end of input means the body was cut short.
            if error is HTTPParserError { finish(.failure(Failure.closedEarly)) } else { finish(.failure(Failure.transport(HTTPGet.describe(error)))) }
            context.close(promise: nil)
        }

        func finish(_ result: Result<Response, any Error>) {
            guard !done else { return }
            done = true
            promise.completeWith(result)
        }
    }
}

extension Double {
    /// One decimal, without Foundation's formatters.
    var formatted1: String {
        let tenths = (self * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))" : "\(tenths / 10)"
    }
}
