/// The health of one fixture's stream.
public enum ConnectionStatus: Equatable, Sendable {
    case connecting
    case authenticating
    case live
    /// No frame for longer than the watchdog allows.
    case stale
    case reconnecting(attempt: Int, retryAt: Double)
    /// Something retrying cannot fix (a rejected token, a bad request).
    case failed(String)
    /// The stream ended: the match finished or the recording ran out.
    case finished

    public var isReconnecting: Bool {
        if case .reconnecting = self { return true }
        return false
    }

    public var label: String {
        switch self {
        case .connecting: "connecting"
        case .authenticating: "authenticating"
        case .live: "live"
        case .stale: "stale"
        case .reconnecting: "reconnecting"
        case .failed: "failed"
        case .finished: "finished"
        }
    }
}

/// The only thing sources emit. Times are seconds on the source's clock (wall or replay), never read by the core.
public enum FeedEvent: Equatable, Sendable {
    /// A frame arrived; `frame` is what the decoder made of it.
    case frame(FixtureRef, Frame, at: Double, bytes: Int)
    case status(FixtureRef, ConnectionStatus, at: Double)
    case problem(FixtureRef, String, at: Double)
    case ended(FixtureRef, at: Double)
    /// A fixture to watch that was not known when the sources started (`watch --live` lists again every minute).
    case discovered(FixtureRef, FixtureInfo, at: Double)

    public var fixture: FixtureRef {
        switch self {
        case .frame(let f, _, _, _), .status(let f, _, _), .problem(let f, _, _), .ended(let f, _), .discovered(let f, _, _): f
        }
    }

    /// When it happened, on the source's clock.
    public var at: Double {
        switch self {
        case .frame(_, _, let at, _), .status(_, _, let at), .problem(_, _, let at), .ended(_, let at), .discovered(_, _, let at): at
        }
    }
}

/// What a listing says of a fixture before its stream does: the names to show while it connects.
public struct FixtureInfo: Equatable, Hashable, Sendable {
    public var title: String?
    public var home: String?
    public var away: String?

    public init(title: String? = nil, home: String? = nil, away: String? = nil) {
        self.title = title
        self.home = home
        self.away = away
    }
}
