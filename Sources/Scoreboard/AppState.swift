import LiveActions
import Scoring

/// The whole app as a value: every fixture, what is focused, replay controls, overlays.
public struct AppState: Equatable, Sendable {
    public enum Mode: Equatable, Sendable { case replay, live }

    public var mode: Mode
    public var fixtures: [FixtureState]
    public var focus = 0
    /// The source's clock: replay time in demo mode, seconds since start when live.
    public var now = 0.0
    public var paused = false
    /// Which time through the recordings a `--loop` replay is on (1 the first): the title bar says so, where a
    /// restart looked like nothing but the score going back.
    public var replayPass = 1
    /// Replay speed factor; `nil` is as fast as possible.
    public var speed: Double? = 1
    public var showHelp = false
    /// The `a` overlay, while it is open.
    public var picker: FixturePicker?
    /// `b`: the focused fixture's box score in place of its action feed.
    public var showBoxScore = false
    /// Rows of each box score table scrolled past (↑↓ while it shows): a long table said "… 10 more", and
    /// there was no way to see them.
    public var boxScroll = 0
    /// `o`: the overview takes the whole screen.
    public var fullOverview = false
    /// `g` or `/` being typed.
    public var prompt: Prompt?
    /// A one-line answer (e.g. "no team matches …"), shown until the next key.
    public var notice: String?
    /// `--delay`, `d`/`D`: seconds the screen stays behind the feed.
    public var delay = 0.0
    /// Wall-clock seconds since 1970 at source-clock 0 (`watch` sets it), so that feed latency can be measured;
    /// nil in demo mode.
    public var epochOffset: Double?
    /// Feed latency above this (ms) marks the overview row `»` and turns the panel's figure to a warning.
    public var latencyThresholdMs = 5000.0
    /// Events `--delay` holds back right now.
    public var heldBack = 0
    public var themes: [String]
    public var themeIndex = 0
    public var quitting = false
    /// `--favourite`: their fixtures come first in the overview, marked.
    public var favourites = Favourites()
    /// A favourite's fixture has been found (at start, or once the feed named its team).
    public var favouriteFound = false
    /// The user has moved the focus (a key, a click): a favourite found later does not take it away.
    public var focusChosen = false
    /// `--no-spoilers`: scores are hidden, except those of the fixtures in `revealed`.
    public var spoilerFree = false
    public var revealed: Set<FixtureRef> = []
    /// Overview rows briefly highlighted after an alert (set and cleared by the shell).
    public var highlighted: Set<FixtureRef> = []
    /// Where each fixture was when the state was made: every event looks its fixture up, and with a hundred
    /// fixtures a linear search was a tenth of a headless replay. A hint, checked on use.
    var slots: Slots

    public init(mode: Mode, fixtures: [FixtureState], themes: [String] = ["dark"], speed: Double? = 1) {
        self.mode = mode
        self.fixtures = fixtures
        slots = Slots(fixtures)
        self.themes = themes.isEmpty ? ["dark"] : themes
        self.speed = speed
    }

    public var focused: FixtureState? { fixtures.indices.contains(focus) ? fixtures[focus] : nil }
    public var theme: String { themes[themeIndex % themes.count] }

    public func index(of ref: FixtureRef) -> Int? {
        if let i = slots.index(of: ref, in: fixtures) { return i }
        return fixtures.firstIndex { $0.ref == ref }
    }

    /// Derived from `fixtures`, so never part of what makes two states equal. An open-addressing table by a
    /// word hash of the fixture's id: a `Dictionary` hashed the id with SipHash for every event, a fiftieth of
    /// a replay of two hundred matches.
    struct Slots: Equatable, Sendable {
        /// Each slot's fixture index + 1; 0 for an empty slot. At most half full.
        private var slots: [Int32]
        private var hashes: [UInt64]

        init(_ fixtures: [FixtureState]) {
            var size = 8
            while size < fixtures.count * 2 { size <<= 1 }
            slots = Array(repeating: 0, count: size)
            hashes = Array(repeating: 0, count: size)
            for (k, f) in fixtures.enumerated() where index(of: f.ref, in: fixtures) == nil {  // the first one wins
                let h = Self.hash(f.ref)
                var i = Int(truncatingIfNeeded: h) & (size - 1)
                while slots[i] != 0 { i = (i + 1) & (size - 1) }
                slots[i] = Int32(k + 1)
                hashes[i] = h
            }
        }

        static func hash(_ ref: FixtureRef) -> UInt64 { WordHash.hash(ref.id) }

        /// Where `ref` was when the table was made, checked against `fixtures` as they are now.
        func index(of ref: FixtureRef, in fixtures: [FixtureState]) -> Int? {
            let h = Self.hash(ref)
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 {
                let k = Int(slots[i]) - 1
                if hashes[i] == h, k < fixtures.count, fixtures[k].ref == ref { return k }
                i = (i + 1) & mask
            }
            return nil
        }

        static func == (_: Slots, _: Slots) -> Bool { true }
    }

    /// Every fixture has finished or failed for good.
    public var allOver: Bool { fixtures.allSatisfy(\.isOver) }

    /// Failures that retrying cannot fix, for the exit status of `--headless`.
    public var failures: [(FixtureRef, String)] {
        fixtures.compactMap { f in
            if case .failed(let reason) = f.connection { return (f.ref, reason) }
            return nil
        }
    }

    public static let speeds: [Double] = [0.5, 1, 2, 5, 10, 30, 60, 120, 300]
}

/// Everything that can happen to the app. The clock arrives as an event; the core never reads it.
public enum AppEvent: Equatable, Sendable {
    case feed(FeedEvent)
    case key(Key)
    case tick(now: Double)
    /// The replay of every recording starts over (`--loop`).
    case replayRestarted
    case replayProgress(FixtureRef, ReplayProgress)
    /// What the shell found for the picker, or why it found nothing.
    case pickerListed([FixturePicker.Choice])
    case pickerFailed(String)
    /// A fixture picked directly (a mouse click on its overview row).
    case select(Int)
    /// While `--delay` holds a fixture's events back: a frame of it arrived (real-time liveness).
    case arrived(FixtureRef, at: Double)
    /// How many events `--delay` holds back now.
    case heldBack(Int)
}

extension AppEvent {
    /// What `--delay` holds back of a live feed's events: what tells of the match (its frames, its end). How a
    /// connection is (a refused token, a reconnect), what the picker lists and a fixture found go straight on: held,
    /// a fixture refused at once read "connecting" for the whole delay, `q` then exited 0, and the picker said
    /// "Listing fixtures…" for as long as the delay. A replay's events all wait (`TUIRunner.delayed`).
    public var waitsForTheDelay: Bool {
        switch self {
        case .feed(.frame), .feed(.ended): true
        default: false
        }
    }
}

/// Work the shell performs for the reducer.
public enum Effect: Equatable, Sendable {
    case setPaused(Bool)
    case setSpeed(Double?)
    /// List what could be added, for the picker.
    case listFixtures
    /// Start following this fixture (it is already on screen).
    case addFixture(FixturePicker.Choice)
    /// Stop following this fixture (it is already off screen).
    case removeFixture(FixtureRef)
}
