import LiveActions

/// A setting the config file, the environment or a flag can give.
public enum SettingKey: String, CaseIterable, Sendable, Comparable {
    case feed, endpoint, api
    case tokenFile = "token_file"
    case theme, favourites, sports
    case noSpoilers = "no_spoilers", quiet, notify, alerts
    case latencyThreshold = "latency_threshold_ms"

    /// The environment variable that sets it. List values there are comma-separated.
    public var environmentVariable: String {
        "COURTSIDE_" + rawValue.uppercased()
    }

    /// The command-line flag that sets it.
    public var flag: String {
        switch self {
        case .tokenFile: "--token-file"
        case .favourites: "--favourite"
        case .noSpoilers: "--no-spoilers"
        case .alerts, .latencyThreshold: "(config file only)"
        case .sports: "SPORT…"
        default: "--" + rawValue
        }
    }

    public var isList: Bool { self == .favourites || self == .sports || self == .alerts }

    /// The kinds of alert the `alerts` key may name.
    public static let alertKinds = ["score", "red_card", "period_end", "match_end", "video_check"]

    public static func < (a: SettingKey, b: SettingKey) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum SettingValue: Equatable, Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case list([String])

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var list: [String] {
        switch self {
        case .list(let items): items
        case .string(let s): [s]
        }
    }

    /// As TOML would write it.
    public var description: String {
        switch self {
        case .string(let s): TOMLText.quote(s)
        case .list(let items): "[" + items.map(TOMLText.quote).joined(separator: ", ") + "]"
        }
    }
}

/// A named list of fixtures: `courtside watch @NAME`.
public struct Watchlist: Equatable, Sendable {
    public var name: String
    public var fixtures: [FixtureRef]
    public var line: Int
}

/// `config.toml`, read. Values are checked here, so everything in it is usable.
public struct SettingsFile: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var value: SettingValue
        public var line: Int
    }

    public var path: String
    public var values: [SettingKey: Entry] = [:]
    public var watchlists: [Watchlist] = []
    /// Unknown keys and tables: "FILE:LINE: …". They do not stop the program.
    public var warnings: [String] = []

    public init(path: String) { self.path = path }
}

public struct SettingsError: Error, Equatable, CustomStringConvertible {
    public var description: String
    /// Printable: the file's own text is quoted in it.
    public init(_ description: String) { self.description = TextSafety.printable(description) }
}

/// Reads a TOML subset, in the style of the theme parser: `key = value` lines, `#` comments, basic
/// (`"…"`, with escapes) and literal (`'…'`) strings, integers and decimals, `true`/`false`, arrays (one
/// line or several), the `[watchlists]` table and dotted `watchlists.NAME` keys. An unknown key or table is a
/// warning naming the file and line; a value that is malformed or wrong for its key is an error naming the
/// file, the line and the key.
public enum SettingsParser {
    enum Value: Equatable {
        case string(String), number(Double), bool(Bool), array([Value])

        var kind: String {
            switch self {
            case .string: "a string"
            case .number: "a number"
            case .bool: "a boolean"
            case .array: "an array"
            }
        }
    }

