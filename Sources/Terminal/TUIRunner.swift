import Foundation
import LiveActions
import Platform
import Scoreboard
import TUI

#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell: reads keys, drains feed events, advances the replay, and redraws at most
/// `maxFPS` times a second, only when something changed. An idle screen wakes once a second for its clocks.
@MainActor
public final class TUIRunner {
    static let maxFPS = 30.0
    /// Wall seconds a looped replay's end stays on screen before it starts again: restarted at once, the final
    /// score was never drawn, and at `--speed max` every frame showed the same early minute of the match.
    static let loopHold = 3.0

    var state: AppState
    var replay: Replay?
    var loop: Bool
    var clock: ReplayClock
    /// When a looped replay that has ended starts again (see `loopHold`).
    var restartAt: Double?
    let themes: [Theme]
    let inbox: EventInbox
    var backend: NcursesBackend?
    var dirty = true
    var lastDraw = -Double.infinity
    var themeByName: [String: Theme]
    /// For the startup benchmark: stop right after the first frame is drawn.
    /// The state when the screen closed: what the command reports once the terminal is back.
    public var finalState: AppState { state }
    public var exitAfterFirstFrame = false
    /// Runs once the first frame is on screen (the terminal-safety tests crash here on purpose).
    public var afterFirstFrame: (@MainActor () -> Void)?
    /// Where `a` finds fixtures to add.
    public var catalog = FixtureCatalog.unavailable("nothing to add from here")
    /// Bell, row highlight and desktop notifications on alerts (`--quiet`, `--notify`).
    public var alertSettings: AlertSettings {
        get { voice.settings }
        set { voice.settings = newValue }
    }
    var voice = AlertVoice(settings: AlertSettings())
    /// The state alerts were last decided against.
    var alertBase: AppState?
    /// Feed and replay events waiting out `state.delay`.
    var delayLine = DelayLine()

