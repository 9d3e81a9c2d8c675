import ArgumentParser
import Feeds
import Foundation
import LiveActions
import Platform
import Settings

/// `courtside fixtures`: what is on, from the provider's Fixtures API (or a local `serve`).
struct Fixtures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "List fixtures from the Fixtures API: which matches there are and their SPORT/FIXTURE_ID.",
        discussion: "With no SPORT, lists the sports of the config file's `sports`. Times show in the local time zone.")

    @Argument(help: "Sport paths, e.g. basketball soccer v2/volleyball snooker.") var sports: [String] = []
    @Flag(help: "Only fixtures that are live now.") var live = false
    @Option(help: "Only fixtures with this status: scheduled, live, completed, postponed, abandoned, cancelled, suspended, unverified.")
    var status: String?
    @Option(name: .customLong("from"), help: "From this date (YYYY-MM-DD).") var from: String?
    @Option(name: .customLong("to"), help: "To this date (YYYY-MM-DD).") var to: String?
    @Flag(help: "One JSON object per fixture and line, instead of a table.") var json = false
    @OptionGroup var rest: RESTOptions.Flags
    @Option(help: ArgumentHelp("Fixtures asked for per page.", visibility: .hidden)) var size = 20

    /// The statuses a fixture object documents, any case.
    static let statuses = FixturesAPI.statusNames.map { $0.lowercased() }

    /// A filter that cannot match is refused, not sent: a typo in `--status`, a reversed range or 30 February
    /// printed an empty table with status 0, which read as "no matches".
    func validate() throws {
        for date in [from, to].compactMap({ $0 }) where !Self.isCalendarDate(date) {
            throw ValidationError("'\(date)' is not a date (YYYY-MM-DD)")
        }
        if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
        if let status, !Self.statuses.contains(status.lowercased()) {
            throw ValidationError("--status is one of \(Self.statuses.joined(separator: ", ")), not '\(status)'")
        }
        if live, let status, status.lowercased() != "live" {
            throw ValidationError("--live lists only fixtures that are live now, which none with --status \(status) is")
        }
        if !(1...1000).contains(size) { throw ValidationError("--size is 1…1000") }
        // As the config file's `sports` are checked: `soccer?live=false` and "" were sent as paths.
        for sport in sports {
            if let problem = SportPath.problem(sport, forAFixture: "`fixtures` takes sports (e.g. soccer)") { throw ValidationError(problem) }
        }
    }

    /// `YYYY-MM-DD` naming a day that exists (`2026-02-30` was sent to the API as it was).
    static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }), parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m) else { return false }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d)
    }

    func run() async throws {
        var flags = rest.settings
        if !sports.isEmpty { flags[.sports] = .list(SportPath.named(sports)) }
        let settings = try CommandSettings.load(flags: flags)
        let sports = SportPath.named(settings[.sports]?.list ?? [])
        if sports.isEmpty { throw ValidationError("name a sport (e.g. basketball), or set `sports` in the config file") }
        let client = try RESTOptions.client(settings)
        let query = FixturesQuery(live: live ? true : nil, status: status, dateFrom: from, dateTo: to, size: size)
        var all: [ListedFixture] = []
        for sport in sports {
            let listing = try await client.fixtures(sport: sport, query: query)
            for problem in listing.problems { warn("\(sport): \(problem)") }
            all += listing.fixtures
        }
        all = FixturesAPI.sorted(all)
        // Said on stderr, so that the table or the JSON lines stay what they were: an empty table alone read as a
        // failure to some and as nothing at all to others.
        if all.isEmpty { warn("no fixtures of \(sports.joined(separator: ", ")) match") }
        if json {
            try StandardOutputCheck.write(lines: all.map(FixturesAPI.jsonLine))
        } else {
            let table = FixturesAPI.table(all, utcOffsetAt: LocalTime.utcOffset(at:))
            try StandardOutputCheck.write(lines: table.split(separator: "\n"))
        }
    }
}

/// `--token`, taken only to be refused without a word of its value: undeclared, a mistaken `--token SECRET` (as
/// `serve` takes one) was read as the fixture and echoed in "'SECRET' is not SPORT/FIXTURE_ID".
struct RefusedTokenFlag: ParsableArguments {
    @Option(help: ArgumentHelp("Refused: a token on the command line shows in `ps` and the shell's history.", visibility: .hidden))
    var token: String?

