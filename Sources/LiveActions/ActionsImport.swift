/// The REST actions endpoint (`GET {api}/{sport}/fixtures/{fixtureId}/actions`) turned into a recording that
/// `courtside demo` plays: one frame per action message, timed by the actions' own timestamps.
///
/// Confirmed by the provider's documentation: after a match this endpoint returns every action packet "in a
/// single URL call", with the streams' Accept header and a Bearer token, as a bare JSON array of the same
/// action messages the socket sends; no paging is documented. Not confirmed: whether it ever pages, or ever
/// wraps the list or sends bare `fixtureAction` objects. So this also accepts a bare array of `fixtureAction`
/// objects (each is wrapped as `{"fixtureAction": …}`) and an object holding the list under `actions`,
/// `fixtureActions`, `messages`, `content`, `data` or `items`. The frames keep the list's order (by
/// `fixtureSeqNum` during a match, `timelineSequence` after it, per the provider), and a frame's `t` is its
/// action's `timestamp` less the first one's, never going back: the real gaps between actions, not the
/// delivery timing of the live socket (heartbeats are not in the list, so the replay has none).
public enum ActionsImport {
    public struct ImportError: Error, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    static let listKeys: [StaticString] = ["actions", "fixtureActions", "messages", "content", "data", "items"]

    /// The recording of `fixture`. The header's teams come from `listed` (the Fixtures API's view of the
    /// fixture) when given, else from the first home and away team named in the actions. An element that is
    /// not an action message, or is one for another fixture, is left out and named in `problems`.
    public static func recording(from text: String, fixture: FixtureRef, listed: ListedFixture? = nil, source: String? = nil) throws -> Recording {
        try recording(fromPages: [text], fixture: fixture, listed: listed, source: source)
    }

    /// `recording(from:)` of an answer that came in pages, in order.
    public static func recording(fromPages pages: [String], fixture: FixtureRef, listed: ListedFixture? = nil, source: String? = nil) throws -> Recording {
        var raws: [String] = []
        for text in pages {
            guard text.utf8.count <= FixturesAPI.maxBodyBytes else {
                throw ImportError("the answer is larger than \(FixturesAPI.maxBodyBytes >> 20) MiB")
            }
            raws += try elements(of: text)
        }
        var frames: [RecordedFrame] = []
        var problems = ElementProblems()
        /// Each frame's first timestamp, its element number beside it.
        var stamps: [(stamp: Double?, element: Int)] = []
        var home: String?, away: String?
        for (i, raw) in raws.enumerated() {
            var frameText = raw
            var frame = FrameDecoder.decode(raw)
            if case .actions = frame {} else if looksLikeBareAction(raw) {
                frameText = "{\"fixtureAction\":" + raw + "}"
                frame = FrameDecoder.decode(frameText)
            }
            guard case .actions(let messages, let invalid) = frame, !messages.isEmpty || !invalid.isEmpty else {
                problems.add("not an action message", element: i + 1)
                continue
            }
            if let other = messages.lazy.compactMap({ $0.action.fixtureId }).first(where: { $0.lowercased() != fixture.id.lowercased() }) {
                problems.add("an action of another fixture (\(FixtureText.clean(other, limit: 40)))", element: i + 1)
                continue
            }
            for reason in invalid { problems.add(reason, element: i + 1) }
            for m in messages {
                guard let team = m.action.team, let name = team.name, !name.isEmpty else { continue }
                if team.isHome == true, home == nil { home = name }
                if team.isHome == false, away == nil { away = name }
            }
            stamps.append((messages.lazy.compactMap { $0.action.timestamp.flatMap { ISOTime.epochSeconds($0.string) } }.first, i + 1))
            frames.append(RecordedFrame(t: 0, frame: frameText))
        }
        for (k, t) in times(stamps.map(\.stamp)).enumerated() {
            frames[k].t = t.t
            if t.outlier { problems.add("its timestamp is days from the match's; it plays with the action before it", element: stamps[k].element) }
        }
        var header = RecordingHeader(sport: fixture.sport, fixtureId: fixture.id, source: source)
        header.home = listed?.home ?? home
        header.away = listed?.away ?? away
        if let listed {
            header.title = listed.title(home: header.home, away: header.away)
        } else if let h = header.home, let a = header.away {
            header.title = h + " v " + a
        }
        return Recording(header: header, frames: frames, problems: problems.lines)
    }

    /// The elements left out or amended, a line a reason: one line an element was 448 lines for an answer of
    /// another fixture's actions, and a long match's would be thousands.
    struct ElementProblems {
        var elements: [String: [Int]] = [:]
        var order: [String] = []
        /// Reasons said, at most; the rest are counted in one more line.
        static let maxLines = 20

