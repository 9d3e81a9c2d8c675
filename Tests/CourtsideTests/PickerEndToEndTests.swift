import Foundation
import Feeds
import LiveActions
import Testing

/// `a` and `x` in a real terminal: a demo that grows from one match, and a live watch that adds a fixture
/// listed by `serve`'s Fixtures API.
extension EndToEnd {
@Suite(.enabled(if: Tmux.available)) struct PickerEndToEndTests {
    /// The overview's rows: lines that start with a fixture number (or the focus mark and one).
    func overviewRows(_ screen: String) -> [Substring] {
        screen.split(separator: "\n").prefix { !$0.allSatisfy { $0 == "─" } }.dropFirst().filter { $0.dropFirst().first?.isNumber == true }
    }

    @Test func aDemoAddsAMatchFromDemoAndXRemovesIt() throws {
        let t = try Tmux("\(courtsideBinary) demo demo/soccer-groningen-lodz.jsonl --speed 30", width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("FC Groningen") }.0)
        #expect(overviewRows(t.capture()).count == 1)
        t.send("a")
        let (listed, picker) = t.waitFor { $0.contains("Add a fixture") && $0.contains("Žalgiris Kaunas v Anadolu Efes") }
        #expect(listed, "\(picker)")
        #expect(!picker.contains("FC Groningen v Łódź United"), "what plays already is not offered")
        t.send("Enter")
        let (added, screen) = t.waitFor { overviewRows($0).count == 2 && $0.contains("Žalgiris Kaunas") && !$0.contains("Add a fixture") }
        #expect(added, "\(screen)")
        #expect(t.waitFor { $0.range(of: #"Žalgiris Kaunas\s+[1-9]\d* : \d+"#, options: .regularExpression) != nil }.0, "the added match plays")
        t.send("x")
        let (removed, after) = t.waitFor { overviewRows($0).count == 1 && !$0.contains("Žalgiris") }
        #expect(removed, "\(after)")
        t.send("q")
    }

