/// What one text frame of the Live Actions socket turned out to be.
public enum Frame: Equatable, Sendable {
    /// One or more action messages. `invalid` holds the reasons for action messages that could not be used,
    /// alone or as elements of an array frame (each still counts as an event).
    case actions([ActionMessage], invalid: [String] = [])
    /// A heartbeat; its exact shape is undocumented, so this is a best guess and `traffic` is just as alive.
    case heartbeat
    /// Any other well-formed JSON: an "authorised" notice, a status, something new. `shape` names its keys.
    case traffic(shape: String)
    /// The provider said the token is not accepted.
    case rejected(reason: String)
    /// Not JSON.
    case malformed(reason: String)
}

/// Classifies text frames. Never throws: whatever arrives becomes a `Frame`.
public enum FrameDecoder {
    /// The largest frame worth parsing; a bigger one is refused unread (a 16 MiB frame must not stall the UI).
    public static let maxFrameBytes = 4 << 20
    /// The largest array frame: many messages of the usual size at once (a catch-up on joining mid-match) are
    /// data, not a hostile frame, and refused past 4 MiB they were thousands of actions lost, counted as one.
    public static let maxArrayFrameBytes = 64 << 20

    public static func decode(_ text: String) -> Frame {
        var text = text
        return text.withUTF8 { decode(utf8: $0, cache: nil) }
    }

    /// A frame's UTF-8 bytes, as a recording's reader unescapes them; strings that repeat come from `cache`.
    /// Invalid UTF-8 inside a string is repaired, as when the frame is made a `String` first.
    public static func decode(utf8 bytes: UnsafeBufferPointer<UInt8>, cache: StringCache?) -> Frame {
        let limit = bytes.count > maxFrameBytes && startsAnArray(bytes) ? maxArrayFrameBytes : maxFrameBytes
        if bytes.count > limit {
            // Only data comes this big: it is one unusable message, so that `startPosition` still counts it
            // and a reconnect resumes after it.
            return .actions([], invalid: ["frame of \(bytes.count) bytes exceeds the \(limit >> 20) MiB limit"])
        }
        if isPlainHeartbeat(bytes) { return .heartbeat }
        return JSONScanner.withScanner(over: bytes, cache: cache) { decode(&$0) }
    }

    /// Whether the frame's first byte past any whitespace opens an array.
    static func startsAnArray(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes {
            switch b {
            case 0x20, 0x0A, 0x0D, 0x09: continue
            default: return b == UInt8(ascii: "[")
            }
        }
        return false
    }

    /// The plain heartbeat's text up to its timestamp's opening quote (33 bytes).
    static let heartbeatHead: StaticString = #"{"type":"heartbeat","timestamp":""#
    /// `heartbeatHead`'s first 32 bytes, as four words read little-endian (a test checks them against the text).
    static let heartbeatWords: (UInt64, UInt64, UInt64, UInt64) = (0x3A22_6570_7974_227B, 0x6562_7472_6165_6822, 0x6D69_7422_2C22_7461, 0x3A22_706D_6174_7365)

    /// The heartbeat as `courtside serve` and the recordings spell it (the provider's own text is undocumented),
    /// more than half of a stream's frames: known by its bytes, with no scanner (160 ns the long way). Any other
    /// spelling (spaces, another key order, an escape) goes the long way, to the same verdict.
    static func isPlainHeartbeat(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = heartbeatHead.utf8CodeUnitCount
        // The head first: an action message fails at its first word, where looking at its last bytes first
        // took a cache miss out of the order the bytes are read in (two-thirds of this check's time). Its first
        // 32 bytes as four words at once (`heartbeatWords`), where a loop over them was a call and a branch a word.
        guard bytes.count >= n + 2, let base = bytes.baseAddress.map(UnsafeRawPointer.init) else { return false }
        let w = heartbeatWords
        @inline(__always) func word(_ at: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        let differ = (word(0) ^ w.0) | (word(8) ^ w.1) | (word(16) ^ w.2) | (word(24) ^ w.3)
        guard differ == 0, bytes[n - 1] == UInt8(ascii: "\""),
              bytes[bytes.count - 2] == UInt8(ascii: "\""), bytes[bytes.count - 1] == UInt8(ascii: "}") else { return false }
        // The timestamp, skipped as the scanner skips it: its first quote, backslash or control character is the
        // closing quote.
        return JSONScanner.firstSpecial(in: bytes, from: n) == bytes.count - 2
    }

    /// Raw bytes, as a binary frame or a file delivers them; invalid UTF-8 is refused, not repaired.
    public static func decode(bytes: [UInt8]) -> Frame {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .malformed(reason: "frame is not valid UTF-8")
        }
        return decode(text)
    }