    func validate() throws {
        if token != nil {
            throw ValidationError("--token is not taken here: on the command line a token shows in `ps` and the shell's history; "
                + "put it in a file for --token-file (chmod 600) or in COURTSIDE_TOKEN")
        }
    }
}

/// The REST base and the token, from flags, the environment and the config file.
enum RESTOptions {
    /// `--api`, `--endpoint` and `--token-file`, which `fixtures` and `import` share.
    struct Flags: ParsableArguments {
        @Option(help: "Base URL of the REST API (or COURTSIDE_API).") var api: String?
        @Option(help: "A local `courtside serve`'s ws:// URL (or COURTSIDE_ENDPOINT): with no API given, its host and port answer the API.")
        var endpoint: String?
        @Option(name: .customLong("token-file"), help: "File holding the access token (else COURTSIDE_TOKEN).") var tokenFile: String?
        @OptionGroup var refusedToken: RefusedTokenFlag

        /// What these flags set, over the environment and the config file.
        var settings: [SettingKey: SettingValue] {
            var flags: [SettingKey: SettingValue] = [:]
            if let api { flags[.api] = .string(api) }
            if let endpoint { flags[.endpoint] = .string(endpoint) }
            if let tokenFile { flags[.tokenFile] = .string(tokenFile) }
            return flags
        }
    }

    /// A client of the REST API the settings name, with their token, on a pacer of its own.
    static func client(_ settings: EffectiveSettings) throws -> FixturesClient {
        FixturesClient(configuration: .init(api: try api(settings), token: try token(settings)),
                       limiter: ConnectLimiter(perSecond: LiveActionsProtocol.maxConnectsPerSecond))
    }

    /// The API setting; when none was given and the streams endpoint is a loopback `serve`, the same host
    /// and port over http.
    /// The endpoint is checked first, as `watch` checks it: a bad one (`ws://127.0.0.1:99999`) was passed over, and
    /// the provider's API asked instead, with the token, where the user meant a loopback `serve`.
    static func api(_ settings: EffectiveSettings) throws -> String {
        // Checked, not contacted: no word of it being plain text (the token goes to the API alone).
        _ = try settings.checkedURL(.endpoint, fallback: LiveActionsProtocol.defaultEndpoint, contacted: false, Endpoint.checked)
        return try withAPI(settings).checkedURL(.api, fallback: FixturesAPI.defaultAPI, Endpoint.checkedAPI)
    }

    /// The settings with the API in force: a loopback `courtside serve` endpoint answers the API too, unless an
    /// API is set where it counts as much or more (flag over environment over file over default). Decided only
    /// for the default API before, a file's `api` beat a flag's `--endpoint`, and `config` showed the default API
    /// where the endpoint's host was asked.
    static func withAPI(_ settings: EffectiveSettings) -> EffectiveSettings {
        guard let endpoint = settings.settings[.endpoint], let text = endpoint.value.string,
              endpoint.source.precedence < (settings.settings[.api]?.source ?? .builtIn).precedence,
              let api = Endpoint.loopbackAPI(text) else { return settings }
        var settings = settings
        settings.settings[.api] = .init(value: .string(api), source: endpoint.source)
        return settings
    }

    static func token(_ settings: EffectiveSettings) throws -> AuthToken {
        let file: String?
        if case .file(let path, _) = settings.token { file = path } else { file = nil }
        guard let token = try AuthToken.load(file: file, environment: ProcessInfo.processInfo.environment, warn: { warn($0) }) else {
            throw ValidationError("no token: put it in a file and pass --token-file PATH, or set COURTSIDE_TOKEN")
        }
        return token
    }
}

/// Lines on standard output through the writer `--headless` uses (`StandardOutput`), which says why it could not
/// write them: a listing written to a full disk (or `/dev/full`) was cut short, or lost, with status 0. A reader
/// gone (`| head`) ends the process by SIGPIPE, as it ends any program, unless the parent ignores it.
enum StandardOutputCheck {
    static func write<Lines: Sequence>(lines: Lines) throws where Lines.Element: StringProtocol {
        var out = StandardOutput()
        for line in lines { out.add(Array(line.utf8)) }
        out.flush()
        StandardOutput.endIfTheReaderLeft()
        if let failure = out.failure {
            warn(failure)
            throw ExitCode(1)
        }
    }
}
