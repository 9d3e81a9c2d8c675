import LiveActions
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// How one connection ended, as the reader, the watchdog or the dialer saw it.
public enum ConnectionEnd: Sendable {
    /// The server closed as a stream ends: with 1000, or with no code.
    var isNormalClose: Bool {
        if case .closed(let code, _) = self { return code == nil || code == 1000 }
        return false
    }

    /// A close frame: its code and reason.
    case closed(code: UInt16?, reason: String?)
    /// The socket ended with no close frame.
    case dropped
    /// A frame said the token is refused.
    case rejected(String)
    /// The match is over and nothing more will come (`finished`), so the client closed.
    case finished
    case stale(silentFor: Double)
    case timedOut(ConnectStep, seconds: Double)
    case refused(HTTPRefusal)
    /// A message past the size limit: it was skipped unread.
    case oversized(limitBytes: Int)
    case error(any Error)
}

/// What the feed does after a connection. Pure.
public enum Outcome: Equatable, Sendable {
    case finished
    case failed(String)
    /// Worth another attempt: why, whether the connection made progress (which resets the backoff), and
    /// the server's `Retry-After`.
    case retry(String, progressed: Bool, retryAfter: Double? = nil)
    /// The match looked over (a confirmed End Match, no `finished`) when the stream ended: connect once more to
    /// see that nothing was withdrawn meanwhile (an End Match deleted, a score corrected after it).
    case checkBack(String)

    /// `progressed`: the connection brought at least one new action message, or stayed up longer than the
    /// stale timeout. `matchOver`: the stream has shown the end of the match. `checkedBack`: a connection since
    /// the end was made and brought nothing new; until then an end that was not `finished` is checked once.
    /// `saidFinished`: a message said `finished`, so the server's own close after it is the end, with no check. A cut
    /// (a reset, a drop, an error close, silence) is not the server saying so: it lost a correction that followed
    /// `finished`, and is checked once like any end after the End Match.
    public static func after(_ end: ConnectionEnd, progressed: Bool, matchOver: Bool, saidFinished: Bool = false, checkedBack: Bool = true) -> Outcome {
        let outcome = decide(end, progressed: progressed)
        guard matchOver || saidFinished else { return outcome }
        if saidFinished, case .retry = outcome, end.isNormalClose { return .finished }
        switch (outcome, end) {
        case (.retry, .refused(let r)) where r.status == 429 || r.status >= 500:
            // Busy, not gone: the check-back is still to be made (taken as the end, a score corrected after the
            // End Match was lost whenever the server was busy at full time, when everyone reconnects).
            return outcome
        case (.retry, .refused), (.failed, .refused), (.retry, .oversized):
            // Nothing here says the stream ended: a refusal comes before one (from the check-back, it means there is
            // no stream to resume), and a message too big is skipped.
            return checkedBack ? .finished : outcome
        case (.failed, .closed), (.failed, .rejected):
            // The same refusal said in band: by a close code (4001, 4003, 1008), its reason, or a message (a
            // token that expires at full time). A check-back brings nothing by design, and a finished match failed
            // on it.
            return checkedBack ? .finished : outcome
        case (.retry, _):
            // The stream ended after the End Match: a close, a drop, silence, a deadline or a reset. Taken as the end
            // at once, a cut right after an End Match later withdrawn lost the rest of the match; reconnected after
            // as any drop, each reconnect met the same end, for ever.
            return checkedBack ? .finished : .checkBack("the stream ended after the End Match: checking once that nothing followed it")
        default:
            return outcome  // `finished`, or a failure no check changes (a refused token, TLS)
        }
    }

    /// What the end means while the match goes on.
    static func decide(_ end: ConnectionEnd, progressed: Bool) -> Outcome {
        switch end {
        case .finished:
            return .finished
        case .rejected(let reason):
            return .failed(reason)
        case .closed(let code, let reason):
            if let said = reason.flatMap(FrameDecoder.rejection(in:)) { return .failed(said) }
            if code == 1008 { return .failed("token rejected (closed with 1008\(reason.map { ": " + TextSafety.clean($0, limit: 120) } ?? ""))") }
            if let code, refusalCodes.contains(code), !progressed {
                // 4001/4003 (or 4401/4403) on a connection that brought nothing: a refusal said only by its code,
                // whatever the reason's words (none, or "Session expired"), which reconnected for ever. The same
                // code mid-stream (a session expiring) is retried, and the next connection says.
                // Worded as the HTTP status each mirrors: 4003 and 4403 read "token rejected" where a 403 said access denied.
                let said = reason.flatMap { $0.isEmpty ? nil : ": " + TextSafety.clean($0, limit: 120) } ?? ""
                if code == 4003 || code == 4403 { return .failed("access denied (closed with \(code)\(said)): the token is not licensed for this fixture") }
                return .failed("token rejected (closed with \(code)\(said))")
            }
            let said = reason.map { ": " + TextSafety.clean($0, limit: 120) } ?? ""
            return .retry("closed by the server (\(describe(code)))" + said, progressed: progressed)
        case .dropped:
            return .retry("connection closed", progressed: progressed)
        case .stale(let silent):
            return .retry("no frame for \(Int(silent)) s", progressed: progressed)
        case .timedOut(let step, let seconds):
            return .retry("\(step.rawValue) timed out after \(Int(seconds)) s", progressed: false)
        case .refused(let r):
            switch r.status {
            case 401: return .failed("token rejected (401)\(r.detail)")
            case 403: return .failed("access denied (403): the token is not licensed for this fixture\(r.detail)")
            case 400: return .failed("bad request (400)\(r.detail)")
            case 404: return .failed("fixture not found or not licensed (404)\(r.detail)")
            case 300...399:
                // A websocket is not redirected, and each retry met the same answer for as long as Courtside ran.
                return .failed("the server redirects (\(r.status))" + (r.location.map { " to \($0): point --endpoint there" } ?? "") + r.detail)
            case 429: return .retry("too many requests (429)\(r.detail)", progressed: false, retryAfter: r.retryAfter)
            default: return .retry("upgrade refused (\(r.status))\(r.detail)", progressed: false, retryAfter: r.retryAfter)
            }
        case .oversized(let limit):
            return .retry("the server sent a message larger than \(limit >> 20) MiB", progressed: true)
        case .error(let error):
            if let reason = tlsFailure(error) { return .failed(reason) }
            return .retry(describe(error), progressed: progressed)
        }
    }