    public static func parse(_ text: String, file: String) throws -> SettingsFile {
        var settings = SettingsFile(path: file)
        var table: String?
        var tableKnown = true
        var seen: [String: Int] = [:]
        let lines = TOMLText.lines(text)
        var i = 0
        while i < lines.count {
            let lineNo = i + 1
            let line = TOMLText.stripComment(lines[i]).trimmingSpaces
            i += 1
            if line.isEmpty { continue }
            func fail(_ message: String) -> SettingsError { SettingsError("\(file):\(lineNo): \(message)") }
            func warn(_ message: String) { settings.warnings.append("\(file):\(lineNo): \(message)") }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), !line.hasPrefix("[[") else { throw fail("bad table header \(line)") }
                let name = String(line.dropFirst().dropLast()).trimmingSpaces
                table = name
                tableKnown = name == "watchlists"
                if !tableKnown { warn("unknown table [\(name)]; its keys are ignored") }
                continue
            }
            guard let eq = TOMLText.assignment(in: line) else { throw fail("expected key = value") }
            let rawKey = String(line[..<eq]).trimmingSpaces
            var valueText = String(line[line.index(after: eq)...]).trimmingSpaces
            // An array may run over several lines: read on until its brackets close.
            while TOMLText.openBrackets(valueText) > 0, i < lines.count {
                valueText += " " + TOMLText.stripComment(lines[i]).trimmingSpaces
                i += 1
            }
            guard let keyPath = TOMLText.keyPath(rawKey) else { throw fail("bad key '\(rawKey)'") }
            let value: Value
            do {
                value = try TOMLText.value(valueText)
            } catch let error as SettingsError {
                throw fail("key '\(keyPath.joined(separator: "."))': \(error.description)")
            }
            let fullKey = ((table.map { [$0] } ?? []) + keyPath)
            if let first = seen[fullKey.joined(separator: ".")] {
                throw fail("key '\(fullKey.joined(separator: "."))' is set twice (first on line \(first))")
            }
            seen[fullKey.joined(separator: ".")] = lineNo
            if !tableKnown { continue }
            if fullKey.count == 2, fullKey[0] == "watchlists" {
                settings.watchlists.append(try watchlist(name: fullKey[1], value: value, line: lineNo, fail: fail))
                continue
            }
            guard fullKey.count == 1, let key = SettingKey(rawValue: fullKey[0]) else {
                warn("unknown key '\(fullKey.joined(separator: "."))' (known: \(SettingKey.allCases.map(\.rawValue).joined(separator: ", ")), watchlists.NAME)")
                continue
            }
            settings.values[key] = SettingsFile.Entry(value: try check(key, value, fail: fail), line: lineNo)
        }
        return settings
    }

    static func watchlist(name: String, value: Value, line: Int, fail: (String) -> SettingsError) throws -> Watchlist {
        let key = "watchlists.\(name)"
        guard case .array(let items) = value else { throw fail("key '\(key)' wants an array of \"SPORT/FIXTURE_ID\" strings, not \(value.kind)") }
        var refs: [FixtureRef] = []
        for item in items {
            guard case .string(let s) = item else { throw fail("key '\(key)' wants strings, not \(item.kind)") }
            guard let ref = FixtureRef(s) else { throw fail("key '\(key)': '\(s)' is not SPORT/FIXTURE_ID") }
            refs.append(ref)
        }
        return Watchlist(name: name, fixtures: refs, line: line)
    }

    /// The value, checked for its key.
    static func check(_ key: SettingKey, _ value: Value, fail: (String) -> SettingsError) throws -> SettingValue {
        let name = key.rawValue
        if key.isList {
            guard case .array(let items) = value else { throw fail("key '\(name)' wants an array of strings, not \(value.kind)") }
            var strings: [String] = []
            for item in items {
                guard case .string(let s) = item else { throw fail("key '\(name)' wants non-empty strings, not \(item.kind)") }
                guard !s.isEmpty else { throw fail("key '\(name)' wants non-empty strings, not an empty one") }
                if key == .sports, FixtureRef(s + "/x") == nil { throw fail("key 'sports': '\(s)' is not a sport path (e.g. basketball, v2/volleyball)") }
                if key == .alerts, !SettingKey.alertKinds.contains(s) {
                    throw fail("key 'alerts': '\(s)' is not one of \(SettingKey.alertKinds.joined(separator: ", "))")
                }
                // A sport path is the provider's, in lower case: `SOCCER` in the file was asked for as it stood.
                strings.append(key == .sports ? FixtureRef.sportPath(s) ?? s.lowercased() : s)
            }
            return .list(strings)
        }
        if key == .latencyThreshold {
            guard case .number(let n) = value else { throw fail("key '\(name)' wants a number of milliseconds above 0, not \(value.kind)") }
            guard n > 0, n.isFinite else { throw fail("key '\(name)' wants a number of milliseconds above 0, not \(n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n))") }
            return .string("\(n)")
        }
        if key == .noSpoilers || key == .quiet {
            guard case .bool(let b) = value else { throw fail("key '\(name)' wants true or false, not \(value.kind)") }
            return .string(b ? "true" : "false")
        }
        guard case .string(let s) = value else { throw fail("key '\(name)' wants a string, not \(value.kind)") }
        guard !s.isEmpty else { throw fail("key '\(name)' is empty") }
        switch key {
        case .feed:
            guard s == "betting" || s == "media" else { throw fail("key 'feed' is betting or media, not '\(s)'") }
        case .endpoint:
            guard s.hasPrefix("ws://") || s.hasPrefix("wss://") else { throw fail("key 'endpoint' wants a ws:// or wss:// URL, not '\(s)'") }
        case .api:
            guard s.hasPrefix("http://") || s.hasPrefix("https://") else { throw fail("key 'api' wants an http:// or https:// URL, not '\(s)'") }
        case .notify:
            guard s == "osc777" || s == "osc9" else { throw fail("key 'notify' is osc777 or osc9, not '\(s)'") }
        default:
            break
        }
        return .string(s)
    }
}

