import Testing
import LiveActions
@testable import Settings
import TUI

/// config.toml: the TOML subset, its checks and messages, and flag > environment > file.
@Suite struct SettingsTests {
    static let sample = """
    # Courtside settings
    feed = "media"
    endpoint = "ws://127.0.0.1:8765"   # a local serve
    api = 'http://127.0.0.1:8765'
    token_file = "/home/fan/.config/courtside/token"
    theme = "high-contrast"
    favourites = ["FC Groningen", "Žalgiris Kaunas"]
    sports = [
        "basketball",   # trailing comments inside arrays
        "v2/volleyball",
    ]
    colour = true
    watchlists.weekend = ["soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c"]

    [watchlists]
    "euro nights" = ["basketball/5e3eb2b8-e9d3-47e6-acf0-351f15d3d539", "v2/volleyball/9903255b-8d2b-4ce4-ad62-b7bcc8d3c17d"]

    [sounds]
    goal = "bell"
    """

    @Test func theSampleReads() throws {
        let file = try SettingsParser.parse(Self.sample, file: "config.toml")
        #expect(file.values[.feed] == .init(value: .string("media"), line: 2))
        #expect(file.values[.endpoint]?.value == .string("ws://127.0.0.1:8765"))
        #expect(file.values[.api]?.value == .string("http://127.0.0.1:8765"), "a literal string")
        #expect(file.values[.theme]?.value == .string("high-contrast"))
        #expect(file.values[.favourites]?.value == .list(["FC Groningen", "Žalgiris Kaunas"]))
        #expect(file.values[.sports] == .init(value: .list(["basketball", "v2/volleyball"]), line: 8), "an array over several lines")
        #expect(file.watchlists.map(\.name) == ["weekend", "euro nights"])
        #expect(file.watchlists[1].fixtures.map(\.sport) == ["basketball", "v2/volleyball"])
        #expect(file.watchlists[1].line == 16)
        #expect(file.warnings == [
            "config.toml:12: unknown key 'colour' (known: feed, endpoint, api, token_file, theme, favourites, sports, no_spoilers, quiet, notify, alerts, latency_threshold_ms, watchlists.NAME)",
            "config.toml:18: unknown table [sounds]; its keys are ignored",
        ])
    }

    /// Windows line endings, and the byte-order mark Notepad writes: the CRLF file read as one line, and with a
    /// comment first, every setting was dropped without a word.
    @Test(arguments: ["\r\n", "\n"], [false, true])
    func crlfAndAByteOrderMarkReadAsTheSame(newline: String, bom: Bool) throws {
        let text = (bom ? "\u{FEFF}" : "") + Self.sample.replacingOccurrences(of: "\n", with: newline)
        let file = try SettingsParser.parse(text, file: "config.toml")
        let plain = try SettingsParser.parse(Self.sample, file: "config.toml")
        #expect(file.values == plain.values)
        #expect(file.watchlists.map(\.name) == plain.watchlists.map(\.name))
        #expect(file.warnings == plain.warnings)
    }

    @Test func badValuesNameTheFileTheLineAndTheKey() {
        let cases: [(String, String)] = [
            ("feed = \"radio\"", "c.toml:1: key 'feed' is betting or media, not 'radio'"),
            ("\n\nendpoint = \"http://x\"", "c.toml:3: key 'endpoint' wants a ws:// or wss:// URL, not 'http://x'"),
            ("api = \"ws://x\"", "c.toml:1: key 'api' wants an http:// or https:// URL, not 'ws://x'"),
            ("theme = 7", "c.toml:1: key 'theme' wants a string, not a number"),
            ("theme = dark", "c.toml:1: key 'theme': cannot read value 'dark' (strings need quotes)"),
            ("token_file = \"\"", "c.toml:1: key 'token_file' is empty"),
            ("favourites = \"Ajax\"", "c.toml:1: key 'favourites' wants an array of strings, not a string"),
            ("favourites = [\"Ajax\", 3]", "c.toml:1: key 'favourites' wants non-empty strings, not a number"),
            // Said as what it is: "not a string" of an empty string, "not a number" of 0.
            ("favourites = [\"\"]", "c.toml:1: key 'favourites' wants non-empty strings, not an empty one"),
            ("latency_threshold_ms = 0", "c.toml:1: key 'latency_threshold_ms' wants a number of milliseconds above 0, not 0"),
            ("latency_threshold_ms = -1.5", "c.toml:1: key 'latency_threshold_ms' wants a number of milliseconds above 0, not -1.5"),
            ("sports = [\"../etc\"]", "c.toml:1: key 'sports': '../etc' is not a sport path (e.g. basketball, v2/volleyball)"),
            ("[watchlists]\nfriday = [\"soccer\"]", "c.toml:2: key 'watchlists.friday': 'soccer' is not SPORT/FIXTURE_ID"),
            ("watchlists.x = \"soccer/1\"", "c.toml:1: key 'watchlists.x' wants an array of \"SPORT/FIXTURE_ID\" strings, not a string"),
            ("theme = \"a\"\ntheme = \"b\"", "c.toml:2: key 'theme' is set twice (first on line 1)"),
            ("theme = \"dark", "c.toml:1: key 'theme': unterminated string"),
            ("sports = [\"a\",\n\"b\"", "c.toml:1: key 'sports': unterminated array"),
            ("just words", "c.toml:1: expected key = value"),
            ("[watchlists", "c.toml:1: bad table header [watchlists"),
            ("theme = \"a\" junk", "c.toml:1: key 'theme': unexpected 'junk' after the value"),
            // The file's own text is quoted printable: raw, an escape in it retitled the terminal.
            ("k\u{1B}]0;PWNED\u{07} = 1", "c.toml:1: bad key 'k\u{FFFD}]0;PWNED\u{FFFD}'"),
            ("feed = \"\u{9B}2J\"", "c.toml:1: key 'feed' is betting or media, not '\u{FFFD}2J'"),
        ]
        for (text, message) in cases {
            #expect(throws: SettingsError(message), "\(text)") { try SettingsParser.parse(text, file: "c.toml") }
        }
        #expect(SettingsError("a\u{1B}[2Jb\nc\td").description == "a\u{FFFD}[2Jb\nc\td", "line breaks and tabs stay")
        do {
            _ = try ThemeParser.parse("[text]\nfg = \"\u{1B}]0;PWNED\u{07}\"\n", file: "t.toml")
            Issue.record("a bad colour is refused")
        } catch {
            #expect("\(error)" == "t.toml:2: bad colour '\u{FFFD}]0;PWNED\u{FFFD}' for key 'fg' in [text]")
        }
    }

    @Test func stringsCommentsAndEscapes() throws {
        let file = try SettingsParser.parse(#"""
        theme = "dark # not a comment"  # a comment
        favourites = ["Tab\there", "quote \" inside", "\u00c9lan", 'C:\raw']
        """#, file: "c")
        #expect(file.values[.theme]?.value == .string("dark # not a comment"))
        #expect(file.values[.favourites]?.value == .list(["Tab\there", "quote \" inside", "Élan", "C:\\raw"]))
        #expect(SettingValue.list(["a\"b", "ü"]).description == #"["a\"b", "ü"]"#)
        #expect(try SettingsParser.parse("", file: "c") == SettingsFile(path: "c"))
    }

    @Test func flagBeatsEnvironmentBeatsFile() throws {
        let file = try SettingsParser.parse(Self.sample, file: "/cfg/courtside/config.toml")
        let env = ["COURTSIDE_ENDPOINT": "wss://env.example", "COURTSIDE_SPORTS": "soccer, snooker", "COURTSIDE_THEME": ""]
        let flags: [SettingKey: SettingValue] = [.theme: .string("mono")]
        let s = try EffectiveSettings.resolve(flags: flags, environment: env, file: file, defaults: [.feed: .string("betting"), .api: .string("https://dde-api.data.srarena.io")])
        #expect(s.settings[.theme] == .init(value: .string("mono"), source: .flag("--theme")))
        #expect(s.settings[.endpoint] == .init(value: .string("wss://env.example"), source: .environment("COURTSIDE_ENDPOINT")))
        #expect(s.settings[.sports] == .init(value: .list(["soccer", "snooker"]), source: .environment("COURTSIDE_SPORTS")))
        #expect(s.settings[.feed] == .init(value: .string("media"), source: .file("/cfg/courtside/config.toml", line: 2)), "the file beats the default")
        #expect(s.settings[.api]?.source == .file("/cfg/courtside/config.toml", line: 4))
        #expect(s.token == .file("/home/fan/.config/courtside/token", .file("/cfg/courtside/config.toml", line: 5)))

        let bare = try EffectiveSettings.resolve(flags: [:], environment: [:], file: nil, defaults: [.feed: .string("betting")])
        #expect(bare.settings[.feed]?.source == .builtIn && bare.settings[.endpoint] == nil && bare.token == .none)
    }

    /// The config file's `token_file` is found beside the file when relative, and `~/` is the home folder: taken
    /// from the current folder, `"tok"` worked from one folder only and `"~/tok"` from none. Sport paths are the
    /// provider's, in lower case, from the file and the environment alike.
    @Test func aTokenFileIsFoundBesideTheConfigFileAndSportsAreLowered() throws {
        for (written, found) in [("tok", "/cfg/courtside/tok"), ("~/tok", "/home/fan/tok"), ("/etc/tok", "/etc/tok"), ("../t", "/cfg/courtside/../t")] {
            let file = try SettingsParser.parse("token_file = \"\(written)\"\nsports = [\"SOCCER/\", \"/v2//Volleyball\"]", file: "/cfg/courtside/config.toml")
            let s = try EffectiveSettings.resolve(flags: [:], environment: ["HOME": "/home/fan"], file: file)
            #expect(s.token == .file(found, .file("/cfg/courtside/config.toml", line: 1)), "\(written)")
            #expect(s[.sports] == .list(["soccer", "v2/volleyball"]), "slashes around a part are tidied, as on the command line")
        }
        let env = try EffectiveSettings.resolve(flags: [:], environment: ["HOME": "/home/fan", "COURTSIDE_TOKEN_FILE": "~/tok", "COURTSIDE_SPORTS": "Basketball/"], file: nil)
        #expect(env.token == .file("/home/fan/tok", .environment("COURTSIDE_TOKEN_FILE")) && env[.sports] == .list(["basketball"]))
    }

    @Test func theTokenIsOnlyEverSaidToComeFromSomewhere() throws {
        let file = try SettingsParser.parse("token_file = \"/from/file\"", file: "f.toml")
        let secret = "s3cr3t-token-value"
        let byEnv = try EffectiveSettings.resolve(flags: [:], environment: ["COURTSIDE_TOKEN": secret], file: file)
        #expect(byEnv.token == .environment, "COURTSIDE_TOKEN beats the file's token_file")
        let byFlag = try EffectiveSettings.resolve(flags: [.tokenFile: .string("/from/flag")], environment: ["COURTSIDE_TOKEN": secret], file: file)
        #expect(byFlag.token == .file("/from/flag", .flag("--token-file")), "--token-file beats COURTSIDE_TOKEN, as watch does")
        for s in [byEnv, byFlag] {
            #expect(!s.render().contains(secret))
        }
        let text = byEnv.render()
        #expect(text.contains("token_file" + String(repeating: " ", count: 11) + "= \"/from/file\"  (f.toml:1)"), "\(text)")
        #expect(text.contains("set (environment COURTSIDE_TOKEN)"), "\(text)")
        #expect(text.hasPrefix("config file: f.toml\n"))
    }

    /// The environment is checked as the file is: a switch by its usual spellings, anything else refused naming
    /// the variable. Unchecked, `COURTSIDE_NO_SPOILERS=1` read as off over a file's `no_spoilers = true`.
    @Test func environmentValuesAreCheckedAsTheFilesAre() throws {
        let file = try SettingsParser.parse("no_spoilers = true\nquiet = true\n", file: "c.toml")
        for (raw, on) in [("1", true), ("true", true), ("YES", true), ("on", true), ("0", false), ("false", false), ("No", false), ("off", false)] {
            let s = try EffectiveSettings.resolve(flags: [:], environment: ["COURTSIDE_NO_SPOILERS": raw, "COURTSIDE_QUIET": raw], file: file)
            #expect(s[.noSpoilers] == .string(on ? "true" : "false"), "\(raw)")
            #expect(s[.quiet] == .string(on ? "true" : "false"), "\(raw)")
            #expect(s.settings[.noSpoilers]?.source == .environment("COURTSIDE_NO_SPOILERS"))
        }
        let threshold = try EffectiveSettings.resolve(flags: [:], environment: ["COURTSIDE_LATENCY_THRESHOLD_MS": "2500"], file: nil)
        #expect(threshold[.latencyThreshold] == .string("2500.0"))
        for (name, raw) in [("COURTSIDE_NO_SPOILERS", "maybe"), ("COURTSIDE_QUIET", "yes please"), ("COURTSIDE_NOTIFY", "bogus"),
                            ("COURTSIDE_LATENCY_THRESHOLD_MS", "abc"), ("COURTSIDE_LATENCY_THRESHOLD_MS", "-5"),
                            ("COURTSIDE_FEED", "radio"), ("COURTSIDE_ENDPOINT", "http://example"), ("COURTSIDE_ALERTS", "score,goal"),
                            ("COURTSIDE_SPORTS", "soccer,/"), ("COURTSIDE_API", "ftp://x")] {
            #expect {
                _ = try EffectiveSettings.resolve(flags: [:], environment: [name: raw], file: file)
            } throws: { error in
                "\(error)".hasPrefix("environment \(name)=\(raw): ")
            }
        }
        // A key given by a flag does not read its variable at all.
        let flagged = try EffectiveSettings.resolve(flags: [.notify: .string("osc9")], environment: ["COURTSIDE_NOTIFY": "bogus"], file: nil)
        #expect(flagged[.notify] == .string("osc9"))
    }

    @Test func whereTheFileLives() {
        #expect(EffectiveSettings.configPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/courtside/config.toml")
        #expect(EffectiveSettings.configPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/courtside/config.toml")
        #expect(EffectiveSettings.configPath(environment: [:]) == nil)
    }
}

/// The fan keys of the config file: spoilers, quiet, notifications and which alerts ring.
@Suite struct FanSettingsTests {
    @Test func fanKeysAreReadAndChecked() throws {
        let file = try SettingsParser.parse("""
            no_spoilers = true
            quiet = false
            notify = "osc9"
            alerts = ["score", "red_card"]
            """, file: "c.toml")
        let s = try EffectiveSettings.resolve(flags: [:], environment: [:], file: file)
        #expect(s[.noSpoilers] == .string("true") && s[.quiet] == .string("false"))
        #expect(s[.notify] == .string("osc9") && s[.alerts] == .list(["score", "red_card"]))
        #expect(throws: (any Error).self) { try SettingsParser.parse("alerts = [\"goal\"]\n", file: "c.toml") }
        #expect(throws: (any Error).self) { try SettingsParser.parse("notify = \"email\"\n", file: "c.toml") }
        #expect(throws: (any Error).self) { try SettingsParser.parse("no_spoilers = \"yes\"\n", file: "c.toml") }
        do {
            _ = try SettingsParser.parse("quiet = true\nalerts = [\"goal\"]\n", file: "c.toml")
        } catch {
            #expect("\(error)".contains("c.toml:2") && "\(error)".contains("alerts"), "\(error)")
        }
    }
}
