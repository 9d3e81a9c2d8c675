import LiveActions

/// The server answered the websocket upgrade with something other than 101: the status, the start of the
/// body, and `Retry-After`, read from the raw bytes of the response.
public struct HTTPRefusal: Error, Equatable, Sendable {
    public var status: Int
    public var body: String
    /// Seconds, from a `Retry-After: N` header.
    public var retryAfter: Double?

    public init(status: Int, body: String = "", retryAfter: Double? = nil) {
        self.status = status
        self.body = body
        self.retryAfter = retryAfter
    }

    /// Parses `HTTP/1.1 404 Not Found\r\nHeader: v\r\n\r\nbody`; nil if the bytes do not start a response.
    public init?(response bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let (head, body) = text.range(of: "\r\n\r\n").map { (String(text[..<$0.lowerBound]), String(text[$0.upperBound...])) } ?? (text, "")
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.first?.split(separator: " ") ?? []
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else { return nil }
        var retryAfter: Double?
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].lowercased() == "retry-after", let seconds = Double(line[line.index(after: colon)...].trimmingSpaces), seconds >= 0 {
                retryAfter = seconds
            }
        }
        self.init(status: status, body: body, retryAfter: retryAfter)
    }

    /// ": <the server's words>", or nothing.
    public var detail: String {
        let words = TextSafety.clean(body.trimmingSpaces.split(whereSeparator: \.isNewline).joined(separator: " "), limit: 120)
        return words.isEmpty ? "" : ": " + words
    }
}
