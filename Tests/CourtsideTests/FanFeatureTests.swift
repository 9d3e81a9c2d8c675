import Testing
import LiveActions
import Scoring
import Simulator
@testable import TUI
@testable import Scoreboard
@testable import Terminal

@Suite struct FavouritesTests {
    @Test(arguments: [
        ("ZAKSA Kędzierzyn-Koźle", "zaksa kedzierzyn-kozle"),
        ("Žalgiris  Kaunas ", "zalgiris kaunas"),
        ("Łódź United", "lodz united"),
        ("FC Groningen", "fc groningen"),
        ("Ronnie O'Sullivan", "ronnie o'sullivan"),
        ("Ste\u{301}phane Straße", "stephane strasse"),
    ])
    func folding(name: String, folded: String) {
        #expect(Favourites.fold(name) == folded)
    }

    @Test func matchesEitherTeamWithoutCaseOrDiacritics() {
        let f = Favourites(["zaksa kedzierzyn-kozle", "EFES", "  "])
        #expect(f.folded == ["zaksa kedzierzyn-kozle", "efes"])
        #expect(f.matches(team: "ZAKSA Kędzierzyn-Koźle"))
        #expect(f.matches(team: "Anadolu Efes"))
        #expect(!f.matches(team: "Sir Safety Perugia"))
        #expect(!f.matches(team: nil))
        #expect(!Favourites().matches(team: "Anadolu Efes"))
    }

    /// Vietnamese and other letters past Latin Extended-A lose their diacritics too.
    @Test(arguments: [("Hà Nội FC", "ha noi fc"), ("Hải Phòng", "hai phong"), ("Sông Lam Nghệ An", "song lam nghe an"),
                      ("Thể Công Viettel", "the cong viettel"), ("Hoàng Anh Gia Lai", "hoang anh gia lai"), ("Ơn Ưu", "on uu")])
    func vietnameseNamesFold(name: String, typed: String) {
        #expect(Favourites.fold(name) == typed)
        #expect(Favourites([typed]).matches(team: name))
    }

    @Test func favouritesComeFirstAndAreFocusedAtStart() {
        var state = demoState(fraction: 0.45, focus: 2)
        let before = state.fixtures.map(\.ref)
        state.setFavourites(Favourites(["zaksa KEDZIERZYN"]))
        #expect(state.fixtures[0].awayName == "ZAKSA Kędzierzyn-Koźle")
        #expect(state.focus == 0)
        #expect(state.isFavourite(0) && !state.isFavourite(1))
        // The rest keep their order; every fixture is still found by its ref.
        #expect(Array(state.fixtures.dropFirst().map(\.ref)) == before.filter { $0 != state.fixtures[0].ref })
        for (i, f) in state.fixtures.enumerated() { #expect(state.index(of: f.ref) == i) }
    }

    @Test func noFavouriteLeavesTheOrder() {
        var state = demoState(fraction: 0.2, focus: 1)
        let before = state
        state.setFavourites(Favourites(["Nobody United"]))
        #expect(state.fixtures == before.fixtures && state.focus == 1)
    }

    /// A favourite's fixture found by `watch --live` while watching, its names from the listing, goes up at once; the
    /// focus stays where the user put it.
    @Test func aFavouriteFoundLaterByTheListingGoesUp() {
        let refs = (1...2).map { FixtureRef(sport: "soccer", id: "f\($0)") }
        var state = AppState(mode: .live, fixtures: refs.map { FixtureState(ref: $0, home: "A", away: "B") })
        state.setFavourites(Favourites(["ding"]))
        _ = AppReducer.reduce(&state, .key(.tab))
        let snooker = FixtureRef(sport: "snooker", id: "s1")
        _ = AppReducer.reduce(&state, .feed(.discovered(snooker, FixtureInfo(title: nil, home: "Ronnie O'Sullivan", away: "Ding Junhui"), at: 1)))
        #expect(state.fixtures.map(\.ref) == [snooker] + refs)
        #expect(state.focused?.ref == refs[1])
    }

    /// `watch` learns team names from the feed: the fixture moves up then, and the focus stays where the user put it.
    @Test func aFixtureMovesUpWhenItsNamesArrive() {
        let refs = (1...3).map { FixtureRef(sport: "soccer", id: "f\($0)") }
        var state = AppState(mode: .live, fixtures: refs.map { FixtureState(ref: $0) })
        state.setFavourites(Favourites(["home fc"]))
        _ = AppReducer.reduce(&state, .key(.tab))
        #expect(state.fixtures.map(\.ref) == refs)
        var m = Msg()
        var msg = m.make("Goal", team: true)
        msg.action.fixtureId = "f3"
        _ = AppReducer.reduce(&state, .feed(.frame(refs[2], .actions([msg]), at: 1, bytes: 1)))
        #expect(state.fixtures.map(\.ref) == [refs[2], refs[0], refs[1]])
        #expect(state.focused?.ref == refs[1])
        #expect(state.index(of: refs[2]) == 0)
        // Frames that bring no new name leave the order as it is; a favourite's name arriving later still counts.
        var again = m.make("Goal", team: true)
        again.action.fixtureId = "f3"
        _ = AppReducer.reduce(&state, .feed(.frame(refs[2], .actions([again]), at: 2, bytes: 1)))
        #expect(state.fixtures.map(\.ref) == [refs[2], refs[0], refs[1]])
        var late = m.make("Goal", team: false)
        late.action.fixtureId = "f2"
        late.action.team?.name = "Home FC Reserves"
        _ = AppReducer.reduce(&state, .feed(.frame(refs[1], .actions([late]), at: 3, bytes: 1)))
        #expect(state.fixtures.map(\.ref) == [refs[2], refs[1], refs[0]])
        #expect(state.focused?.ref == refs[1])
    }

    /// Until the user moves the focus, the first favourite found takes it, as it does at start: names that came
    /// with the feed moved the fixture up and left the focus on the first row's old fixture.
    @Test func theFirstFavouriteFoundLaterTakesTheFocus() {
        let refs = (1...3).map { FixtureRef(sport: "soccer", id: "f\($0)") }
        var state = AppState(mode: .live, fixtures: refs.map { FixtureState(ref: $0) })
        state.setFavourites(Favourites(["home fc"]))
        #expect(state.focus == 0 && !state.favouriteFound)
        var m = Msg()
        var msg = m.make("Goal", team: true)
        msg.action.fixtureId = "f3"
        _ = AppReducer.reduce(&state, .feed(.frame(refs[2], .actions([msg]), at: 1, bytes: 1)))
        #expect(state.fixtures.map(\.ref) == [refs[2], refs[0], refs[1]])
        #expect(state.focused?.ref == refs[2] && state.favouriteFound)
        // A second favourite found later moves up, and the focus stays on the first.
        var late = m.make("Goal", team: false)
        late.action.fixtureId = "f2"
        late.action.team?.name = "Home FC Reserves"
        _ = AppReducer.reduce(&state, .feed(.frame(refs[1], .actions([late]), at: 2, bytes: 1)))
        #expect(state.fixtures.map(\.ref) == [refs[2], refs[1], refs[0]] && state.focused?.ref == refs[2])
    }

    @Test func overviewMarksFavouritesSnapshot() {
        var state = demoState(fraction: 0.45)
        state.setFavourites(Favourites(["ZAKSA Kędzierzyn-Koźle", "groningen"]))
        let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        let rows = text.split(separator: "\n").dropFirst().prefix(4).map(String.init)
        // Favourites keep their own order among themselves.
        #expect(rows[0].hasPrefix("▶1★") && rows[0].contains("FC Groningen"))
        #expect(rows[1].hasPrefix(" 2★") && rows[1].contains("ZAKSA"))
        #expect(rows[2].hasPrefix(" 3 ") && rows[3].hasPrefix(" 4 "))
        assertSnapshot(text, named: "favourites-100x30")
    }
}

@Suite struct TerminalTitleTests {
    @Test func focusedFixturesScorePeriodAndClock() {
        var state = demoState(fraction: 1, focus: 0)
        #expect(TerminalTitle.text(state) == "Žalgiris Kaunas 76–89 Anadolu Efes · Q4 00:00")
        state.focus = 1
        #expect(TerminalTitle.text(state) == "FC Groningen 3–2 Łódź United · 2H 94:52")
        state.fixtures = []
        #expect(TerminalTitle.text(state) == "Courtside")
    }

