import Foundation
import Testing
import LiveActions
import TUI

#if canImport(Glibc)
import Glibc
#endif

/// The real binary in a real terminal (tmux): what a person would see and do.
extension EndToEnd {
@Suite(.enabled(if: Tmux.available)) struct TUIEndToEndTests {
    func focusedIndex(_ screen: String) -> Int? {
        for line in screen.split(separator: "\n") where line.hasPrefix("▶") {
            return Int(String(line.dropFirst().prefix(1)))
        }
        return nil
    }

    @Test func demoDrawsSwitchesPausesResizesAndQuits() throws {
        let t = try Tmux("\(courtsideBinary) demo --speed 30; " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        let (started, screen) = t.waitFor { $0.contains("COURTSIDE") && $0.contains("Žalgiris Kaunas") }
        #expect(started, "\(screen)")
        for name in ["Anadolu Efes", "FC Groningen", "Łódź United", "Ronnie O'Sullivan", "Sir Safety Perugia"] {
            #expect(screen.contains(name), "\(name) on screen")
        }
        #expect(screen.range(of: #"\d+ : \d+"#, options: .regularExpression) != nil, "scores on screen")
        #expect(focusedIndex(screen) == 1)

        t.send("Tab")
        #expect(t.waitFor { focusedIndex($0) == 2 }.0, "Tab moves the focus")
        t.send("4")
        let (moved, afterDigit) = t.waitFor { focusedIndex($0) == 4 }
        #expect(moved, "a digit moves the focus")
        let lines = afterDigit.split(separator: "\n")
        let focusPane = lines.drop { !$0.allSatisfy { $0 == "─" } }.prefix(3).joined(separator: "\n")
        #expect(focusPane.contains("Sir Safety Perugia"), "the focused view shows the volleyball fixture")

        t.send("Space")
        let (paused, pausedScreen) = t.waitFor { $0.contains("PAUSED") }
        #expect(paused)
        let clock = pausedScreen.split(separator: "\n").first.map(String.init) ?? ""
        usleep(1_500_000)
        #expect(t.capture().split(separator: "\n").first.map(String.init) == clock, "replay time stands still while paused")
        t.send("Space")
        #expect(t.waitFor { !$0.contains("PAUSED") }.0)

        t.resize(width: 70, height: 20)
        #expect(t.waitFor { $0.contains("Terminal too small") && $0.contains("70×20") }.0)
        // Unseen, keys do nothing but quit: two fixtures were removed and the replay paused behind the notice.
        t.send("x", "x", "Space")
        usleep(300_000)
        t.resize(width: 120, height: 40)
        let (back, wide) = t.waitFor { $0.contains("COURTSIDE") && !$0.contains("too small") }
        #expect(back)
        #expect(wide.contains("4 fixtures") && !wide.contains("PAUSED"), "keys acted unseen: \(wide)")
        #expect(wide.split(separator: "\n").contains { $0.count > 100 }, "re-laid out to the new width")

        t.send("?")
        #expect(t.waitFor { $0.contains("next / previous fixture") }.0, "help overlay")
        t.send("Escape")
        #expect(t.waitFor { !$0.contains("next / previous fixture") }.0)

        t.send("q")
        let (exited, final) = t.waitFor { $0.contains("EXITED") && ($0.contains("icanon") || $0.contains("echo")) }
        #expect(exited, "\(final)")
        #expect(final.contains("EXITED 0"))
        #expect(!final.contains("COURTSIDE"), "the alternate screen is gone")
        #expect(final.contains("icanon") && !final.contains("-icanon"), "canonical mode restored: \(final)")
        #expect(final.contains("echo") && !final.contains("-echo "), "echo restored: \(final)")
    }

    /// Quit signals end the app in order; crash signals go through the handlers that restore the terminal
    /// and die of the same signal.
    /// So do the other signals whose default ends a process (SIGUSR1, a CPU limit's SIGXCPU, SIGALRM, SIGPIPE):
    /// they left the shell in the alternate screen, its cursor hidden and its mouse reporting on. The cursor keys
    /// and the keypad are back in normal mode too.
    @Test(arguments: [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT"), (SIGHUP, "SIGHUP"), (SIGQUIT, "SIGQUIT"), (SIGSEGV, "SIGSEGV"), (SIGABRT, "SIGABRT"), (SIGBUS, "SIGBUS"),
                      (SIGUSR1, "SIGUSR1"), (SIGXCPU, "SIGXCPU"), (SIGALRM, "SIGALRM"), (SIGPIPE, "SIGPIPE")])
    func signalsRestoreTheTerminal(signal: Int32, name: String) throws {
        let t = try Tmux("\(courtsideBinary) demo --speed 30; " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("COURTSIDE") }.0)
        let pid = try #require(t.childPid(named: "courtside"))
        kill(pid, signal)
        let (exited, final) = t.waitFor { $0.contains("EXITED") && $0.contains("icanon") }
        #expect(exited, "\(name): \(final)")
        #expect(final.contains("EXITED \(128 + signal)"), "\(name): \(final)")
        #expect(!final.contains("-icanon") && !final.contains("-echo "), "\(name) left the terminal raw: \(final)")
        #expect(!final.contains("COURTSIDE"))
        let modes = try runProcess(t.tmux, ["display-message", "-p", "-t", t.session, "#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{keypad_cursor_flag} #{keypad_flag}"])
        #expect(modes.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0 1 0 0 0", "\(name): alternate, cursor, mouse, cursor keys, keypad: \(modes.stdout)")
    }

    /// Job control in an interactive shell. Ctrl-Z then `kill %1` ends the job (bash sends SIGTERM and a SIGCONT):
    /// ncurses redrew the board over the shell on the SIGCONT and stopped again on SIGTTOU, never ending. Started
    /// with `&` it draws nothing until `fg` (it took the screen from the shell); after `bg` it waits; brought back
    /// with `fg` it reads keys at once (they waited for Enter, the terminal left in the shell's cooked mode).
    @Test func jobControlLeavesTheShellItsTerminal() throws {
        let t = try Tmux("PS1='$ ' bash --norc -i", width: 100, height: 30)
        defer { t.kill() }
        func modes() -> String {
            ((try? runProcess(t.tmux, ["display-message", "-p", "-t", t.session, "#{alternate_on} #{mouse_any_flag}"]))?.stdout ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func waitModes(_ expected: String) -> Bool {
            for _ in 0..<100 where modes() != expected { usleep(100_000) }
            return modes() == expected
        }
        #expect(t.waitFor { $0.contains("$") }.0)
        t.send("\(courtsideBinary) demo --speed 30", "Enter")
        #expect(waitModes("1 1"), "the board")
        t.send("C-z")
        #expect(waitModes("0 0") && t.waitFor { $0.contains("Stopped") }.0, "suspended: \(t.capture())")
        t.send("kill %1", "Enter")
        t.send("sleep 1; jobs", "Enter")
        let (ended, screen) = t.waitFor { $0.contains("Exit 143") }
        #expect(ended && modes() == "0 0", "\(screen)")
        t.send("clear", "Enter")
        t.send("\(courtsideBinary) demo --speed 10 &", "Enter")
        usleep(1_500_000)
        #expect(modes() == "0 0" && !t.capture().contains("COURTSIDE"), "nothing drawn from the background: \(t.capture())")
        t.send("fg", "Enter")
        #expect(waitModes("1 1") && t.waitFor { $0.contains("COURTSIDE") }.0, "\(t.capture())")
        // Suspended, the replay waits as if paused: 3 s away at 10× skipped 30 s of match unseen.
        let replayTime = { (screen: String) -> Int? in
            guard let m = screen.firstMatch(of: /t\+(\d\d):(\d\d):(\d\d)/) else { return nil }
            return Int(m.1)! * 3600 + Int(m.2)! * 60 + Int(m.3)!
        }
        let before = replayTime(t.capture())
        t.send("C-z")
        #expect(waitModes("0 0"), "\(t.capture())")
        usleep(3_000_000)
        t.send("fg", "Enter")
        #expect(waitModes("1 1"))
        let after = replayTime(t.waitFor { replayTime($0) != nil }.1)
        #expect(before != nil && after != nil && after! - before! < 20, "\(String(describing: before)) → \(String(describing: after))")
        t.send("C-z")
        #expect(waitModes("0 0"), "\(t.capture())")
        t.send("bg", "Enter")
        usleep(1_000_000)
        #expect(modes() == "0 0", "nothing drawn after bg")
        t.send("fg", "Enter")
        #expect(waitModes("1 1"))
        let focused = { (screen: String) in screen.split(separator: "\n").first { $0.hasPrefix("▶") }.map(String.init) ?? "" }
        t.send("2")
        #expect(t.waitFor { focused($0).contains("Ronnie") }.0, "a key acts at once: \(t.capture())")
        t.send("q")
        #expect(waitModes("0 0"))
        t.send("echo DONE $?", "Enter")
        #expect(t.waitFor { $0.contains("DONE 0") }.0, "\(t.capture())")
    }

    /// A key sequence the terminal type does not list is read whole and dropped: its characters ran as commands
    /// (Home as `ESC [1~` focused fixture 1). A paste (bracketed) is typed into an open prompt, its line end left
    /// out, and is ignored elsewhere: read as keys, `Łódź United⏎xxq` searched, removed two fixtures and quit.
    @Test func unknownSequencesAndPastesRunNoCommands() throws {
        let t = try Tmux("TERM=tmux-256color \(courtsideBinary) demo --speed 1; " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("COURTSIDE") && $0.contains("Ding Junhui") }.0)
        let focused = { (screen: String) in screen.split(separator: "\n").first { $0.hasPrefix("▶") }.map(String.init) ?? "" }
        t.send("2")
        #expect(t.waitFor { focused($0).contains("Ronnie") }.0)
        _ = try runProcess(t.tmux, ["send-keys", "-t", t.session, "-l", "\u{1B}[99~\u{1B}[1;9Z\u{1B}O5"])
        // Alt and a key is not the key: Alt+x removed the focused fixture, Alt+q quit.
        t.send("M-x")
        t.send("M-q")
        t.send("?")  // a key after them, to know they were read
        #expect(t.waitFor { $0.contains("Keys") }.0)
        t.send("Escape")
        #expect(t.waitFor { !$0.contains("─ Keys ") }.0)
        #expect(focused(t.capture()).contains("Ronnie") && t.capture().contains("4 fixtures"), "\(t.capture())")
        func paste(_ text: String) throws {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-paste-\(UUID())").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            _ = try runProcess(t.tmux, ["load-buffer", "-b", "courtside", file])
            _ = try runProcess(t.tmux, ["paste-buffer", "-p", "-d", "-b", "courtside", "-t", t.session])
        }
        t.send("/")
        #expect(t.waitFor { $0.contains("find:") }.0)
        try paste("Łódź United\nxxq")
        #expect(t.waitFor { $0.contains("find: Łódź Unitedxxq") }.0, "\(t.capture())")
        t.send("Escape")
        try paste("xxq")
        t.send("?")
        #expect(t.waitFor { $0.contains("Keys") }.0)
        t.send("Escape")
        #expect(t.waitFor { !$0.contains("─ Keys ") && $0.contains("4 fixtures") }.0, "nothing removed: \(t.capture())")
        t.send("q")
        let (exited, final) = t.waitFor { $0.contains("EXITED") }
        #expect(exited && final.contains("EXITED 0"), "\(final)")
    }

    /// On an eight-colour terminal (TERM=screen, xterm, linux) the dark theme's borders and separators, a dark
    /// grey whose nearest of eight is black, were drawn black on the dark background the theme is made for; they
    /// are white now. And the help takes the keys: `x` behind it removed fixtures unseen.
    @Test func eightColoursKeepTheBordersAndTheHelpTakesTheKeys() throws {
        let t = try Tmux("unset NO_COLOR; TERM=screen \(courtsideBinary) demo --speed 30", width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("COURTSIDE") && $0.contains("───") }.0, "\(t.capture())")
        // In colour (the test runner sets NO_COLOR), and the separator and the frames not black.
        let styled = t.captureWithStyles().split(separator: "\n").filter { $0.contains("───") }
        #expect(styled.contains { $0.contains("\u{1B}[3") }, "no colour at all")
        #expect(!styled.isEmpty && styled.allSatisfy { !$0.contains("\u{1B}[30m") }, "\(styled.map { $0.replacingOccurrences(of: "\u{1B}", with: "^[") })")
        let rows = { (screen: String) in screen.split(separator: "\n").filter { $0.contains(" : ") && ($0.contains("BKB") || $0.contains("SOC") || $0.contains("VOL") || $0.contains("SNK")) }.count }
        let before = rows(t.capture())
        t.send("?")
        #expect(t.waitFor { $0.contains("Keys") }.0)
        t.send("x")
        #expect(t.waitFor { !$0.contains("─ Keys ") }.0)
        #expect(rows(t.capture()) == before, "\(t.capture())")
        t.send("q")
    }

    /// A terminal that hangs up while a wrapper ignores SIGHUP (the kernel signals the session leader only): the app
    /// sees its input end and quits, where it spun at full speed for good.
    @Test func aTerminalThatHangsUpEndsTheApp() throws {
        let t = try Tmux("trap '' HUP; \(courtsideBinary) demo --speed 30; sleep 30", width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("COURTSIDE") }.0)
        let pid = try #require(t.childPid(named: "courtside"))
        t.kill()
        var alive = true
        for _ in 0..<50 where alive {
            usleep(100_000)
            alive = kill(pid, 0) == 0 && !((try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.contains(") Z ") ?? true)
        }
        #expect(!alive, "still running after its terminal hung up")
        if alive { kill(pid, SIGKILL) }
    }

    /// Under a locale that is not UTF-8 (LANG=C: Docker images, ssh without locale forwarding) the screen is drawn
    /// in UTF-8 all the same: ncurses dropped every non-ASCII cell, and the big score line lost its score.
    @Test func aLocaleThatIsNotUTF8StillDrawsTheScreen() throws {
        let recording = repoRoot.appendingPathComponent("demo/basketball-zalgiris-efes.jsonl").path
        let t = try Tmux("env -i PATH=/usr/bin:/bin TERM=xterm-256color LANG=C \(courtsideBinary) demo '\(recording)' --speed 30; sleep 30")
        defer { t.kill() }
        let (drawn, screen) = t.waitFor { $0.contains("COURTSIDE") && $0.contains("Quarter") }
        #expect(drawn && screen.contains("▶1 ● BKB") && screen.contains("Žalgiris Kaunas") && screen.contains("demo · 30×"), "\(screen)")
    }

    @Test func aFatalErrorRestoresTheTerminal() throws {
        // A real Swift trap (fatalError) with the TUI on screen: SIGILL on x86-64, SIGTRAP on arm64.
        let t = try Tmux("\(benchBinary) crash-in-tui; " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        let (exited, final) = t.waitFor { $0.contains("EXITED") && $0.contains("icanon") }
        #expect(exited, "\(final)")
        #expect(final.contains("EXITED \(128 + SIGILL)") || final.contains("EXITED \(128 + SIGTRAP)"), "\(final)")
        #expect(final.contains("a deliberate crash"), "the trap's message is readable: \(final)")
        #expect(!final.contains("-icanon") && !final.contains("-echo "), "left the terminal raw: \(final)")
        #expect(!final.contains("COURTSIDE"), "the alternate screen is gone")
    }

    @Test func escapeSequencesInNamesNeverReachTheTerminal() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Sets the window title, clears the screen, rings the bell, switches the character set.
        let evil = "\u{1B}]2;PWNED\u{07}\u{1B}[2J\u{07}\u{1B}(0Evil\u{9B}31m"
        func frame(_ seq: Int, _ type: String) -> String {
            let action: [String: Any] = [
                "actionId": "a\(seq)", "fixtureId": "evil", "fixtureSeqNum": seq, "sendTypeId": 5, "fixtureActionType": type,
                "team": ["homeTeam": true, "name": evil], "player": ["name": evil + " Player"],
            ]
            let data = try! JSONSerialization.data(withJSONObject: ["t": seq, "frame": String(decoding: try! JSONSerialization.data(withJSONObject: ["fixtureAction": action]), as: UTF8.self)])
            return String(decoding: data, as: UTF8.self)
        }
        let header = String(decoding: try JSONSerialization.data(withJSONObject: ["recording": 1, "sport": "soccer", "fixtureId": "evil", "home": evil, "away": "Away"]), as: UTF8.self)
        let text = ([header] + [frame(1, "Start Fixture"), frame(2, "Goal")] + (3...40).map { frame($0, "Possession") }).joined(separator: "\n") + "\n"
        let path = dir.appendingPathComponent("evil.jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        let t = try Tmux("\(courtsideBinary) demo --speed 0.5 \(path); " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        let (drawn, screen) = t.waitFor { $0.contains("COURTSIDE") && $0.contains("Evil") && $0.contains("1 : 0") }
        #expect(drawn, "\(screen)")
        let title = (try? runProcess(t.tmux, ["display-message", "-p", "-t", t.session, "#{pane_title}"]))?.stdout ?? ""
        // Courtside sets the title to the focused score, team names included, as filtered text: the name's own
        // OSC 2 shows as characters in it instead of replacing it.
        #expect(!title.hasPrefix("PWNED") && title.contains("\u{FFFD}]2;PWNED"), "the window title was set from a team name: \(title)")
        #expect(!screen.contains("^[") && !screen.contains("^G"), "control characters reached ncurses, which shows them as ^X: \(screen)")
        #expect(screen.contains("\u{FFFD}"), "each one is shown as a replacement character")
        #expect(!screen.contains("┌┐") && !screen.contains("lqqk"), "no switch to the line-drawing charset: \(screen)")
        t.send("q")
        #expect(t.waitFor { $0.contains("EXITED 0") }.0)
    }

    /// At `--speed max` the whole match plays between two frames: the end must be held on screen before the
    /// loop starts again (restarted at once, every frame drew the same early minute, for good).
    @Test func aLoopShowsTheEndBeforeItStartsAgain() throws {
        let t = try Tmux("\(courtsideBinary) demo --loop --speed max demo/soccer-groningen-lodz.jsonl; echo EXITED $?; sleep 30")
        defer { t.kill() }
        func ended(_ s: String) -> Bool { s.contains("3 : 2") && s.contains("FINISHED") }
        let (shown, end) = t.waitFor(ended)
        #expect(shown, "the final score on screen: \(end)")
        #expect(!end.contains("loop 2"))
        let (again, second) = t.waitFor { ended($0) && $0.contains("loop 2") }
        #expect(again, "the loop starts again and plays to the end: \(second)")
        t.send("q")
        #expect(t.waitFor { $0.contains("EXITED 0") }.0)
    }

    @Test func ctrlCFromTheKeyboard() throws {
        // The terminal sends SIGINT to the whole foreground group; the shell ignores it so it can report.
        let t = try Tmux("trap '' INT; \(courtsideBinary) demo --speed 30; " + terminalCheck)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("COURTSIDE") }.0)
        t.send("C-c")
        let (exited, final) = t.waitFor { $0.contains("EXITED") && $0.contains("icanon") }
        #expect(exited && final.contains("EXITED 130"), "\(final)")
        #expect(!final.contains("-icanon"))
    }