    public init(state: AppState, replay: Replay?, loop: Bool, themes: [Theme], inbox: EventInbox) {
        var state = state
        state.themes = themes.map(\.name)
        self.state = state
        self.replay = replay
        self.loop = loop
        self.themes = themes
        self.inbox = inbox
        clock = ReplayClock(speed: state.speed, wall: MonotonicClock.now())
        themeByName = Dictionary(themes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Runs until `q` or a quit signal. Returns the exit status.
    public func run(noColor: Bool) throws -> Int32 {
        TerminalGuard.prepare()
        QuitSignals.install()
        // Started in the background (`courtside demo &`): it waits for `fg`, drawing nothing over the shell.
        JobControl.waitForForeground(quit: { QuitSignals.received != 0 })
        if QuitSignals.received != 0 { return 128 + QuitSignals.received }
        // Before the terminal is taken over: ncurses then installs no SIGTSTP handler of its own.
        JobControl.install()
        let backend = try NcursesBackend(noColor: noColor)
        self.backend = backend
        QuitSignals.wakeOnResize()
        defer { backend.end() }
        var replayHeld = false
        while !state.quitting && QuitSignals.received == 0 {
            if JobControl.takeSuspend() {
                backend.suspend()
                // A replay waits while suspended, as if paused: ten seconds away at 10× skipped 110 s of match unseen.
                if state.mode == .replay && !clock.paused {
                    clock.setPaused(true, wall: MonotonicClock.now(), current: replay?.time ?? 0)
                    replayHeld = true
                }
                JobControl.stopHere()
                // Continued: said here, not left to the SIGCONT handler, which may run on another thread a moment
                // later, after this loop has drawn the board from the background.
                JobControl.continued = 1
            }
            if JobControl.takeContinued() {
                // Back in the foreground only: continued in the background (`bg`, or `kill %1`, which sends a
                // SIGCONT with its SIGTERM) it waits, and a quit signal ends it with the terminal left alone.
                JobControl.waitForForeground(quit: { QuitSignals.received != 0 })
                if QuitSignals.received != 0 { break }
                backend.resume()
                if replayHeld {
                    clock.setPaused(false, wall: MonotonicClock.now(), current: replay?.time ?? 0)
                    replayHeld = false
                }
                dirty = true
            }
            let now = MonotonicClock.now()
            if backend.syncSize() { dirty = true }
            advanceReplay(now: now)
            for event in inbox.drain() { delayed(event, now: now) }
            let released = delayLine.due(now: now, delay: state.delay)
            for event in released { apply(event, now: now) }
            if !released.isEmpty { apply(.heldBack(delayLine.count), now: now) }
            if state.mode == .live { apply(.tick(now: now), now: now) }
            checkAlerts(now: now)
            if dirty, now - lastDraw >= 1 / Self.maxFPS {
                draw()
                lastDraw = now
                dirty = false
                if exitAfterFirstFrame { break }
                if let hook = afterFirstFrame {
                    afterFirstFrame = nil
                    hook()
                }
            }
            wait(timeout: nextWake(now: now))
            while let key = backend.readKey(timeoutMs: 0) {
                if key == .resize { backend.invalidate() }
                if case .click(_, let y) = key {
                    let (w, h) = backend.size
                    if let i = Screen.fixtureIndex(atRow: y, state, width: w, height: h) { apply(.select(i), now: MonotonicClock.now()) }
                    continue
                }
                // Behind "Terminal too small" a key acts unseen (fixtures removed, the replay paused): only quitting
                // and resizing do anything there.
                let (w, h) = backend.size
                if !Screen.fits(width: w, height: h), key != .resize, key.command != .quit { continue }
                apply(.key(key), now: MonotonicClock.now())
                dirty = true
            }
        }
        backend.end()
        return QuitSignals.received == 0 ? 0 : 128 + QuitSignals.received
    }

    /// Decides alerts over what changed since the last check (a pure function), then lets the voice highlight
    /// rows now and ring after the next frame.
    func checkAlerts(now: Double) {
        guard !voice.settings.quiet else { return }
        if let base = alertBase {
            let alerts = Alerts.decide(old: base, new: state).filter { voice.settings.kinds.contains($0.kind) }
            if !alerts.isEmpty {
                voice.take(alerts, now: now, state: &state)
                dirty = true
            }
        }
        if voice.expire(now: now, state: &state) { dirty = true }
        alertBase = state
    }

    func advanceReplay(now: Double) {
        guard var replay else { return }
        let events = replay.advance(to: clock.replayTime(atWall: now), limit: 2000)
        if !events.isEmpty { dirty = true }
        for event in events { delayed(event, now: now, replayed: true) }
        if !replay.isDone { restartAt = nil }  // a fixture added while the end was held plays first
        if replay.isDone, loop {
            if restartAt == nil { restartAt = now + Self.loopHold }
            if let at = restartAt, now >= at, !clock.paused {
                restartAt = nil
                replay.restart()
                delayed(.replayRestarted, now: now, replayed: true)
                clock = ReplayClock(speed: state.speed, wall: now)
                dirty = true
            }
        }
        self.replay = replay
    }

    /// Feed and replay events go through the delay line; with no delay and nothing held, or a live event that tells
    /// nothing of the match (`waitsForTheDelay`), straight on. A replay's events all wait: they are the match, and a
    /// restart's "live" let through ahead of the held end left every fixture "connecting" from the second loop on.
    func delayed(_ event: AppEvent, now: Double, replayed: Bool = false) {
        if (state.delay == 0 && delayLine.count == 0) || (!replayed && !event.waitsForTheDelay) {
            _ = AppReducer.reduce(&state, event)
            dirty = true
        } else {
            delayLine.push(event, at: now)
            if case .feed(.frame(let ref, _, let at, _)) = event { _ = AppReducer.reduce(&state, .arrived(ref, at: at)) }
            _ = AppReducer.reduce(&state, .heldBack(delayLine.count))
            dirty = true
        }
    }

    func apply(_ event: AppEvent, now: Double) {
        let effects = AppReducer.reduce(&state, event)
        dirty = true
        for effect in effects {
            switch effect {
            case .setPaused(let p):
                clock.setPaused(p, wall: now, current: replay?.time ?? 0)
                delayLine.setPaused(p, at: now)
            case .setSpeed(let s): clock.setSpeed(s, wall: now, current: replay?.time ?? 0)
            case .listFixtures: list()
            case .addFixture(let choice): add(choice.ref)
            case .removeFixture(let ref): remove(ref)
            }
        }
    }

    /// Fills the picker: at once from recordings, or in the background from the Fixtures API.
    func list() {
        switch catalog {
        case .recordings(let headers, _):
            let choices = headers.map { h in
                FixturePicker.Choice(ref: h.fixture, info: FixtureInfo(title: h.title, home: h.home, away: h.away),
                                     note: "demo")
            }
            apply(.pickerListed(choices), now: MonotonicClock.now())
        case .live(let list, _, _):
            let inbox = self.inbox
            Task.detached {
                do { inbox.post(.pickerListed(try await list())) } catch { inbox.post(.pickerFailed("the fixtures list failed: \(error)")) }
            }
        case .unavailable(let reason):
            apply(.pickerFailed(reason), now: MonotonicClock.now())
        }
    }

    func add(_ ref: FixtureRef) {
        switch catalog {
        case .recordings(_, let open):
            guard let stream = open(ref) else { return }
            replay?.add(Replay.Track(fixture: ref, stream: stream))
        case .live(_, let start, _):
            start(ref)
        case .unavailable:
            break
        }
    }

    func remove(_ ref: FixtureRef) {
        switch catalog {
        case .recordings: replay?.remove(ref)
        case .live(_, _, let stop): stop(ref)
        case .unavailable: break
        }
    }

    func draw() {
        guard let backend else { return }
        let (w, h) = backend.size
        let theme = themeByName[state.theme] ?? themes[0]
        backend.darkBackground = theme.isForDarkBackground
        backend.draw(Screen.render(state, width: w, height: h, theme: theme))
        backend.setTitle(TerminalTitle.text(state))
        let sound = voice.output()
        if !sound.isEmpty { TerminalGuard.writeBytes(sound) }
    }

    /// Seconds until there is something to do: the next replay frame, the next allowed redraw, or the
    /// once-a-second clock tick.
    func nextWake(now: Double) -> Double {
        var wake = 1.0
        if let expiry = voice.nextExpiry { wake = min(wake, max(0, expiry - now)) }
        if let due = delayLine.nextDue(delay: state.delay) { wake = min(wake, max(0, due - now)) }
        if dirty { wake = min(wake, max(0, lastDraw + 1 / Self.maxFPS - now)) }
        if let restartAt, !clock.paused { wake = min(wake, max(0, restartAt - now)) }
        if let replay, let due = replay.nextDue {
            if let at = clock.wallTime(forReplay: due) {
                wake = min(wake, max(0, at - now))
            } else if !clock.paused {
                wake = 0  // unpaced: keep going, yielding to keys and redraws between batches
            }
        }
        if dirty == false, wake >= 1 { dirty = true }  // the clock tick redraws ages and times
        return wake
    }

    /// Sleeps until a key, an inbox event, a signal, or the timeout. A terminal that has hung up ends the run: when
    /// the hangup's SIGHUP went to a wrapper that ignores it, standard input stayed readable at its end and the
    /// loop spun at full speed for good.
    func wait(timeout: Double) {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 2, Int32((timeout * 1000).rounded(.up)))
        if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 || (fds[0].revents & Int16(POLLIN) != 0 && Self.terminalGone()) {
            state.quitting = true
        }
    }

    /// Standard input says it is readable and the terminal answers no more (EIO after a hangup).
    static func terminalGone() -> Bool {
        var attributes = termios()
        return tcgetattr(STDIN_FILENO, &attributes) != 0
    }
}