    @Test func hostileNamesCannotEndTheSequence() {
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: FixtureRef(sport: "soccer", id: "x"),
                                                                  home: "Evil\u{07}\u{1B}]2;PWNED\u{9C}", away: "Away")])
        state.focus = 0
        let text = TerminalTitle.text(state)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        let bytes = NcursesBackend.titleSequence(text)
        #expect(Array(bytes.prefix(4)) == [0x1B, 0x5D, 0x32, 0x3B] && bytes.last == 0x07)
        #expect(!bytes.dropFirst().dropLast().contains(0x1B) && !bytes.dropLast().contains(0x07))
    }
}

/// The shell's voice: at most one bell a second, and what comes within that second said together after it.
@Suite struct AlertVoiceTests {
    @Test func notificationsWithinAGapAreSaidTogetherAfterIt() {
        let ref = FixtureRef(sport: "basketball", id: "b1")
        var voice = AlertVoice(settings: AlertSettings(notify: .osc9))
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref)])
        voice.take([Alert(fixture: ref, kind: .score, text: "Score 2–1")], now: 10, state: &state)
        #expect(voice.output() == [0x07] + AlertSettings.notification("Score 2–1", style: .osc9))
        // A basket on the buzzer and the end of the quarter, within the second: nothing yet, then both.
        voice.take([Alert(fixture: ref, kind: .score, text: "Score 3–1")], now: 10.3, state: &state)
        voice.take([Alert(fixture: ref, kind: .periodEnd, text: "End of Q4")], now: 10.4, state: &state)
        #expect(voice.output().isEmpty)
        #expect(voice.nextExpiry == 11)
        #expect(!voice.expire(now: 10.9, state: &state) && voice.output().isEmpty)
        #expect(voice.expire(now: 11, state: &state))
        #expect(voice.output() == [0x07] + AlertSettings.notification("Score 3–1 · End of Q4", style: .osc9))
        #expect(!voice.expire(now: 13, state: &state) || voice.output().isEmpty, "nothing more to say")
    }
}

@Suite struct SpoilerFreeTests {
    static let scorePattern = #"\d+ : \d+"#

    func spoilerFree(_ fraction: Double, focus: Int) -> AppState {
        var state = demoState(fraction: fraction, focus: focus)
        state.spoilerFree = true
        return state
    }

    @Test func rRevealsTheFocusedFixtureAndRHidesIt() {
        let refs = (1...2).map { FixtureRef(sport: "soccer", id: "f\($0)") }
        var s = TestStore(state: AppState(mode: .live, fixtures: refs.map { FixtureState(ref: $0) }))
        s.send(.key(.char("r")))  // not spoiler-free: nothing to reveal
        s.state.spoilerFree = true
        #expect(s.state.hidesScore(at: 0) && s.state.hidesScore(at: 1))
        s.send(.key(.char("r"))) { $0.revealed = [refs[0]] }
        #expect(!s.state.hidesScore(at: 0) && s.state.hidesScore(at: 1))
        s.send(.key(.tab)) { $0.focus = 1; $0.focusChosen = true }
        s.send(.key(.char("R")))
        s.send(.key(.char("r"))) { $0.revealed = [refs[0], refs[1]] }
        s.send(.key(.char("R"))) { $0.revealed = [refs[0]] }
        s.send(.key(.backTab)) { $0.focus = 0; $0.focusChosen = true }
        s.send(.key(.char("R"))) { $0.revealed = [] }
    }

    /// A fixture taken off with `x` and added again starts hidden, as every fixture does: it kept its reveal, and
    /// replayed from kick-off with its score shown.
    @Test func aFixtureTakenOffIsHiddenAgainWhenItComesBack() {
        let refs = (1...2).map { FixtureRef(sport: "soccer", id: "f\($0)") }
        var state = AppState(mode: .replay, fixtures: refs.map { FixtureState(ref: $0) })
        state.spoilerFree = true
        _ = AppReducer.reduce(&state, .key(.char("r")))
        #expect(state.revealed == [refs[0]])
        _ = AppReducer.reduce(&state, .key(.char("x")))
        #expect(state.revealed.isEmpty)
        let empty = Screen.render(AppState(mode: .replay, fixtures: []), width: 100, height: 30, theme: .fallback).text
        #expect(empty.contains("a adds one") && empty.contains("live fixtures with `courtside watch`."), "whole at 100 columns: \(empty)")
    }

    @Test(arguments: [0, 1, 2, 3])
    func noScoreOnTheScreenOrInTheTitle(focus: Int) {
        let state = spoilerFree(0.8, focus: focus)
        for (w, h) in [(80, 24), (100, 30), (160, 48)] {
            let text = Screen.render(state, width: w, height: h, theme: .fallback).text
            #expect(text.range(of: Self.scorePattern, options: .regularExpression) == nil, "\(w)×\(h):\n\(text)")
            #expect(!text.contains("Goal") && !text.contains("Points Made") && !text.contains("Frame Won") && !text.contains("Pot"), "\(text)")
            #expect(!text.contains("Serve"), "a volleyball serve names the rally's winner: \(text)")
            #expect(text.contains("? : ?"))
            #expect(text.contains("Score hidden") || h < 30)
        }
        let title = TerminalTitle.text(state)
        #expect(title.range(of: #"\d+–\d+"#, options: .regularExpression) == nil && title.contains(" v "), "\(title)")
    }

