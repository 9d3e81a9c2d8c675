import ArgumentParser
import Foundation
import LiveActions
import Platform

#if canImport(Glibc)
import Glibc
#endif

@main
struct Courtside: AsyncParsableCommand {
    /// Every command names itself (`commandName`): unnamed, ArgumentParser derived each name from its type's at
    /// every start, `String(describing:)` of the type, a fifth of the process's start.
    static let configuration = CommandConfiguration(
        commandName: "courtside",
        abstract: "A live scoreboard for the terminal: many fixtures at once, from the Live Actions feed or from recordings.",
        version: Courtside.version,
        subcommands: [Demo.self, Watch.self, Record.self, Serve.self, Fixtures.self, Import.self, ConfigCommand.self])

    static let version = "0.4.0"

    /// A parent may start us with signals blocked (Foundation's `Process` from a Swift concurrency thread
    /// does): then SIGTERM and Ctrl-C would never arrive. Unblock them on the main thread before any other
    /// thread exists, so that every thread started later inherits a clean mask.
    static func main() async {
        var none = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, nil)
        StandardStreams.holdClosedOnes()
        BrokenPipe.noteWhatTheParentLeft()
        // Ctrl-\ quits, as in any program, not through the runtime's crash reporter (it asks for a key for 30 s);
        // the TUI takes it as it takes Ctrl-C (`QuitSignals`).
        signal(SIGQUIT, SIG_DFL)
        let command: ParsableCommand
        if let misspelt = misspeltTokenFlag(Array(CommandLine.arguments.dropFirst())) {
            try? FileHandle.standardError.write(contentsOf: Data("Error: unknown option '\(misspelt)': a token goes in a file named by --token-file, or in COURTSIDE_TOKEN\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            command = try parseAsRoot(nil)
        } catch {
            exitSayingWhatCouldNotBeWritten(error)
        }
        do {
            if var async = command as? AsyncParsableCommand { try await async.run() } else { var sync = command; try sync.run() }
        } catch let error as ValidationError {
            // A refusal found as the command runs (a watchlist not in the file, a bad URL setting), with that command's
            // help named: ArgumentParser printed the top level's usage, `courtside <subcommand>`, under every one.
            let name = type(of: command).configuration.commandName.map { "courtside " + $0 } ?? "courtside"
            try? FileHandle.standardError.write(contentsOf: Data("Error: \(error.message)\nSee '\(name) --help'.\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exitSayingWhatCouldNotBeWritten(error)  // `help` and `--help` come here, as a help command run
        }
    }
}

extension Courtside {
    /// An option that looks like a token's but is none (`--tok`, `--Token`, `--auth-token`): ArgumentParser checks the
    /// command's arguments before it says an option is unknown, so the value after it was read as a fixture and echoed
    /// ("'SECRET' is not SPORT/FIXTURE_ID"). The option's name alone, cut at any `=`.
    static func misspeltTokenFlag(_ arguments: [String]) -> String? {
        for argument in arguments {
            if argument == "--" { return nil }
            guard argument.hasPrefix("--") else { continue }
            let name = String(argument.prefix { $0 != "=" })
            if name == "--token" || name == "--token-file" { continue }
            if name.lowercased().contains("tok") { return TextSafety.clean(name, limit: 40) }
        }
        return nil
    }

    /// `--help` and `--version` as ArgumentParser ends them, but with a status that says whether they were written:
    /// to a full disk (`>/dev/full`) they were lost with status 0, as the fixtures list and the headless lines no
    /// longer are.
    static func exitSayingWhatCouldNotBeWritten(_ error: Error) -> Never {
        let code = exitCode(for: error)
        guard code == .success else { exit(withError: error) }
        let text = fullMessage(for: error)
        let bytes = Array((text.isEmpty ? "" : text + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = n < 0 ? String(cString: strerror(errno)) : "nothing written"
                try? FileHandle.standardError.write(contentsOf: Data("courtside: standard output: \(reason)\n".utf8))
                Foundation.exit(1)
            }
            written += n
        }
        Foundation.exit(0)
    }
}

/// `--speed 10` or `--speed max`.
struct ReplaySpeed: ExpressibleByArgument, Sendable {
    var factor: Double?

    init?(argument: String) {
        if argument == "max" {
            factor = nil
        } else if let x = Double(argument), x > 0, x.isFinite {
            factor = x
        } else {
            return nil
        }
    }

    init(factor: Double?) { self.factor = factor }

    /// The speed, or why not (a negative one read "Missing value", as if nothing had been typed).
    static func parse(_ argument: String) throws -> ReplaySpeed {
        guard let speed = ReplaySpeed(argument: argument) else {
            throw ValidationError("a speed is a factor above 0 (10 plays ten times faster than real time) or max, not '\(argument)'")
        }
        return speed
    }

    var defaultValueDescription: String { factor.map { "\($0)" } ?? "max" }
}

/// Writes to standard error, for messages that must never mix with `--headless` output.
func warn(_ message: String) {
    // Throwing, and the error dropped: `write(_:)` traps when standard error is closed or its disk is full.
    try? FileHandle.standardError.write(contentsOf: Data(("courtside: " + TextSafety.printable(message) + "\n").utf8))
}
