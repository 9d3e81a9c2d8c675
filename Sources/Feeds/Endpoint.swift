import LiveActions
import Foundation

/// The streams base URL as the user gave it, checked, and as it may be shown or written down.
public enum Endpoint {
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// A `ws://` or `wss://` URL with a host, or an error that says what is wrong.
    public static func checked(_ endpoint: String) throws -> String {
        guard let url = URLComponents(string: endpoint), ["ws", "wss"].contains(url.scheme ?? ""), url.host != nil else {
            throw Invalid(description: "the endpoint must be a ws:// or wss:// URL, not '\(TextSafety.clean(endpoint, limit: 120))'")
        }
        return endpoint
    }

    /// The API a loopback `courtside serve` answers beside its streams: the same host and port, over http(s); nil
    /// for any other host (the provider's API lives on a host of its own). An IPv6 host is compared bare and kept
    /// bracketed, as `ServerTarget` reads it.
    public static func loopbackAPI(_ endpoint: String) -> String? {
        guard let target = ServerTarget(url: endpoint), ["127.0.0.1", "localhost", "::1"].contains(target.host) else { return nil }
        return (target.tls ? "https://" : "http://") + target.hostHeader
    }

    /// Scheme, host and port only: never a path, query or user info, which could hold a secret.
    public static func redacted(_ endpoint: String) -> String {
        guard let url = URLComponents(string: endpoint) else { return "live" }
        return "\(url.scheme ?? "ws")://\(url.host ?? "?")\(url.port.map { ":\($0)" } ?? "")"
    }
}
