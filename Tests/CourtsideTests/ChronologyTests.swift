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
        guard places.allSatisfy({ $0 != nil }) else { return nil }
        let order = places.indices.sorted { (places[$0]!, $0) < (places[$1]!, $1) }
        return order == Array(places.indices) ? nil : order
    }

    /// Random streams (late and repeated messages, corrections, actions with no timeline place, `finished` early
    /// or late): after every message, the order kept as the log goes equals the order worked out afresh.
    @Test func theOrderKeptAsMessagesArriveIsTheOrderWorkedOutAfresh() {
        var rng = SeededRandom(seed: 17)
        for round in 0..<300 {
            var log = MatchLog(sport: .soccer)
            let n = Int.random(in: 1...40, using: &rng)
            let finishAt = Int.random(in: 0...n, using: &rng)
            let withPlaces = round % 5 != 0
            var seq = 0
            for k in 0..<n {
                seq += 1
                let id = Int.random(in: 0..<4, using: &rng) == 0 && seq > 1 ? "a\(Int.random(in: 1..<seq, using: &rng))" : "a\(seq)"
                let timeline: Double? = withPlaces || Int.random(in: 0..<6, using: &rng) > 0 ? Double(seq) + Double.random(in: -5...5, using: &rng) : nil
                let late = Int.random(in: 0..<8, using: &rng) == 0 && seq > 3
                let m = Self.message(late ? seq - 3 : seq, timeline: timeline, id: id, send: [.confirmed, .pending, .updated].randomElement(using: &rng)!,
                                     finished: k >= finishAt && Int.random(in: 0..<2, using: &rng) == 0)
                log.apply(m)
                #expect(log.chronology == Self.expected(log), "round \(round), message \(k)")
                let told = log.chronology?.last ?? log.entries.count - 1
                #expect(log.lastToldIndex == (log.entries.isEmpty ? nil : told))
            }
        }
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
