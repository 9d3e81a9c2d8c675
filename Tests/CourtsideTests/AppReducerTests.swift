import Testing
import LiveActions
import Scoring
@testable import Scoreboard

/// Sends events and checks the whole state after each, TCA `TestStore`-style: the test says exactly how the
/// state changes, and anything else that changed fails it.
struct TestStore {
    var state: AppState

    mutating func send(_ event: AppEvent, effects expected: [Effect] = [], sourceLocation: SourceLocation = #_sourceLocation,
                       _ update: (inout AppState) -> Void = { _ in }) {
        var expectedState = state
        update(&expectedState)
        let effects = AppReducer.reduce(&state, event)
        #expect(effects == expected, sourceLocation: sourceLocation)
        #expect(state == expectedState, sourceLocation: sourceLocation)
    }
}

@Suite struct AppReducerTests {
    static let refs = (1...3).map { FixtureRef(sport: "soccer", id: "f\($0)") }

    func store(mode: AppState.Mode = .replay) -> TestStore {
        TestStore(state: AppState(mode: mode, fixtures: Self.refs.map { FixtureState(ref: $0) }, themes: ["dark", "light"]))
    }

    /// A sport path typed in capitals names the same fixture: both spellings were streamed, printed and recorded.
    @Test func sportPathsAreKeptInLowerCase() {
        #expect(FixtureRef("SOCCER/6794D8C6-BFA3-4E1A-AFD1-C564C00FF46C") == FixtureRef("soccer/6794d8c6-bfa3-4e1a-afd1-c564c00ff46c"))
        #expect(FixtureRef("V2/Volleyball/3f2c")?.sport == "v2/volleyball")
    }

    /// Ids are kept in lower case, whatever case they came in, ASCII or not; one in lower case already is kept.
    @Test func fixtureIdsAreKeptInLowerCase() {
        let uuid = "f4a681f4-0c3b-4d2e-9a57-2b1c3d4e5f60"
        #expect(FixtureRef(sport: "soccer", id: uuid.uppercased()).id == uuid)
        #expect(FixtureRef(sport: "soccer", id: "F4a681F4-0C3B-4d2e-9A57-2b1c3d4e5f60").id == uuid)
        #expect(FixtureRef(sport: "soccer", id: uuid).id == uuid)
        #expect(FixtureRef(sport: "soccer", id: "ÉQUIPE-Ä-1").id == "équipe-ä-1")
        #expect(FixtureRef(sport: "soccer", id: "équipe-z").id == "équipe-z")
        #expect(FixtureRef(sport: "soccer", id: "ABC") == FixtureRef(sport: "soccer", id: "abc"))
        // The sport path in lower case too, as the provider spells its paths: a recording saying `SOCCER` made two
        // fixtures of one.
        #expect(FixtureRef(sport: "Soccer", id: "abc") == FixtureRef(sport: "soccer", id: "abc"))
        #expect(FixtureRef(sport: "V2/Volleyball", id: "abc").sport == "v2/volleyball")
    }

