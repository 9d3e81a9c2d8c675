import Testing
import LiveActions
import Scoring
import TUI
@testable import Scoreboard
import Terminal

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

    /// `watch` learns team names from the feed: the fixture moves up then, and the focus stays where it was.
    @Test func aFixtureMovesUpWhenItsNamesArrive() {
        let refs = (1...3).map { FixtureRef(sport: "soccer", id: "f\($0)") }
        var state = AppState(mode: .live, fixtures: refs.map { FixtureState(ref: $0) })
        state.setFavourites(Favourites(["home fc"]))
        state.focus = 1
        #expect(state.fixtures.map(\.ref) == refs)
        var m = Msg()
        var msg = m.make("Goal", team: true)
        msg.action.fixtureId = "f3"
        _ = AppReducer.reduce(&state, .feed(.frame(refs[2], .actions([msg]), at: 1, bytes: 1)))
        #expect(state.fixtures.map(\.ref) == [refs[2], refs[0], refs[1]])
        #expect(state.focused?.ref == refs[1])
        #expect(state.index(of: refs[2]) == 0)
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
