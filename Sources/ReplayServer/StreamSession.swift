import Foundation
import LiveActions
import NIOCore
import NIOWebSocket
import Platform
import Synchronization

/// One client's stream: wait for the auth frame, then send the recording from `startPosition` with
/// heartbeats between, and close when the match is over.
struct StreamSession {
    let id: Int
    let fixture: ServedFixture
    let query: StreamQuery
    let peer: String
    let server: ReplayServer

    typealias Inbound = NIOAsyncChannelInboundStream<WebSocketFrame>
    typealias Outbound = NIOAsyncChannelOutboundWriter<WebSocketFrame>

    enum AuthResult { case accepted, rejected(String), silent }

    /// `hangUp` closes the connection: a client past the auth deadline is told why, then dropped.
    func run(inbound: Inbound, outbound: Outbound, hangUp: @escaping @Sendable () -> Void) async throws {
        var frames = inbound.makeAsyncIterator()
        let describe = "#\(id) \(peer) \(fixture.fixture.actionsPath) startPosition=\(query.startPosition) speed=\(query.fast ? "fast" : "normal")"
        switch try await authenticate(&frames, outbound: outbound, hangUp: hangUp) {
        case .silent:
            server.log("\(describe) → closed: no auth frame")
            try? await close(outbound, code: .policyViolation, reason: "401 authentication required: send {\"authToken\": …} first")
            return
        case .rejected(let why):
            server.log("\(describe) → token rejected (\(why))")
            try await send(#"{"statusCode":401,"message":"The supplied authentication is invalid"}"#, outbound)
            try await close(outbound, code: .policyViolation, reason: "401 The supplied authentication is invalid")
            return
        case .accepted:
            let first = fixture.firstIndex(startPosition: query.startPosition)
            server.log("\(describe) → streaming \(fixture.items.count - first) frames of \(fixture.items.count)")
        }
        try await send(#"{"type":"authorised","message":"Connection authorised"}"#, outbound)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await stream(outbound) }
            if server.configuration.heartbeat > 0 {
                group.addTask { try await heartbeats(outbound) }
            }
            // Reads until the client leaves; answers pings and closes.
            reading: while let frame = try await frames.next() {
                switch frame.opcode {
                case .ping: try await outbound.write(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData))
                case .connectionClose:
                    var data = frame.unmaskedData
                    let code = data.readSlice(length: 2) ?? ByteBuffer()
                    try? await outbound.write(WebSocketFrame(fin: true, opcode: .connectionClose, data: code))
                    break reading
                default: break  // after the token, whatever the client sends is ignored
                }
            }
            group.cancelAll()
        }
    }

    /// Set once the auth deadline has passed: a token after it is too late.
    final class Expiry: Sendable {
        let passed = Mutex(false)
    }

    func authenticate(_ frames: inout Inbound.AsyncIterator, outbound: Outbound, hangUp: @escaping @Sendable () -> Void) async throws -> AuthResult {
        let timeout = server.configuration.authTimeout
        // The first data frame, or nothing within the timeout: then the client is told, and the connection closed
        // (only told, it stayed open, and a token sent later still started the stream after the close frame).
        let expiry = Expiry()
        let deadline = Task {
            try await Task.sleep(nanoseconds: MonotonicClock.nanoseconds(timeout))
            expiry.passed.withLock { $0 = true }
            try? await close(outbound, code: .policyViolation, reason: "401 authentication required")
            hangUp()
        }
        defer { deadline.cancel() }
        while let frame = try await frames.next() {
            if expiry.passed.withLock({ $0 }) { return .silent }
            switch frame.opcode {
            case .text, .binary:
                let text = String(decoding: frame.unmaskedData.readableBytesView, as: UTF8.self)
                guard case .object(let object)? = JSONValue.parse(text), let token = object["authToken"]?.stringValue, !token.isEmpty else {
                    return .rejected("the first frame is not {\"authToken\": …}")
                }
                if let expected = server.configuration.token, !ReplayServer.constantTimeEqual(expected, token) {
                    return .rejected("token does not match")
                }
                return .accepted
            case .ping:
                try await outbound.write(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData))
            case .connectionClose:
                return .silent
            default:
                continue
            }
        }
        return .silent
    }

    func stream(_ outbound: Outbound) async throws {
        let items = fixture.items
        var i = fixture.firstIndex(startPosition: query.startPosition)
        let speed = max(server.configuration.speed, 0.000_001)
        let origin = i < items.count ? items[i].t : 0
        let start = ReplayServer.now()
        while i < items.count {
            if !query.fast {
                let due = start + (items[i].t - origin) / speed
                let wait = due - ReplayServer.now()
                if wait > 0 { try await Task.sleep(nanoseconds: MonotonicClock.nanoseconds(wait)) }
            }
            try await send(items[i].text, outbound)
            i += 1
            if query.fast, i % 64 == 0 { await Task.yield() }
        }
        if fixture.endsFinished {
            try await close(outbound, code: .normalClosure, reason: "fixture finished")
            return
        }
        // A match that is not over stays open: heartbeats go on until the client leaves.
        try await Task.sleep(nanoseconds: UInt64.max / 2)
    }

    func heartbeats(_ outbound: Outbound) async throws {
        let interval = server.configuration.heartbeat
        while true {
            try await Task.sleep(nanoseconds: MonotonicClock.nanoseconds(interval))
            let stamp = ISO8601DateFormatter().string(from: Date())
            try await send(#"{"type":"heartbeat","timestamp":"\#(stamp)"}"#, outbound)
        }
    }

    func send(_ text: String, _ outbound: Outbound) async throws {
        try await outbound.write(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: text)))
    }

    func close(_ outbound: Outbound, code: WebSocketErrorCode, reason: String) async throws {
        var data = ByteBuffer()
        data.write(webSocketErrorCode: code)
        data.writeString(reason)
        try await outbound.write(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))
    }
}

extension ReplayServer {
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) { diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0) }
        return diff == 0
    }
}