    static func decode(_ scanner: inout JSONScanner) -> Frame {
        do {
            switch try scanner.peekKind() {
            case .object:
                let frame = try decodeObject(&scanner)
                try scanner.expectEnd()
                return frame
            case .array:
                var cursor = try scanner.beginArray()
                var messages: [ActionMessage] = []
                var invalid: [String] = []
                var others = 0
                while try scanner.nextElement(&cursor) {
                    switch try scanner.startsObject() ? decodeObject(&scanner) : skipping(&scanner) {
                    case .actions(let m, let bad):
                        messages += m
                        invalid += bad
                    default: others += 1
                    }
                }
                try scanner.expectEnd()
                if messages.isEmpty && invalid.isEmpty { return .traffic(shape: "[\(others) items]") }
                return .actions(messages, invalid: invalid)
            default:
                let value = try scanner.readValue()
                try scanner.expectEnd()
                if let s = value.stringValue {
                    if let reason = rejection(in: s) { return .rejected(reason: reason) }
                    if ActionName.fold(s) == "heartbeat" { return .heartbeat }
                }
                return .traffic(shape: "scalar")
            }
        } catch let error as JSONError {
            if let reason = rejection(in: String(decoding: scanner.bytes, as: UTF8.self)) { return .rejected(reason: reason) }
            return .malformed(reason: "not JSON: \(error)")
        } catch {
            return .malformed(reason: "\(error)")
        }
    }

    static func skipping(_ scanner: inout JSONScanner) throws -> Frame {
        try scanner.skipValue()
        return .traffic(shape: "scalar")
    }

    /// A message's keys, named as they are spelt, in the order the provider documents them.
    enum MessageKey: Int, CaseIterable {
        case traceId, version, finished, fixtureAction, fixtureSummary, delayStatus, timestamp, type
        static let names = FieldNames(id: 1, MessageKey.self)
    }

