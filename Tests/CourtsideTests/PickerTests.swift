import Testing
import LiveActions
import Scoring
@testable import Scoreboard
@testable import TUI

/// `a` and `x`: the picker's state, its effects, the overlay, and a replay that grows and shrinks.
@Suite struct PickerTests {
    static let refs = (1...2).map { FixtureRef(sport: "soccer", id: "f\($0)") }
    static let choices = [
        FixturePicker.Choice(ref: refs[0], info: FixtureInfo(title: "Cup", home: "A", away: "B"), note: "live"),
        FixturePicker.Choice(ref: FixtureRef(sport: "soccer", id: "f3"), info: FixtureInfo(title: "Cup", home: "Groningen", away: "Łódź"), note: "19:45"),
        FixturePicker.Choice(ref: FixtureRef(sport: "basketball", id: "f4"), info: FixtureInfo(title: "EuroLeague", home: "Žalgiris", away: "Efes")),
    ]

    func store() -> TestStore {
        TestStore(state: AppState(mode: .live, fixtures: Self.refs.map { FixtureState(ref: $0) }, themes: ["dark"]))
    }

    @Test func aListsChoosesAndAdds() {
        var s = store()
        s.send(.key(.char("a")), effects: [.listFixtures]) { $0.picker = FixturePicker() }
        s.send(.key(.char("x")), effects: [], { _ in })  // keys go to the picker while it is open: nothing is removed
        s.send(.pickerListed(Self.choices)) {
            $0.picker?.loading = false
            $0.picker?.choices = Array(Self.choices.dropFirst())  // f1 is on screen already
        }
        s.send(.key(.down)) { $0.picker?.selection = 1 }
        s.send(.key(.down))  // stays on the last
        s.send(.key(.up)) { $0.picker?.selection = 0 }
        s.send(.key(.enter), effects: [.addFixture(Self.choices[1])]) {
            $0.picker = nil
            $0.fixtures.append(FixtureState(ref: Self.choices[1].ref, title: "Cup", home: "Groningen", away: "Łódź"))
            $0.focus = 2; $0.focusChosen = true
        }
    }

    /// A favourite's fixture is listed first in the picker, marked ★ (it was wherever the list had it), and added
    /// with `a` it goes first, as it would at start, and keeps the focus (it went to the bottom: its names came
    /// with the choice, so no frame would move it up later).
    @Test func aFavouriteIsListedFirstAndAddedFirst() {
        var state = AppState(mode: .live, fixtures: Self.refs.map { FixtureState(ref: $0) }, themes: ["dark"])
        state.favourites = Favourites(["efes"])
        var s = TestStore(state: state)
        var favourite = Self.choices[2]
        favourite.favourite = true
        s.send(.key(.char("a")), effects: [.listFixtures]) { $0.picker = FixturePicker() }
        s.send(.pickerListed(Self.choices)) {
            $0.picker?.loading = false
            $0.picker?.choices = [favourite, Self.choices[1]]
        }
        let overlay = Screen.render(s.state, width: 100, height: 30, theme: .fallback).text
        #expect(overlay.contains("▶ ★ Žalgiris v Efes") && overlay.contains("  19:45  Groningen v Łódź"), "\(overlay)")
        s.send(.key(.enter), effects: [.addFixture(favourite)]) {
            $0.picker = nil
            $0.fixtures.insert(FixtureState(ref: favourite.ref, title: "EuroLeague", home: "Žalgiris", away: "Efes"), at: 0)
            $0.focus = 0
            $0.favouriteFound = true
        }
        #expect(s.state.index(of: favourite.ref) == 0 && s.state.index(of: Self.refs[1]) == 2)
    }

    @Test func escapeClosesAndAFailureIsShown() {
        var s = store()
        s.send(.key(.char("a")), effects: [.listFixtures]) { $0.picker = FixturePicker() }
        s.send(.pickerFailed("the fixtures list failed: token refused (401)\u{1b}[2J")) {
            $0.picker?.loading = false
            $0.picker?.error = "the fixtures list failed: token refused (401)\u{FFFD}[2J"
        }
        s.send(.key(.enter))  // nothing to choose
        s.send(.key(.escape)) { $0.picker = nil }
        s.send(.pickerListed(Self.choices))  // too late: the picker is closed
    }

    @Test func xRemovesTheFocusedFixture() {
        var s = store()
        s.send(.key(.tab)) { $0.focus = 1; $0.focusChosen = true }
        s.send(.key(.char("x")), effects: [.removeFixture(Self.refs[1])]) {
            $0.fixtures.removeLast()
            $0.focus = 0; $0.focusChosen = true
        }
        s.send(.key(.char("x")), effects: [.removeFixture(Self.refs[0])]) { $0.fixtures = [] }
        s.send(.key(.char("x")))
    }

