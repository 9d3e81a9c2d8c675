import Foundation
import LiveActions
@testable import Scoreboard
@testable import Scoring
import Simulator
@testable import TUI
import Testing

/// Once a fixture is finished, its actions are told in the order of its timeline (`timelineSequence`, which the
/// provider documents as the order of a finished fixture); during the match, in the order of `fixtureSeqNum`.
@Suite struct ChronologyTests {
    static func message(_ seq: Int, timeline: Double?, type: String = "Shot", id: String? = nil, send: SendType = .confirmed,
                        finished: Bool = false) -> ActionMessage {
        ActionMessage(finished: finished, action: Action(actionId: PackedText(id ?? "a\(seq)"), seq: seq, timelineSequence: timeline, sendType: send, type: type))
    }

    /// What `chronology` must be, worked out the plain way from the entries as they stand.
    static func expected(_ log: MatchLog) -> [Int]? {
        guard log.status == .finished, log.entries.count <= MatchLog.maxChronology else { return nil }
        let places = log.entries.map(\.action.timelineSequence)
        guard places.allSatisfy({ $0?.isFinite == true }) else { return nil }  // one that is not a number is no place
        let order = places.indices.sorted { (places[$0]!, $0) < (places[$1]!, $1) }
        return order == Array(places.indices) ? nil : order
    }

    /// Random streams (late and repeated messages, corrections, actions with no timeline place or one that is not a
    /// number, `finished` early or late, the match ended and its end withdrawn by the actions alone): after every
    /// message, the order kept as the log goes equals the order worked out afresh, and rows and entries map both ways.
    @Test func theOrderKeptAsMessagesArriveIsTheOrderWorkedOutAfresh() {
        var rng = SeededRandom(seed: 17)
        let types = ["Shot", "Goal", "Corner", "End Fixture", "Start Fixture"]
        let sends: [SendType] = [.confirmed, .confirmed, .pending, .updated, .deleted, .cancelled]
        var endedByActions = 0, reopened = 0
        for round in 0..<400 {
            var log = MatchLog(sport: .soccer)
            let n = Int.random(in: 1...40, using: &rng)
            let finishAt = round % 3 == 0 ? n + 1 : Int.random(in: 0...n, using: &rng)  // a third end by their actions alone
            let withPlaces = round % 5 != 0
            var seq = 0
            var sawFinished = false, sawLiveAfterFinished = false
            for k in 0..<n {
                seq += 1
                let id = Int.random(in: 0..<4, using: &rng) == 0 && seq > 1 ? "a\(Int.random(in: 1..<seq, using: &rng))" : "a\(seq)"
                var timeline: Double? = withPlaces || Int.random(in: 0..<6, using: &rng) > 0 ? Double(seq) + Double.random(in: -5...5, using: &rng) : nil
                if Int.random(in: 0..<50, using: &rng) == 0 { timeline = .nan }
                let late = Int.random(in: 0..<8, using: &rng) == 0 && seq > 3
                let m = Self.message(late ? seq - 3 : seq, timeline: timeline, type: types.randomElement(using: &rng)!, id: id,
                                     send: sends.randomElement(using: &rng)!, finished: k >= finishAt && Int.random(in: 0..<2, using: &rng) == 0)
                log.apply(m)
                if log.status == .finished { sawFinished = true } else if sawFinished { sawLiveAfterFinished = true }
                #expect(log.chronology == Self.expected(log), "round \(round), message \(k)")
                let told = log.chronology?.last ?? log.entries.count - 1
                #expect(log.lastToldIndex == (log.entries.isEmpty ? nil : told))
                for row in log.entries.indices {
                    let i = log.toldIndex(row: row)
                    #expect(log.row(ofEntry: i) == row && log.entryIndex(position: log.entries[i].position) == i)
                }
            }
            if sawFinished, finishAt > n { endedByActions += 1 }
            if sawLiveAfterFinished { reopened += 1 }
        }
        #expect(endedByActions > 10 && reopened > 10, "the streams end by their actions alone and reopen: \(endedByActions), \(reopened)")
    }

