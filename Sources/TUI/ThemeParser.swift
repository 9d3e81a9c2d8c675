import Settings
import LiveActions

/// Reads theme files: a small TOML subset (`[role]` tables of `fg`, `bg`, `bold`, `dim`, `reverse`,
/// `underline`, and top-level `name` and `team_colours`). Errors name the file, the line and the key.
public enum ThemeParser {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var description: String
        /// Printable: the file's own text is quoted in it.
        public init(description: String) { self.description = TextSafety.printable(description) }
    }

    public static func parse(_ text: String, file: String) throws -> Theme {
        var name = file.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? file
        var teamColours = true
        var styles: [Role: Style] = [:]
        var role: Role?
        // TOML allows a key once and a table once: a second `fg` in [text] won silently, the first forgotten.
        var tablesSeen = Set<Role>()
        var keysSeen = Set<String>()
        for (i, raw) in TOMLText.lines(text).enumerated() {
            let lineNo = i + 1
            let line = TOMLText.stripComment(String(raw)).trimmingSpaces
            if line.isEmpty { continue }
            func fail(_ message: String) -> ParseError { ParseError(description: "\(file):\(lineNo): \(message)") }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw fail("unclosed table header") }
                let tableName = String(line.dropFirst().dropLast()).trimmingSpaces
                guard let r = Role(rawValue: tableName) else {
                    throw fail("unknown table [\(tableName)] (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                guard tablesSeen.insert(r).inserted else { throw fail("table [\(tableName)] is defined twice") }
                role = r
                styles[r] = styles[r] ?? Style()
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { throw fail("expected key = value") }
            let key = String(line[..<eq]).trimmingSpaces
            guard keysSeen.insert((role?.rawValue ?? "") + "." + key).inserted else {
                throw fail("key '\(key)' is set twice" + (role.map { " in [\($0.rawValue)]" } ?? ""))
            }
            let value = try parseValue(String(line[line.index(after: eq)...]).trimmingSpaces) { fail("key '\(key)': " + $0) }
            guard let r = role else {
                switch (key, value) {
                case ("name", .string(let s)): name = s
                case ("team_colours", .bool(let b)): teamColours = b
                case ("name", _), ("team_colours", _): throw fail("wrong type for key '\(key)'")
                default: throw fail("unknown key '\(key)'")
                }
                continue
            }
            var style = styles[r] ?? Style()
            switch (key, value) {
            case ("fg", .string(let s)):
                guard let c = parseColor(s) else { throw fail("bad colour '\(s)' for key 'fg' in [\(r.rawValue)]") }
                style.fg = c
            case ("bg", .string(let s)):
                guard let c = parseColor(s) else { throw fail("bad colour '\(s)' for key 'bg' in [\(r.rawValue)]") }
                style.bg = c
            case ("fg", .int(let n)), ("bg", .int(let n)):
                guard (0...255).contains(n) else { throw fail("colour index \(n) out of 0–255 for key '\(key)' in [\(r.rawValue)]") }
                if key == "fg" { style.fg = .indexed(UInt8(n)) } else { style.bg = .indexed(UInt8(n)) }
            case ("bold", .bool(let b)): style.bold = b
            case ("dim", .bool(let b)): style.dim = b
            case ("reverse", .bool(let b)): style.reverse = b
            case ("underline", .bool(let b)): style.underline = b
            case ("fg", _), ("bg", _), ("bold", _), ("dim", _), ("reverse", _), ("underline", _):
                throw fail("wrong type for key '\(key)' in [\(r.rawValue)]")
            default:
                throw fail("unknown key '\(key)' in [\(r.rawValue)]")
            }
            styles[r] = style
        }
        // Roles a theme leaves out inherit the text style.
        let text = styles[.text] ?? Style()
        for r in Role.allCases where styles[r] == nil { styles[r] = text }
        return Theme(name: name, styles: styles, teamColours: teamColours)
    }

    enum Value { case string(String), int(Int), bool(Bool) }

    static func parseValue(_ s: String, fail: (String) -> ParseError) throws -> Value {
        if s == "true" { return .bool(true) }
        if s == "false" { return .bool(false) }
        if let n = Int(s) { return .int(n) }
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { return .string(String(s.dropFirst().dropLast())) }
        throw fail("cannot read value '\(s)' (true, false, a number, or a string in quotes)")
    }

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// "default", "red", "bright-red", "#ff8800", or "208".
    public static func parseColor(_ s: String) -> Color? {
        let lower = s.lowercased()
        if lower == "default" || lower == "none" { return .default }
        if let i = names.firstIndex(of: lower) { return .ansi(UInt8(i)) }
        if lower.hasPrefix("bright-"), let i = names.firstIndex(of: String(lower.dropFirst(7))) { return .ansi(UInt8(i + 8)) }
        if lower.hasPrefix("#"), lower.count == 7, let v = UInt32(lower.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
        }
        if let n = Int(lower), (0...255).contains(n) { return .indexed(UInt8(n)) }
        return nil
    }
}