    /// A shoot-out's kicks and play past regulation (ET, OT, PEN, a 120:00 clock) tell the score: the kicks showed in
    /// full, and the period told that the match was level.
    @Test(arguments: [0, 1])
    func aShootOutAndExtraTimeAreHiddenToo(focus: Int) {
        var m = Msg()
        let cup = FixtureRef(sport: "soccer", id: "cup"), hoops = FixtureRef(sport: "basketball", id: "hoops")
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: cup, home: "Ajax", away: "PSV"),
                                                     FixtureState(ref: hoops, home: "Home Five", away: "Away Five")])
        let kicks = [
            m.make("Start Fixture", period: 0), m.make("Goal", team: true, period: 1, clock: "30:00"),
            m.make("Goal", team: false, period: 2, clock: "80:00"), m.make("Start Period", period: 3, clock: "90:00"),
            m.make("Start Period", period: 5, clock: "120:00"),
            m.make("Penalty Shootout", team: true, sub: "Scored", period: 5, clock: "120:00", player: "Jordan Henderson"),
            m.make("Penalty Shootout", team: false, sub: "Missed", period: 5, clock: "120:00", player: "Ismael Saibari"),
        ]
        _ = AppReducer.reduce(&state, .feed(.frame(cup, .actions(kicks), at: 1, bytes: 100)))
        var b = Msg()
        let overtime = [b.make("Start Fixture", period: 0), b.make("2 Points Made", team: true, period: 4, clock: "00:01"),
                        b.make("2 Points Made", team: false, period: 4, clock: "00:00"), b.make("Start Period", period: 5, clock: "05:00")]
        _ = AppReducer.reduce(&state, .feed(.frame(hoops, .actions(overtime), at: 1, bytes: 100)))
        state.focus = focus
        state.spoilerFree = true
        let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text + TerminalTitle.text(state)
        for word in ["Penalty Shootout", "Scored", "Missed", "PEN", "Penalties", "ET", "Extra time", "120:00", "OT", "Overtime"] {
            #expect(!text.contains(word), "\(word):\n\(text)")
        }
        state.spoilerFree = false
        let shown = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        #expect(shown.contains("PEN") && shown.contains("OT1"), "\(shown)")
    }

    @Test func revealedFixtureShowsItsScoreOnly() {
        var state = spoilerFree(0.8, focus: 1)
        _ = AppReducer.reduce(&state, .key(.char("r")))
        let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        let rows = text.split(separator: "\n").dropFirst().prefix(4).map(String.init)
        #expect(rows[1].range(of: Self.scorePattern, options: .regularExpression) != nil, "\(rows[1])")
        for i in [0, 2, 3] { #expect(rows[i].contains("? : ?"), "\(rows[i])") }
        #expect(TerminalTitle.text(state) == "FC Groningen 3–2 Łódź United · 2H 88:30" || TerminalTitle.text(state).hasPrefix("FC Groningen "))
    }

    @Test(arguments: [(100, 30, 1), (160, 48, 1), (80, 24, 3)])
    func snapshots(width: Int, height: Int, focus: Int) {
        let state = spoilerFree(0.8, focus: focus)
        assertSnapshot(Screen.render(state, width: width, height: height, theme: .fallback).text,
                       named: "spoiler-free-\(focus)-\(width)x\(height)")
    }
}

extension SpoilerFreeTests {
    /// In volleyball and snooker a set's or frame's start and end lines are hidden too: counted along the feed, they
    /// told how many were played (a fifth set is 2–2). In basketball and soccer they tell nothing.
    @Test(arguments: [(Sport.volleyball, true), (.snooker, true), (.basketball, false), (.soccer, false)])
    func periodLinesAreHiddenWhereTheirNumberTellsTheScore(sport: Sport, hidden: Bool) {
        var m = Msg()
        let ref = FixtureRef(sport: sport.name, id: "m")
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref, home: "Home", away: "Away")])
        let actions = [m.make("Start Fixture", period: 0), m.make("Start Period", period: 1), m.make("End Period", period: 1),
                       m.make("Start Period", period: 2)]
        _ = AppReducer.reduce(&state, .feed(.frame(ref, .actions(actions), at: 1, bytes: 100)))
        state.spoilerFree = true
        let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        #expect(text.contains("Start Period") != hidden && text.contains("End Period") != hidden, "\(text)")
        #expect(text.contains("Start Fixture"), "\(text)")
    }

    /// What goes with a score is left out, not marked: "score hidden" beside a shot at the same minute was its goal
    /// (with its scorer on the shot's line), a basket's misses shown beside its hidden makes told them, and
    /// counting the marked lines counted the goals. The count of actions goes too: grown with no line, it told.
    @Test func noLineTellsOfAScoreOrOfATryAtOne() {
        var m = Msg(), b = Msg()
        let soccer = FixtureRef(sport: "soccer", id: "s"), hoops = FixtureRef(sport: "basketball", id: "b")
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: soccer, home: "Ajax", away: "PSV"),
                                                     FixtureState(ref: hoops, home: "Home Five", away: "Away Five")])
        let goal = [m.make("Start Fixture", period: 0), m.make("Foul", team: false, period: 1, clock: "11:20"),
                    m.make("Shot", team: true, sub: "On target", period: 1, clock: "11:35", player: "Milik"),
                    m.make("Goal", team: true, period: 1, clock: "11:35", player: "Milik"), m.make("Stop Clock", period: 1, clock: "11:35"),
                    m.make("Start Clock", period: 1, clock: "11:35")]
        _ = AppReducer.reduce(&state, .feed(.frame(soccer, .actions(goal), at: 1, bytes: 100)))
        let baskets = [b.make("Start Fixture", period: 0), b.make("2 Points Missed", team: true, period: 1, clock: "09:40", player: "Giedraitis"),
                       b.make("Defensive Rebound", team: false, period: 1, clock: "09:38"),
                       b.make("3 Points Made", team: false, period: 1, clock: "09:20", player: "Larkin"),
                       b.make("Free Throw Missed", team: true, period: 1, clock: "09:01", player: "Giedraitis"),
                       b.make("Possession Gained", team: true, period: 1, clock: "08:50"), b.make("Timeout", team: false, period: 1, clock: "08:45"),
                       b.make("Steal", team: true, period: 1, clock: "08:30")]
        _ = AppReducer.reduce(&state, .feed(.frame(hoops, .actions(baskets), at: 1, bytes: 100)))
        state.spoilerFree = true
        for focus in [0, 1] {
            state.focus = focus
            let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text
            // Nor what follows from a score: a goal's clock stop and start at its minute, a basket's change of
            // possession (and the rebounds and steals that tell the others apart), the clock at a hidden line's minute.
            for word in ["score hidden", "Shot", "Milik", "Goal", "Missed", "Made", "Giedraitis", "Larkin", "Actions · ", "actions  ",
                         "Clock", "Rebound", "Possession", "Steal", "11:35", "08:30", "possession"] {
                #expect(!text.contains(word), "\(word):\n\(text)")
            }
            // A soccer line without its minute: a goal stopped the clock, and the minutes falling behind real time told it.
            #expect(focus == 0 ? text.contains("▶ Foul (Away FC)") && !text.contains("11:20") : text.contains("08:45 Timeout"), "\(text)")
        }
        _ = AppReducer.reduce(&state, .key(.char("r")))
        let shown = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        #expect(shown.contains("3 Points Made") && shown.contains("Giedraitis") && shown.contains("Actions · 8") && shown.contains("08:30"), "revealed, all of it:\n\(shown)")
    }

    /// Scrolling passes over the lines left out: each key moves the feed one line it shows.
    @Test func scrollingPassesOverTheLinesLeftOut() {
        var m = Msg()
        let ref = FixtureRef(sport: "soccer", id: "s")
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref, home: "Ajax", away: "PSV")])
        let actions = [m.make("Foul", team: false, period: 1, clock: "10:00"), m.make("Shot", team: true, period: 1, clock: "11:00"),
                       m.make("Goal", team: true, period: 1, clock: "11:00"), m.make("Corner", team: true, period: 1, clock: "12:00"),
                       m.make("Goal", team: false, period: 1, clock: "13:00")]
        _ = AppReducer.reduce(&state, .feed(.frame(ref, .actions(actions), at: 1, bytes: 100)))
        state.spoilerFree = true
        var s = TestStore(state: state)
        // Told newest first: Goal (0, left out), Corner (1), Goal (2), Shot (3), Foul (4).
        s.send(.key(.down)) { $0.fixtures[0].feedScroll = 4 }
        s.send(.key(.down))
        s.send(.key(.up)) { $0.fixtures[0].feedScroll = 1 }
        s.send(.key(.up)) { $0.fixtures[0].feedScroll = 0 }
    }

    /// Past regulation the screen stays at regulation's end: the period label went blank when overtime began, the
    /// feed counted its Start and End Period lines, and its alerts rang.
    @Test func pastRegulationTheScreenStaysAtItsEnd() {
        var b = Msg()
        let hoops = FixtureRef(sport: "basketball", id: "hoops")
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: hoops, home: "Hawks", away: "Owls")])
        state.spoilerFree = true
        func send(_ actions: [ActionMessage]) -> [Alert] {
            let old = state
            _ = AppReducer.reduce(&state, .feed(.frame(hoops, .actions(actions), at: Double(b.seq), bytes: 100)))
            return Alerts.decide(old: old, new: state)
        }
        _ = send([b.make("Start Fixture", period: 0), b.make("Start Period", period: 4, clock: "10:00"),
                  b.make("Foul", team: true, period: 4, clock: "00:04")])
        #expect(send([b.make("End Period", period: 4, clock: "00:00")]).map(\.kind) == [.periodEnd], "regulation's end rings")
        // All but the connection panel (its frame count is the connection's health, and grows).
        func board() -> String { Screen.render(state, width: 100, height: 30, theme: .fallback).text.split(separator: "\n").map { $0.prefix(66) }.joined(separator: "\n") }
        let atEnd = board()
        #expect(send([b.make("Start Period", period: 5, clock: "05:00")]).isEmpty)
        #expect(send([b.make("Foul", team: false, period: 5, clock: "03:00"), b.make("End Period", period: 5, clock: "00:00")]).isEmpty,
                "nothing rings past regulation")
        let past = board()
        #expect(past == atEnd, "the screen stays as regulation ended:\n\(atEnd)\n\(past)")
        let full = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        #expect(full.contains("Q4 00:00") && full.contains("Quarter 4 · 00:00") && TerminalTitle.text(state) == "Hawks v Owls · Q4 00:00", "\(full)")
        #expect(send([b.make("End Fixture", period: 5, finished: true)]).map(\.kind) == [.matchEnd])
        _ = AppReducer.reduce(&state, .key(.char("r")))
        #expect(Screen.render(state, width: 100, height: 30, theme: .fallback).text.contains("OT1"))
    }

    @Test func setAndFrameNumbersAreHiddenTooButQuartersAndHalvesAreNot() {
        let state = spoilerFree(0.8, focus: 0)
        let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        let rows = text.split(separator: "\n").dropFirst().prefix(4).map(String.init)
        #expect(rows[0].contains("Q4") && rows[1].contains("2H"), "\(rows)")
        #expect(!rows[2].contains("Set ") && !rows[3].contains("Fr "), "\(rows)")
    }
}

