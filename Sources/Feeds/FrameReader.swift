import LiveActions
import NIOCore
import NIOWebSocket

/// Reads one connection's frames until it ends. Every frame is a sign of life; pings are answered; text and
/// binary messages (UTF-8 JSON either way) are decoded and emitted; a close is answered and reported.
struct FrameReader {
    let fixture: FixtureRef
    let session: FeedSession
    let clock: any FeedClock
    let maxMessageBytes: Int
    /// Taken out of every frame before it is decoded, shown or recorded: a server may repeat it anywhere, an
    /// action's text included, and the screen and the headless lines showed it.
    let token: AuthToken?
    /// Every data message's text as it arrived (redacted), with where it left the stream (`StreamPlace`).
    let received: @Sendable (String, Double, StreamPlace) -> Void
    let emit: @Sendable (FeedEvent) -> Void

    func read(_ inbound: NIOAsyncChannelInboundStream<WebSocketFrame>, _ outbound: FrameWriter) async throws -> ConnectionEnd {
        do {
            for try await frame in inbound {
                let now = clock.now()
                session.frameArrived(at: now)
                switch frame.opcode {
                case .ping, .pong:
                    if session.announce() { emit(.status(fixture, .live, at: now)) }
                    if frame.opcode == .ping { try await outbound.send(.pong, frame.unmaskedData) }
                case .connectionClose:
                    var data = frame.unmaskedData
                    // A payload of one byte has no code (a code is two) and no reason: its byte read as a reason
                    // showed "closed by the server (no code): �".
                    let code = data.readableBytes >= 2 ? data.readInteger(as: UInt16.self) : nil
                    if code == nil { data.moveReaderIndex(forwardBy: data.readableBytes) }
                    // Redacted here, whole: a message that wraps it (`token rejected (closed with 4001: …)`) puts a
                    // copy cut at the reason's 123-byte limit mid-text, where only a whole copy would be found.
                    let reason = data.readableBytes > 0 ? data.readString(length: data.readableBytes).map { token?.redacted($0) ?? $0 } : nil
                    try? await outbound.send(.connectionClose, frame.unmaskedData.getSlice(at: frame.unmaskedData.readerIndex, length: min(2, frame.unmaskedData.readableBytes)) ?? ByteBuffer())
                    return .closed(code: code, reason: reason)
                case .text, .binary:
                    if let end = deliver(frame, at: now) { return end }
                default:
                    break
                }
            }
            return .dropped
        } catch NIOWebSocketError.invalidFrameLength {
            return skipOversized()
        } catch NIOWebSocketFrameAggregator.Error.accumulatedFrameSizeIsTooLarge {
            return skipOversized()
        }
    }

    /// Decodes one message; returns how the connection ends if this message ends it.
    func deliver(_ frame: WebSocketFrame, at now: Double) -> ConnectionEnd? {
        var data = frame.unmaskedData
        let bytes = data.readableBytes
        // The frame's bytes, hashed only for the rare frame with an unusable message: it is how one sent again is known.
        let identity = {
            var hasher = Hasher()
            frame.unmaskedData.withUnsafeReadableBytes { hasher.combine(bytes: $0) }
            return hasher.finalize()
        }
        // The text as it arrived, redacted; nil for a binary message that is not UTF-8 (refused, and not recorded).
        let text: String?
        let decoded: Frame
        if frame.opcode == .text, let raw = data.readString(length: bytes) {
            let redacted = token?.redacted(raw) ?? raw
            text = redacted
            decoded = FrameDecoder.decode(redacted)
        } else {
            let raw = data.readBytes(length: bytes) ?? []
            text = String(validating: raw, as: UTF8.self).map { token?.redacted($0) ?? $0 }
            decoded = text.map(FrameDecoder.decode) ?? FrameDecoder.decode(bytes: raw)
        }
        if !decoded.isRejection, session.announce() { emit(.status(fixture, .live, at: now)) }
        // Another fixture's action (a server's mistake) is shown as such, and counts for nothing here: it shifted
        // `startPosition` past one of this fixture's messages, and its `finished` ended this fixture's stream.
        let own = decoded.hasForeignActions(to: fixture.id) ? decoded.withoutForeignActions(to: fixture.id) : decoded
        session.record(own, at: now, identity: own.unusable.isEmpty ? nil : identity())
        // A refusal is no part of the match: recorded, a mistyped token's run left a "recording" of it, said it had
        // recorded the match, and stood in the way of the run with the right token.
        if let text, !decoded.isRejection { received(text, now, StreamPlace(events: own.eventCount, position: session.position)) }
        emit(.frame(fixture, decoded, at: now, bytes: bytes))
        // A `finished` message does not end the connection here: the watchdog gives the stream `finishedGrace` for
        // a correction, unless the server closes first.
        if case .rejected(let reason) = decoded { return .rejected(reason) }
        return nil
    }

    /// A message past the limit cannot be read, and the server would send it again on every reconnect: count
    /// it as received (one event, like any data message) so that the next connection resumes after it.
    func skipOversized() -> ConnectionEnd {
        session.recordUnreadable()
        let limit = maxMessageBytes >> 20
        emit(.frame(fixture, .actions([], invalid: ["a message larger than \(limit) MiB was skipped"]), at: clock.now(), bytes: 0))
        return .oversized(limitBytes: maxMessageBytes)
    }
}

/// Masked client frames out.
struct FrameWriter {
    let outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>

    func send(_ opcode: WebSocketOpcode, _ data: ByteBuffer) async throws {
        try await outbound.write(WebSocketFrame(fin: true, opcode: opcode, maskKey: .random(), data: data))
    }

    func send(text: String) async throws {
        try await send(.text, ByteBuffer(string: text))
    }

    /// A close frame with a code, as a polite goodbye.
    func close(_ code: UInt16) async {
        var data = ByteBuffer()
        data.writeInteger(code)
        try? await send(.connectionClose, data)
    }
}