    /// Application close codes that mirror HTTP 401 and 403 (the provider documents none of its own).
    static let refusalCodes: Set<UInt16> = [4001, 4003, 4401, 4403]

    static func describe(_ code: UInt16?) -> String {
        switch code {
        case nil: "no code"
        case 1000: "1000"
        case 1001: "1001 going away"
        case 1011: "1011 server error"
        case let n?: "code \(n)"
        }
    }

    /// TLS failures that no retry fixes. Certificates are always verified, and the handshake fails before
    /// the auth message is written, so an unverified server never sees the token.
    static func tlsFailure(_ error: any Error) -> String? {
        if let e = error as? NIOConnectionError {
            return e.connectionErrors.lazy.compactMap { tlsFailure($0.error) }.first
        }
        if let e = error as? NIOSSLExtraError, e == .cannotUseIPAddressInSNI {
            return "wss:// needs the server's host name: its certificate cannot be checked against an IP address"
        }
        if error is NIOSSLError || error is BoringSSLError, "\(error)".contains("CERTIFICATE_VERIFY_FAILED") {
            return "TLS certificate not trusted (verification failed)"
        }
        return nil
    }

    /// The process (EMFILE) or the system (ENFILE) has no file descriptor left.
    static func outOfFiles(_ e: IOError) -> Bool { e.errnoCode == EMFILE || e.errnoCode == ENFILE }

    static func brokenRule(_ e: NIOWebSocketError) -> String {
        switch e {
        case .fragmentedControlFrame: "a control frame (ping, pong or close) sent in fragments"
        case .multiByteControlFrameLength: "a control frame longer than 125 bytes"
        case .invalidFrameLength: "a frame longer than allowed"
        }
    }

    static func brokenRule(_ e: NIOWebSocketFrameAggregator.Error) -> String {
        switch e {
        case .didReceiveFragmentBeforeReceivingTextOrBinaryFrame: "a continuation fragment with no message to continue"
        case .receivedNewFrameWithoutFinishingPrevious: "a new message began before the last one ended"
        case .accumulatedFrameSizeIsTooLarge: "a message larger than allowed"
        case .nonFinalFragmentSizeIsTooSmall, .tooManyFragments: "a message in too many, or too small, fragments"
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let e as IOError where outOfFiles(e):
            return "too many open files: raise the limit (ulimit -n) or watch fewer fixtures"
        case let e as IOError where e.errnoCode == ECONNREFUSED: return "connection refused"
        case let e as IOError where e.errnoCode == ECONNRESET: return "connection reset"
        case let e as NIOConnectionError:
            if let tooMany = e.connectionErrors.lazy.compactMap({ $0.error as? IOError }).first(where: outOfFiles) { return describe(tooMany) }
            if e.connectionErrors.contains(where: { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }) { return "connection refused" }
            if e.dnsAAAAError != nil || e.dnsAError != nil, e.connectionErrors.isEmpty { return "host name not found" }
            return "connection failed"
        case is NIOSSLError: return "TLS handshake failed"
        case is NIOHTTPClientUpgradeError: return "the server's answer to the websocket upgrade is not a valid handshake"
        // The library's own names ("didReceiveFragmentBeforeReceivingTextOrBinaryFrame", "invalid constant string")
        // said nothing a user could act on.
        case let e as NIOWebSocketError: return "the server broke the websocket protocol: " + brokenRule(e)
        case let e as NIOWebSocketFrameAggregator.Error: return "the server broke the websocket protocol: " + brokenRule(e)
        case is HTTPParserError: return "the server at that address does not speak HTTP (its answer to the upgrade is not an HTTP response)"
        case let e as ChannelError where e == .eof || e == .ioOnClosedChannel: return "connection closed"
        default: return "connection failed: " + TextSafety.clean("\(error)", limit: 120)
        }
    }
}