@Suite struct AlertTests {
    static let refs = (1...2).map { FixtureRef(sport: "soccer", id: "f\($0)") }

    struct Feed {
        var state = AppState(mode: .live, fixtures: AlertTests.refs.map { FixtureState(ref: $0) })
        var msgs = [Msg(), Msg()]
        var t = 0.0

        /// Sends one action to fixture `i` and returns the alerts it brings.
        mutating func send(_ i: Int, _ type: String, team: Bool? = true, sub: String? = nil, period: Int? = 1) -> [Alert] {
            var m = msgs[i].make(type, team: team, sub: sub, period: period, clock: "10:00")
            m.action.fixtureId = "f\(i + 1)"
            t += 1
            let old = state
            _ = AppReducer.reduce(&state, .feed(.frame(AlertTests.refs[i], .actions([m]), at: t, bytes: 1)))
            return Alerts.decide(old: old, new: state)
        }
    }

    @Test func theFocusedFixtureAlertsOnScoreCardsPeriodsAndVideoChecks() {
        var f = Feed()
        #expect(f.send(0, "Start Fixture", team: nil).isEmpty)
        #expect(f.send(0, "Goal") == [Alert(fixture: Self.refs[0], kind: .score, text: "Score: Home FC 1–0 Away")])
        #expect(f.send(0, "Shot").isEmpty)
        #expect(f.send(0, "Red Card", team: false).map(\.kind) == [.redCard])
        #expect(f.send(0, "Yellow Card").isEmpty)
        #expect(f.send(0, "Video Check", sub: "Goal").map(\.kind) == [.videoCheck])
        #expect(f.send(0, "Video Check", sub: "Goal").isEmpty, "still the same check")
        #expect(f.send(0, "Video Check Result", sub: "Goal").isEmpty)
        #expect(f.send(0, "End Period", team: nil).map(\.kind) == [.periodEnd])
        #expect(f.send(0, "End Fixture", team: nil, period: 2).map { $0.kind } == [.matchEnd])
    }

    @Test func onlyTheFocusedAndTheFavouritesAlert() {
        var f = Feed()
        #expect(f.send(1, "Goal").isEmpty, "neither focused nor a favourite")
        f.state.setFavourites(Favourites(["home fc"]))
        f.state.focus = f.state.index(of: Self.refs[0])!
        #expect(f.send(1, "Goal").map(\.fixture) == [Self.refs[1]])
        f.state.focus = f.state.index(of: Self.refs[1])!
        f.state.favourites = Favourites()
        #expect(f.send(1, "Goal").map(\.kind) == [.score])
    }

    @Test func aHiddenScoreDoesNotRingAndNamesNoScore() {
        var f = Feed()
        f.state.spoilerFree = true
        #expect(f.send(0, "Goal").isEmpty)
        #expect(f.send(0, "Red Card") == [Alert(fixture: Self.refs[0], kind: .redCard, text: "Red card: Home FC v Away")])
        _ = AppReducer.reduce(&f.state, .key(.char("r")))
        #expect(f.send(0, "Goal").map(\.text) == ["Score: Home FC 2–0 Away"])
    }

    /// Where how many periods were played tells the score (volleyball sets, snooker frames), their ends do not ring
    /// while the score is hidden: five set-ends told 3–2 or 2–3. The match's end still does.
    @Test(arguments: [Sport.volleyball, .snooker]) func periodEndsDoNotRingWhereTheirCountTellsTheScore(sport: Sport) {
        var m = Msg()
        let ref = FixtureRef(sport: sport.name, id: "v")
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref, home: "Home", away: "Away")])
        func send(_ a: ActionMessage) -> [Alert.Kind] {
            let old = state
            _ = AppReducer.reduce(&state, .feed(.frame(ref, .actions([a]), at: Double(m.seq), bytes: 1)))
            return Alerts.decide(old: old, new: state).map(\.kind)
        }
        #expect(send(m.make("Start Period", period: 1)).isEmpty)
        #expect(send(m.make("End Period", period: 1)) == [.periodEnd], "shown score: it rings")
        state.spoilerFree = true
        #expect(send(m.make("Start Period", period: 2)).isEmpty)
        #expect(send(m.make("End Period", period: 2)).isEmpty)
        #expect(send(m.make("End Fixture", period: 2, finished: true)) == [.matchEnd])
    }

    @Test func aReplayStartingOverIsNoAlert() {
        var state = demoState(fraction: 0.5)
        let old = state
        _ = AppReducer.reduce(&state, .replayRestarted)
        #expect(Alerts.decide(old: old, new: state).isEmpty)
        #expect(Alerts.decide(old: state, new: state).isEmpty)
    }

    @Test func aDemoReplayAlertsForItsFocusedFixtureOnly() {
        let start = demoState(fraction: 0.3, focus: 1)
        let end = demoState(fraction: 0.31, focus: 1)
        let alerts = Alerts.decide(old: start, new: end)
        #expect(!alerts.isEmpty && alerts.allSatisfy { $0.fixture == end.fixtures[1].ref }, "\(alerts)")
    }

    @Test func notificationSequencesAreSafe() {
        #expect(AlertSettings.notification("Score: A 1–0 B; x\u{07}\u{1B}]2;y", style: .osc777)
                == Array("\u{1B}]777;notify;Courtside;Score: A 1–0 B, x]2,y\u{07}".utf8))
        #expect(AlertSettings.notification("Goal", style: .osc9) == Array("\u{1B}]9;Goal\u{07}".utf8))
    }

    @Test func aHighlightedRowShowsItsScoreInTheBannerStyle() {
        var state = demoState(fraction: 0.45)
        state.highlighted = [state.fixtures[2].ref]
        let theme = Theme.fallback
        let canvas = Screen.render(state, width: 100, height: 30, theme: theme)
        let scoreCell = (0..<100).first { canvas[$0, 3].text == ":" }
        #expect(scoreCell.map { canvas[$0, 3].style } == theme[.banner])
        #expect((0..<100).first { canvas[$0, 2].text == ":" }.map { canvas[$0, 2].style } != theme[.banner])
    }
}

