import LiveActions
import NIOHTTP1

/// The REST half of `courtside serve`: what the provider's API host answers, from the same recordings.
///
/// - `GET /{sport}/fixtures`: the served fixtures of that sport path, as a bare JSON array of fixture objects
///   (the shape code written against the provider reads), paged by `size` (default 20) and `page` (from 0),
///   filtered by `live`, `status`, `dateFrom` and `dateTo`; sorted by start time, then name. Every served
///   fixture is "Live": any client that connects now is streamed it as it happens.
/// - `GET /{sport}/fixtures/{id}`: that one fixture object.
/// - `GET /{sport}/fixtures/{id}/actions` without a websocket upgrade: every action message of the recording,
///   as one JSON array, each exactly as recorded.
///
/// Like the provider, each needs the Accept header (else 400) and `Authorization: Bearer <token>`: the server's
/// token when it has one, any non-empty one when it has none (else 401).
extension ReplayServer {
    struct RESTAnswer {
        var status: HTTPResponseStatus
        var contentType: String
        var body: String
        /// What the log line says instead of the body.
        var summary: String
    }

    /// The answer to a plain (non-upgrade) request when it is for the REST API; nil when it is not.
    func restAnswer(for head: HTTPRequestHead) -> RESTAnswer? {
        guard head.method == .GET else { return nil }
        let (path, query) = Self.split(head.uri)
        enum Route { case list(String), one(ServedFixture), actions(ServedFixture) }
        let route: Route
        if let f = fixture(at: path), !path.lowercased().hasPrefix("/media/") {
            route = .actions(f)
        } else if path.hasSuffix("/fixtures"), path.count > "/fixtures".count + 1 {
            route = .list(String(path.dropFirst().dropLast("/fixtures".count)))
        } else if let f = fixture(at: path + "/actions"), !path.lowercased().hasPrefix("/media/") {
            route = .one(f)
        } else {
            return nil
        }
        let accept = head.headers["Accept"].joined(separator: ",")
        if !accept.contains("application/vnd.imggaming.dde.api+json") {
            return .plain(.badRequest, "Request is missing required HTTP header 'Accept'")
        }
        if !authorised(head.headers["Authorization"].first) {
            return RESTAnswer(status: .unauthorized, contentType: "application/json",
                              body: #"{"statusCode":401,"message":"The supplied authentication is invalid"}"#,
                              summary: "token rejected")
        }
        switch route {
        case .actions(let f):
            let texts = f.items.filter { $0.events > 0 }.map(\.text)
            return .json("[" + texts.joined(separator: ",") + "]", summary: "\(texts.count) action messages")
        case .one(let f):
            return .json(Self.fixtureObject(f.listing).jsonText, summary: "1 fixture")
        case .list(let sport):
            let params = FixturesParams(query)
            if let problem = params.problem { return .plain(.badRequest, problem) }
            let matching = FixturesAPI.sorted(fixtures.values.map(\.listing).filter { $0.sport == sport && params.accepts($0) })
            let from = min(params.page * params.size, matching.count)
            let slice = matching[from..<min(from + params.size, matching.count)]
            let body = JSONValue.array(slice.map(Self.fixtureObject)).jsonText
            return .json(body, summary: "\(slice.count) of \(matching.count) fixtures (page \(params.page), size \(params.size))")
        }
    }

    func authorised(_ header: String?) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let token = String(header.dropFirst("Bearer ".count))
        guard !token.isEmpty else { return false }
        if let expected = configuration.token { return Self.constantTimeEqual(expected, token) }
        return true
    }

    /// A fixture object in the provider's documented fields.
    static func fixtureObject(_ f: ListedFixture) -> JSONValue {
        var o = JSONObject()
        o["id"] = .string(f.id)
        if let name = f.name { o["name"] = .string(name) }
        if let start = f.start { o["startDateUTC"] = .string(start) }
        o["status"] = .string(f.status ?? "Live")
        o["type"] = "Official"
        o["collectionStatus"] = "CollectingLive"
        o["sport"] = .string(f.sport)
        o["fixtureDeleted"] = false
        if let competition = f.competition {
            let named: JSONValue = ["name": .string(competition)]
            o["stage"] = ["name": .string(competition), "season": ["name": .string(competition), "competition": named]]
        }
        var teams: [JSONValue] = []
        for (name, id, home) in [(f.home, f.homeId, true), (f.away, f.awayId, false)] {
            guard let name else { continue }
            var t = JSONObject()
            if let id { t["id"] = .string(id) }
            t["name"] = .string(name)
            t["homeTeam"] = .bool(home)
            teams.append(.object(t))
        }
        o["teams"] = .array(teams)
        return .object(o)
    }
}