    /// The lookup table behind every event's fixture: the first of two equal refs, the same id under two
    /// sports, a fixture added after the table was made, one that is not there, and a table of many.
    @Test func fixturesAreFoundByTheirRef() {
        let a = FixtureRef(sport: "soccer", id: "f1")
        let sameIdOtherSport = FixtureRef(sport: "basketball", id: "f1")
        let b = FixtureRef(sport: "soccer", id: "f2")
        var state = AppState(mode: .replay, fixtures: [a, sameIdOtherSport, a, b].map { FixtureState(ref: $0) })
        #expect(state.index(of: a) == 0)
        #expect(state.index(of: sameIdOtherSport) == 1)
        #expect(state.index(of: b) == 3)
        #expect(state.index(of: FixtureRef(sport: "soccer", id: "F2")) == 3)  // ids are kept in lower case
        #expect(state.index(of: FixtureRef(sport: "soccer", id: "f9")) == nil)
        let late = FixtureRef(sport: "snooker", id: "late")
        state.fixtures.append(FixtureState(ref: late))
        #expect(state.index(of: late) == 4)
        let many = (0..<300).map { FixtureRef(sport: "soccer", id: "m\($0)-\(String(repeating: "x", count: $0 % 40))") }
        let big = AppState(mode: .replay, fixtures: many.map { FixtureState(ref: $0) })
        for (i, ref) in many.enumerated() { #expect(big.index(of: ref) == i) }
    }

    @Test func focusKeys() {
        var s = store()
        s.send(.key(.tab)) { $0.focus = 1; $0.focusChosen = true }
        s.send(.key(.right)) { $0.focus = 2; $0.focusChosen = true }
        s.send(.key(.tab)) { $0.focus = 0; $0.focusChosen = true }
        s.send(.key(.backTab)) { $0.focus = 2; $0.focusChosen = true }
        s.send(.key(.left)) { $0.focus = 1; $0.focusChosen = true }
        s.send(.key(.char("1"))) { $0.focus = 0; $0.focusChosen = true }
        s.send(.key(.char("3"))) { $0.focus = 2; $0.focusChosen = true }
        s.send(.key(.char("9")))
        s.send(.key(.char("z")))
    }

    @Test func replayControlsAndOverlays() {
        var s = store()
        s.send(.key(.char(" ")), effects: [.setPaused(true)]) { $0.paused = true }
        s.send(.key(.char(" ")), effects: [.setPaused(false)]) { $0.paused = false }
        s.send(.key(.char("+")), effects: [.setSpeed(2)]) { $0.speed = 2 }
        s.send(.key(.char("-")), effects: [.setSpeed(1)]) { $0.speed = 1 }
        s.send(.key(.char("-")), effects: [.setSpeed(0.5)]) { $0.speed = 0.5 }
        s.send(.key(.char("-")), effects: [.setSpeed(0.5)])
        s.send(.key(.char("t")), effects: []) { $0.themeIndex = 1 }
        s.send(.key(.char("t")), effects: []) { $0.themeIndex = 0 }
        s.send(.key(.char("?"))) { $0.showHelp = true }
        s.send(.key(.escape)) { $0.showHelp = false }
        s.send(.key(.char("q")), effects: []) { $0.quitting = true }
    }

    /// A loop's restart starts every fixture afresh, keeps its place in the replay's total, and counts the pass
    /// that the title bar shows.
    @Test func aLoopRestartCountsThePass() {
        var s = store()
        s.state.now = 42
        s.state.fixtures[0].replay = ReplayProgress(played: 7, total: 9)
        s.send(.replayRestarted) {
            $0.now = 0
            $0.replayPass = 2
            $0.fixtures[0].replay = ReplayProgress(played: 0, total: 9)
        }
        s.send(.replayRestarted) { $0.replayPass = 3 }
    }

    /// `+` stops at the fastest step, short of `max` (which plays every match to its end at once, and cannot be
    /// taken back); `-` from a `--speed max` start comes down to it.
    @Test func fasterStopsAtTheFastestStep() {
        var s = store()
        for speed in AppState.speeds.drop(while: { $0 <= 1 }) {
            s.send(.key(.char("+")), effects: [.setSpeed(speed)]) { $0.speed = speed }
        }
        let fastest = AppState.speeds.last!
        s.send(.key(.char("+")), effects: [.setSpeed(fastest)])
        #expect(AppReducer.nextSpeed(from: nil, faster: false) == fastest)
        #expect(AppReducer.nextSpeed(from: nil, faster: true) == nil)
        // Below the slowest step `-` never speeds up (0.001× went to 0.5×); `+` goes up to the first step.
        #expect(AppReducer.nextSpeed(from: 0.001, faster: false) == 0.001)
        #expect(AppReducer.nextSpeed(from: 0.3, faster: false) == 0.3)
        #expect(AppReducer.nextSpeed(from: 0.3, faster: true) == 0.5)
        #expect(AppReducer.nextSpeed(from: 0.5, faster: false) == 0.5)
    }

    /// The help takes the keys: one closes it and does nothing else (behind it, `x` removed fixtures unseen);
    /// `q` still quits.
    @Test func theHelpTakesTheKeys() {
        var s = store()
        s.send(.key(.char("?"))) { $0.showHelp = true }
        s.send(.key(.char("x"))) { $0.showHelp = false }
        s.send(.key(.char("?"))) { $0.showHelp = true }
        s.send(.key(.tab)) { $0.showHelp = false }
        s.send(.key(.char("?"))) { $0.showHelp = true }
        s.send(.key(.char("?"))) { $0.showHelp = false }
        s.send(.key(.char("?"))) { $0.showHelp = true }
        s.send(.key(.char("q"))) { $0.quitting = true }
    }

    @Test func liveModeIgnoresReplayKeys() {
        var s = store(mode: .live)
        s.send(.key(.char(" ")))
        s.send(.key(.char("+")))
    }

    @Test func framesFoldIntoTheirFixtureAndScrollKeepsItsPlace() {
        var s = store()
        var m = Msg()
        let ref = Self.refs[1]
        let goal = m.make("Goal", team: true)
        s.send(.feed(.frame(ref, .actions([goal]), at: 5, bytes: 100))) {
            $0.now = 5
            $0.fixtures[1].frames = 1
            $0.fixtures[1].bytes = 100
            $0.fixtures[1].lastFrameAt = 5
            $0.fixtures[1].recentFrames = [5]
            $0.fixtures[1].log.apply(goal)
        }
        s.send(.key(.tab)) { $0.focus = 1; $0.focusChosen = true }
        s.send(.key(.down))  // one action: nothing to scroll to
        let corner = m.make("Corner", team: false)
        s.send(.feed(.frame(ref, .actions([corner, goal]), at: 6, bytes: 50))) {
            $0.now = 6
            $0.fixtures[1].frames = 2
            $0.fixtures[1].bytes = 150
            $0.fixtures[1].lastFrameAt = 6
            $0.fixtures[1].recentFrames = [5, 6]
            $0.fixtures[1].duplicates = 1
            $0.fixtures[1].log.apply(corner)
        }
        s.send(.key(.down)) { $0.fixtures[1].feedScroll = 1 }
        let third = m.make("Shot", team: true)
        s.send(.feed(.frame(ref, .actions([third]), at: 7, bytes: 10))) {
            $0.now = 7
            $0.fixtures[1].frames = 3
            $0.fixtures[1].bytes = 160
            $0.fixtures[1].lastFrameAt = 7
            $0.fixtures[1].recentFrames = [5, 6, 7]
            $0.fixtures[1].log.apply(third)
            $0.fixtures[1].feedScroll = 2
        }
        s.send(.key(.home)) { $0.fixtures[1].feedScroll = 0 }
    }

    @Test func problemsAreCountedAndTheStreamGoesOn() {
        var s = store()
        let ref = Self.refs[0]
        var m = Msg()
        var foreign = m.make("Goal", team: true)
        foreign.action.fixtureId = "someone-else"
        s.send(.feed(.frame(ref, .malformed(reason: "not JSON"), at: 1, bytes: 3))) {
            $0.now = 1
            $0.fixtures[0].frames = 1
            $0.fixtures[0].bytes = 3
            $0.fixtures[0].lastFrameAt = 1
            $0.fixtures[0].recentFrames = [1]
            $0.fixtures[0].malformed = 1
            $0.fixtures[0].problems = ["not JSON"]
        }
        s.send(.feed(.frame(ref, .actions([foreign]), at: 2, bytes: 3))) {
            $0.now = 2
            $0.fixtures[0].frames = 2
            $0.fixtures[0].bytes = 6
            $0.fixtures[0].lastFrameAt = 2
            $0.fixtures[0].recentFrames = [1, 2]
            $0.fixtures[0].malformed = 2
            $0.fixtures[0].foreignActions = 1
            $0.fixtures[0].foreignFixtureId = "someone-else"
            $0.fixtures[0].problems = ["not JSON", "ignored an action for another fixture (someone-else) at seq 1"]
        }
        s.send(.feed(.frame(ref, .traffic(shape: "{message}"), at: 3, bytes: 3))) {
            $0.now = 3
            $0.fixtures[0].frames = 3
            $0.fixtures[0].bytes = 9
            $0.fixtures[0].lastFrameAt = 3
            $0.fixtures[0].recentFrames = [1, 2, 3]
            $0.fixtures[0].otherTraffic = 1
            $0.fixtures[0].shapesSeen = ["{message}"]
        }
        // A recording's line that could not be read is a frame left out, counted with them (four lost read "1").
        s.send(.feed(.problem(ref, "x.jsonl:7: skipped, not a {\"t\":…,\"frame\":\"…\"} line", at: 4))) {
            $0.now = 4
            $0.fixtures[0].malformed = 3
            $0.fixtures[0].problems.append("x.jsonl:7: skipped, not a {\"t\":…,\"frame\":\"…\"} line")
        }
    }

    @Test func connectionStatusesAndFailures() {
        var s = store(mode: .live)
        let ref = Self.refs[2]
        s.send(.feed(.status(ref, .reconnecting(attempt: 1, retryAt: 3), at: 2))) {
            $0.now = 2
            $0.fixtures[2].connection = .reconnecting(attempt: 1, retryAt: 3)
            $0.fixtures[2].reconnects = 1
            $0.fixtures[2].reconnectingSpell = true
        }
        // Each try passes through `connecting`; the spell, and the panel's count of them, goes on until it is live.
        s.send(.feed(.status(ref, .connecting, at: 3))) {
            $0.now = 3
            $0.fixtures[2].connection = .connecting
        }
        s.send(.feed(.status(ref, .reconnecting(attempt: 2, retryAt: 5), at: 3))) {
            $0.fixtures[2].connection = .reconnecting(attempt: 2, retryAt: 5)
        }
        s.send(.feed(.frame(ref, .rejected(reason: "token rejected (401)"), at: 4, bytes: 10))) {
            $0.now = 4
            $0.fixtures[2].frames = 1
            $0.fixtures[2].bytes = 10
            $0.fixtures[2].lastFrameAt = 4
            $0.fixtures[2].recentFrames = [4]
            $0.fixtures[2].connection = .failed("token rejected (401)")
            $0.fixtures[2].problems = ["token rejected (401)"]
        }
        s.send(.feed(.status(ref, .live, at: 5))) { $0.now = 5 }
        #expect(s.state.failures.map(\.1) == ["token rejected (401)"])
        #expect(!s.state.allOver)
        s.send(.feed(.ended(Self.refs[0], at: 6))) { $0.now = 6; $0.fixtures[0].connection = .finished }
        s.send(.feed(.ended(Self.refs[1], at: 6))) { $0.fixtures[1].connection = .finished }
        #expect(s.state.allOver)
    }
}

@Suite struct ReplayTests {
    @Test func mergesTracksByTime() {
        let a = FixtureRef(sport: "soccer", id: "a"), b = FixtureRef(sport: "soccer", id: "b")
        var replay = Replay(tracks: [
            .init(fixture: a, frames: [RecordedFrame(t: 0, frame: "1"), RecordedFrame(t: 5, frame: "2")]),
            .init(fixture: b, frames: [RecordedFrame(t: 2, frame: "3")]),
        ])
        #expect(replay.nextDue == 0)
        let first = replay.advance(to: 3)
        let frames = first.compactMap { e -> String? in
            if case .feed(.frame(let f, _, let t, _)) = e { return "\(f.id)@\(t)" }
            return nil
        }
        #expect(frames == ["a@0.0", "b@2.0"])
        #expect(first.contains(.feed(.ended(b, at: 2))))
        #expect(replay.nextDue == 5)
        #expect(!replay.isDone)
        #expect(replay.advance(to: 4.9).isEmpty)
        _ = replay.advance(to: 5)
        #expect(replay.isDone)
        replay.restart()
        #expect(!replay.isDone && replay.nextDue == 0)
    }

