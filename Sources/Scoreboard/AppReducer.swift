import LiveActions
import Scoring

/// The one place state changes: a pure function of the state and an event; effects come back as values.
public enum AppReducer {
    public static func reduce(_ state: inout AppState, _ event: AppEvent) -> [Effect] {
        switch event {
        case .feed(let feedEvent):
            apply(&state, feedEvent)
            return []
        case .tick(let now):
            state.now = max(state.now, now)
            return []
        case .replayRestarted:
            for i in state.fixtures.indices {
                let f = state.fixtures[i]
                var fresh = FixtureState(ref: f.ref, title: f.title, home: f.log.state.homeName, away: f.log.state.awayName)
                fresh.replay = f.replay.map { ReplayProgress(played: 0, total: $0.total) }
                fresh.clockOffset = f.clockOffset
                state.fixtures[i] = fresh
            }
            state.now = 0
            state.replayPass += 1
            return []
        case .replayProgress(let ref, let progress):
            if let i = state.index(of: ref) { state.fixtures[i].replay = progress }
            return []
        case .key(let key):
            let before = state.focus
            defer { if state.focus != before { state.focusChosen = true } }
            state.notice = nil
            if state.picker != nil { return pick(&state, key) }
            if state.prompt != nil {
                edit(&state, key)
                return []
            }
            guard let command = key.command else { return [] }
            if state.showHelp, command != .quit, command != .toggleHelp, command != .closeOverlay {
                // The help takes the keys, as the picker and the prompts do: behind it, `x` removed fixtures unseen
                // and Tab moved the focus. A key closes it and does nothing else.
                state.showHelp = false
                return []
            }
            return perform(&state, command)
        case .pickerListed(let choices):
            guard state.picker != nil else { return [] }
            let shown = Set(state.fixtures.map(\.ref))
            // Favourites' fixtures first, marked: among fifty of a day's fixtures, a fan's team was wherever the
            // list had it.
            var listed = choices.filter { !shown.contains($0.ref) }
            for i in listed.indices { listed[i].favourite = state.favourites.matches(home: listed[i].info.home, away: listed[i].info.away) }
            state.picker?.choices = listed.filter(\.favourite) + listed.filter { !$0.favourite }
            state.picker?.loading = false
            state.picker?.selection = 0
            return []
        case .pickerFailed(let reason):
            guard state.picker != nil else { return [] }
            state.picker?.loading = false
            state.picker?.error = TextSafety.clean(reason, limit: 200)
            return []
        case .select(let i):
            if state.fixtures.indices.contains(i) {
                state.focus = i
                state.focusChosen = true
            }
            return []
        case .arrived(let ref, let at):
            if let i = state.index(of: ref) { state.fixtures[i].arrivedAt = at }
            return []
        case .heldBack(let n):
            state.heldBack = n
            return []
        }
    }

    /// Keys while the picker is open: move, choose, or close.
    static func pick(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let picker = state.picker else { return [] }
        switch key {
        case .up, .char("k"):
            state.picker?.selection = max(0, picker.selection - 1)
        case .down, .char("j"):
            state.picker?.selection = min(max(0, picker.choices.count - 1), picker.selection + 1)
        case .enter:
            guard let choice = picker.selected else { return [] }
            state.picker = nil
            if let i = state.index(of: choice.ref) {
                state.focus = i
                return []
            }
            state.fixtures.append(FixtureState(ref: choice.ref, info: choice.info))
            state.focus = state.fixtures.count - 1
            // A favourite goes first, as at start: its names are known already, so no frame would move it later.
            state.pinFavourites()
            return [.addFixture(choice)]
        case .escape, .char("a"), .char("q"):
            state.picker = nil
        default:
            break
        }
        return []
    }

    /// `reduce` of a feed event, taking it: a frame's messages are moved into their match log rather than
    /// copied, which is most of what folding a frame costs. For a runner that owns its events (`--headless`);
    /// `event` is spent. The index of the event's fixture, so that the runner need not look it up again.
    static func reduce(_ state: inout AppState, taking event: inout FeedEvent) -> Int? {
        guard case .frame(let ref, var frame, let at, let bytes) = event else {
            apply(&state, event)
            return state.index(of: event.fixture)
        }
        event = .ended(ref, at: at)  // spent: the event's hold on the frame goes, so that the frame is ours alone
        guard let i = state.index(of: ref) else { return nil }
        received(&state, fixture: i, taking: &frame, at: at, bytes: bytes)
        return i
    }

    static func received(_ state: inout AppState, fixture i: Int, taking frame: inout Frame, at: Double, bytes: Int) {
        state.now = max(state.now, at)
        let epochOffset = state.epochOffset
        let watching = !state.favourites.isEmpty
        let (home, away) = watching ? (state.fixtures[i].log.state.homeName, state.fixtures[i].log.state.awayName) : (nil, nil)
        let live = state.mode == .live
        // One access to the fixture for all of it: each `state.fixtures[i]` checked the array was not shared.
        state.fixtures[i].arrived(taking: &frame, at: at, bytes: bytes, epochOffset: epochOffset, live: live)
        // Team names may first arrive with the feed (`watch`). Only then can the order change: matching every
        // fixture's names against the favourites again for every frame made a frame cost as many matches as
        // there are fixtures.
        if watching, home != state.fixtures[i].log.state.homeName || away != state.fixtures[i].log.state.awayName {
            state.pinFavourites()
        }
    }