    /// An object frame: an action message when it holds `fixtureAction`, otherwise connection traffic.
    static func decodeObject(_ scanner: inout JSONScanner) throws -> Frame {
        let objectStart = scanner.offset
        let fields = MessageKey.names
        var cursor = try scanner.beginObject(of: fields)
        // The action is decoded in place, in its message in its array: an `Action` is a dozen references, and
        // each copy of it (into a `Result`, out of it, into the message, into the array) retained and released
        // them all.
        // Made when the action shows up (half of all frames are heartbeats), in the array it will travel in.
        var messages: [ActionMessage] = []
        var hasAction = false
        var actionError: String?
        var summary: FixtureSummary?
        var finished = false
        var traceId: PackedText?
        var version: Int?
        var rejection: String?
        var heartbeat = false
        var delayStatus: String?
        while let (field, key) = try scanner.nextField(&cursor, fields) {
            let known = MessageKey.field(field, of: fields)
            if known == .fixtureAction {
                hasAction = false
                if try scanner.startsObject() {
                    do {
                        if messages.isEmpty {
                            messages = [.empty]  // allocated at its size: appended, the empty array grew through a slow path
                        } else {
                            messages[0].action = .empty  // a second `fixtureAction`
                        }
                        try decodeAction(&scanner, into: &messages[0].action)
                        hasAction = true
                        actionError = nil
                    } catch let error as ContractError {
                        actionError = error.reason
                    }
                } else {
                    try scanner.skipValue()
                    actionError = "fixtureAction is not an object"
                }
            } else if known == .fixtureSummary {
                // Not `summary == nil` after: that compared a copy of the whole summary with nil.
                if try scanner.startsObject() {
                    summary = try memoized(&scanner, { $0.summaries }, decodeSummary)
                } else {
                    summary = nil
                    try scanner.skipValue()
                }
            } else if known == .finished {
                finished = try scanner.readBoolOrNil() ?? false
            } else if known == .traceId {
                traceId = try scanner.readPackedTextOrNil()
            } else if known == .version {
                version = try scanner.readIntegerOrNil()
            } else if known == .delayStatus {
                // Documented on `fixtureAction`; another feed of the provider's sends it at the top level.
                delayStatus = flag(try scanner.readValue())
            } else if hasAction || actionError != nil {
                // Whatever follows an action's envelope cannot make it a heartbeat or a rejection.
                try scanner.skipValue()
            } else if known == .timestamp {
                // The other half of every heartbeat; a clock reading says nothing about the connection.
                try scanner.skipValue()
            } else if known == .type, try scanner.peekKind() == .string {
                // Heartbeats are half the frames of a stream: recognise them without building a JSONValue.
                let type = try scanner.readString()
                if type == "heartbeat" || ActionName.fold(type) == "heartbeat" {
                    heartbeat = true
                } else if rejection == nil, let reason = FrameDecoder.rejection(in: type) {
                    rejection = reason
                }
            } else {
                let name = key.string
                let value = try scanner.readValue()
                let folded = ActionName.fold(name)
                if folded == "heartbeat" || (folded == "type" && value.stringValue.map(ActionName.fold) == "heartbeat") {
                    heartbeat = true
                }
                if rejection == nil, let reason = rejectionValue(key: folded, value: value) { rejection = reason }
            }
        }
        // An action message that cannot be used is still one of the stream's events, as it is in an array frame:
        // the server counted it, and `startPosition` must too, or a resume asks for it again.
        if let actionError { return .actions([], invalid: [actionError]) }
        if hasAction {
            // Filled in place, in one access: reading `messages[0].action` copied the action first.
            fillEnvelope(&messages[0], traceId: traceId, version: version, finished: finished || summary?.finished == true,
                         summary: consume summary, delayStatus: delayStatus)
            return .actions(consume messages)  // moved out: returned as is, the array was retained and released
        }
        if let rejection { return .rejected(reason: rejection) }
        if heartbeat { return .heartbeat }
        return .traffic(shape: shape(ofObjectAt: objectStart, in: scanner))
    }

    /// `summary` is moved in: passed as usual, it was copied into the message and the decoder's copy destroyed.
    static func fillEnvelope(_ m: inout ActionMessage, traceId: PackedText?, version: Int?, finished: Bool, summary: consuming FixtureSummary?,
                             delayStatus: String?) {
        if m.action.delayStatusSymbol.isNone { m.action.delayStatusSymbol = Symbol(delayStatus) }
        m.traceId = traceId
        m.version = version
        m.finished = finished
        m.summary = summary
    }

    /// The sorted keys (at most 12) of the object that starts at `start`: read again only for the rare frame
    /// that turns out to be neither an action nor a heartbeat, so that the common ones collect nothing.
    static func shape(ofObjectAt start: Int, in scanner: JSONScanner) -> String {
        var again = JSONScanner(scanner.bytes, offset: start)
        var keys: [String] = []
        if var cursor = try? again.beginObject() {
            while keys.count < 12, let key = try? again.nextKey(&cursor) {
                keys.append(key.string)
                guard (try? again.skipValue()) != nil else { break }
            }
        }
        return "{" + keys.sorted().joined(separator: ",") + "}"
    }

    struct ContractError: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    static func exactInt(_ d: Double) -> Int? {
        abs(d) < 9.0e15 ? Int(exactly: d) : nil  // `Int(exactly:)` is inline, where `rounded()` called libm
    }

    /// An action's keys, named as they are spelt, in the order the provider documents them.
    enum ActionKey: Int, CaseIterable {
        case actionId, fixtureId, fixtureSeqNum, timelineSequence, timestamp, period, clockTime, sendType, sendTypeId
        case fixtureActionType, fixtureActionTypeId, fixtureActionSubType, fixtureActionSubTypeId, team, player
        case relatedFixtureActionIds, metadata, delayStatus
        static let names = FieldNames(id: 0, ActionKey.self)
    }

