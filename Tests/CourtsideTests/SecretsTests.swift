import Foundation
import Testing
import TUI
import Feeds

#if canImport(Glibc)
import Glibc
#endif

/// The token, through the documented commands: never in `ps`, on screen, in a log line, a recording or an
/// error message; a token file others can read draws a warning.
extension EndToEnd {
@Suite(.enabled(if: Tmux.available)) struct SecretsTests {
    let secret = "S3cret-\(UUID().uuidString.prefix(13))"
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-secrets-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func tokenFile(_ name: String, _ token: String, mode: mode_t) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try (token + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, mode)
        return path
    }

    func fixtures() -> [String] {
        ["basketball", "soccer"].compactMap { demoRecording($0)?.header.fixture.description }
    }

    @Test func theTokenIsNowhereToBeSeen() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let serverToken = try tokenFile("server-token", secret, mode: 0o600)
        let (server, port) = try startServe(["--token-file", serverToken, "--heartbeat", "0.5"])
        defer { server.stop() }
        let fixtures = fixtures()
        #expect(fixtures.count == 2)
        let endpoint = "ws://127.0.0.1:\(port)"
        let records = dir.appendingPathComponent("rec").path
        let stderrPath = dir.appendingPathComponent("watch.stderr").path

        // The TUI, as the README runs it: the token from a file.
        let token = try tokenFile("token", secret, mode: 0o600)
        let t = try Tmux("\(courtsideBinary) watch \(fixtures.joined(separator: " ")) --endpoint \(endpoint) --token-file \(token) --record \(records) 2>\(stderrPath); "
                         + terminalCheck, width: 160, height: 48)
        defer { t.kill() }
        let (live, screen) = t.waitFor { $0.contains("COURTSIDE") && $0.contains("Team Colours") && $0.contains("Lineups") }
        #expect(live, "\(screen)")
        let pid = try #require(t.childPid(named: "courtside"))
        let cmdline = try String(decoding: Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")), as: UTF8.self)
        #expect(cmdline.contains("watch") && !cmdline.contains(secret), "\(cmdline)")
        let ps = try runProcess("/usr/bin/env", ["ps", "-eww", "-o", "args="]).stdout
        #expect(ps.contains("courtside watch") && ps.contains("courtside serve"), "ps sees both commands")
        #expect(!ps.contains(secret), "the token is in ps")
        t.send("?")
        let (help, helpScreen) = t.waitFor { $0.contains("quit") }
        #expect(help)
        #expect(!screen.contains(secret) && !helpScreen.contains(secret))
        t.send("q")
        #expect(t.waitFor { $0.contains("EXITED 0") }.0)

        let recordings = RecordingStore.recordings(in: records)
        #expect(recordings.count == 2)
        for path in recordings { #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains(secret), "\(path)") }
        let watchStderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        #expect(!watchStderr.contains(secret), "\(watchStderr)")

        // A wrong token: the error says so, and names neither token.
        let wrong = "Wr0ng-\(UUID().uuidString.prefix(13))"
        let wrongFile = try tokenFile("wrong-token", wrong, mode: 0o600)
        let rejected = try runProcess(courtsideBinary, ["watch", fixtures[0], "--endpoint", endpoint, "--token-file", wrongFile, "--headless"], timeout: 30)
        #expect(rejected.status != 0)
        #expect(rejected.stderr.contains("401"), "\(rejected.stderr)")
        let everything = rejected.stdout + rejected.stderr + server.text
        #expect(!everything.contains(wrong) && !everything.contains(secret), "\(everything)")
        #expect(server.text.contains("token rejected"), "the server logged the refusal: \(server.text)")
    }

    /// A token passed as `--token` (as `serve` takes one) is refused without a word of it: read as the fixture, it
    /// was echoed in "'…' is not SPORT/FIXTURE_ID".
    @Test func aTokenOnTheCommandLineIsRefusedUnsaid() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let fixture = try #require(fixtures().first)
        for arguments in [["watch", "--token", secret, fixture], ["record", "--out", dir.path, "--token", secret, fixture],
                          ["fixtures", "soccer", "--token=\(secret)"], ["import", fixture, "--out", dir.path, "--token", secret]] {
            let r = try runProcess(courtsideBinary, arguments, timeout: 30)
            #expect(r.status != 0 && r.stderr.contains("--token is not taken here") && r.stderr.contains("--token-file"), "\(arguments[0]): \(r.stderr)")
            #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret), "\(arguments[0]): \(r.stderr)")
        }
        // Nor a token after an option that is almost `--token`: ArgumentParser checks the fixtures before it says an
        // option is unknown, and the token was echoed as the fixture it was read as.
        for arguments in [["watch", "--tok", secret, fixture], ["fixtures", "--Token=\(secret)", "soccer"], ["import", "--auth-token", secret, fixture, "--out", dir.path]] {
            let r = try runProcess(courtsideBinary, arguments, timeout: 30)
            #expect(r.status == 64 && r.stderr.contains("unknown option") && r.stderr.contains("--token-file"), "\(arguments): \(r.stderr)")
            #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret), "\(arguments): \(r.stderr)")
        }
    }