        mutating func add(_ reason: String, element: Int) {
            if elements[reason] == nil { order.append(reason) }
            elements[reason, default: []].append(element)
        }

        var lines: [String] {
            var lines = order.prefix(Self.maxLines).map { reason in
                let numbers = elements[reason] ?? []
                let shown = numbers.prefix(3).map(String.init).joined(separator: ", ") + (numbers.count > 3 ? ", … \(numbers.last!)" : "")
                return (numbers.count == 1 ? "element \(shown): " : "\(numbers.count) elements (\(shown)): ") + reason
            }
            if order.count > Self.maxLines {
                let rest = order.dropFirst(Self.maxLines).reduce(0) { $0 + (elements[$1]?.count ?? 0) }
                lines.append("\(rest) more elements, for \(order.count - Self.maxLines) more reasons")
            }
            return lines
        }
    }

    /// Each frame's `t`: its timestamp less the match's first, never going back (a message stamped earlier than
    /// one before it, delivered late, plays at once). A timestamp days from the median of them all (a year 1, a
    /// year 9999) is an outlier: its frame plays with the one before. Taken as it came, one such stamp put every
    /// frame after it at t = 63,930,799,803, past what a recording holds, and `demo` skipped them all.
    static func times(_ stamps: [Double?]) -> [(t: Double, outlier: Bool)] {
        let known = stamps.compactMap { $0 }.sorted()
        guard !known.isEmpty else { return stamps.map { _ in (0, false) } }
        let median = known[known.count / 2]
        let window = 7 * 86_400.0
        let fits = { (stamp: Double) in abs(stamp - median) <= window }
        let base = stamps.lazy.compactMap { $0 }.first(where: fits) ?? median
        var last = 0.0
        return stamps.map { stamp in
            guard let stamp else { return (last, false) }
            guard fits(stamp) else { return (last, true) }
            last = max(last, stamp - base)
            return (last, false)
        }
    }

    /// One page of an answer: its elements' raw text, and whether its envelope's paging fields (Spring's `last`,
    /// `totalPages` and `number`, `hasNext`, a `next` link) say another page follows, even when this one is empty.
    /// Paging is not documented for this endpoint; taken as the whole list, such a page lost the rest of the match
    /// without a word, and a page left empty mid-list cut the import there. When to stop is the client's to say
    /// (`FixturesClient.importRecording`).
    public static func page(_ text: String) -> (elements: [String], saysNext: Bool) {
        let elements = (try? elements(of: text)) ?? []
        guard text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{"),
              case .object(let o)? = JSONValue.parse(text) else { return (elements, false) }
        return (elements, FixturesAPI.pagingSaysNext(o) ?? false)
    }

    /// The raw text of each element of the action list, exactly as the server wrote it.
    static func elements(of text: String) throws -> [String] {
        do {
            return try JSONScanner.withScanner(over: text) { s -> [String] in
                var out: [String] = []
                switch try s.peekKind() {
                case .array:
                    try readArray(&s, into: &out)
                case .object:
                    // Either one action message, or an envelope around the list.
                    let start = s.offset
                    var cursor = try s.beginObject()
                    var found = false
                    var isMessage = false
                    while let key = try s.nextKey(&cursor) {
                        if key == "fixtureAction" { isMessage = true }
                        if !found, listKeys.contains(where: { key == $0 }), try s.peekKind() == .array {
                            try readArray(&s, into: &out)
                            found = true
                        } else {
                            try s.skipValue()
                        }
                    }
                    if isMessage && !found { out = [raw(s, from: start, to: s.offset)] } else if !found {
                        throw ImportError("the answer holds no list of action messages")
                    }
                default:
                    throw ImportError("the answer is not a list of action messages")
                }
                try s.expectEnd()
                return out
            }
        } catch let error as JSONError {
            throw ImportError("the answer is not JSON (\(error))")
        }
    }

    static func readArray(_ s: inout JSONScanner, into out: inout [String]) throws {
        var cursor = try s.beginArray()
        while try s.nextElement(&cursor) {
            _ = try s.peekKind()  // steps over whitespace, so the element starts here
            let start = s.offset
            try s.skipValue()
            out.append(raw(s, from: start, to: s.offset))
        }
    }

    static func raw(_ s: JSONScanner, from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: s.bytes[start..<end]), as: UTF8.self)
    }

    /// A `fixtureAction` object on its own: it has a sequence number but no envelope.
    static func looksLikeBareAction(_ raw: String) -> Bool {
        guard case .object(let o)? = JSONValue.parse(raw) else { return false }
        return o["fixtureSeqNum"] != nil && o["fixtureAction"] == nil
    }
}