    /// A recording read from a pipe, taken off with `x`, is not offered back by `a`: read once, it was added back
    /// empty and stayed "connecting" for good, with nothing said.
    @Test func aRecordingFromAPipeIsNotOfferedBack() throws {
        let t = try Tmux("bash -c \"\(courtsideBinary) demo <(cat demo/soccer-groningen-lodz.jsonl) --speed 30\"", width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("FC Groningen") }.0, "\(t.capture())")
        t.send("x")
        #expect(t.waitFor { overviewRows($0).isEmpty && $0.contains("No fixtures") }.0, "\(t.capture())")
        t.send("a")
        let (listed, picker) = t.waitFor { $0.contains("Add a fixture") && $0.contains("Žalgiris Kaunas v Anadolu Efes") }
        #expect(listed, "\(picker)")
        #expect(!picker.contains("Groningen"), "the pipe's match is not offered: \(picker)")
        t.send("Escape")
        #expect(t.waitFor { !$0.contains("Add a fixture") }.0)  // sent at once, Escape and a key are Alt and the key
        t.send("q")
    }

    /// A favourite's match is listed first in the picker, marked ★.
    @Test func aFavouritesMatchIsListedFirst() throws {
        let t = try Tmux("\(courtsideBinary) demo demo/soccer-groningen-lodz.jsonl --speed 30 --favourite zaksa", width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("FC Groningen") }.0)
        t.send("a")
        // Selected (the first), marked, and ZAKSA's.
        let (marked, list) = t.waitFor { $0.split(separator: "\n").contains { $0.contains("▶ ★ ") && $0.contains("ZAKSA") } }
        #expect(marked, "\(list)")
        t.send("Escape")
        #expect(t.waitFor { !$0.contains("Add a fixture") }.0)  // sent at once, Escape and a key are Alt and the key
        t.send("q")
    }

    /// At `--speed max` everything due has played at once; a match added then starts where the replay got to.
    /// The replay's time was infinite there, and the new match's first frame took the title's clock to infinity,
    /// where converting it to whole seconds trapped.
    @Test func aMatchAddedAtFullSpeedPlaysWithoutTakingTheScreenDown() throws {
        let t = try Tmux("\(courtsideBinary) demo demo/soccer-groningen-lodz.jsonl --speed max; " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("FC Groningen") && $0.contains("End Fixture") }.0, "\(t.capture())")
        t.send("a")
        #expect(t.waitFor { $0.contains("Add a fixture") && $0.contains("Žalgiris Kaunas v Anadolu Efes") }.0, "\(t.capture())")
        t.send("Enter")
        let (added, screen) = t.waitFor { overviewRows($0).count == 2 && $0.range(of: #"Žalgiris Kaunas\s+[1-9]\d* : \d+"#, options: .regularExpression) != nil }
        #expect(added, "\(screen)")
        t.send("q")
        let (exited, after) = t.waitFor { $0.contains("EXITED") }
        #expect(exited && after.contains("EXITED 0"), "\(after)")
    }

    /// A fixture that failed in the TUI says why on stderr once the terminal is back, and the exit is 1, as with
    /// --headless (the reason was on the screen only, and the exit was 0). Under `--delay` too: the failure tells
    /// nothing of the match and is not held back (it read "connecting" for the whole delay, and `q` exited 0).
    @Test(.enabled(if: pythonWebsockets), arguments: [[], ["--delay", "1m"]])
    func aFailedFixtureIsReportedAfterTheScreenCloses(delay: [String]) throws {
        let server = try BackgroundProcess(python3(), [repoRoot.appendingPathComponent("Tests/e2e/provider_standin.py").path,
                                                       repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl").path, "--status", "404"])
        defer { server.stop() }
        let port = try #require(server.waitFor(#"listening (\d+)"#))
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-err-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: errors) }
        let t = try Tmux("\(courtsideBinary) watch soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c --endpoint ws://127.0.0.1:\(port) \(delay.joined(separator: " ")) 2>\(errors); "
                         + terminalCheck, width: 100, height: 30, env: ["COURTSIDE_TOKEN": "x", "COURTSIDE_API": "", "COURTSIDE_ENDPOINT": ""])
        defer { t.kill() }
        #expect(t.waitFor { $0.lowercased().contains("not found or not licensed") }.0, "\(t.capture())")
        t.send("q")
        let (exited, after) = t.waitFor { $0.contains("EXITED") }
        #expect(exited && after.contains("EXITED 1"), "\(after)")
        let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        #expect(stderr.contains("soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c: fixture not found or not licensed (404)"), "\(stderr)")
    }

    @Test func aLiveWatchAddsAFixtureListedByTheAPI() throws {
        let (server, port) = try startServe(["--token", "pick", "--speed", "50"])
        defer { server.stop() }
        let (home, env) = try Self.cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let soccer = try #require(demoRecording("soccer")).header.fixture
        let t = try Tmux("\(courtsideBinary) watch \(soccer) --endpoint ws://127.0.0.1:\(port)", width: 100, height: 30, env: env)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("live") && overviewRows($0).count == 1 }.0, "\(t.capture())")
        t.send("a")
        // The API lists the sports watched: only soccer here, and that fixture is on screen already.
        let (empty, picker) = t.waitFor { $0.contains("Nothing more to add") }
        #expect(empty, "\(picker)")
        t.send("Escape")
        #expect(t.waitFor { !$0.contains("Add a fixture") }.0)
        t.send("x")
        #expect(t.waitFor { overviewRows($0).isEmpty }.0)
        t.send("a")
        let (listed, again) = t.waitFor { $0.contains("FC Groningen v Łódź United") }
        #expect(listed, "\(again)")
        t.send("Enter")
        let (added, screen) = t.waitFor { overviewRows($0).count == 1 && $0.contains("FC Groningen") && !$0.contains("Add a fixture") }
        #expect(added, "\(screen)")
        #expect(t.waitFor { _ in server.text.components(separatedBy: "startPosition=0").count - 1 >= 2 }.0,
                "its stream opens again: \(server.text)")
        t.send("q")
    }

    /// A recorded fixture closed with `x` and added again with `a` keeps one recording of its match: its stream
    /// starts again from the first message, and the messages the recording held were appended to it a second time.
    @Test func aFixtureAddedAgainWhileRecordedIsRecordedOnce() throws {
        let (server, port) = try startServe(["--token", "pick", "--speed", "20"])
        defer { server.stop() }
        let (home, env) = try Self.cleanHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let demo = try #require(demoRecording("soccer"))
        let soccer = demo.header.fixture
        let path = LiveSources.recordingPath(for: soccer, in: home + "/rec")
        func recordedSeqs() -> [Int] {
            guard let recording = try? RecordingStore.load(path) else { return [] }
            return Self.seqs(of: recording)
        }
        let t = try Tmux("\(courtsideBinary) watch \(soccer) --endpoint ws://127.0.0.1:\(port) --record \(home)/rec", width: 100, height: 30, env: env)
        defer { t.kill() }
        #expect(t.waitFor { _ in recordedSeqs().count >= 5 }.0, "\(t.capture())")
        t.send("x")
        #expect(t.waitFor { overviewRows($0).isEmpty }.0)
        let before = recordedSeqs().count
        t.send("a")
        #expect(t.waitFor { $0.contains("FC Groningen v Łódź United") }.0, "\(t.capture())")
        t.send("Enter")
        #expect(t.waitFor { _ in server.text.components(separatedBy: "startPosition=0").count - 1 >= 2 }.0, "\(server.text)")
        // Played on past what the recording held before: the stream sent again has caught up.
        #expect(t.waitFor { _ in recordedSeqs().count > before + 2 }.0, "\(t.capture())")
        t.send("q")
        let recorded = recordedSeqs()
        // The match's messages as the server sends them, each once, none missing.
        #expect(recorded == Array(Self.seqs(of: demo).prefix(recorded.count)), "\(recorded)")
    }

    /// A new empty home (no config file) and the environment of a `watch` that reads `serve --token pick`.
    static func cleanHome() throws -> (home: String, env: [String: String]) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-home-\(UUID())").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return (home, ["HOME": home, "XDG_CONFIG_HOME": home, "COURTSIDE_TOKEN": "pick", "COURTSIDE_API": "", "COURTSIDE_ENDPOINT": ""])
    }

    /// The sequence numbers of a recording's action messages, in the order recorded.
    static func seqs(of recording: Recording) -> [Int] {
        recording.frames.flatMap { frame -> [Int] in
            if case .actions(let messages, _) = FrameDecoder.decode(frame.frame) { return messages.map(\.action.seq) }
            return []
        }
    }
}
}