extension ReplayServer.RESTAnswer {
    static func plain(_ status: HTTPResponseStatus, _ message: String) -> Self {
        Self(status: status, contentType: "text/plain; charset=utf-8", body: message, summary: message)
    }

    static func json(_ body: String, summary: String) -> Self {
        Self(status: .ok, contentType: "application/vnd.imggaming.dde.api+json;version=1", body: body, summary: summary)
    }
}

/// The query of `GET /{sport}/fixtures`, as the server reads it.
struct FixturesParams {
    var live: Bool?
    var status: String?
    var dateFrom: String?
    var dateTo: String?
    var size = 20
    var page = 0
    var problem: String?

    init(_ query: Substring?) {
        guard let query else { return }
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let value = kv.count > 1 ? Self.decode(kv[1]) : ""
            switch kv[0] {
            case "live":
                switch value {
                case "true": live = true
                case "false": live = false
                default: problem = "live must be true or false"
                }
            case "status": status = value
            case "dateFrom", "dateTo":
                guard ISOTime.epochSeconds(value) != nil, value.utf8.count == 10 else { problem = "\(kv[0]) must be YYYY-MM-DD"; continue }
                if kv[0] == "dateFrom" { dateFrom = value } else { dateTo = value }
            case "size":
                if let n = Int(value), (1...1000).contains(n) { size = n } else { problem = "size must be 1…1000" }
            case "page":
                if let n = Int(value), n >= 0 { page = n } else { problem = "page must be a whole number ≥ 0" }
            default: break  // subscribed, type, coverageLevel, sort: every served fixture qualifies
            }
        }
    }

    func accepts(_ f: ListedFixture) -> Bool {
        if let live, f.live != live { return false }
        if let status, ActionName.fold(status) != ActionName.fold(f.status ?? "") { return false }
        let day = f.start.map { String($0.prefix(10)) }
        if let dateFrom, let day, day < dateFrom { return false }
        if let dateTo, let day, day > dateTo { return false }
        return true
    }

    /// `%XX` and `+` decoded; anything malformed is kept as written.
    static func decode(_ s: String) -> String {
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%"), it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension ServedFixture {
    /// The recording as the Fixtures API lists it: its header's teams and title, the first action's time as
    /// the start, the teams' ids from the actions, and "Live".
    static func listing(of recording: Recording) -> ListedFixture {
        let h = recording.header
        var f = ListedFixture(id: h.fixtureId.lowercased(), sport: h.sport, home: h.home, away: h.away, status: "Live", live: true)
        if let title = h.title {
            if let colon = title.firstIndex(of: ":") {
                f.competition = String(title[..<colon])
            } else {
                f.competition = title
            }
        }
        if let home = h.home, let away = h.away { f.name = home + " v " + away }
        for frame in recording.frames where f.start == nil || f.homeId == nil || f.awayId == nil {
            guard case .actions(let messages, _) = FrameDecoder.decode(frame.frame) else { continue }
            for m in messages {
                if f.start == nil, let stamp = m.action.timestamp { f.start = stamp.string }
                if let team = m.action.team, let id = team.id {
                    if team.isHome == true, f.homeId == nil { f.homeId = id }
                    if team.isHome == false, f.awayId == nil { f.awayId = id }
                }
            }
        }
        f.startEpoch = f.start.flatMap(ISOTime.epochSeconds)
        return f
    }
}
