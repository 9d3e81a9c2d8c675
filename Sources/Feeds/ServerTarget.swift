import Foundation
import NIOHTTP1
import NIOSSL

/// Where a request goes and what it asks for, read from its URL: `ws://`/`wss://` for the streams,
/// `http://`/`https://` for the REST API.
struct ServerTarget {
    var host: String
    var port: Int
    var tls: Bool
    /// Path and query, as sent in the request line.
    var uri: String
    var hostHeader: String

    init?(url: String) {
        guard let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty,
              let scheme = parts.scheme?.lowercased(), ["ws", "wss", "http", "https"].contains(scheme) else { return nil }
        // An IPv6 literal comes bracketed ("[::1]"): the brackets belong to the URL and the Host header, not to the
        // address connected to (with them, "host name not found").
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        tls = scheme == "wss" || scheme == "https"
        port = parts.port ?? (tls ? 443 : 80)
        guard (1...65535).contains(port) else { return nil }
        uri = (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath)
            + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        hostHeader = parts.port.map { "\(host):\($0)" } ?? host
    }

    var isIPAddress: Bool { host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." } }

    /// GET with Host and Accept; NIO's upgrader adds the websocket headers.
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