/// The lexical parts of the subset.
public enum TOMLText {
    /// The file's lines. TOML ends a line with LF or CRLF, and an editor may begin the file with a byte-order mark:
    /// split on "\n" alone, a CRLF file (where "\r\n" is one `Character`) was one long line, so that a comment on the
    /// first line silently dropped every setting after it.
    public static func lines(_ text: String) -> [String] {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        return body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The line without its comment; a `#` inside a string stays.
    public static func stripComment(_ line: String) -> String {
        var quote: Character?
        var escaped = false
        for (i, ch) in line.enumerated() {
            if escaped { escaped = false; continue }
            if quote == "\"", ch == "\\" { escaped = true; continue }
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == "#" {
                return String(line.prefix(i))
            }
        }
        return line
    }

    /// The `=` of `key = value`, outside quotes.
    static func assignment(in line: String) -> String.Index? {
        var quote: Character?
        for i in line.indices {
            let ch = line[i]
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == "=" {
                return i
            }
        }
        return nil
    }

    /// How many `[` are still open outside strings.
    static func openBrackets(_ text: String) -> Int {
        var depth = 0
        var quote: Character?
        var escaped = false
        for ch in text {
            if escaped { escaped = false; continue }
            if quote == "\"", ch == "\\" { escaped = true; continue }
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == "[" {
                depth += 1
            } else if ch == "]" {
                depth -= 1
            }
        }
        return depth
    }

    /// `a`, `a.b`, `"quoted name"`, `watchlists."my list"`.
    static func keyPath(_ raw: String) -> [String]? {
        var parts: [String] = []
        var rest = Substring(raw)
        while true {
            rest = Substring(String(rest).trimmingSpaces)
            if let q = rest.first, q == "\"" || q == "'" {
                guard let end = rest.dropFirst().firstIndex(of: q) else { return nil }
                parts.append(String(rest[rest.index(after: rest.startIndex)..<end]))
                rest = rest[rest.index(after: end)...]
            } else {
                let word = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
                guard !word.isEmpty else { return nil }
                parts.append(String(word))
                rest = rest.dropFirst(word.count)
            }
            rest = Substring(String(rest).trimmingSpaces)
            if rest.isEmpty { return parts }
            guard rest.first == "." else { return nil }
            rest = rest.dropFirst()
        }
    }

    static func value(_ text: String) throws -> SettingsParser.Value {
        var s = Substring(text)
        let v = try readValue(&s)
        guard String(s).trimmingSpaces.isEmpty else { throw SettingsError("unexpected '\(String(s).trimmingSpaces)' after the value") }
        return v
    }

    static func readValue(_ s: inout Substring) throws -> SettingsParser.Value {
        s = Substring(String(s).trimmingSpaces)
        guard let first = s.first else { throw SettingsError("no value") }
        switch first {
        case "\"":
            return .string(try basicString(&s))
        case "'":
            s.removeFirst()
            guard let end = s.firstIndex(of: "'") else { throw SettingsError("unterminated string") }
            let value = String(s[..<end])
            s = s[s.index(after: end)...]
            return .string(value)
        case "[":
            s.removeFirst()
            var items: [SettingsParser.Value] = []
            while true {
                s = Substring(String(s).trimmingSpaces)
                if s.first == "]" { s.removeFirst(); return .array(items) }
                guard !s.isEmpty else { throw SettingsError("unterminated array") }
                items.append(try readValue(&s))
                s = Substring(String(s).trimmingSpaces)
                if s.first == "," { s.removeFirst(); continue }
                if s.first == "]" { s.removeFirst(); return .array(items) }
                throw SettingsError(s.isEmpty ? "unterminated array" : "expected ',' or ']' in array")
            }
        default:
            let word = s.prefix { $0 != "," && $0 != "]" && $0 != " " && $0 != "\t" }
            s = s.dropFirst(word.count)
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default:
                let digits = word.filter { $0 != "_" }
                if let n = Int(digits) { return .number(Double(n)) }
                if let d = Double(digits), d.isFinite { return .number(d) }
                throw SettingsError("cannot read value '\(word)' (strings need quotes)")
            }
        }
    }

    static func basicString(_ s: inout Substring) throws -> String {
        s.removeFirst()
        var out = ""
        while let ch = s.first {
            s.removeFirst()
            switch ch {
            case "\"": return out
            case "\\":
                guard let e = s.first else { throw SettingsError("unterminated escape") }
                s.removeFirst()
                switch e {
                case "\"": out += "\""
                case "\\": out += "\\"
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                case "u", "U":
                    let n = e == "u" ? 4 : 8
                    let hex = String(s.prefix(n))
                    guard hex.count == n, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                        throw SettingsError("bad \\\(e) escape")
                    }
                    out.unicodeScalars.append(scalar)
                    s = s.dropFirst(n)
                default: throw SettingsError("invalid escape '\\\(e)'")
                }
            default:
                out.append(ch)
            }
        }
        throw SettingsError("unterminated string")
    }
}