    /// Fills `a`, an `Action.empty`, in place.
    static func decodeAction(_ scanner: inout JSONScanner, into a: inout Action) throws {
        let fields = ActionKey.names
        var cursor = try scanner.beginObject(of: fields)
        // The sequence number as plain digits (every frame's), or else as any number, to be checked whole.
        var seqDigits: Int?
        var seqValue: Double?
        var sendTypeId: Int?
        var sendTypeName = Symbol.none
        while let (field, _) = try scanner.nextField(&cursor, fields) {
            switch ActionKey.field(field, of: fields) {
            case .actionId: a.actionId = try scanner.readPackedTextOrNil() ?? .empty
            case .fixtureId: a.fixtureIdSymbol = try scanner.readSymbolOrNone(field, of: fields)
            case .fixtureSeqNum:
                seqDigits = scanner.readPlainInteger()
                seqValue = seqDigits == nil ? try scanner.readNumberOrNil() : nil
            case .timelineSequence: a.timelineSequence = try scanner.readNumberOrNil().flatMap { $0.isFinite ? $0 : nil }
            case .timestamp: a.timestamp = try scanner.readPackedTextOrNil()
            case .period: a.period = try scanner.readIntegerOrNil().flatMap { (0...1000).contains($0) ? $0 : nil }
            case .clockTime: a.clockSymbol = try scanner.readClockOrNone(field, of: fields)
            case .sendType: sendTypeName = try scanner.readSymbolOrNone(field, of: fields)
            case .sendTypeId: sendTypeId = try scanner.readIntegerOrNil()
            case .fixtureActionType: a.typeSymbol = try scanner.readSymbolOrNone(field, of: fields)
            case .fixtureActionTypeId: a.typeId = try scanner.readIntegerOrNil()
            case .fixtureActionSubType: a.subTypeSymbol = try scanner.readSymbolOrNone(field, of: fields)
            case .fixtureActionSubTypeId: a.subTypeId = try scanner.readIntegerOrNil()
            case .team: a.teamSymbols = try memoized(&scanner, { $0.teams }, decodeTeam)
            case .player: a.playerSymbols = try memoized(&scanner, { $0.players }, decodePlayer)
            case .relatedFixtureActionIds:
                if try scanner.startsArray() {
                    var items = try scanner.beginArray()
                    while try scanner.nextElement(&items) {
                        if let id = try scanner.readStringOrNil() { a.related.append(id) }
                    }
                } else {
                    try scanner.skipValue()
                }
            case .metadata: a.metadata = try decodeMetadata(&scanner)
            case .delayStatus: a.delayStatusSymbol = Symbol(flag(try scanner.readValue()))
            default: try scanner.skipValue()
            }
        }
        guard let seq = try seqDigits ?? seqValue.map({ v in
            guard let seq = exactInt(v) else { throw ContractError("fixtureSeqNum \(JSONValue.number(v).jsonText) is out of range") }
            return seq
        }) else { throw ContractError("action message without fixtureSeqNum") }
        guard seq >= 0, seq < 1 << 40 else {
            throw ContractError("fixtureSeqNum \(JSONValue.number(Double(seq)).jsonText) is out of range")
        }
        a.seq = seq
        if let id = sendTypeId, (1...6).contains(id) {
            a.setSendType(code: UInt8(id), unknownName: .none)  // the usual case: the name is not read
        } else {
            a.sendType = SendType(id: sendTypeId, name: sendTypeName.string)
        }
        if a.actionId.isEmpty { a.actionId = PackedText("seq-\(seq)") }
        if a.typeSymbol.isEmptyOrNone { a.type = a.typeId.map { "Action type \($0)" } ?? "Unknown action" }
    }

    /// The largest metadata value kept. The documented ones are a few bytes (colours, points, a status and its
    /// reason); a server that put megabytes in each (under the frame limit) grew the process by that much per action,
    /// kept in the log for good.
    public static let maxMetadataValueBytes = 16 << 10