    @Test func brokenThemeFailsBeforeTakingTheTerminal() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("broken.toml").path
        try "[title]\nfg = \"nope\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let t = try Tmux("\(courtsideBinary) demo --theme \(path); " + terminalCheck, width: 200)
        defer { t.kill() }
        let (exited, final) = t.waitFor { $0.contains("EXITED") }
        #expect(exited)
        #expect(final.contains("broken.toml:2: bad colour 'nope' for key 'fg' in [title]"), "\(final)")
        #expect(!final.contains("EXITED 0"))
    }

    /// TERM=dumb (Emacs' shell, some CI logs) has no cursor addressing: the board drew only its last line, over
    /// and over. It is refused with a message, and the terminal is left as it was.
    @Test func aTerminalThatCannotPlaceTheCursorIsRefused() throws {
        let t = try Tmux("TERM=dumb \(courtsideBinary) demo; " + terminalCheck, width: 200)
        defer { t.kill() }
        let (exited, final) = t.waitFor { $0.contains("EXITED") && $0.contains("icanon") }
        #expect(exited && final.contains("EXITED 1"), "\(final)")
        #expect(final.contains("(TERM=dumb) cannot place the cursor") && final.contains("--headless"), "\(final)")
        #expect(!final.contains("COURTSIDE"), "nothing of the board is drawn: \(final)")
        #expect(!final.contains("-icanon") && !final.contains("-echo "), "left the terminal raw: \(final)")
    }

    /// A terminal type the system has no description of is named as such, with the types that work and
    /// `--headless`: it said only "cannot start the terminal".
    @Test func anUnknownTerminalTypeIsRefusedSayingWhatWorks() throws {
        let t = try Tmux("TERM=nosuchterm \(courtsideBinary) demo; " + terminalCheck, width: 200)
        defer { t.kill() }
        let (exited, final) = t.waitFor { $0.contains("EXITED") && $0.contains("icanon") }
        #expect(exited && final.contains("EXITED 1"), "\(final)")
        #expect(final.contains("no such terminal type") && final.contains("xterm-256color") && final.contains("--headless"), "\(final)")
        #expect(!final.contains("-icanon") && !final.contains("-echo "), "left the terminal raw: \(final)")
    }

    /// A terminal with no alternate screen (the Linux console, vt100) kept the whole board under the shell's
    /// prompt after `q`: it is cleared, as leaving the alternate screen clears it elsewhere.
    @Test(arguments: ["linux", "vt100"])
    func aTerminalWithNoAlternateScreenIsClearedOnQuit(term: String) throws {
        let t = try Tmux("TERM=\(term) \(courtsideBinary) demo --speed 1; " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("Ding Junhui") }.0, "\(t.capture())")
        t.send("q")
        let (exited, final) = t.waitFor { $0.contains("EXITED") && $0.contains("icanon") }
        #expect(exited && final.contains("EXITED 0"), "\(final)")
        #expect(!final.contains("Ding Junhui") && !final.contains("Actions"), "the board is gone: \(final)")
    }

    /// The board under a limit of open files that holds the recordings but not the board's own descriptors says so,
    /// naming the limit, as a replay without the board does: ncurses failed as "cannot start the terminal".
    @Test func aBoardShortOfFilesSaysWhichLimit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-files-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for i in 0..<40 {
            let header = RecordingHeader(sport: "soccer", fixtureId: "held-\(i)", home: "Home \(i)", away: "Away \(i)")
            try (header.jsonLine + "\n" + RecordedFrame(t: 1, frame: #"{"type":"heartbeat"}"#).jsonLine + "\n")
                .write(toFile: dir.appendingPathComponent(String(format: "m-%02d.jsonl", i)).path, atomically: true, encoding: .utf8)
        }
        for (limit, board) in [(48, false), (80, true)] {
            let t = try Tmux("ulimit -Sn \(limit); ulimit -Hn \(limit); \(courtsideBinary) demo \(dir.path) --speed 1; " + terminalCheck, width: 100, height: 30)
            defer { t.kill() }
            if board {
                #expect(t.waitFor { $0.contains("Home 0") }.0, "\(t.capture())")
                t.send("q")
            }
            let (exited, final) = t.waitFor { $0.contains("EXITED") }
            #expect(exited && final.contains(board ? "EXITED 0" : "EXITED 1"), "\(limit): \(final)")
            if !board { #expect(final.contains("40 recordings play at once") && final.contains("ulimit -Hn") && !final.contains("cannot start the terminal"), "\(final)") }
        }
    }

    /// A recording's bad lines are counted on the board, and said after `q` as --headless says them: the panel said
    /// "malformed 1" of four lines lost, and after quitting nothing was said.
    @Test func badLinesAreCountedAndSaidAfterQuitting() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-bad-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let soccer = try String(contentsOf: repoRoot.appendingPathComponent("demo/soccer-groningen-lodz.jsonl"), encoding: .utf8)
        var lines = soccer.split(separator: "\n").map(String.init)
        for (at, bad) in [(3, "garbage 1"), (5, #"{"t":1}"#), (7, #"{"t":2,"frame":"nope"}"#), (9, "garbage 4")] { lines.insert(bad, at: at) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let t = try Tmux("\(courtsideBinary) demo \(path) --speed max; " + terminalCheck, width: 250, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.range(of: #"malformed\s+4"#, options: .regularExpression) != nil }.0, "\(t.capture())")
        t.send("q")
        let (exited, final) = t.waitFor { $0.contains("EXITED") }
        #expect(exited && final.contains("4 unusable lines, frames or action messages left out (the last:"), "\(final)")
    }

    @Test func noTerminalSaysSo() throws {
        let r = try runProcess(courtsideBinary, ["demo"], stdin: "")
        #expect(r.status != 0)
        #expect(r.stderr.contains("must be a terminal"), "\(r.stderr)")
    }
}
}