@Suite struct BoxScoreTests {
    func table(_ box: BoxScore, _ title: String) -> BoxScore.Table? { box.tables.first { $0.title == title } }

    @Test func basketballTopScorersAddUpToTheTeamsPoints() throws {
        let state = demoState(fraction: 1)
        let f = try #require(state.fixtures.first { $0.sport == .basketball })
        let box = BoxScore(f.log)
        #expect(box.tables.map(\.title) == ["Žalgiris Kaunas", "Anadolu Efes"])
        #expect(box.tables[0].columns == ["PTS", "REB", "TO", "PF"])
        #expect(box.tables.allSatisfy { (5...BoxScore.topPlayers).contains($0.rows.count) })
        let points = box.tables[0].rows.map { Int($0[1])! }
        #expect(points == points.sorted(by: >))
        #expect(points.reduce(0, +) <= f.match.headline.home)
    }

    @Test func soccerScorersCardsShotsAndCorners() throws {
        let state = demoState(fraction: 1)
        let f = try #require(state.fixtures.first { $0.sport == .soccer })
        let box = BoxScore(f.log)
        #expect(box.tables.map(\.title) == ["Goals", "Cards", "Team"])
        #expect(box.tables[0].rows.count == f.match.headline.home + f.match.headline.away)
        #expect(box.tables[0].rows.allSatisfy { $0[0].contains("'") })
        let team = try #require(table(box, "Team"))
        #expect(team.rows.map { $0[0] } == ["shots", "corners", "yellow", "red"])
    }

