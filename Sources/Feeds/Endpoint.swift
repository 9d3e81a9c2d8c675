import LiveActions
import Foundation

/// The streams base URL as the user gave it, checked, and as it may be shown or written down.
public enum Endpoint {
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// A `ws://` or `wss://` URL with a host, or an error that says what is wrong.
    public static func checked(_ endpoint: String) throws -> String {
        try checked(endpoint, schemes: ["ws", "wss"], what: "the endpoint")
    }

    /// An `http://` or `https://` URL with a host, or an error that says what is wrong.
    public static func checkedAPI(_ api: String) throws -> String {
        try checked(api, schemes: ["http", "https"], what: "the API")
    }

    /// A URL with one of `schemes`, as `ServerTarget` will read it: a host (`ws://` and `ws://:80` have an empty
    /// one, and retried for ever, "not a ws:// URL" each time), and a port that is one (99999 was dialled as 34463).
    static func checked(_ text: String, schemes: [String], what: String) throws -> String {
        guard let url = URLComponents(string: text), schemes.contains(url.scheme?.lowercased() ?? ""), ServerTarget(url: text) != nil else {
            let port = URLComponents(string: text)?.port.flatMap { (1...65535).contains($0) ? nil : " (port \($0) is not between 1 and 65535)" } ?? ""
            throw Invalid(description: "\(what) must be \(schemes[0] == "http" ? "an" : "a") \(schemes.map { $0 + "://" }.joined(separator: " or ")) URL with a host\(port), not '\(TextSafety.clean(text, limit: 120))'")
        }
        return text
    }

    /// The API a loopback `courtside serve` answers beside its streams: the same host and port, over http(s); nil
    /// for any other host (the provider's API lives on a host of its own). An IPv6 host is compared bare and kept
    /// bracketed, as `ServerTarget` reads it.
    public static func loopbackAPI(_ endpoint: String) -> String? {
        guard let target = ServerTarget(url: endpoint), ["127.0.0.1", "localhost", "::1"].contains(target.host) else { return nil }
        return (target.tls ? "https://" : "http://") + target.hostHeader
    }

    /// The host a URL would carry the token to unencrypted (`ws://` or `http://` to another machine); nil for
    /// `wss://`, `https://` and this machine.
    public static func plainTextHost(_ url: String) -> String? {
        guard let target = ServerTarget(url: url), !target.tls, !["127.0.0.1", "localhost", "::1"].contains(target.host) else { return nil }
        return target.host
    }

    /// Scheme, host and port only: never a path, query or user info, which could hold a secret.
    public static func redacted(_ endpoint: String) -> String {
        guard let url = URLComponents(string: endpoint) else { return "live" }
        return "\(url.scheme ?? "ws")://\(url.host ?? "?")\(url.port.map { ":\($0)" } ?? "")"
    }
}
