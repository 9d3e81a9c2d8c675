/// The steps of opening one stream. Each has its own deadline, so that a server which never answers one of
/// them costs a bounded wait and a retry, never a fixture stuck "connecting".
public enum ConnectStep: String, Equatable, Sendable, CaseIterable {
    case tcp = "TCP connect"
    case tls = "TLS handshake"
    case upgrade = "HTTP upgrade"
    case firstFrame = "first frame after auth"
}

/// How long each step may take, in seconds.
public struct StepDeadlines: Equatable, Sendable {
    public var tcp = 10.0
    public var tls = 10.0
    public var upgrade = 10.0
    public var firstFrame = 15.0

    public init() {}

    /// Every step at most `seconds` (the tests' short deadlines).
    public init(all seconds: Double) {
        tcp = seconds
        tls = seconds
        upgrade = seconds
        firstFrame = seconds
    }

    public subscript(step: ConnectStep) -> Double {
        switch step {
        case .tcp: tcp
        case .tls: tls
        case .upgrade: upgrade
        case .firstFrame: firstFrame
        }
    }
}

/// A step ran past its deadline.
public struct StepTimedOut: Error, Equatable, Sendable {
    public var step: ConnectStep
    public var seconds: Double
}