    @Test func volleyballAcesAndBlocksArePoints() throws {
        let state = demoState(fraction: 1)
        let f = try #require(state.fixtures.first { $0.sport == .volleyball })
        for t in BoxScore(f.log).tables {
            for row in t.rows { #expect(Int(row[1])! >= Int(row[2])! + Int(row[3])!, "\(row)") }
        }
    }

    @Test func snookerBreaksOfFiftyAndCenturies() {
        var m = Msg()
        var messages = [m.make("Start Fixture")]
        func pot(_ home: Bool, _ ball: String, frame: Int) -> ActionMessage {
            var msg = m.make("Pot", team: home, sub: ball, period: frame, player: home ? "Ronnie" : "Ding")
            msg.action.team?.name = home ? "Ronnie" : "Ding"
            return msg
        }
        for _ in 0..<15 { messages += [pot(true, "Red", frame: 1), pot(true, "Black", frame: 1)] }  // 120
        messages.append(m.make("Safety", team: false, period: 1))
        for _ in 0..<7 { messages += [pot(false, "Red", frame: 1), pot(false, "Black", frame: 1)] }  // 56
        messages.append(m.make("Foul", team: false, period: 1))
        for _ in 0..<3 { messages += [pot(true, "Red", frame: 1), pot(true, "Pink", frame: 1)] }  // 21
        let box = BoxScore(fold(.snooker, messages))
        #expect(box.tables.count == 1)
        #expect(box.tables[0].rows == [["Ronnie", "1", "120", "century"], ["Ding", "1", "56", ""]])
    }

    @Test func bTogglesAndEscapeCloses() {
        var s = TestStore(state: AppState(mode: .live, fixtures: [FixtureState(ref: FixtureRef(sport: "soccer", id: "f1"))]))
        s.send(.key(.char("b"))) { $0.showBoxScore = true }
        s.send(.key(.char("?"))) { $0.showHelp = true }
        s.send(.key(.escape)) { $0.showHelp = false }
        s.send(.key(.escape)) { $0.showBoxScore = false }
        s.send(.key(.char("b"))) { $0.showBoxScore = true }
        s.send(.key(.char("b"))) { $0.showBoxScore = false }
    }

    /// ↓ and PgDn scroll a box score whose tables do not fit (the key line said "↑↓ scroll", and the rows counted
    /// "… 10 more" could not be seen); Home goes back to the top, and `b` opens it at the top again.
    @Test func longTablesScroll() {
        var state = demoState(fraction: 0.8, focus: 1)
        _ = AppReducer.reduce(&state, .key(.char("b")))
        func screen() -> String { Screen.render(state, width: 80, height: 30, theme: .fallback).text }
        let top = screen()
        #expect(top.contains(" more") && !top.contains("↑ "), "\(top)")
        _ = AppReducer.reduce(&state, .key(.pageDown))
        let scrolled = screen()
        #expect(state.boxScroll > 0 && scrolled.contains("↑ "), "\(scrolled)")
        #expect(scrolled != top)
        for _ in 0..<20 { _ = AppReducer.reduce(&state, .key(.pageDown)) }
        let bottom = screen()
        #expect(!bottom.contains("… "), "the last rows are reached: \(bottom)")
        _ = AppReducer.reduce(&state, .key(.home))
        #expect(state.boxScroll == 0 && screen() == top)
        _ = AppReducer.reduce(&state, .key(.pageDown))
        _ = AppReducer.reduce(&state, .key(.char("b")))
        _ = AppReducer.reduce(&state, .key(.char("b")))
        #expect(state.boxScroll == 0)
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func snapshots(width: Int, height: Int) {
        for focus in 0..<4 {
            var state = demoState(fraction: 0.8, focus: focus)
            state.showBoxScore = true
            let canvas = Screen.render(state, width: width, height: height, theme: .fallback)
            assertSnapshot(canvas.text, named: "box-\(focus)-\(width)x\(height)")
        }
    }

    /// Every row of every table is shown or counted, whatever the height: the soccer box score at 80×24 showed 2 of
    /// 5 goals and 2 of 11 cards, and lost its team rows, with nothing to say so.
    @Test(arguments: [(50, 12), (50, 20), (60, 40)])
    func everyRowIsShownOrCounted(width: Int, height: Int) {
        for focus in 0..<4 {
            let state = demoState(fraction: 1, focus: focus)
            let tables = BoxScore(state.fixtures[focus].log).tables
            var canvas = Canvas(width: width, height: height)
            BoxScoreView.draw(&canvas, Rect(x: 0, y: 0, width: width, height: height), fixture: state.fixtures[focus], hidden: false, theme: .fallback)
            let lines = canvas.text.split(separator: "\n").map(String.init)
            let more = lines.compactMap { line in line.range(of: #"… (\d+) more"#, options: .regularExpression).map { Int(line[$0].dropFirst(2).prefix { $0.isNumber })! } }
                + lines.compactMap(Self.notShownByTitle)
            let shown = tables.flatMap(\.rows).filter { row in lines.contains { $0.contains("│ " + row[0]) } }.count
            #expect(shown + more.reduce(0, +) == tables.map(\.rows.count).reduce(0, +), "focus \(focus) at \(width)×\(height):\n\(canvas.text)")
        }
        // Each table alone, side by side or stacked, at every height up to all of it.
        for focus in 0..<4 {
            let state = demoState(fraction: 1, focus: focus)
            for table in BoxScore(state.fixtures[focus].log).tables {
                for h in 1...(table.rows.count + 2) {
                    var canvas = Canvas(width: 60, height: h)
                    BoxScoreView.draw(&canvas, table, Rect(x: 0, y: 0, width: 60, height: h), theme: .fallback)
                    let lines = canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    let more = lines.compactMap { line in line.range(of: #"… (\d+) more"#, options: .regularExpression).map { Int(line[$0].dropFirst(2).prefix { $0.isNumber })! } }
                        + lines.compactMap(Self.notShownByTitle)
                    let shown = lines.dropFirst().filter { !$0.allSatisfy { $0 == " " } && !$0.contains("… ") }.count
                    #expect(h == 1 || shown + more.reduce(0, +) == table.rows.count, "\(table.title) in \(h) rows:\n\(canvas.text)")
                    #expect(h == 1 || shown > 0, "a row is shown whenever there is a line for one: \(table.title) in \(h) rows")
                }
            }
        }
        #expect(BoxScoreView.stackedHeights(needs: [3, 12, 6], room: 8) == [3, 3, 2])
        #expect(BoxScoreView.stackedHeights(needs: [2, 12, 4], room: 20) == [2, 12, 4])
        #expect(BoxScoreView.stackedHeights(needs: [2, 12, 4], room: 14) == [2, 8, 4], "a short table's spare rows go to the others")
        #expect(BoxScoreView.stackedHeights(needs: [5, 5], room: 0) == [0, 0])
    }

    /// Rows a cut table's title says it leaves out ("Cards 3–4 of 11": 9), where no line is left to count them.
    static func notShownByTitle(_ line: String) -> Int? {
        guard let r = line.range(of: #"(\d+)(–(\d+))? of (\d+)"#, options: .regularExpression) else { return nil }
        let numbers = line[r].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let shown = numbers.count == 3 ? numbers[1] - numbers[0] + 1 : 1
        return numbers.last! - shown
    }

    /// Every row of every table can be scrolled into view at the smallest screen, where the soccer box score gives
    /// its tables a line or two each: the counts above and below took those lines, and no card could be seen.
    @Test func everyRowCanBeScrolledIntoViewAt80x24() {
        for focus in 0..<4 {
            var state = demoState(fraction: 1, focus: focus)
            _ = AppReducer.reduce(&state, .key(.char("b")))
            let rows = BoxScore(state.fixtures[focus].log).tables.flatMap(\.rows).map { $0[0] }
            var seen = Set<String>()
            for _ in 0..<40 {
                let lines = Screen.render(state, width: 80, height: 24, theme: .fallback).text.split(separator: "\n")
                for row in rows where lines.contains(where: { $0.contains("│ " + row) }) { seen.insert(row) }
                _ = AppReducer.reduce(&state, .key(.down))
            }
            #expect(Set(rows).subtracting(seen).isEmpty, "focus \(focus): never shown \(Set(rows).subtracting(seen).sorted())")
        }
    }

    @Test func hiddenWhileSpoilerFree() {
        var state = demoState(fraction: 0.8, focus: 1)
        state.showBoxScore = true
        state.spoilerFree = true
        let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        #expect(text.contains("Box score") && text.contains("Score hidden") && !text.contains("Goals"))
    }
}

@Suite struct NavigationTests {
    func store(_ n: Int = 12) -> TestStore {
        TestStore(state: AppState(mode: .live, fixtures: (1...n).map {
            FixtureState(ref: FixtureRef(sport: "soccer", id: "f\($0)"), home: "Home \($0)", away: $0 == 11 ? "Łódź United" : "Away \($0)")
        }))
    }

    @Test func gAndANumberFocusesAnyFixture() {
        var s = store()
        s.send(.key(.char("g"))) { $0.prompt = Prompt(kind: .goto) }
        s.send(.key(.char("1"))) { $0.prompt?.text = "1" }
        s.send(.key(.char("x")))
        s.send(.key(.char("2"))) { $0.prompt?.text = "12" }
        s.send(.key(.enter)) { $0.prompt = nil; $0.focus = 11; $0.focusChosen = true }
        s.send(.key(.char("g"))) { $0.prompt = Prompt(kind: .goto) }
        s.send(.key(.char("4"))) { $0.prompt?.text = "4" }
        s.send(.key(.backspace)) { $0.prompt?.text = "" }
        s.send(.key(.char("9"))) { $0.prompt?.text = "9" }
        s.send(.key(.char("9"))) { $0.prompt?.text = "99" }
        s.send(.key(.enter)) { $0.prompt = nil; $0.notice = "no fixture 99" }
        s.send(.key(.char("q")), effects: []) { $0.notice = nil; $0.quitting = true }
    }

    @Test func slashFindsTheNextTeamIgnoringCaseAndDiacritics() {
        var s = store()
        s.send(.key(.char("/"))) { $0.prompt = Prompt(kind: .find) }
        for (i, c) in "LODZ".enumerated() {
            s.send(.key(.char(c))) { $0.prompt?.text = String(Array("LODZ").prefix(i + 1)) }
        }
        s.send(.key(.enter)) { $0.prompt = nil; $0.focus = 10; $0.focusChosen = true }
        s.send(.key(.char("/"))) { $0.prompt = Prompt(kind: .find) }
        s.send(.key(.char("q"))) { $0.prompt?.text = "q" }
        s.send(.key(.escape)) { $0.prompt = nil }
        s.send(.key(.char("/"))) { $0.prompt = Prompt(kind: .find) }
        s.send(.key(.char("x"))) { $0.prompt?.text = "x" }
        s.send(.key(.enter)) { $0.prompt = nil; $0.notice = "no team matches \"x\"" }
        // "home 1" matches Home 1, Home 10, Home 11, Home 12: the next after the focus, round the end.
        s.send(.key(.char("/"))) { $0.notice = nil; $0.prompt = Prompt(kind: .find, text: "") }
        for c in "home 1" { s.send(.key(.char(c))) { $0.prompt?.text.append(c) } }
        s.send(.key(.enter)) { $0.prompt = nil; $0.focus = 11; $0.focusChosen = true }
    }

    @Test func oTogglesTheFullOverviewAndSelectFocuses() {
        var s = store()
        s.send(.key(.char("o"))) { $0.fullOverview = true }
        s.send(.select(7)) { $0.focus = 7; $0.focusChosen = true }
        s.send(.select(70))
        s.send(.key(.escape)) { $0.fullOverview = false }
        s.send(.key(.char("o"))) { $0.fullOverview = true }
        s.send(.key(.char("O"))) { $0.fullOverview = false }
    }

    @Test func aClickedRowIsItsFixture() {
        var state = demoState(fraction: 0.3, fixtures: 12, focus: 8)
        // 100×30: six overview rows under the title bar, scrolled so that fixture 9 (index 8) is the last.
        #expect(Screen.fixtureIndex(atRow: 0, state, width: 100, height: 30) == nil)
        #expect(Screen.fixtureIndex(atRow: 1, state, width: 100, height: 30) == 3)
        #expect(Screen.fixtureIndex(atRow: 6, state, width: 100, height: 30) == 8)
        #expect(Screen.fixtureIndex(atRow: 7, state, width: 100, height: 30) == nil)
        #expect(Screen.fixtureIndex(atRow: 1, state, width: 70, height: 20) == nil)
        let text = Screen.render(state, width: 100, height: 30, theme: .fallback).text.split(separator: "\n")
        #expect(text[1].hasPrefix("  4 ") && text[6].hasPrefix("▶ 9 "), "\(text)")
        state.fullOverview = true
        #expect(Screen.fixtureIndex(atRow: 12, state, width: 100, height: 30) == 11)
        #expect(Screen.fixtureIndex(atRow: 13, state, width: 100, height: 30) == nil)
    }

    @Test func fullOverviewSnapshot() {
        var state = demoState(fraction: 0.5, fixtures: 12, focus: 10)
        state.fullOverview = true
        assertSnapshot(Screen.render(state, width: 100, height: 30, theme: .fallback).text, named: "full-overview-100x30")
    }

    @Test func thePromptAndTheNoticeShowInTheStatusBar() {
        var state = demoState(fraction: 0.2)
        state.prompt = Prompt(kind: .find, text: "efes")
        var last = Screen.render(state, width: 80, height: 24, theme: .fallback).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix(" find: efes▏  Enter go · Esc cancel"), "\(last)")
        state.prompt = nil
        state.notice = "no fixture 99"
        last = Screen.render(state, width: 80, height: 24, theme: .fallback).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix(" no fixture 99"), "\(last)")
    }
}

@Suite struct DelayTests {
    @Test(arguments: [("45s", 45.0), ("2m", 120.0), ("1m30s", 90.0), ("45", 45.0), ("7.5", 7.5), ("0", 0.0), ("1h", 3600.0)])
    func durations(text: String, seconds: Double) {
        #expect(DelayLine.parse(text) == seconds)
    }

    @Test(arguments: ["", "s", "-5", "5x", "m5", "1m30", "nan", "inf"])
    func notDurations(text: String) {
        #expect(DelayLine.parse(text) == nil)
    }

    @Test func eventsComeOutInOrderOnceTheirDelayIsUp() {
        var line = DelayLine()
        let refs = (1...3).map { FixtureRef(sport: "soccer", id: "f\($0)") }
        for (i, ref) in refs.enumerated() { line.push(.feed(.ended(ref, at: Double(i))), at: Double(i)) }
        #expect(line.nextDue(delay: 45) == 45)
        #expect(line.due(now: 44.9, delay: 45).isEmpty)
        #expect(line.due(now: 46, delay: 45) == [.feed(.ended(refs[0], at: 0)), .feed(.ended(refs[1], at: 1))])
        #expect(line.count == 1)
        // A shorter delay lets the rest out at once.
        #expect(line.due(now: 46, delay: 0) == [.feed(.ended(refs[2], at: 2))])
        #expect(line.nextDue(delay: 0) == nil && line.count == 0)
    }

    /// A pause (`space`) holds the delay line too, and on resuming what is held waits as long again as the pause
    /// lasted: the screen stopped under "PAUSED" only once the delay had run out.
    @Test func aPauseHoldsWhatIsDelayed() {
        var line = DelayLine()
        let refs = (1...3).map { FixtureRef(sport: "soccer", id: "f\($0)") }
        line.push(.feed(.ended(refs[0], at: 0)), at: 0)
        line.push(.feed(.ended(refs[1], at: 10)), at: 10)
        line.setPaused(true, at: 12)
        #expect(line.due(now: 20, delay: 15).isEmpty && line.nextDue(delay: 15) == nil, "paused: nothing reaches the screen")
        line.push(.feed(.ended(refs[2], at: 25)), at: 25)  // arrived while paused (a live feed goes on)
        line.setPaused(true, at: 26)  // pausing twice keeps the first moment
        line.setPaused(false, at: 30)
        #expect(line.nextDue(delay: 15) == 33, "held 18 s more, as long as the pause")
        #expect(line.due(now: 32.9, delay: 15).isEmpty)
        #expect(line.due(now: 33, delay: 15) == [.feed(.ended(refs[0], at: 0))])
        #expect(line.due(now: 42.9, delay: 15).isEmpty)
        #expect(line.due(now: 43, delay: 15) == [.feed(.ended(refs[1], at: 10))], "10 + 18 + 15")
        #expect(line.due(now: 44.9, delay: 15).isEmpty)
        #expect(line.due(now: 45, delay: 15) == [.feed(.ended(refs[2], at: 25))], "arrived 5 s before the resume: 25 + 5 + 15")
    }

    @Test func dAndDChangeTheDelayWithinBounds() {
        var s = TestStore(state: AppState(mode: .live, fixtures: []))
        s.send(.key(.char("d"))) { $0.delay = 5 }
        s.send(.key(.char("d"))) { $0.delay = 10 }
        s.send(.key(.char("D"))) { $0.delay = 5 }
        s.send(.key(.char("D"))) { $0.delay = 0 }
        s.send(.key(.char("D")))
        s.state.delay = 3599
        s.send(.key(.char("d"))) { $0.delay = 3600 }
    }

    @Test func theTitleBarShowsTheDelay() {
        var state = demoState(fraction: 0.1)
        state.delay = 90
        let top = Screen.render(state, width: 100, height: 30, theme: .fallback).text.split(separator: "\n")[0]
        #expect(top.contains("· delay 1m30s"), "\(top)")
    }

    @Test func theTitleBarShowsTheLoopsPassAndCountsFixturesInWords() {
        var state = demoState(fraction: 0.1, fixtures: 1)
        func top() -> Substring { Screen.render(state, width: 100, height: 30, theme: .fallback).text.split(separator: "\n")[0] }
        #expect(!top().contains("loop") && top().contains("1 fixture ·"), "\(top())")
        state.replayPass = 2
        #expect(top().contains("· loop 2"), "\(top())")
    }
}

@Suite struct FeedLatencyTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0), ("2026-11-20T19:30:03.000Z", 1_795_203_003_000), ("2026-11-20T19:30:03.250Z", 1_795_203_003_250),
        ("2000-02-29T12:00:00Z", 951_825_600_000), ("2026-11-20T21:30:03+02:00", 1_795_203_003_000),
    ])
    func isoTimestamps(text: String, ms: Double) {
        #expect(FeedLatency.epochMs(text) == ms)
    }

    @Test(arguments: ["", "2026-11-20", "2026-11-20T19:30:03", "2026-13-20T19:30:03Z", "2026-11-20T19:30:03.Z", "2026-11-20T19:30:03Zx", "x026-11-20T19:30:03Z"])
    func notTimestamps(text: String) {
        #expect(FeedLatency.epochMs(text) == nil)
    }

    @Test func lastMedianAndP95() {
        var l = FeedLatency()
        #expect(l.lastMs == nil && l.medianMs == nil && l.p95Ms == nil)
        for ms in (1...100).reversed() { l.add(Double(ms)) }
        #expect(l.lastMs == 1 && l.medianMs == 50 && l.p95Ms == 95)
        for _ in 0..<500 { l.add(7) }
        #expect(l.samples.count <= FeedLatency.window * 2 && l.medianMs == 7 && l.p95Ms == 7)
    }

    /// Joining mid-match, the history comes first, an hour late: once a live message arrives, the catch-up's
    /// figures go (they held the median at an hour for the next 200 messages).
    @Test func aCatchUpEndsWithTheFirstLiveMessage() {
        var l = FeedLatency()
        for k in 0..<150 { l.add(3_600_000 - Double(k) * 1000) }
        l.add(900)
        #expect(l.samples == [900] && l.medianMs == 900)
        for _ in 0..<20 { l.add(1000) }
        l.add(80)
        #expect(l.samples.count == 22, "a short lag among short ones is no catch-up")
    }

    /// An action of fixture f1 stamped 2026-11-20T19:30:03Z.
    func stamped(_ type: String, _ m: inout Msg) -> ActionMessage {
        var msg = m.make(type, team: true)
        msg.action.fixtureId = "f1"
        msg.action.timestamp = "2026-11-20T19:30:03.000Z"
        return msg
    }

    /// A message sent again (a resume) is not measured: its lag is the resume's, not the feed's.
    @Test func aMessageSentAgainIsNotMeasured() {
        let ref = FixtureRef(sport: "soccer", id: "f1")
        var m = Msg()
        let msg = stamped("Goal", &m)
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref)])
        state.epochOffset = 1_795_203_003 - 10 + 0.25
        _ = AppReducer.reduce(&state, .feed(.frame(ref, .actions([msg]), at: 10, bytes: 1)))
        _ = AppReducer.reduce(&state, .feed(.frame(ref, .actions([msg]), at: 70, bytes: 1)))
        #expect(state.fixtures[0].latency.samples.count == 1)
    }

    @Test func measuredOnlyWhenTheWallClockIsKnown() {
        let ref = FixtureRef(sport: "soccer", id: "f1")
        var m = Msg()
        var msg = stamped("Goal", &m)
        var state = AppState(mode: .live, fixtures: [FixtureState(ref: ref)])
        _ = AppReducer.reduce(&state, .feed(.frame(ref, .actions([msg]), at: 10, bytes: 1)))
        #expect(state.fixtures[0].latency.lastMs == nil)
        #expect(!HeadlessLine.json(for: state.fixtures[0], latency: true).contains("lagMs"))
        state.epochOffset = 1_795_203_003 - 10 + 0.25  // arrival 250 ms after the timestamp
        msg = stamped("Shot", &m)
        _ = AppReducer.reduce(&state, .feed(.frame(ref, .actions([msg]), at: 10, bytes: 1)))
        #expect(state.fixtures[0].latency.lastMs == 250)
        #expect(HeadlessLine.json(for: state.fixtures[0], latency: true).contains(#""lagMs":{"last":250,"median":250,"p95":250}"#))
        #expect(!HeadlessLine.json(for: state.fixtures[0]).contains("lagMs"), "only with --latency")
        let panel = Screen.render(state, width: 100, height: 30, theme: .fallback).text
        #expect(panel.contains("latency") && panel.contains("250 ms"), "\(panel)")
    }
}

