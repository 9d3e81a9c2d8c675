import Foundation
import Testing

/// Issue 15 in a real terminal (tmux): favourites, the window title.
extension EndToEnd {
@Suite(.enabled(if: Tmux.available)) struct FanEndToEndTests {
    func overviewRows(_ screen: String) -> [String] {
        Array(screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix { !$0.hasPrefix("───") }.map(String.init))
    }

    func paneTitle(_ t: Tmux) -> String {
        (try? runProcess(t.tmux, ["display-message", "-p", "-t", t.session, "#{pane_title}"]))?.stdout ?? ""
    }

    @Test func aFavouriteComesFirstAndIsMarked() throws {
        let t = try Tmux("\(courtsideBinary) demo --speed max --favourite 'ZAKSA Kędzierzyn-Koźle'; " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        let (drawn, screen) = t.waitFor { $0.contains("COURTSIDE") && $0.contains("Žalgiris Kaunas") }
        #expect(drawn, "\(screen)")
        let rows = overviewRows(screen)
        #expect(rows.count == 4, "\(screen)")
        #expect(rows.first?.hasPrefix("▶1★") == true && rows.first?.contains("ZAKSA Kędzierzyn-Ko") == true, "\(screen)")
        #expect(rows.dropFirst().allSatisfy { !$0.contains("★") && !$0.contains("ZAKSA") }, "\(screen)")
        t.send("q")
        #expect(t.waitFor { $0.contains("EXITED 0") }.0)
    }

    @Test func theWindowTitleFollowsTheFocusedScore() throws {
        let t = try Tmux("\(courtsideBinary) demo --speed 30; " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("COURTSIDE") }.0)
        let deadline = Date().addingTimeInterval(10)
        var title = paneTitle(t)
        while !title.contains("Žalgiris Kaunas"), Date() < deadline { usleep(100_000); title = paneTitle(t) }
        #expect(title.range(of: #"^Žalgiris Kaunas \d+–\d+ Anadolu Efes"#, options: .regularExpression) != nil, "\(title)")
        t.send("3")
        let later = Date().addingTimeInterval(10)
        while !title.contains("FC Groningen"), Date() < later { usleep(100_000); title = paneTitle(t) }
        #expect(title.range(of: #"^FC Groningen \d+–\d+ Łódź United"#, options: .regularExpression) != nil, "focus changes the title: \(title)")
        t.send("q")
        #expect(t.waitFor { $0.contains("EXITED 0") }.0)
    }

    @Test func spoilerFreeShowsNoScoreUntilR() throws {
        let t = try Tmux("\(courtsideBinary) demo --speed 120 --no-spoilers; " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { $0.contains("COURTSIDE") && $0.contains("Žalgiris Kaunas") }.0)
        let score = #"\d+ : \d+"#
        for _ in 0..<10 {
            let screen = t.capture()
            let rows = overviewRows(screen)
            #expect(rows.count == 4 && rows.allSatisfy { $0.contains("? : ?") }, "\(screen)")
            #expect(screen.range(of: score, options: .regularExpression) == nil, "\(screen)")
            #expect(paneTitle(t).range(of: #"\d+–\d+"#, options: .regularExpression) == nil, "\(paneTitle(t))")
            // Nothing that goes with a score, and no mark where it was (the basketball feed is focused).
            for word in ["Points Made", "Points Missed", "Free Throw", "score hidden", "Actions · ", "%"] {
                #expect(!screen.contains(word), "\(word): \(screen)")
            }
            usleep(200_000)
        }
        t.send("r")
        let (revealed, screen) = t.waitFor { overviewRows($0).first?.range(of: score, options: .regularExpression) != nil }
        #expect(revealed, "\(screen)")
        #expect(overviewRows(screen).dropFirst().allSatisfy { $0.contains("? : ?") }, "only the focused fixture: \(screen)")
        t.send("R")
        let (hiddenAgain, last) = t.waitFor { overviewRows($0).first?.contains("? : ?") == true }
        #expect(hiddenAgain, "R hides it again: \(last)")
        t.send("q")
        #expect(t.waitFor { $0.contains("EXITED 0") }.0)
    }

    func bellFlag(_ t: Tmux) -> String {
        ((try? runProcess(t.tmux, ["display-message", "-p", "-t", t.session, "#{window_bell_flag}"]))?.stdout ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A score change in the focused fixture rings the terminal's bell (tmux flags the window); `--quiet` does not.
    @Test(arguments: [false, true])
    func theBellRingsOnAScoreUnlessQuiet(quiet: Bool) throws {
        let t = try Tmux("\(courtsideBinary) demo --speed 120\(quiet ? " --quiet" : ""); " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        // The focused basketball fixture scores within seconds at 120×.
        let (scored, screen) = t.waitFor { overviewRows($0).first?.range(of: #"[1-9]\d* : \d+|\d+ : [1-9]"#, options: .regularExpression) != nil }
        #expect(scored, "\(screen)")
        let deadline = Date().addingTimeInterval(quiet ? 3 : 10)
        var flag = bellFlag(t)
        while flag != "1", Date() < deadline { usleep(100_000); flag = bellFlag(t) }
        #expect(flag == (quiet ? "0" : "1"), "window_bell_flag \(flag)")
        t.send("q")
        #expect(t.waitFor { $0.contains("EXITED 0") }.0)
    }

    func focusedRow(_ screen: String) -> Int? {
        overviewRows(screen).firstIndex { $0.hasPrefix("▶") }.map { $0 + 1 }
    }

    /// A left click on an overview row focuses it (an X10 mouse report, as tmux's terminfo describes it);
    /// `g` and a number, `/` and a name, and `o` work from the keyboard.
    @Test func clickGotoFindAndFullOverview() throws {
        let t = try Tmux("\(courtsideBinary) demo --speed 30; " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor { focusedRow($0) == 1 }.0)
        // Press and release of button 1 at column 10, row 3 (1-based 11, 4: each plus 32).
        var clicked = false
        for _ in 0..<3 where !clicked {
            t.send("-l", "\u{1B}[M +$")
            t.send("-l", "\u{1B}[M#+$")
            clicked = t.waitFor(timeout: 3) { focusedRow($0) == 3 }.0
        }
        #expect(clicked, "the click focuses row 3")
        t.send("g")
        #expect(t.waitFor { $0.contains("go to fixture:") }.0)
        t.send("4", "Enter")
        #expect(t.waitFor { focusedRow($0) == 4 }.0)
        t.send("/")
        t.send("-l", "zalgiris")
        t.send("Enter")
        let (found, screen) = t.waitFor { focusedRow($0) == 1 }
        #expect(found && overviewRows(screen).first?.contains("Žalgiris") == true, "\(screen)")
        t.send("o")
        let (full, all) = t.waitFor { !$0.contains("Actions ·") }
        #expect(full && all.contains("o back"), "\(all)")
        t.send("Escape")
        let (back, _) = t.waitFor { $0.contains("Actions ·") }
        #expect(back)
        t.send("q")
        let (exited, _) = t.waitFor { $0.contains("EXITED 0") }
        #expect(exited)
    }

    /// `--delay 3s`: nothing reaches the screen for the first three seconds, then the replay does.
    @Test func delayKeepsTheScreenBehind() throws {
        let t = try Tmux("\(courtsideBinary) demo --speed 30 --delay 3s; " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        let (started, first) = t.waitFor { $0.contains("COURTSIDE") }
        #expect(started && first.contains("delay 3s") && first.contains("waiting for the first action"), "\(first)")
        usleep(1_000_000)
        #expect(t.capture().contains("waiting for the first action"), "still behind after a second")
        #expect(t.waitFor(timeout: 10) { !$0.contains("waiting for the first action") && $0.contains("Actions · ") }.0)
        t.send("D")
        #expect(t.waitFor { !$0.contains("delay") }.0, "D takes the delay back to 0")
        t.send("q")
        #expect(t.waitFor { $0.contains("EXITED 0") }.0)
    }

    /// A pause holds what the delay still holds: under "PAUSED" the scores stay as they are (the pause stopped only
    /// the replay, and the delayed events went on reaching the screen for as long as the delay).
    @Test func aPauseWithADelayStopsTheScreen() throws {
        let t = try Tmux("\(courtsideBinary) demo --speed 30 --delay 4s; " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        #expect(t.waitFor(timeout: 15) { $0.contains("Actions · ") }.0, "\(t.capture())")
        usleep(1_500_000)
        t.send("Space")
        #expect(t.waitFor { $0.contains("PAUSED") }.0, "\(t.capture())")
        let rows = { (screen: String) in screen.split(separator: "\n").dropFirst().prefix(4).map { String($0.prefix(60)) } }
        let paused = rows(t.capture())
        usleep(5_000_000)
        let later = t.capture()
        #expect(rows(later) == paused, "before: \(paused)\nafter 5 s paused: \(later)")
        t.send("q")
        #expect(t.waitFor { $0.contains("EXITED 0") }.0)
    }
}
}
