/// The Fixtures API (`GET {api}/{sport}/fixtures`), its pure half: the query, one page of the answer
/// decoded into fixture summaries, and the two ways `courtside fixtures` prints them.
///
/// What the provider's documentation and public code confirm, and what they do not (see /tmp/wt13-notes.md):
/// - Confirmed: the query parameters (`live`, `status`, `dateFrom`/`dateTo` as YYYY-MM-DD, `subscribed`, `type`,
///   `coverageLevel`, `sort=field,dir`, `size` default 20, `page`), the Bearer token and Accept header, and these
///   fields of a fixture object: `id` (UUID), `name`, `startDateUTC` (RFC 3339; examples show it without a zone,
///   read as UTC), `status` (Scheduled, Live, Completed, Postponed, Abandoned, Cancelled, Suspended,
///   Unverified), `type`, `coverageLevel`, `collectionStatus`, `teams` (an array of Team), `stage` (with
///   `stage.season.competition.name`), `venue`, `sport`, `fixtureDeleted`. Code written against the live API
///   reads the body as a bare JSON array of fixtures.
/// - Also documented: "page index starts at 0", and a paged envelope ("pageable metadata … the total number of
///   pages and the current page number") comes only when the request carries a `paged: true` header, which
///   this client does not send; so the answer is the bare array.
/// - Not confirmed: the fields of a Team object (the provider's one example has `id`, `name` and `club`, no
///   home/away marker; whether the array's order is home then away), and the envelope's exact keys. So the
///   decoder accepts a bare array or an object wrapping one (`content`, `fixtures`, `items`, `data`,
///   `results`) with Spring-style paging fields; marks home/away by `homeTeam`, `isHome`, `home`, `isHomeTeam`
///   or `side`/`qualifier`, else by the order of a "Home v Away" fixture name, else by the array's order
///   (first home); and when a page says nothing about paging, a full page (as many elements as asked for)
///   means "there may be another", so the last page costs one more request that comes back empty.
public struct ListedFixture: Equatable, Hashable, Sendable {
    /// Lower-cased.
    public var id: String
    /// The sport path the fixture was listed under (`v2/volleyball`): what `watch` needs.
    public var sport: String
    public var name: String?
    public var competition: String?
    /// As the provider wrote it.
    public var start: String?
    /// `start` as seconds since 1970 (UTC), when it parses.
    public var startEpoch: Double?
    public var home: String?
    public var away: String?
    public var homeId: String?
    public var awayId: String?
    public var status: String?
    public var live: Bool

    /// What a screen and a recording's header say of the match: its title as `import` writes it and the demo's
    /// recordings have it ("Eredivisie: FC Groningen v Łódź United"), and the teams.
    public var info: FixtureInfo { FixtureInfo(title: title(home: home, away: away), home: home, away: away) }

    /// "Competition: Home v Away" with both teams known, else the fixture's name or the competition.
    public func title(home: String?, away: String?) -> String? {
        guard let home, let away else { return name ?? competition }
        return (competition.map { $0 + ": " } ?? "") + home + " v " + away
    }

    public init(id: String, sport: String, name: String? = nil, competition: String? = nil, start: String? = nil,
                startEpoch: Double? = nil, home: String? = nil, away: String? = nil, homeId: String? = nil,
                awayId: String? = nil, status: String? = nil, live: Bool = false) {
        self.id = id
        self.sport = sport
        self.name = name
        self.competition = competition
        self.start = start
        self.startEpoch = startEpoch
        self.home = home
        self.away = away
        self.homeId = homeId
        self.awayId = awayId
        self.status = status
        self.live = live
    }

    public var ref: FixtureRef { FixtureRef(sport: sport, id: id) }
}

/// One decoded page.
public struct FixturePage: Equatable, Sendable {
    public var fixtures: [ListedFixture]
    /// Elements that could not be used, with their position on the page: reported, never fatal.
    public var problems: [String]
    /// How many elements the page held, usable or not (a full page suggests another one).
    public var elementCount: Int
    /// What the page itself says about a next page, when it says anything.
    public var saysNext: Bool?