extension EndToEnd.LoopbackTests {
    @Test func watchHeadlessWithLatencyAddsLagMs() throws {
        let (server, port) = try startServe(["--heartbeat", "1"])
        defer { server.stop() }
        let fixture = try #require(demoRecording("soccer")?.header.fixture.description)
        let args = ["watch", fixture, "--endpoint", "ws://127.0.0.1:\(port)", "--speed", "fast", "--headless"]
        let plain = try runProcess(courtsideBinary, args, environment: ["COURTSIDE_TOKEN": "local-secret-token"], timeout: 60)
        #expect(plain.status == 0 && !plain.stdout.contains("lagMs"), "\(plain.stderr)")
        let watch = try runProcess(courtsideBinary, args + ["--latency"], environment: ["COURTSIDE_TOKEN": "local-secret-token"], timeout: 60)
        #expect(watch.status == 0, "\(watch.stderr)")
        // The recordings are from 2026-11-20: the lag is the time since then, and the same in every statistic's order.
        let lag = try #require(finals(watch.stdout)[String(fixture.split(separator: "/").last!)]?["lagMs"])
        let last = try #require(lag["last"]?.doubleValue), median = try #require(lag["median"]?.doubleValue), p95 = try #require(lag["p95"]?.doubleValue)
        #expect(last > 0 && median > 0 && p95 >= median, "\(lag)")
    }
}