    static func apply(_ state: inout AppState, _ event: FeedEvent) {
        if case .discovered(let ref, let info, let at) = event {
            state.now = max(state.now, at)
            if state.index(of: ref) == nil {
                state.fixtures.append(FixtureState(ref: ref, info: info))
                // Found with its names (`watch --live`): a favourite's goes up now (it stayed at the bottom, as
                // only a name arriving with the feed moved a fixture).
                state.pinFavourites()
            }
            return
        }
        guard let i = state.index(of: event.fixture) else { return }
        switch event {
        case .discovered:
            break
        case .frame(_, let frame, let at, let bytes):
            var frame = frame
            received(&state, fixture: i, taking: &frame, at: at, bytes: bytes)
        case .status(_, let status, let at):
            state.now = max(state.now, at)
            // One more spell of reconnecting, not one more try: each try passes through `connecting`, and the count
            // grew with every try, a number beside "reconnecting, try 4" that read 5.
            if status.isReconnecting, !state.fixtures[i].reconnectingSpell {
                state.fixtures[i].reconnects += 1
                state.fixtures[i].reconnectingSpell = true
            }
            // A fixture that finished or failed for good stays so.
            if !state.fixtures[i].isOver {
                state.fixtures[i].connection = status
                if case .live = status { state.fixtures[i].reconnectingSpell = false }
            }
        case .problem(_, let message, let at):
            state.now = max(state.now, at)
            // A replay's problem is a recording line that could not be read: a frame left out, counted with the
            // unusable ones. Four lost read "malformed 1", and the headless summary "1 unusable frame".
            if state.mode == .replay { state.fixtures[i].malformed += 1 }
            state.fixtures[i].note(message)
        case .ended(_, let at):
            state.now = max(state.now, at)
            if !state.fixtures[i].isOver { state.fixtures[i].connection = .finished }
        }
    }

    static func perform(_ state: inout AppState, _ command: Key.Command) -> [Effect] {
        let n = state.fixtures.count
        switch command {
        case .nextFixture:
            if n > 0 { state.focus = (state.focus + 1) % n }
        case .previousFixture:
            if n > 0 { state.focus = (state.focus + n - 1) % n }
        case .focus(let i):
            if i < n { state.focus = i }
        case .scroll(let delta) where state.showBoxScore:
            guard state.fixtures.indices.contains(state.focus) else { return [] }
            let longest = BoxScore(state.fixtures[state.focus].log).tables.map(\.rows.count).max() ?? 0
            state.boxScroll = max(0, min(state.boxScroll + delta, longest - 1))
        case .scrollToNewest where state.showBoxScore:
            state.boxScroll = 0
        case .scroll(let delta):
            guard state.fixtures.indices.contains(state.focus) else { return [] }
            let f = state.fixtures[state.focus]
            state.fixtures[state.focus].feedScroll = f.feedScroll(movedBy: delta, hidden: state.hidesScore(f))
        case .scrollToNewest:
            if state.fixtures.indices.contains(state.focus) { state.fixtures[state.focus].feedScroll = 0 }
        case .togglePause:
            guard state.mode == .replay else { return [] }
            state.paused.toggle()
            return [.setPaused(state.paused)]
        case .faster, .slower:
            guard state.mode == .replay else { return [] }
            state.speed = nextSpeed(from: state.speed, faster: command == .faster)
            return [.setSpeed(state.speed)]
        case .nextTheme:
            state.themeIndex = (state.themeIndex + 1) % state.themes.count
        case .toggleHelp:
            state.showHelp.toggle()
        case .closeOverlay:
            if state.showHelp { state.showHelp = false } else if state.fullOverview { state.fullOverview = false } else { state.showBoxScore = false }
        case .toggleBoxScore:
            state.showBoxScore.toggle()
            state.boxScroll = 0
        case .delay(let change):
            state.delay = min(DelayLine.maximum, max(0, state.delay + change))
        case .toggleOverview:
            state.fullOverview.toggle()
        case .startGoto:
            state.prompt = Prompt(kind: .goto)
        case .startFind:
            state.prompt = Prompt(kind: .find)
        case .quit:
            state.quitting = true
        case .openPicker:
            state.showHelp = false
            state.picker = FixturePicker()
            return [.listFixtures]
        case .removeFixture:
            guard state.fixtures.indices.contains(state.focus) else { return [] }
            let ref = state.fixtures.remove(at: state.focus).ref
            state.focus = max(0, min(state.focus, state.fixtures.count - 1))
            // Added again, it starts from kick-off: hidden, as every fixture starts.
            state.revealed.remove(ref)
            return [.removeFixture(ref)]
        case .reveal:
            if state.spoilerFree, let ref = state.focused?.ref { state.revealed.insert(ref) }
        case .hide:
            if let ref = state.focused?.ref { state.revealed.remove(ref) }
        }
        return []
    }

    static func nextSpeed(from speed: Double?, faster: Bool) -> Double? {
        let speeds = AppState.speeds
        guard let speed else { return faster ? nil : speeds.last }
        if faster {
            // `+` stops at the fastest step: one press more played the rest of every match at once (`max`), gave
            // every result away, and no key could take it back. `max` is for `--speed max`.
            return speeds.first { $0 > speed } ?? speed
        }
        // Below the slowest step `-` keeps the speed: it jumped a 0.001× replay up to 0.5×.
        return speeds.last { $0 < speed } ?? min(speed, speeds[0])
    }
}