    public init(fixtures: [ListedFixture] = [], problems: [String] = [], elementCount: Int = 0, saysNext: Bool? = nil) {
        self.fixtures = fixtures
        self.problems = problems
        self.elementCount = elementCount
        self.saysNext = saysNext
    }

    /// Whether to ask for the next page, having asked for `size` a page.
    public func hasNext(requestedSize size: Int) -> Bool {
        if let saysNext { return saysNext && elementCount > 0 }
        return elementCount > 0 && elementCount >= size
    }
}

/// What to ask the Fixtures API for. `nil` leaves a parameter out.
public struct FixturesQuery: Equatable, Sendable {
    public var live: Bool?
    public var status: String?
    /// YYYY-MM-DD.
    public var dateFrom: String?
    public var dateTo: String?
    public var subscribed: Bool? = true
    public var type: String?
    public var size = 20
    /// The first page's number: the provider documents that pages count from 0. Were a server to count from 1,
    /// it would answer page 0 with its first page too, and the client drops fixtures it has already seen.
    public var firstPage = 0

    public init(live: Bool? = nil, status: String? = nil, dateFrom: String? = nil, dateTo: String? = nil,
                subscribed: Bool? = true, type: String? = nil, size: Int = 20, firstPage: Int = 0) {
        self.live = live
        self.status = status
        self.dateFrom = dateFrom
        self.dateTo = dateTo
        self.subscribed = subscribed
        self.type = type
        self.size = size
        self.firstPage = firstPage
    }

    /// The query string for one page, values percent-encoded.
    public func queryString(page: Int) -> String {
        var items: [(String, String)] = []
        if let live { items.append(("live", live ? "true" : "false")) }
        if let status { items.append(("status", status)) }
        if let dateFrom { items.append(("dateFrom", dateFrom)) }
        if let dateTo { items.append(("dateTo", dateTo)) }
        if let type { items.append(("type", type)) }
        if let subscribed { items.append(("subscribed", subscribed ? "true" : "false")) }
        items.append(("size", "\(size)"))
        items.append(("page", "\(page)"))
        return items.map { "\($0.0)=\(FixturesAPI.percentEncode($0.1))" }.joined(separator: "&")
    }
}

/// The REST side of the provider: URLs, and decoding what comes back.
public enum FixturesAPI {
    /// The provider's REST host since 2026; `https://dde-api.data.imgarena.com` is the legacy one.
    public static let defaultAPI = "https://dde-api.data.srarena.io"

    /// `{api}/{sport}/fixtures?…&page=N`.
    public static func fixturesURL(api: String, sport: String, query: FixturesQuery, page: Int) -> String {
        LiveActionsProtocol.joined(api, path: "/" + sport + "/fixtures", query: [query.queryString(page: page)])
    }

    /// `{api}/{sport}/fixtures/{id}/actions`: every action message of a fixture at once.
    public static func actionsURL(api: String, fixture: FixtureRef, page: Int? = nil) -> String {
        LiveActionsProtocol.joined(api, path: fixture.actionsPath, query: page.map { ["page=\($0)"] } ?? [])
    }

    /// `{api}/{sport}/fixtures/{id}`: one fixture.
    public static func fixtureURL(api: String, fixture: FixtureRef) -> String {
        LiveActionsProtocol.joined(api, path: "/" + fixture.sport + "/fixtures/" + fixture.id)
    }

