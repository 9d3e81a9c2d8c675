import LiveActions

/// The server answered the websocket upgrade with something other than 101: the status, the start of the
/// body, and `Retry-After`, read from the raw bytes of the response.
public struct HTTPRefusal: Error, Equatable, Sendable {
    public var status: Int
    public var body: String
    /// Seconds, from a `Retry-After: N` header.
    public var retryAfter: Double?
    /// Where a redirect points (`Location`), scheme, host and path only.
    public var location: String?

    public init(status: Int, body: String = "", retryAfter: Double? = nil, location: String? = nil) {
        self.status = status
        self.body = body
        self.retryAfter = retryAfter
        self.location = location
    }

    /// Parses `HTTP/1.1 404 Not Found\r\nHeader: v\r\n\r\nbody`; nil if the bytes do not start a response.
    /// `now`, seconds since 1970, turns a `Retry-After` given as a date into seconds.
    public init?(response bytes: [UInt8], now: Double) {
        let text = String(decoding: bytes, as: UTF8.self)
        let (head, body) = text.range(of: "\r\n\r\n").map { (String(text[..<$0.lowerBound]), String(text[$0.upperBound...])) } ?? (text, "")
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.first?.split(separator: " ") ?? []
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else { return nil }
        var retryAfter: Double?
        var location: String?
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces
            if name == "location" {
                // No query: it may carry a session or a key.
                location = TextSafety.clean(String(value.prefix { $0 != "?" && $0 != "#" }), limit: 200)
                continue
            }
            guard name == "retry-after" else { continue }
            retryAfter = Self.seconds(retryAfter: String(value), now: now)
        }
        self.init(status: status, body: body, retryAfter: retryAfter, location: location)
    }

    /// A `Retry-After` value, seconds or an HTTP date, as seconds from `now`. Either form is held to an hour, so that
    /// a proxy's or a wrong clock's "a day" cannot park a live match past its end: as seconds it was not, and
    /// `Retry-After: 86400` put the next try 23 h away.
    public static func seconds(retryAfter value: String, now: Double) -> Double? {
        if let seconds = Double(value), seconds >= 0, seconds.isFinite { return min(seconds, longestWait) }
        if let date = httpDate(value) { return min(max(0, date - now), longestWait) }
        return nil
    }

    /// The longest `Retry-After` waited on, in seconds.
    public static let longestWait: Double = 3600

    /// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110's preferred form) as seconds since 1970.
    static func httpDate(_ text: String) -> Double? {
        let parts = text.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT", let day = Int(parts[1]), (1...31).contains(day),
              let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3]), (1970...9999).contains(year) else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...60).contains(clock[2]) else { return nil }
        let days = ISOTime.daysFromCivil(year: year, month: month + 1, day: day)
        return Double(days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2])
    }

    /// ": <the server's words>", or nothing.
    public var detail: String {
        let words = TextSafety.clean(body.trimmingSpaces.split(whereSeparator: \.isNewline).joined(separator: " "), limit: 120)
        return words.isEmpty ? "" : ": " + words
    }
}
