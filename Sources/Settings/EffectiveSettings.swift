import LiveActions
/// Where an effective setting came from.
public enum SettingSource: Equatable, Sendable, CustomStringConvertible {
    case flag(String)
    case environment(String)
    case file(String, line: Int)
    case builtIn

    /// The order `EffectiveSettings.resolve` takes them in: a lower number wins.
    public var precedence: Int {
        switch self {
        case .flag: 0
        case .environment: 1
        case .file: 2
        case .builtIn: 3
        }
    }

    public var description: String {
        switch self {
        case .flag(let name): "flag \(name)"
        case .environment(let name): "environment \(name)"
        case .file(let path, let line): "\(path):\(line)"
        case .builtIn: "default"
        }
    }
}

/// The settings in force: flag beats environment, which beats the file, which beats the default.
public struct EffectiveSettings: Equatable, Sendable {
    public struct Setting: Equatable, Sendable {
        public var value: SettingValue
        public var source: SettingSource
        public init(value: SettingValue, source: SettingSource) {
            self.value = value
            self.source = source
        }
    }

    /// Where the token comes from, never the token.
    public enum TokenOrigin: Equatable, Sendable, CustomStringConvertible {
        /// A token file, named by a flag, the environment or the config file.
        case file(String, SettingSource)
        /// `COURTSIDE_TOKEN`.
        case environment
        case none

        public var description: String {
            switch self {
            case .file(let path, let source): "read from \(path) (\(source))"
            case .environment: "set (environment COURTSIDE_TOKEN)"
            case .none: "not set: use --token-file PATH, COURTSIDE_TOKEN, or token_file in the config file"
            }
        }
    }

    public var settings: [SettingKey: Setting]
    public var watchlists: [Watchlist]
    public var token: TokenOrigin
    public var filePath: String?
    public var warnings: [String]

    public subscript(key: SettingKey) -> SettingValue? { settings[key]?.value }

    /// Resolves each key. `flags` holds what the command line gave (already parsed); list values in the
    /// environment are comma-separated; `defaults` fills in what nothing else set.
    /// Throws for an environment value the config file would refuse, naming the variable: read unchecked,
    /// `COURTSIDE_NO_SPOILERS=1` switched spoiler protection off (only "true" counted as on) while `config`
    /// listed it as set.
    public static func resolve(flags: [SettingKey: SettingValue], environment: [String: String], file: SettingsFile?,
                               defaults: [SettingKey: SettingValue] = [:]) throws -> EffectiveSettings {
        var settings: [SettingKey: Setting] = [:]
        for key in SettingKey.allCases {
            if let v = flags[key] {
                settings[key] = Setting(value: v, source: .flag(key.flag))
            } else if let raw = environment[key.environmentVariable], !raw.isEmpty {
                let value = try SettingsParser.check(key, environmentValue(raw, for: key)) { message in
                    SettingsError("environment \(key.environmentVariable)=\(raw): " + message)
                }
                settings[key] = Setting(value: value, source: .environment(key.environmentVariable))
            } else if let file, let entry = file.values[key] {
                settings[key] = Setting(value: entry.value, source: .file(file.path, line: entry.line))
            } else if let v = defaults[key] {
                settings[key] = Setting(value: v, source: .builtIn)
            }
        }
        // The token: a token file named by a flag wins; then the token in the environment; then a token file
        // named by the environment or the config file (the existing rule, --token-file before COURTSIDE_TOKEN,
        // with the file setting below both).
        let token: TokenOrigin
        if let f = settings[.tokenFile], case .flag = f.source, let path = f.value.string {
            token = .file(path, f.source)
        } else if let t = environment["COURTSIDE_TOKEN"], !t.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" }) {
            token = .environment
        } else if let f = settings[.tokenFile], let path = f.value.string {
            token = .file(Self.tokenPath(path, source: f.source, home: environment["HOME"]), f.source)
        } else {
            token = .none
        }
        return EffectiveSettings(settings: settings, watchlists: file?.watchlists ?? [], token: token,
                                 filePath: file?.path, warnings: file?.warnings ?? [])
    }

    /// A token file as the config file or the environment names it: `~/` is the home folder, and a relative path in
    /// the config file is beside that file. Taken from the current folder, `token_file = "tok"` worked from one
    /// folder only, and `"~/tok"` from none.
    static func tokenPath(_ path: String, source: SettingSource, home: String?) -> String {
        if path.hasPrefix("~/"), let home, !home.isEmpty { return home + path.dropFirst() }
        guard case .file(let file, _) = source, !path.hasPrefix("/"), !path.hasPrefix("~/"), let slash = file.lastIndex(of: "/") else { return path }
        return String(file[...slash]) + path
    }

    /// What `courtside config` prints: each setting, its value and where it came from; the token only as
    /// where it would be read from, or, given `tokenProblem`, that it cannot be (it said "read from" a file that
    /// was not there, beside the error on stderr).
    public func render(tokenProblem: String? = nil) -> String {
        var out = "config file: " + (filePath ?? "none") + "\n"
        let width = SettingKey.allCases.map(\.rawValue.count).max() ?? 10
        for key in SettingKey.allCases {
            let name = key.rawValue + String(repeating: " ", count: width - key.rawValue.count)
            if let s = settings[key] {
                out += "\(name) = \(Self.asWritten(s.value, for: key))  (\(s.source))\n"
            } else {
                out += "\(name)   (not set)\n"
            }
        }
        let tokenLine = tokenProblem.map { "not read: " + $0 } ?? token.description
        out += "token" + String(repeating: " ", count: max(0, width - 5)) + "   " + tokenLine + "\n"
        for list in watchlists {
            out += "watchlist @\(list.name): \(list.fixtures.map(\.description).joined(separator: " "))  (\(filePath ?? "?"):\(list.line))\n"
        }
        return out
    }

    /// A value as the config file writes it, so that a line can be copied into the file: a switch and a number were
    /// shown quoted (`no_spoilers = "true"`, `latency_threshold_ms = "3000.0"`), which the file refuses.
    static func asWritten(_ value: SettingValue, for key: SettingKey) -> String {
        guard case .string(let s) = value else { return value.description }
        switch key {
        case .noSpoilers, .quiet: return s
        case .latencyThreshold:
            guard let n = Double(s) else { return value.description }
            return n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n)
        default: return value.description
        }
    }

    /// `$XDG_CONFIG_HOME/courtside/config.toml`, else `$HOME/.config/courtside/config.toml`.
    public static func configPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/courtside/config.toml" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/courtside/config.toml" }
        return nil
    }
}

extension EffectiveSettings {
    /// An environment variable's text as the config file's value of the same key, to be checked alike: a list
    /// comma-separated, a switch by the usual spellings (true/false, 1/0, yes/no, on/off), a threshold a number.
    static func environmentValue(_ raw: String, for key: SettingKey) -> SettingsParser.Value {
        if key.isList {
            return .array(raw.split(separator: ",").map { .string(String($0).trimmingSpaces) }.filter { $0 != .string("") })
        }
        switch key {
        case .noSpoilers, .quiet:
            switch raw.trimmingSpaces.lowercased() {
            case "true", "1", "yes", "on": return .bool(true)
            case "false", "0", "no", "off": return .bool(false)
            default: return .string(raw)
            }
        case .latencyThreshold:
            return Double(raw.trimmingSpaces).map { .number($0) } ?? .string(raw)
        default:
            return .string(raw)
        }
    }
}