/// The mouse wheel over the screen scrolls the focused fixture's action feed.
extension EndToEnd {
@Suite(.enabled(if: Tmux.available)) struct WheelEndToEndTests {
    @Test func theWheelScrollsTheFeed() throws {
        let t = try Tmux("\(courtsideBinary) demo demo/basketball-zalgiris-efes.jsonl --speed 300", width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.range(of: #"Actions · [2-9]\d"#, options: .regularExpression) != nil }.0, "\(t.capture())")
        t.send("Space")  // paused, so that the feed stands still
        #expect(t.waitFor { $0.contains("PAUSED") }.0)
        // X10 mouse reports: ESC [ M, then 32 + button (64 wheel up, 65 wheel down), 32 + column, 32 + row.
        var scrolled = (false, "")
        for _ in 0..<3 where !scrolled.0 {
            t.send("-l", "\u{1B}[Ma++")
            scrolled = t.waitFor(timeout: 3) { $0.contains("↑ 3 newer") }
        }
        #expect(scrolled.0, "the wheel down scrolls three lines back: \(scrolled.1)")
        t.send("-l", "\u{1B}[M`++")
        let (back, screen) = t.waitFor(timeout: 5) { !$0.contains("newer") }
        #expect(back, "the wheel up scrolls towards the newest: \(screen)")
        t.send("q")
    }
}
}