/// A team's own colour is drawn only where it can be read on the background its theme is made for: a yellow kit
/// on the light theme read at 1.4:1, as the check was made for dark backgrounds.
@Suite struct TeamColourTests {
    func theme(_ name: String) throws -> Theme {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("themes/\(name).toml"), encoding: .utf8)
        return try ThemeParser.parse(text, file: name + ".toml")
    }

    @Test func aKitIsDrawnInItsColourOnlyWhereItCanBeRead() throws {
        var match = MatchState(sport: .soccer)
        match.awayColour = TeamColour(r: 253, g: 225, b: 0)  // a Dortmund yellow
        match.homeColour = TeamColour(r: 0, g: 82, b: 147)  // a dark blue
        let (dark, light) = (try theme("dark"), try theme("light"))
        #expect(teamStyle(false, match: match, theme: dark).fg == .rgb(253, 225, 0))
        #expect(teamStyle(false, match: match, theme: light).fg == light[.away].fg)
        #expect(teamStyle(true, match: match, theme: light).fg == .rgb(0, 82, 147))
        #expect(teamStyle(true, match: match, theme: dark).fg == dark[.home].fg, "dark blue on a dark background")
    }

    /// The colour is read byte by byte; it must read every text as the reading it replaced did (split at commas,
    /// empty parts skipped, each trimmed of spaces, tabs and CRs and read by `UInt8(_:)`).
    @Test func aColourIsReadAsSplittingTrimmingAndParsingReadIt() {
        func reference(_ text: String) -> TeamColour? {
            let parts = text.split(separator: ",").map { UInt8($0.trimmingSpaces) }
            guard parts.count == 3, let r = parts[0], let g = parts[1], let b = parts[2] else { return nil }
            return TeamColour(r: r, g: g, b: b)
        }
        let fixed = ["0, 38, 255", "0,38,255", " 0 ,\t38\r, 255 ", "0,,38,255,", ",0,38,255", "0, 38", "0, 38, 255, 1", "0, 38, 256",
                     "+0, -0, 007", "-1, 0, 0", "+, 0, 0", "0, 38, 2 55", "0, 38, 255\r\n", "\r\n0, 38, 255", "0, 38, ٣", "0, 38, 25\u{301}",
                     "", ",", ",,,", "0, , 255", "00000000000000000255, 0, 0", "0x10, 0, 0", "0, 38, 255 ;", "Ⅻ, 1, 2"]
        for text in fixed { #expect(TeamColour(text) == reference(text), "\(text.debugDescription)") }
        let alphabet: [Character] = ["0", "1", "2", "5", "9", ",", ",", " ", "\t", "\r", "\n", "+", "-", "a", "é", "\r\n"]
        var rng = SeededRandom(seed: 77)
        for _ in 0..<20_000 {
            let text = String((0..<Int.random(in: 0...14, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            #expect(TeamColour(text) == reference(text), "\(text.debugDescription)")
        }
    }
}