    /// An action's `metadata` object, each value up to `maxMetadataValueBytes` (a larger one is left out);
    /// anything but an object is none.
    static func decodeMetadata(_ scanner: inout JSONScanner) throws -> JSONObject {
        guard try scanner.startsObject() else {
            try scanner.skipValue()
            return JSONObject()
        }
        var cursor = try scanner.beginObject()
        var object = JSONObject()
        while let key = try scanner.nextKey(&cursor) {
            let start = scanner.offset
            try scanner.skipValue()
            guard scanner.offset - start <= maxMetadataValueBytes else { continue }
            scanner.offset = start
            object.pairs.append((key: key.string, value: try scanner.readValue()))
        }
        return object
    }

    /// A status flag of undocumented values: a non-empty string as it is, `true` or a number as text,
    /// anything empty, false or null as nil.
    static func flag(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s.isEmpty ? nil : s
        case .bool(let b): return b ? "true" : nil
        case .number: return value.jsonText
        case .array(let a): return a.isEmpty ? nil : "delayed"
        case .object(let o): return o.isEmpty ? nil : "delayed"
        case .null: return nil
        }
    }

    /// An object that repeats whole (a team, a player, a summary): from the cache's memo when its bytes came
    /// before, decoded otherwise.
    @inline(__always) static func memoized<Value>(
        _ scanner: inout JSONScanner, _ memo: (ScanContext) -> Unmanaged<ObjectMemo<Value>>, _ decode: (inout JSONScanner) throws -> Value
    ) throws -> Value {
        guard let context = scanner.context, try scanner.startsObject() else { return try decode(&scanner) }
        return try memo(context)._withUnsafeGuaranteedRef { try $0.value(&scanner, decode: decode) }
    }

    /// A team's keys and a player's, named as they are spelt.
    enum TeamKey: Int, CaseIterable {
        case homeTeam, id, name
        static let names = FieldNames(id: 3, TeamKey.self)
    }

    enum PlayerKey: Int, CaseIterable {
        case id, name
        static let names = FieldNames(id: 4, PlayerKey.self)
    }

    static func decodeTeam(_ scanner: inout JSONScanner) throws -> TeamSymbols? {
        guard try scanner.startsObject() else { try scanner.skipValue(); return nil }
        let fields = TeamKey.names
        var cursor = try scanner.beginObject(of: fields)
        var team = TeamSymbols(isHome: nil)
        while let (field, _) = try scanner.nextField(&cursor, fields) {
            switch TeamKey.field(field, of: fields) {
            case .homeTeam: team.isHome = try scanner.readBoolOrNil()
            case .id: team.id = try scanner.readSymbolOrNone(field, of: fields)
            case .name: team.name = try scanner.readSymbolOrNone(field, of: fields)
            default: try scanner.skipValue()
            }
        }
        return team
    }

    static func decodePlayer(_ scanner: inout JSONScanner) throws -> PlayerSymbols? {
        guard try scanner.startsObject() else { try scanner.skipValue(); return nil }
        let fields = PlayerKey.names
        var cursor = try scanner.beginObject(of: fields)
        var player = PlayerSymbols()
        while let (field, _) = try scanner.nextField(&cursor, fields) {
            switch PlayerKey.field(field, of: fields) {
            case .id: player.id = try scanner.readSymbolOrNone(field, of: fields)
            case .name: player.name = try scanner.readSymbolOrNone(field, of: fields)
            default: try scanner.skipValue()
            }
        }
        return player
    }

    /// A summary's keys, named as they are spelt, in the order the provider documents them.
    enum SummaryKey: Int, CaseIterable {
        case homeTeamScore, awayTeamScore, currentPeriod, currentClockTime, currentClockState, currentStatus, collectionStatus
        case reason, finished, periods
        static let names = FieldNames(id: 2, SummaryKey.self)
    }

    /// A period's keys, named as they are spelt, in the order the provider documents them.
    enum PeriodKey: Int, CaseIterable {
        case id, label, type, homeTeamScore, awayTeamScore
        static let names = FieldNames(id: 5, PeriodKey.self)
    }

    /// One of a summary's `periods`, read key by key: read as a `JSONValue` tree first, every summary of a
    /// provider's feed (which sends its periods with each) made a dictionary, its strings and its numbers for every
    /// period. Read as the tree was read: the last of a repeated key counts, numbers may come as strings, and a
    /// value of another kind is none. What it does not read (another key, an element that is not an object) it
    /// skips as every other unknown value is skipped: a bad escape there no longer refuses the whole frame, and the
    /// action in it is kept.
    static func decodePeriod(_ scanner: inout JSONScanner) throws -> SummaryPeriod {
        let fields = PeriodKey.names
        var cursor = try scanner.beginObject(of: fields)
        var period = SummaryPeriod(id: nil, label: nil, home: nil, away: nil, typeSymbol: .none)
        while let (field, _) = try scanner.nextField(&cursor, fields) {
            switch PeriodKey.field(field, of: fields) {
            case .id: period.id = try looseInt(&scanner)
            case .label: period.label = try scanner.readValue().stringValue
            case .type: period.typeSymbol = scanner.symbol(of: try scanner.readValue().stringValue)
            case .homeTeamScore: period.home = try looseInt(&scanner)
            case .awayTeamScore: period.away = try looseInt(&scanner)
            default: try scanner.skipValue()
            }
        }
        return period
    }

    /// `JSONValue.intValue` of the value at the scanner, with no tree made for a plain number.
    static func looseInt(_ scanner: inout JSONScanner) throws -> Int? {
        if try scanner.peekKind() == .number { return JSONValue.number(try scanner.readNumber()).intValue }
        return try scanner.readValue().intValue
    }

    static func decodeSummary(_ scanner: inout JSONScanner) throws -> FixtureSummary {
        let fields = SummaryKey.names
        var cursor = try scanner.beginObject(of: fields)
        var s = FixtureSummary.Fields()
        while let (field, _) = try scanner.nextField(&cursor, fields) {
            let known = SummaryKey.field(field, of: fields)
            if known == .homeTeamScore {
                s.home = try scanner.readIntegerOrNil()
            } else if known == .awayTeamScore {
                s.away = try scanner.readIntegerOrNil()
            } else if known == .currentPeriod {
                s.period = try scanner.readIntegerOrNil()
            } else if known == .currentClockTime {
                s.clockSymbol = try scanner.readClockOrNone(field, of: fields)
            } else if known == .currentClockState {
                s.clockStateSymbol = try scanner.readSymbolOrNone(field, of: fields)
            } else if known == .currentStatus {
                s.statusSymbol = try scanner.readSymbolOrNone(field, of: fields)
            } else if known == .collectionStatus {
                s.collectionSymbol = try scanner.readSymbolOrNone(field, of: fields)
            } else if known == .reason {
                s.reason = try scanner.readStringOrNil()
            } else if known == .finished {
                s.finished = try scanner.readBoolOrNil()
            } else if known == .periods, try scanner.startsArray() {
                var items = try scanner.beginArray()
                while try scanner.nextElement(&items) {
                    guard try scanner.startsObject() else {
                        try scanner.skipValue()
                        continue
                    }
                    s.periods.append(try decodePeriod(&scanner))
                }
            } else {
                try scanner.skipValue()
            }
        }
        return FixtureSummary(fields: s)
    }

    // MARK: Auth failures in band

    /// A top-level field that says the token was refused: a 401 status or an "invalid authentication" text.
    static func rejectionValue(key: String, value: JSONValue) -> String? {
        switch value {
        case .number(let n) where n == 401 || n == 403:
            return ["status", "statuscode", "code", "error", "errorcode", "httpstatus"].contains(key) ? "token rejected (\(Int(n)))" : nil
        case .string(let s): return rejection(in: s)
        case .object(let o):
            for pair in o.pairs {
                if let reason = rejectionValue(key: ActionName.fold(pair.key), value: pair.value) { return reason }
            }
            return nil
        default: return nil
        }
    }

    /// Free text that says the token was refused. "authorised" alone is the success notice and does not count.
    /// A 401 counts as a number of its own: an id that merely starts with 401 ("4015e0c2-…", one fixture or
    /// connection id in 4,096) in a heartbeat or a notice failed the fixture for good.
    public static func rejection(in text: String) -> String? {
        var text = text
        let refused = text.withUTF8 { bytes in
            leadingStatus.withUnsafeBufferPointer { containsFolded(bytes, $0, wholeNumber: true, atStartOnly: true) }
                || rejectionPhrases.contains { phrase in phrase.withUnsafeBufferPointer { containsFolded(bytes, $0) } }
                || statusPhrases.contains { phrase in phrase.withUnsafeBufferPointer { containsFolded(bytes, $0, wholeNumber: true) } }
        }
        return refused ? "token rejected: " + TextSafety.clean(text, limit: 120) : nil
    }

    /// Lower-case ASCII, so that the search below needs no allocation (`String.contains` builds a table per call).
    static let rejectionPhrases: [[UInt8]] = [
        "invalid authentication", "authentication is invalid", "unauthorized", "unauthorised",
        "invalid token", "token is invalid", "forbidden",
    ].map { Array($0.utf8) }

    /// The status as a number in a text, where no letter or digit follows it.
    static let statusPhrases: [[UInt8]] = [" 401", "(401"].map { Array($0.utf8) }
    static let leadingStatus = Array("401".utf8)

    /// ASCII case-insensitive substring search over raw bytes. `wholeNumber`: a match followed by a letter or a
    /// digit does not count; `atStartOnly`: only a match at the start counts.
    static func containsFolded(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>,
                               wholeNumber: Bool = false, atStartOnly: Bool = false) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b &- 65 < 26 ? b | 0x20 : b }
        var i = 0
        let last = atStartOnly ? 0 : haystack.count - needle.count
        while i <= last {
            if lower(haystack[i]) == first {
                var j = 1
                while j < needle.count, lower(haystack[i + j]) == needle[j] { j += 1 }
                if j == needle.count {
                    let next = i + j < haystack.count ? lower(haystack[i + j]) : 0x20
                    let continues = (next >= 0x30 && next <= 0x39) || (next >= 0x61 && next <= 0x7A)
                    if !wholeNumber || !continues { return true }
                }
            }
            i += 1
        }
        return false
    }
}