    /// RFC 3986 unreserved characters pass; everything else is %XX.
    public static func percentEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(b >> 4)])
                out.unicodeScalars.append(hex[Int(b & 0xF)])
            }
        }
        return out
    }

    public struct BodyError: Error, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// The largest answer worth parsing.
    public static let maxBodyBytes = 64 << 20

    /// Decodes one page of `GET {api}/{sport}/fixtures`. Throws only when the body as a whole is not a fixture
    /// list (not JSON, or neither an array nor an object holding one); a bad element is a problem on the page.
    public static func decodePage(_ text: String, sport: String) throws -> FixturePage {
        guard text.utf8.count <= maxBodyBytes else { throw BodyError("the answer is larger than \(maxBodyBytes >> 20) MiB") }
        let value: JSONValue
        do {
            value = try JSONScanner.withScanner(over: text) { s in
                let v = try s.readValue()
                try s.expectEnd()
                return v
            }
        } catch {
            throw BodyError("the answer is not JSON (\(error))")
        }
        var page = FixturePage()
        let elements: [JSONValue]
        switch value {
        case .array(let items):
            elements = items
        case .object(let object):
            if let (items, paging) = listInside(object) {
                elements = items
                page.saysNext = paging
            } else if object["id"] != nil {
                elements = [value]  // one fixture, as `{api}/{sport}/fixtures/{id}` answers
                page.saysNext = false
            } else {
                let keys = object.pairs.prefix(8).map(\.key).joined(separator: ",")
                throw BodyError("the answer holds no fixture list (keys: \(FixtureText.clean(keys, limit: 80)))")
            }
        default:
            throw BodyError("the answer is a JSON scalar, not a fixture list")
        }
        page.elementCount = elements.count
        for (i, element) in elements.enumerated() {
            switch fixture(from: element, sport: sport) {
            case .success(let f): page.fixtures.append(f)
            case .failure(let problem): page.problems.append("fixture \(i + 1) on the page: \(problem.description)")
            }
        }
        return page
    }

    static let listKeys = ["content", "fixtures", "items", "data", "results", "elements"]

    /// The fixture array inside an envelope, and what the envelope says about a next page.
    static func listInside(_ object: JSONObject) -> ([JSONValue], Bool?)? {
        guard let items = listKeys.lazy.compactMap({ key -> [JSONValue]? in
            if case .array(let a)? = object[key] { return a }
            return nil
        }).first else { return nil }
        return (items, pagingSaysNext(object))
    }

    /// Spring (`last`, `totalPages` + `number`), HATEOAS (`page` object, `links.next`) and plain (`hasNext`,
    /// `next`) paging fields.
    static func pagingSaysNext(_ object: JSONObject) -> Bool? {
        for key in ["hasNext", "hasNextPage", "has_more", "hasMore"] {
            if let b = object[key]?.boolValue { return b }
        }
        if let last = object["last"]?.boolValue { return !last }
        if let total = object["totalPages"]?.intValue {
            let number = object["number"]?.intValue ?? object["pageNumber"]?.intValue ?? object["page"]?.intValue
            if let number { return number + 1 < total }
        }
        if case .object(let p)? = object["page"], let total = p["totalPages"]?.intValue, let number = p["number"]?.intValue {
            return number + 1 < total
        }
        if let next = object["next"] { return next != .null && next.stringValue != "" }
        for key in ["links", "_links"] {
            if case .object(let links)? = object[key] { return links["next"] != nil && links["next"] != .null }
        }
        return nil
    }

    public static let statusNames = ["Scheduled", "Live", "Completed", "Postponed", "Abandoned", "Cancelled", "Suspended", "Unverified"]

    static func fixture(from value: JSONValue, sport: String) -> Result<ListedFixture, BodyError> {
        guard case .object(let o) = value else { return .failure(BodyError("not an object")) }
        guard let rawId = o["id"]?.stringValue ?? o["fixtureId"]?.stringValue, !rawId.isEmpty else {
            return .failure(BodyError("no fixture id"))
        }
        let id = rawId.lowercased()
        guard id.utf8.count <= 64, id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }) else {
            return .failure(BodyError("fixture id '\(FixtureText.clean(rawId, limit: 40))' is not a UUID"))
        }
        if o["fixtureDeleted"]?.boolValue == true { return .failure(BodyError("fixture \(id) is marked deleted (fixtureDeleted)")) }
        var f = ListedFixture(id: id, sport: sport)
        f.name = o["name"]?.stringValue
        f.start = ["startDateUTC", "startDate", "startTime", "scheduledStart", "startDateTime"].lazy.compactMap { o[$0]?.stringValue }.first
        f.startEpoch = f.start.flatMap(ISOTime.epochSeconds)
        switch o["status"] {
        case .string(let s)?: f.status = s
        case .number(let n)? where n >= 0 && Int(n) < statusNames.count && n.rounded() == n: f.status = statusNames[Int(n)]
        default: break
        }
        f.competition = competitionName(o)
        teams(o, into: &f)
        let explicitLive = o["live"]?.boolValue ?? o["isLive"]?.boolValue
        f.live = explicitLive
            ?? (f.status.map(ActionName.fold) == "live" || o["collectionStatus"]?.stringValue.map(ActionName.fold) == "collectinglive")
        return .success(f)
    }

    static func competitionName(_ o: JSONObject) -> String? {
        if let stage = o["stage"] {
            if let name = stage["season"]?["competition"]?["name"]?.stringValue { return name }
            if let name = stage["competition"]?["name"]?.stringValue { return name }
        }
        if let name = o["competition"]?["name"]?.stringValue ?? o["competition"]?.stringValue ?? o["competitionName"]?.stringValue { return name }
        return o["season"]?["competition"]?["name"]?.stringValue ?? o["stage"]?["season"]?["name"]?.stringValue ?? o["stage"]?["name"]?.stringValue
    }

    /// Home and away, however the object marks them.
    static func teams(_ o: JSONObject, into f: inout ListedFixture) {
        func name(_ t: JSONValue) -> String? {
            t.stringValue ?? t["name"]?.stringValue ?? t["displayName"]?.stringValue ?? t["shortName"]?.stringValue
        }
        func side(_ t: JSONValue) -> Bool? {
            for key in ["homeTeam", "isHome", "home", "isHomeTeam"] { if let b = t[key]?.boolValue { return b } }
            for key in ["side", "qualifier", "type", "homeAway"] {
                switch t[key]?.stringValue.map(ActionName.fold) {
                case "home"?: return true
                case "away"?: return false
                default: continue
                }
            }
            return nil
        }
        var home: JSONValue?, away: JSONValue?
        if let h = o["homeTeam"], h != .null { home = h }
        if let a = o["awayTeam"], a != .null { away = a }
        if case .array(let teams)? = o["teams"] ?? o["competitors"] {
            var unsided: [JSONValue] = []
            for t in teams {
                switch side(t) {
                case true?: if home == nil { home = t }
                case false?: if away == nil { away = t }
                case nil: unsided.append(t)
                }
            }
            // Unmarked teams named in a "Home v Away" fixture name take the name's order; else the array's.
            if home == nil, away == nil, unsided.count == 2, let split = o["name"]?.stringValue.flatMap(splitName),
               name(unsided[1]) == split.home, name(unsided[0]) == split.away {
                unsided.reverse()
            }
            if home == nil, !unsided.isEmpty { home = unsided.removeFirst() }
            if away == nil, !unsided.isEmpty { away = unsided.removeFirst() }
        }
        f.home = home.flatMap(name)
        f.away = away.flatMap(name)
        f.homeId = home?["id"]?.stringValue
        f.awayId = away?["id"]?.stringValue
        if f.home == nil || f.away == nil, let split = f.name.flatMap(splitName) {
            f.home = f.home ?? split.home
            f.away = f.away ?? split.away
        }
    }

    /// "Home v Away" (also "vs", "vs.", " - ") split in two; nil unless exactly two parts.
    static func splitName(_ name: String) -> (home: String, away: String)? {
        for separator in [" v ", " vs ", " vs. ", " - "] {
            let parts = name.split(separator: separator, omittingEmptySubsequences: false)
            if parts.count == 2 { return (String(parts[0]), String(parts[1])) }
        }
        return nil
    }

    // MARK: Output

    /// One JSON object per fixture, for `courtside fixtures --json`. Every key is always there (null when
    /// unknown) so that the lines are easy to process.
    public static func jsonLine(_ f: ListedFixture) -> String {
        func s(_ v: String?) -> JSONValue { v.map { .string($0) } ?? .null }
        var o = JSONObject()
        o["fixture"] = .string(f.ref.description)
        o["sport"] = .string(f.sport)
        o["id"] = .string(f.id)
        o["competition"] = s(f.competition)
        o["name"] = s(f.name)
        o["start"] = s(f.start)
        o["startEpoch"] = f.startEpoch.map { .number($0) } ?? .null
        o["home"] = s(f.home)
        o["away"] = s(f.away)
        o["status"] = s(f.status)
        o["live"] = .bool(f.live)
        return JSONValue.object(o).jsonText
    }

    /// By start time (unknown last), then sport and id, so that output is stable.
    public static func sorted(_ fixtures: [ListedFixture]) -> [ListedFixture] {
        fixtures.sorted { a, b in
            switch (a.startEpoch, b.startEpoch) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return (a.sport, a.id) < (b.sport, b.id)
            }
        }
    }

    /// A fixed-width table. `utcOffset` is the local time zone's offset from UTC in seconds (an input, so this
    /// stays pure); start times show in that zone. Text from the server is cleaned of control characters and
    /// cut to its column; width counts characters, so a double-width name can push its row out by a column.
    public static func table(_ fixtures: [ListedFixture], utcOffset: Int) -> String {
        table(fixtures, utcOffsetAt: { _ in utcOffset })
    }

    /// `utcOffsetAt`: the local zone's offset at a kick-off (seconds since 1970), which is not today's across a
    /// change to or from daylight saving time: a July match listed in November read an hour early.
    public static func table(_ fixtures: [ListedFixture], utcOffsetAt: (Double) -> Int) -> String {
        let columns: [(title: String, width: Int)] = [("START", 16), ("STATUS", 11), ("HOME", 24), ("AWAY", 24), ("COMPETITION", 24), ("FIXTURE", 0)]
        func row(_ cells: [String]) -> String {
            var line = ""
            for (i, cell) in cells.enumerated() {
                let width = columns[i].width
                if width == 0 {
                    line += cell
                } else {
                    line += FixtureText.fit(cell, width) + "  "
                }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
        var out = row(columns.map(\.title)) + "\n"
        for f in fixtures {
            let start = f.startEpoch.map { ISOTime.localText($0, utcOffset: utcOffsetAt($0)) } ?? (f.start ?? "—")
            let status = (f.live ? "● " : "") + (f.status ?? (f.live ? "live" : "—"))
            out += row([start, status, f.home ?? "—", f.away ?? "—", f.competition ?? "—", f.ref.description].map { FixtureText.clean($0, limit: 200) }) + "\n"
        }
        return out
    }
}

/// Server text made safe (the screen's own filter) and fitted for a terminal line.
enum FixtureText {
    static func clean(_ text: String, limit: Int) -> String {
        TextSafety.clean(text, limit: limit)
    }

    /// Exactly `width` columns: cut with "…" or padded with spaces. Counted in characters, a Japanese team name
    /// pushed the columns after it out of line by as many columns again.
    static func fit(_ text: String, _ width: Int) -> String {
        text.fitted(width).padding(width)
    }
}

/// ISO 8601 / RFC 3339 date-times without Foundation.
public enum ISOTime {
    /// `2026-11-20T19:00:02Z`, `…02.123Z`, `…02+01:00`, `…02` (no zone: UTC, as the provider's `startDateUTC`
    /// examples are written), or a date alone (`2026-11-20`, midnight UTC). Nil for anything else.
    public static func epochSeconds(_ text: String) -> Double? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")), let day = digits(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if i == b.count { return seconds }
        guard expect(UInt8(ascii: "T")) || expect(UInt8(ascii: "t")) || expect(UInt8(ascii: " ")) else { return nil }
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if expect(UInt8(ascii: ":")) {
            guard let second = digits(2), second <= 60 else { return nil }
            seconds += Double(second)
            if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                var scale = 0.1
                var any = false
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                    seconds += Double(b[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                    any = true
                }
                guard any else { return nil }
            }
        }
        if i == b.count { return seconds }
        if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) { return i == b.count ? seconds : nil }
        let sign: Double
        if expect(UInt8(ascii: "+")) { sign = 1 } else if expect(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let oh = digits(2) else { return nil }
        _ = expect(UInt8(ascii: ":"))
        let om = digits(2) ?? 0
        guard i == b.count, oh < 24, om < 60 else { return nil }
        return seconds - sign * Double(oh * 3600 + om * 60)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The calendar date of a day count since 1970-01-01 (the inverse of `daysFromCivil`).
    public static func civilFromDays(_ z: Int) -> (year: Int, month: Int, day: Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `YYYY-MM-DD HH:MM` at `utcOffset` seconds from UTC.
    public static func localText(_ epoch: Double, utcOffset: Int) -> String {
        let total = Int((epoch + Double(utcOffset)).rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        let (y, m, d) = civilFromDays(days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d)) \(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60))"
    }
}