    @Test func theOverlayListsTheChoicesWithTheSelectionMarked() {
        var state = AppState(mode: .live, fixtures: Self.refs.map { FixtureState(ref: $0) })
        state.picker = FixturePicker()
        let loading = Screen.render(state, width: 80, height: 24, theme: .fallback).text
        #expect(loading.contains("Add a fixture") && loading.contains("Listing fixtures…"))
        state.picker?.loading = false
        state.picker?.choices = Array(Self.choices.dropFirst())
        state.picker?.selection = 1
        let text = Screen.render(state, width: 80, height: 24, theme: .fallback).text
        #expect(text.contains("  19:45  Groningen v Łódź  Cup"), "\(text)")
        #expect(text.contains("▶ Žalgiris v Efes  EuroLeague"), "\(text)")
        // A row too long for the overlay ends in "…": cut at the edge, it read "CEV Champions Leagu".
        state.picker?.choices = [FixturePicker.Choice(ref: FixtureRef(sport: "v2/volleyball", id: "v"),
                                                      info: FixtureInfo(title: "CEV Champions League Volley Women Final", home: "Sir Safety Perugia",
                                                                        away: "ZAKSA Kędzierzyn-Koźle"), note: "live")]
        state.picker?.selection = 0
        let long = Screen.render(state, width: 80, height: 24, theme: .fallback).text
        #expect(long.contains("▶ live  Sir Safety Perugia v ZAKSA") && long.contains("…"), "\(long)")
    }

    @Test func aReplayGrowsAndShrinks() {
        let a = FixtureRef(sport: "soccer", id: "a"), b = FixtureRef(sport: "soccer", id: "b")
        var replay = Replay(tracks: [Replay.Track(fixture: a, frames: [RecordedFrame(t: 1, frame: "{}"), RecordedFrame(t: 10, frame: "{}")])])
        _ = replay.advance(to: 5)
        replay.add(Replay.Track(fixture: b, frames: [RecordedFrame(t: 1, frame: "{}")]))
        let started = replay.advance(to: 5.5)
        #expect(started.contains(.feed(.status(b, .live, at: 5))), "b goes live when it was added, at replay time 5")
        #expect(!started.contains { if case .feed(.frame(b, _, _, _)) = $0 { true } else { false } }, "b's first frame is due at 5 + 1")
        replay.remove(a)
        let later = replay.advance(to: 20)
        #expect(later.contains { if case .feed(.frame(b, _, let t, _)) = $0 { t == 6 } else { false } })
        #expect(!later.contains { $0.fixture == a }, "a removed plays nothing more")
        #expect(replay.isDone)
    }

    /// Unpaced (`--speed max`), the time reached is the last frame's: a recording added then starts there, at
    /// finite times, and a clock rebased on it (a pause, a slower speed) resumes there.
    @Test func aReplayAtFullSpeedReachesTheLastFramesTimeNotInfinity() {
        let a = FixtureRef(sport: "soccer", id: "a"), b = FixtureRef(sport: "soccer", id: "b")
        var replay = Replay(tracks: [Replay.Track(fixture: a, frames: [RecordedFrame(t: 1, frame: "{}"), RecordedFrame(t: 10, frame: "{}")])])
        _ = replay.advance(to: .infinity, limit: 1)
        #expect(replay.time == 1)
        _ = replay.advance(to: .infinity)
        #expect(replay.time == 10)
        replay.add(Replay.Track(fixture: b, frames: [RecordedFrame(t: 1, frame: "{}")]))
        let added = replay.advance(to: .infinity)
        #expect(added.contains(.feed(.status(b, .live, at: 10))), "\(added)")
        #expect(added.contains { if case .feed(.frame(b, _, let t, _)) = $0 { t == 11 } else { false } }, "\(added)")
        var clock = ReplayClock(speed: nil, wall: 100)
        clock.setSpeed(1, wall: 200, current: replay.time)
        #expect(clock.replayTime(atWall: 205) == 16)
    }

    @Test(arguments: [Double.infinity, -.infinity, .nan, 1e300, -1e300])
    func labelsOfTimesOutOfRangeDoNotTrap(t: Double) {
        #expect(Labels.hms(t).count >= 8)
        #expect(!Labels.span(t).isEmpty && !Labels.duration(t).isEmpty && !Labels.format1(t).isEmpty && !Labels.speed(t).isEmpty)
        #expect(!Labels.latency(t).isEmpty)
    }

    /// A latency in milliseconds while they read well, then as a span: a recording ten days old, served on loopback,
    /// read "900487179 ms" and its p95 was cut off the panel.
    @Test func latenciesReadAtAnyLength() {
        #expect(Labels.latency(850) == "850 ms" && Labels.latency(9_999) == "9999 ms" && Labels.latency(-1_200) == "-1200 ms")
        #expect(Labels.latency(42_000) == "42 s" && Labels.latency(900_487_179) == "10 d" && Labels.latency(-3_600_000) == "-60 min")
        #expect(Labels.span(7_200) == "2 h" && Labels.span(200_000) == "2 d")
    }

    /// A speed past 100,000× by its power of ten, and a replay clock held to 10,000 hours: `--speed 1e308` read
    /// `1000000000000000×` and `t+277777777777:46:40`.
    @Test func hugeSpeedsAndTimesReadAsSuch() {
        #expect(Labels.speed(1e9) == "1e9×" && Labels.speed(1.5e308) == "1.5e308×" && Labels.speed(1_234_567) == "1.2e6×" && Labels.speed(1e300) == "1e300×" && Labels.speed(99_999_999) == "1e8×" && Labels.speed(1e5) == "1e5×" && Labels.speed(120) == "120×" && Labels.speed(0.5) == "0.5×")
        #expect(Labels.hms(1e15) == "9999:59:59" && Labels.hms(3725) == "01:02:05")
    }
}

extension AppEvent {
    var fixture: FixtureRef? { if case .feed(let e) = self { e.fixture } else { nil } }
}
