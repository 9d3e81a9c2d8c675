import Testing
import LiveActions
import Simulator
import Feeds
import Foundation

@Suite struct RecordingTests {
    /// A feed opened again on an open recording leaves out the frames that bring it no further than the messages
    /// the recording holds, counted by the stream's position (each message once, a repeat after a reconnect not
    /// again), and records everything after them and every frame with none (a heartbeat, a notice).
    @Test func aFeedOpenedAgainSkipsWhatTheRecordingHolds() {
        let catchUp = RecordingCatchUp(held: 3)
        let frames = [StreamPlace(events: 1, position: 1), StreamPlace(events: 0, position: 1), StreamPlace(events: 2, position: 3),
                      StreamPlace(events: 1, position: 3), StreamPlace(events: 1, position: 4), StreamPlace(events: 2, position: 5)]
        #expect(frames.map(catchUp.holds) == [true, false, true, true, false, false], "a repeat at position 3 is still held")
        #expect(!RecordingCatchUp(held: 2).holds(StreamPlace(events: 2, position: 3)), "a frame only part held is recorded whole")
        #expect(!RecordingCatchUp(held: 0).holds(StreamPlace(events: 1, position: 1)))
    }

    @Test func roundTrip() throws {
        let header = RecordingHeader(sport: "v2/volleyball", fixtureId: "f-1", title: "T \"quoted\"", home: "Łódź", away: "丁俊晖", source: "test")
        let original = Recording(header: header, frames: [
            RecordedFrame(t: 0, frame: #"{"type":"heartbeat"}"#),
            RecordedFrame(t: 1.25, frame: "line\nbreak \\ \"quote\" \u{1B}"),
        ])
        let parsed = try Recording.parse(original.text)
        #expect(parsed == original)
    }

    @Test func badLinesAreReportedWithTheirNumberAndSkipped() throws {
        let text = """
        {"recording":1,"sport":"soccer","fixtureId":"f"}
        {"t":1,"frame":"a"}
        garbage
        {"t":"x","frame":"b"}

        {"t":2,"frame":"c"}
        {"t":-1,"frame":"d"}
        {"t":1.5,"frame":"e"}
        """
        let r = try Recording.parse(text, name: "x.jsonl")
        #expect(r.frames.map(\.frame) == ["a", "c", "e"])
        #expect(r.frames.map(\.t) == [1, 2, 2], "time never runs backwards")
        #expect(r.problems.count == 3)
        #expect(r.problems[0].hasPrefix("x.jsonl:3:"))
        #expect(r.problems[1].hasPrefix("x.jsonl:4:"))
        #expect(r.problems[2].hasPrefix("x.jsonl:7:"))
    }

    @Test func windowsLineEndingsStillPlay() throws {
        let text = "{\"recording\":1,\"sport\":\"soccer\",\"fixtureId\":\"f\"}\r\n{\"t\":1,\"frame\":\"a\"}\r\n{\"t\":2,\"frame\":\"b\\u00e9\"}\r\n"
        let r = try Recording.parse(text)
        #expect(r.frames.map(\.frame) == ["a", "bé"])
        #expect(r.problems.isEmpty)
    }

    @Test(arguments: ["", "not json", #"{"recording":1}"#, #"{"sport":"soccer"}"#])
    func badHeaderFailsTheFile(text: String) {
        #expect(throws: (any Error).self) { try Recording.parse(text) }
    }

    @Test func simulatorIsDeterministicAndRealistic() throws {
        let a = MatchSimulator.demoRecordings()
        let b = MatchSimulator.demoRecordings()
        #expect(a.map(\.recording.text) == b.map(\.recording.text))
        #expect(MatchSimulator.demoRecordings(seed: 5).map(\.recording.text) != a.map(\.recording.text))
        #expect(a.map(\.recording.header.sport) == ["basketball", "soccer", "v2/volleyball", "snooker"])
        for (name, recording) in a {
            let actions = recording.frames.filter { if case .actions = FrameDecoder.decode($0.frame) { true } else { false } }
            let heartbeats = recording.frames.filter { FrameDecoder.decode($0.frame) == .heartbeat }
            #expect(actions.count >= 300, "\(name)")
            #expect(heartbeats.count > 100, "\(name)")
            #expect(recording.frames.last!.t > 3600, "\(name) lasts a match")
            let text = recording.text
            for send in ["Pending", "Confirmed"] { #expect(text.contains("\\\"sendType\\\":\\\"\(send)"), "\(name) \(send)") }
            #expect(text.contains("Video Check Result"), "\(name)")
            #expect(["Deleted", "Cancelled", "Updated"].contains { text.contains("\\\"sendType\\\":\\\"\($0)") })
            // Some message arrives after one with a higher sequence number.
            var maxSeq = 0
            var late = false
            for frame in actions {
                guard case .actions(let m, _) = FrameDecoder.decode(frame.frame) else { continue }
                if m[0].action.seq < maxSeq { late = true }
                maxSeq = max(maxSeq, m[0].action.seq)
            }
            #expect(late, "\(name) has a late message")
        }
    }

    @Test func bundledDemoMatchesTheSimulator() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../demo").standardized.path
        for (name, recording) in MatchSimulator.demoRecordings() {
            let stored = try RecordingStore.load(dir + "/" + name)
            let fresh = try Recording.parse(recording.text)
            let same = stored == fresh
            #expect(same, "demo/\(name) is stale: run `swift run courtside-bench demo-recordings --out demo`")
        }
    }

    @Test func writerAppendsLinesAsTheyArrive() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("courtside-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try RecordingWriter(path: path, header: RecordingHeader(sport: "soccer", fixtureId: "f"), start: 100)
        writer.append("one", at: 100.5)
        writer.append("two", at: 102)
        writer.close()
        let r = try RecordingStore.load(path)
        #expect(r.frames == [RecordedFrame(t: 0.5, frame: "one"), RecordedFrame(t: 2, frame: "two")])
    }
}