extension Frame {
    /// How many events this frame is for `startPosition`: every action message in it, usable or not,
    /// because that is how the server counts what it sent.
    public var eventCount: Int {
        if case .actions(let messages, let invalid) = self { return messages.count + invalid.count }
        return 0
    }

    /// A message in this frame says the match is over.
    public var saysFinished: Bool {
        if case .actions(let messages, _) = self { return messages.contains { $0.finished } }
        return false
    }
}

extension Frame {
    /// Why this frame, or messages in it, could not be used: not JSON, or action messages that break the contract.
    public var unusable: [String] {
        switch self {
        case .malformed(let reason): [reason]
        case .actions(_, let invalid): invalid
        default: []
        }
    }

    public var isRejection: Bool {
        if case .rejected = self { return true }
        return false
    }
}

extension Frame {
    /// Whether an action message's `fixtureId` names another fixture than the one whose (lower-case) id is `id`.
    /// Given the field alone: handed the whole message, a caller copied it (a dozen retains) for every action.
    @inline(__always) public static func isForeign(fixtureId: String?, to id: String) -> Bool {
        guard let other = fixtureId, !other.isEmpty else { return false }
        return !FixtureRef.sameId(other, id)
    }

    /// Why an action message of another fixture is not taken.
    public static func foreignReason(fixtureId: String?, seq: Int) -> String {
        foreignReason(fixtureId: fixtureId) + " at seq \(seq)"
    }

    /// The same, for every action of that fixture at once.
    public static func foreignReason(fixtureId: String?) -> String {
        "ignored an action for another fixture (\(fixtureId ?? ""))"
    }

    /// Whether any action message in the frame is another fixture's.
    public func hasForeignActions(to id: String) -> Bool {
        guard case .actions(let messages, _) = self else { return false }
        return messages.contains { Frame.isForeign(fixtureId: $0.action.fixtureId, to: id) }
    }

    /// The frame without the action messages of other fixtures: what this fixture's stream has said. They are
    /// not counted for `startPosition` (counting one the server did not would skip a message; not counting one it
    /// did costs a message sent again, which is recognised) and cannot end the match.
    public func withoutForeignActions(to id: String) -> Frame {
        guard case .actions(let messages, let invalid) = self else { return self }
        return .actions(messages.filter { !Frame.isForeign(fixtureId: $0.action.fixtureId, to: id) }, invalid: invalid)
    }
}
