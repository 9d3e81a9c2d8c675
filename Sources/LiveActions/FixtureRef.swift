/// A fixture as the CLI names it: `SPORT/FIXTURE_ID`, where the sport path may itself hold slashes
/// (`v2/volleyball/3f2c…`). The last path component is the id; everything before it is the sport path.
public struct FixtureRef: Hashable, Sendable, CustomStringConvertible {
    public var sport: String
    public var id: String

    /// Fixture ids are UUIDs, which compare without regard to case: the id is kept in lower case, so that
    /// `F4A681F4-…` on the command line, in a frame or in a recording is the same fixture everywhere.
    /// An id in lower case already (as ids come) is kept as it is, not copied: every reference made from the
    /// same id then shares its storage, and comparing two (once per frame, to find its fixture) is a comparison
    /// of two pointers rather than of 36 bytes each, out of the caches, of two copies.
    /// The sport path likewise, as the provider spells its paths: a recording's header saying `SOCCER` made a
    /// second fixture of one, with two streams of lines.
    public init(sport: String, id: String) {
        self.sport = Self.lowerCased(sport)
        self.id = Self.lowerCased(id)
    }

    static func lowerCased(_ text: String) -> String {
        text.utf8.allSatisfy({ $0 < 0x80 && !(0x41...0x5A).contains($0) }) ? text : text.lowercased()
    }

    /// As the command line names it. The sport path is kept in lower case, as the provider spells its paths:
    /// `SOCCER/…` and `soccer/…` of one fixture were two fixtures, each streamed, printed and recorded.
    public init?(_ text: String) {
        let trimmed = text.split(separator: "/", omittingEmptySubsequences: true)
        guard trimmed.count >= 2, let last = trimmed.last, !trimmed.contains(where: { $0 == "." || $0 == ".." }) else { return nil }
        let sport = trimmed.dropLast().joined(separator: "/").lowercased()
        let allowed = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".") }
        guard last.allSatisfy(allowed), sport.allSatisfy({ allowed($0) || $0 == "/" }) else { return nil }
        self.init(sport: sport, id: String(last))
    }

    /// A sport path as the provider spells it: in lower case, with no empty parts (`soccer/` and `/soccer` asked
    /// for `/soccer//fixtures` and `//soccer/fixtures`, listed nothing and ended 0); nil for no sport path.
    public static func sportPath(_ text: String) -> String? {
        FixtureRef(text + "/x")?.sport
    }

    /// Safe to print: a recording's header names its fixture unchecked, and stderr's messages name it (an escape
    /// sequence in a header's `sport` retitled the terminal from `demo --headless`).
    public var description: String {
        let text = "\(sport)/\(id)"
        return text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) && text.utf8.count <= 200 ? text : TextSafety.clean(text, limit: 200)
    }

    /// The id alone: it is unique already, and fixtures are looked up by their reference for every event.
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// Whether a frame's `fixtureId` names the fixture whose (lower-case) id is `id`: asked of every action
    /// message, so ASCII is compared in place rather than through a lower-cased copy.
    public static func sameId(_ candidate: String, _ id: String) -> Bool {
        if candidate == id { return true }
        var a = candidate.utf8.makeIterator()
        var b = id.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return true
            case (let x?, let y?):
                if x >= 0x80 || y >= 0x80 { return candidate.lowercased() == id }
                if x != y, (x | 0x20) != y || !(0x61...0x7A).contains(y) { return false }
            default: return false
            }
        }
    }

    /// The path of this fixture's action stream on the provider (and on `courtside serve`).
    public var actionsPath: String { "/\(sport)/fixtures/\(id)/actions" }
}

/// Where and how to open a Live Actions stream.
public enum LiveActionsProtocol {
    /// The provider's streams host since its move; the legacy `wss://dde-streams.data.imgarena.com` was
    /// decommissioned on 30 September 2026 (same paths).
    public static let defaultEndpoint = "wss://dde-streams.data.srarena.io"
    public static let legacyEndpoint = "wss://dde-streams.data.imgarena.com"
    public static let acceptHeader = "application/vnd.imggaming.dde.api+json;version=1"
    public static let heartbeatInterval = 10.0
    /// The provider's guidance: at most five requests a second.
    public static let maxConnectsPerSecond = 5

    /// The stream URL with the optional query. `startPosition` is omitted at 0.
    public static func url(endpoint: String, fixture: FixtureRef, feed: Feed = .betting, speed: String? = nil, startPosition: Int = 0) -> String {
        var query: [String] = []
        if let speed { query.append("speed=\(speed)") }
        if startPosition > 0 { query.append("startPosition=\(startPosition)") }
        return joined(endpoint, path: (feed == .media ? "/media" : "") + fixture.actionsPath, query: query)
    }

    /// `base` with `path` added to its path and `query` to its query: a query of the base's own (`?key=…`) stays
    /// a query, after the path (it was spliced into the path, a 404), and a fragment is dropped.
    public static func joined(_ base: String, path: String, query: [String] = []) -> String {
        var head = Substring(base)
        if let hash = head.firstIndex(of: "#") { head = head[..<hash] }
        var all = query
        if let mark = head.firstIndex(of: "?") {
            let own = head[head.index(after: mark)...]
            if !own.isEmpty { all.insert(String(own), at: 0) }
            head = head[..<mark]
        }
        while head.hasSuffix("/") { head.removeLast() }
        return head + path + (all.isEmpty ? "" : "?" + all.joined(separator: "&"))
    }

    /// The first frame a client sends. The token is escaped like any JSON string.
    public static func authMessage(token: String) -> String {
        JSONValue.object(["authToken": .string(token)]).jsonText
    }
}

/// The provider's two streams of the same actions: `betting` (the lowest latency) and `media` (the same
/// protocol under `/media/…`, with a delay suited to broadcasters).
public enum Feed: String, Equatable, Sendable, CaseIterable {
    case betting, media
}