    @Test func mergeOrderIsTimeThenTrackForAnyTracksAndSteps() {
        // Against a plain reference: every frame sorted by (time, track, place in its track).
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let trackCount = Int(rng.next() % 7) + 1
            var tracks: [Replay.Track] = []
            var reference: [(t: Double, track: Int, index: Int)] = []
            for k in 0..<trackCount {
                var t = 0.0
                let frames = (0..<Int(rng.next() % 12)).map { i -> RecordedFrame in
                    t += Double(rng.next() % 3)  // equal times are common: the tie-break matters
                    reference.append((t, k, i))
                    return RecordedFrame(t: t, frame: "\(k)/\(i)")
                }
                tracks.append(.init(fixture: FixtureRef(sport: "soccer", id: "f\(k)"), frames: frames))
            }
            reference.sort { ($0.t, $0.track, $0.index) < ($1.t, $1.track, $1.index) }
            var replay = Replay(tracks: tracks)
            var played: [String] = []
            var now = 0.0
            while !replay.isDone {
                now += Double(rng.next() % 4)
                for e in replay.advance(to: now, limit: Int(rng.next() % 5) + 1) {
                    if case .feed(.frame(let f, _, let t, _)) = e {
                        #expect(t <= now)
                        played.append("\(f.id.dropFirst())@\(t)")
                    }
                }
            }
            #expect(played == reference.map { "\($0.track)@\($0.t)" })
        }
    }