    /// The order worked out whole (`ActionEntries.chronology`, after a correction) places entries by insertion while
    /// the timeline is near the match's order and sorts past a budget of moves: timelines of every distance from the
    /// match's order (one late action, ties, blocks swapped, reversed, shuffled) give the order worked out afresh.
    @Test func theWholeOrderIsTheOrderWorkedOutAfreshNearAndFarFromTheMatchs() {
        var rng = SeededRandom(seed: 18)
        let n = 60
        var shapes: [[Double]] = [
            (0..<n).map(Double.init),
            (0..<n).map { $0 == 30 ? 2.5 : Double($0) },  // one late action
            (0..<n).map { Double($0 / 7) },  // ties only
            (0..<n).map { Double(($0 + 30) % n) },  // two blocks swapped
            (0..<n).map { Double(n - $0) },  // reversed: past the budget
            (0..<n).map { _ in 3 },
        ]
        for _ in 0..<200 {
            let far = Double.random(in: 0...40, using: &rng)
            shapes.append((0..<n).map { Double($0) + Double.random(in: -far...far, using: &rng).rounded() })
        }
        for places in shapes {
            var log = MatchLog(sport: .soccer)
            for (k, t) in places.enumerated() { log.apply(Self.message(k + 1, timeline: t, finished: true)) }
            let expected = places.indices.sorted { (places[$0], $0) < (places[$1], $1) }
            #expect(log.entries.chronology() == (expected == Array(places.indices) ? nil : expected), "\(places)")
            #expect(log.chronology == Self.expected(log))
        }
    }

    /// A reader scrolled back keeps the same action on the feed's top row, whatever arrives: newer actions above it,
    /// a late one below it, and, once the fixture is finished and told by its timeline, one that belongs among them.
    @Test func aScrolledFeedKeepsItsTopRowWhateverArrives() {
        let ref = FixtureRef(sport: "soccer", id: "f1")
        var state = AppState(mode: .replay, fixtures: [FixtureState(ref: ref)])
        func send(_ m: ActionMessage) { _ = AppReducer.reduce(&state, .feed(.frame(ref, .actions([m]), at: 1, bytes: 1))) }
        func top() -> String { state.fixtures[0].log.entries[state.fixtures[0].log.toldIndex(row: state.fixtures[0].feedScroll)].action.type }
        for seq in 1...6 { send(Self.message(seq * 10, timeline: Double(seq), type: "Action \(seq)")) }
        state.fixtures[0].feedScroll = 2  // "Action 4" on top
        #expect(top() == "Action 4")
        send(Self.message(70, timeline: 7, type: "Newer"))
        #expect(top() == "Action 4" && state.fixtures[0].feedScroll == 3)
        send(Self.message(15, timeline: 1.5, type: "Late"))  // placed below the top row, by its sequence number
        #expect(top() == "Action 4" && state.fixtures[0].feedScroll == 3, "a late action below the top row moves nothing")
        send(Self.message(80, timeline: 8, type: "End Fixture", finished: true))
        #expect(top() == "Action 4")
        send(Self.message(90, timeline: 4.5, type: "Found late"))  // after the end, told between actions 4 and 5
        #expect(state.fixtures[0].log.chronology != nil)
        #expect(top() == "Action 4" && state.fixtures[0].feedScroll == 5, "\(state.fixtures[0].feedScroll)")
    }

    @Test func aLiveFixtureIsToldByItsSequenceNumbersAndAFinishedOneByItsTimeline() {
        var log = MatchLog(sport: .soccer)
        log.apply(Self.message(1, timeline: 1.0, type: "Start Fixture"))
        log.apply(Self.message(2, timeline: 1.3, type: "Goal"))
        log.apply(Self.message(3, timeline: 1.2, type: "Foul"))  // entered after the goal; it happened before it
        #expect(log.chronology == nil, "live: the order of the sequence numbers")
        #expect(log.lastToldIndex == 2)
        log.apply(Self.message(4, timeline: 1.9, type: "End Fixture", finished: true))
        #expect(log.chronology == [0, 2, 1, 3])
        log.apply(Self.message(5, timeline: 1.1, type: "Throw In"))  // after the end, in the first half
        #expect(log.chronology == [0, 4, 2, 1, 3])
        #expect(log.lastToldIndex == 3)
        #expect(log.entries[log.lastToldIndex!].action.type == "End Fixture")
    }

