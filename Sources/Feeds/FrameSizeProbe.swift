import Foundation
import LiveActions
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// SwiftNIO refuses a single websocket frame past the size limit from its header alone, and WSClient then
/// ends the connection as if the server had hung up: no error, no close code. Retried blindly, the server
/// sends the same frame at the same `startPosition` on every reconnect and the fixture never moves again.
/// So, only after a connection ended that way without delivering a message, the same request is made once
/// more by hand, with the size check's error left to this code, and the first message is looked at.
enum FrameSizeProbe {
    enum Verdict: Equatable, Sendable {
        /// The next message is one frame past the limit: skipping it is the only way forward.
        case oversized
        /// A message that fits arrived: the drop was something else.
        case fits
        /// The server closed, stayed silent or could not be reached: nothing is known.
        case unknown
    }

    static func check(url: String, accept: String, authMessage: String?, maxFrameSize: Int, timeout: Double) async -> Verdict {
        guard let target = ProbeTarget(url: url) else { return .unknown }
        let host = target.host
        let head = target.requestHead(accept: accept)
        do {
            let sslContext = try target.sslContext()
            let upgraded = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.milliseconds(Int64(timeout * 1000)))
                .connect(host: host, port: target.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let sslContext {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: host))
                        }
                        // No automatic error handling: the refusal of an oversized frame must reach this code.
                        let upgrader = NIOTypedWebSocketClientUpgrader<NIOAsyncChannel<WebSocketFrame, WebSocketFrame>?>(
                            maxFrameSize: maxFrameSize, enableAutomaticErrorHandling: false,
                            upgradePipelineHandler: { channel, _ in
                                channel.eventLoop.makeCompletedFuture {
                                    try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: channel)
                                }
                            })
                        var configuration = NIOUpgradableHTTPClientPipelineConfiguration(
                            upgradeConfiguration: .init(upgradeRequestHead: head, upgraders: [upgrader],
                                                        notUpgradingCompletionHandler: { $0.eventLoop.makeSucceededFuture(nil) }))
                        configuration.leftOverBytesStrategy = .forwardBytes
                        return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: configuration)
                    }
                }
            guard let channel = try await upgraded.get() else { return .unknown }
            return try await channel.executeThenClose { inbound, outbound in
                try await withThrowingTaskGroup(of: Verdict.self) { group in
                    group.addTask {
                        try await Task.sleep(for: .milliseconds(Int64(timeout * 1000)))
                        return .unknown
                    }
                    group.addTask {
                        if let authMessage {
                            let mask = WebSocketMaskingKey.random()
                            try await outbound.write(WebSocketFrame(fin: true, opcode: .text, maskKey: mask, data: ByteBuffer(string: authMessage)))
                        }
                        return try await firstMessage(inbound)
                    }
                    let verdict = try await group.next() ?? .unknown
                    group.cancelAll()
                    return verdict
                }
            }
        } catch {
            return .unknown
        }
    }

    /// Reads past heartbeats and other traffic to the first frame that carries a message.
    static func firstMessage(_ inbound: NIOAsyncChannelInboundStream<WebSocketFrame>) async throws -> Verdict {
        do {
            for try await frame in inbound {
                switch frame.opcode {
                case .text where frame.fin:
                    let text = String(buffer: frame.unmaskedData)
                    if FrameDecoder.decode(text).eventCount > 0 { return .fits }
                case .text, .binary, .continuation:
                    return .fits  // the start of a message in fragments, or a binary one: WSClient copes with both
                case .connectionClose:
                    return .unknown
                default:
                    continue  // ping, pong
                }
            }
            return .unknown
        } catch NIOWebSocketError.invalidFrameLength {
            return .oversized
        }
    }
}