    /// A token file an editor began with a byte-order mark is read without it (the token was refused, 401); serve
    /// refuses an empty token and two sources of one, rather than refusing every client or choosing silently.
    @Test func aTokenFileWithAByteOrderMarkIsReadAndServeRefusesAmbiguousTokens() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let (server, port) = try startServe(["--token", "bom-local-token"])
        defer { server.stop() }
        let fixture = try #require(fixtures().first)
        let path = try tokenFile("token-bom", "\u{FEFF}bom-local-token", mode: 0o600)
        let r = try runProcess(courtsideBinary, ["watch", fixture, "--endpoint", "ws://127.0.0.1:\(port)", "--speed", "fast",
                                                 "--token-file", path, "--headless"], timeout: 60)
        #expect(r.status == 0 && finals(r.stdout).values.first?["connection"]?.stringValue == "finished", "\(r.stderr)")
        for (arguments, says) in [(["--token", ""], "--token is empty"), (["--token", "a", "--token-file", path], "not both")] {
            let refused = try runProcess(courtsideBinary, ["serve", "--port", "0"] + arguments, timeout: 10)
            #expect(refused.status != 0 && refused.stderr.contains(says), "\(refused.stderr)")
        }
    }

    /// A token handed over through a pipe (`--token-file <(pass show courtside)`), with no file on disk, is read: it was
    /// refused as "cannot read the token file /dev/fd/63", with no reason.
    @Test func aTokenFromAPipeIsRead() throws {
        let (server, port) = try startServe(["--token", "piped-local-token"])
        defer { server.stop() }
        let fixture = try #require(fixtures().first)
        let r = try runProcess("/bin/bash", ["-c", "'\(courtsideBinary)' watch \(fixture) --endpoint ws://127.0.0.1:\(port) --speed fast --headless --token-file <(echo piped-local-token)"], timeout: 60)
        #expect(r.status == 0 && finals(r.stdout).values.first?["connection"]?.stringValue == "finished", "\(r.stderr)")
        #expect(!r.stderr.contains("other users"), "\(r.stderr)")
        let missing = try runProcess(courtsideBinary, ["watch", fixture, "--endpoint", "ws://127.0.0.1:\(port)", "--headless", "--token-file", "/nonexistent/token"], timeout: 20)
        #expect(missing.status != 0 && missing.stderr.contains("cannot read the token file /nonexistent/token (No such file or directory)"), "\(missing.stderr)")
    }

    @Test func aTokenFileOthersCanReadDrawsAWarning() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let (server, port) = try startServe(["--token", "throwaway-local-token"])
        defer { server.stop() }
        let fixture = try #require(fixtures().first)
        for (mode, warned) in [(0o644, true), (0o640, true), (0o600, false), (0o400, false)] as [(mode_t, Bool)] {
            let path = try tokenFile("token-\(String(mode, radix: 8))", "throwaway-local-token", mode: mode)
            let r = try runProcess(courtsideBinary, ["watch", fixture, "--endpoint", "ws://127.0.0.1:\(port)", "--speed", "fast",
                                                     "--token-file", path, "--headless"], timeout: 60)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("can be read by other users") == warned, "mode \(String(mode, radix: 8)): \(r.stderr)")
            #expect(r.stderr.contains("chmod 600") == warned)
            #expect(!r.stderr.contains("throwaway-local-token"))
        }
    }
}
}