    /// The feed on screen, newest on top: the order of the sequence numbers live, the timeline once finished.
    @Test func theFeedPanelTellsAFinishedFixtureInTheOrderOfItsTimeline() {
        var f = FixtureState(ref: FixtureRef(sport: "soccer", id: "f1"))
        func feed() -> [String] {
            var canvas = Canvas(width: 40, height: 8)
            FeedPanel.draw(&canvas, Rect(x: 0, y: 0, width: 40, height: 8), fixture: f, theme: .fallback)
            return canvas.text.split(separator: "\n").compactMap { line in
                ["Start Fixture", "Goal", "Foul", "End Fixture"].first { line.contains($0) }
            }
        }
        f.received(frame: .actions([Self.message(1, timeline: 1.0, type: "Start Fixture"), Self.message(2, timeline: 1.3, type: "Goal"),
                                    Self.message(3, timeline: 1.2, type: "Foul")]), at: 1, bytes: 1)
        #expect(feed() == ["Foul", "Goal", "Start Fixture"])
        f.received(frame: .actions([Self.message(4, timeline: 1.9, type: "End Fixture", finished: true)]), at: 2, bytes: 1)
        #expect(feed() == ["End Fixture", "Goal", "Foul", "Start Fixture"])
    }
}

/// The real binary: a finished fixture's last action (`--headless`) and its feed on screen (tmux) follow its timeline.
extension EndToEnd {
@Suite struct ChronologyEndToEndTests {
    /// A match whose foul was entered after the goal it came before, and whose last message (a throw-in of the
    /// first half, sent after the end) says `finished`.
    static func recording(in dir: URL) throws -> String {
        func frame(_ seq: Int, _ type: String, _ timeline: Double, finished: Bool = false) -> String {
            let action: [String: Any] = ["actionId": "a\(seq)", "fixtureId": "chrono", "fixtureSeqNum": seq, "timelineSequence": timeline,
                                         "sendTypeId": 5, "fixtureActionType": type, "team": ["homeTeam": true, "name": "Home"]]
            let message = String(decoding: try! JSONSerialization.data(withJSONObject: ["finished": finished, "fixtureAction": action]), as: UTF8.self)
            return String(decoding: try! JSONSerialization.data(withJSONObject: ["t": seq, "frame": message]), as: UTF8.self)
        }
        let header = String(decoding: try JSONSerialization.data(withJSONObject: ["recording": 1, "sport": "soccer", "fixtureId": "chrono", "home": "Home", "away": "Away"]), as: UTF8.self)
        let lines = [header, frame(1, "Start Fixture", 1.0), frame(2, "Goal", 1.3), frame(3, "Foul", 1.2), frame(4, "End Fixture", 1.9),
                     frame(5, "Throw In", 1.1, finished: true)]
        let path = dir.appendingPathComponent("chrono.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aFinishedFixturesLastActionAndFeedFollowItsTimeline() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.recording(in: dir)

        let result = try runProcess(courtsideBinary, ["demo", "--headless", "--speed", "max", path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last?.contains(#""status":"finished""#) == true && lines.last?.contains(#""last":"End Fixture"#) == true,
                "the last action of a finished fixture is the last of its timeline, not the last sent: \(lines.last ?? "")")
        #expect(lines.contains { $0.contains(#""last":"Foul"#) }, "live, the last sent: \(lines)")

        guard Tmux.available else { return }
        let t = try Tmux("\(courtsideBinary) demo --speed 20 \(path); " + terminalCheck, width: 100, height: 30)
        defer { t.kill() }
        let labels = ["End Fixture", "Goal", "Foul", "Throw In", "Start Fixture"]
        let (drawn, screen) = t.waitFor { screen in labels.allSatisfy { screen.contains($0) } }
        #expect(drawn, "\(screen)")
        let rows = screen.split(separator: "\n").map(String.init)
        let order = labels.map { label in rows.firstIndex { $0.contains("◀ " + label) } ?? -1 }  // the feed's rows (a home action each)
        #expect(order == order.sorted() && Set(order).count == labels.count, "newest on top, by the timeline: \(order)\n\(screen)")
        t.send("q")
        #expect(t.waitFor { $0.contains("EXITED 0") }.0)
    }
}
}