    @Test func limitYieldsBetweenBatches() {
        let a = FixtureRef(sport: "soccer", id: "a")
        var replay = Replay(tracks: [.init(fixture: a, frames: (0..<10).map { RecordedFrame(t: Double($0), frame: "x") })])
        let count = { (events: [AppEvent]) in events.filter { if case .feed(.frame) = $0 { true } else { false } }.count }
        #expect(count(replay.advance(to: .infinity, limit: 4)) == 4)
        #expect(count(replay.advance(to: .infinity, limit: 4)) == 4)
        #expect(count(replay.advance(to: .infinity, limit: 4)) == 2)
        #expect(replay.isDone)
    }

    @Test func clockPausesAndChangesSpeed() {
        var clock = ReplayClock(speed: 2, wall: 100)
        #expect(clock.replayTime(atWall: 105) == 10)
        #expect(clock.wallTime(forReplay: 20) == 110)
        clock.setPaused(true, wall: 105, current: 10)
        #expect(clock.replayTime(atWall: 200) == 10)
        #expect(clock.wallTime(forReplay: 20) == nil)
        clock.setPaused(false, wall: 200, current: 10)
        #expect(clock.replayTime(atWall: 201) == 12)
        clock.setSpeed(nil, wall: 201, current: 12)
        #expect(clock.replayTime(atWall: 201) == .infinity)
        clock.setSpeed(1, wall: 202, current: 500)
        #expect(clock.replayTime(atWall: 203) == 501)
    }
}
