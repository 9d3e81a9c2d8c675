import Platform
import ArgumentParser
import ChildProcess
import Feeds
import Foundation
import LiveActions
import Scoreboard
import Scoring
import Simulator
import Terminal
import TUI

/// Measures what matters for an all-evening scoreboard. Every figure is printed beside a reference measured
/// in the same run (or the target), never compared against a number from another machine.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measure decode+reduce throughput, corrections, rendering, memory, startup and idle CPU.",
        discussion: "Build with -c release for meaningful figures: swift run -c release courtside-bench")

    @Option(help: "Action messages to decode and reduce.") var actions = 1_000_000
    @Option(help: "Seconds of idle TUI to measure (under tmux).") var idleSeconds = 30.0
    @Option(parsing: .upToNextOption, help: "Only these parts: decode frame corrections render memory startup idle.")
    var only: [String] = []
    @Option(help: ArgumentHelp("Write the benchmark's matches as recordings into this folder and stop (for bench/compare).", visibility: .default))
    var writeMatches: String?
    @Option(help: "How many matches --write-matches writes.") var matches = 100
    @Option(help: "The recording the footprint part folds (default: the demo's basketball match, repeated by bench/stretch.py is the usual input).")
    var footprintRecording: String?

    func run() async throws {
        if let dir = writeMatches {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for (i, r) in MatchSimulator.matches(count: matches).enumerated() {
                try RecordingStore.write(r, to: (dir as NSString).appendingPathComponent(String(format: "match-%04d.jsonl", i)))
            }
            return
        }
        let wanted = Set(only.isEmpty ? ["decode", "frame", "corrections", "render", "memory", "footprint", "startup", "idle"] : only)
        print("courtside-bench · \(Self.machine())")
        // Memory first: RSS never shrinks after the other parts have churned the heap.
        if wanted.contains("memory") { memory() }
        if wanted.contains("footprint") { try footprint() }
        if wanted.contains("decode") { decode() }
        if wanted.contains("frame") { frame() }
        if wanted.contains("corrections") { corrections() }
        if wanted.contains("render") { try render() }
        if wanted.contains("startup") { startup() }
        if wanted.contains("idle") { idle() }
    }

    // MARK: decode + reduce

    func decode() {
        let recordings = MatchSimulator.matches(count: 40)
        let streams = recordings.map { r in (r.header.fixture, r.frames.map(\.frame)) }
        let perPass = streams.reduce(0) { total, stream in total + stream.1.reduce(0) { $0 + FrameDecoder.decode($1).eventCount } }
        let bytesPerPass = streams.reduce(0) { $0 + $1.1.reduce(0) { $0 + $1.utf8.count } }
        let passes = max(1, (actions + perPass - 1) / perPass)
        var messages = 0
        var checksum = 0
        // As a replay decodes: from the frame's bytes where they lie in its read buffer (here each match's frames
        // back to back), with strings that repeat from one cache.
        let cache = StringCache()
        let matches = streams.map { fixture, frames in (Sport(path: fixture.sport), FrameBytes(frames)) }
        let t = time {
            for _ in 0..<passes {
                for (sport, frames) in matches {
                    var log = MatchLog(sport: sport)
                    frames.forEach { bytes in
                        // As the replay folds: each message taken into the log, not copied.
                        if case .actions(var ms, _) = FrameDecoder.decode(utf8: bytes, cache: cache) {
                            for k in ms.indices { log.apply(taking: &ms[k]); messages += 1 }
                        }
                    }
                    checksum &+= log.state.headline.home + log.state.headline.away
                }
            }
        }
        let rate = Double(messages) / t
        let mbps = Double(bytesPerPass * passes) / t / 1e6
        // The same frames decoded only, to show which half costs what.
        var decoded = 0
        let tDecode = time {
            for _ in 0..<passes {
                for (_, frames) in matches {
                    frames.forEach { decoded &+= FrameDecoder.decode(utf8: $0, cache: cache).eventCount }
                }
            }
        }
        // Reference: Foundation's JSONSerialization parsing the same frames, parse only, one pass.
        let datas = streams.flatMap { $0.1.map { Data($0.utf8) } }
        var parsed = 0
        let ref = time { for d in datas where (try? JSONSerialization.jsonObject(with: d)) != nil { parsed += 1 } }
        let refRate = Double(bytesPerPass) / ref / 1e6
        row("decode+reduce", "\(fmt(rate, 0)) actions/s, \(fmt(mbps, 1)) MB/s over \(messages) action messages (\(passes) passes of \(recordings.count) matches, all send types)")
        row("", "of which decoding alone: \(fmt(Double(decoded) / tDecode, 0)) actions/s, \(fmt(Double(bytesPerPass * passes) / tDecode / 1e6, 1)) MB/s (\(fmt(tDecode / t * 100, 0))% of the time)")
        row("", "vs JSONSerialization parse-only of the same bytes: \(fmt(refRate, 1)) MB/s → courtside ×\(fmt(mbps / refRate, 2)); target 1,000,000 actions/s → ×\(fmt(rate / 1e6, 2))  [\(checksum % 10)]")
    }

    // MARK: one frame

    /// One action message (with and without a replay's cache) and one heartbeat decoded, against a validating
    /// skip of the same bytes (the least any JSON reader must do), and the cost of folding one action message
    /// into its match's log.
    func frame() {
        let recordings = MatchSimulator.matches(count: 40)
        let frames = recordings[0].frames.map(\.frame)
        guard let action = frames.first(where: { $0.contains("fixtureAction") && $0.contains("player") }),
              let heartbeat = frames.first(where: { $0.contains("heartbeat") }) else { return }
        let n = 200_000
        let cache = StringCache()
        for (name, text, cached) in [("action message", action, false), ("action, cached", action, true), ("heartbeat", heartbeat, false)] {
            var sink = 0
            var bytes = text
            // As a replay decodes (`cached`): its repeating strings and objects from the replay's cache.
            let decode = bytes.withUTF8 { utf8 in
                time { for _ in 0..<n { sink &+= FrameDecoder.decode(utf8: utf8, cache: cached ? cache : nil).eventCount } }
            } / Double(n)
            let skip = time {
                for _ in 0..<n { JSONScanner.withScanner(over: text) { s in sink &+= (try? s.skipValue()) == nil ? 0 : 1 } }
            } / Double(n)
            row("frame: \(name)", "\(text.utf8.count) bytes decoded in \(fmt(decode * 1e9, 0)) ns; a validating skip of the same bytes \(fmt(skip * 1e9, 0)) ns → ×\(fmt(decode / skip, 2))  [\(sink % 10)]")
        }
        // A recording's line, as a replay reads it from disk: parsed, its frame unescaped and decoded.
        for (name, text) in [("action line", RecordedFrame(t: 12.5, frame: action).jsonLine), ("heartbeat line", RecordedFrame(t: 12.5, frame: heartbeat).jsonLine)] {
            var sink = 0
            var scratch: [UInt8] = []
            var lines = RecordingLines(name: "bench")
            var line = text
            let read = line.withUTF8 { bytes in
                time { for _ in 0..<n { if case .success(let f)? = lines.decodedFrame(onLine: bytes, scratch: &scratch, cache: cache) { sink &+= f.bytes } } }
            } / Double(n)
            let skip = time {
                for _ in 0..<n { JSONScanner.withScanner(over: text) { s in sink &+= (try? s.skipValue()) == nil ? 0 : 1 } }
            } / Double(n)
            row("frame: \(name)", "\(text.utf8.count) bytes read in \(fmt(read * 1e9, 0)) ns; a validating skip of the same bytes \(fmt(skip * 1e9, 0)) ns → ×\(fmt(read / skip, 2))  [\(sink % 10)]")
        }
        let decoded: [(Sport, [ActionMessage])] = recordings.map { r in
            (Sport(path: r.header.fixture.sport), r.frames.flatMap { f -> [ActionMessage] in
                if case .actions(let m, _) = FrameDecoder.decode(f.frame) { return m }
                return []
            })
        }
        let count = decoded.reduce(0) { $0 + $1.1.count }
        var sink = 0
        // The best of 30 passes: one pass is 16,000 messages, a few milliseconds that a busy neighbour can double.
        let t = (0..<30).map { _ in
            time {
                for (sport, messages) in decoded {
                    var log = MatchLog(sport: sport)
                    for m in messages { log.apply(m) }
                    sink &+= log.state.headline.home
                }
            }
        }.min()!
        row("frame: fold", "\(fmt(t / Double(count) * 1e9, 0)) ns per action message into its MatchLog (\(count) messages of \(recordings.count) matches, best of 30 passes)  [\(sink % 10)]")
    }

    // MARK: corrections

    func corrections() {
        var m = 0
        func msg(_ type: String, home: Bool, id: String? = nil, send: SendType = .confirmed, seq: Int? = nil) -> ActionMessage {
            m += 1
            let action = Action(actionId: PackedText(id ?? "a\(m)"), seq: seq ?? m, period: 1, clockTime: "10:00", sendType: send, type: type,
                                team: TeamRef(isHome: home, name: home ? "Home" : "Away"))
            return ActionMessage(action: action)
        }
        let n = 20_000
        var messages: [ActionMessage] = []
        var late: ActionMessage?
        for i in 1...n {
            let message = msg(i % 3 == 0 ? "3 Points Made" : "2 Points Made", home: i % 2 == 0)
            if i == n - 10_000 { late = message; continue }  // held back: it arrives 10,000 actions late
            messages.append(message)
        }
        // Each trial gets a log of its own, built rather than copied, so that no copy-on-write is timed.
        func build() -> MatchLog {
            var log = MatchLog(sport: .basketball)
            for message in messages { log.apply(message) }
            return log
        }
        let trials = 10
        var lateLogs = (0..<trials).map { _ in build() }
        var deleteLogs = (0..<trials).map { _ in build() }
        var appendLog = build()
        let base = build()
        let deletion = msg("2 Points Made", home: true, id: "a\(n - 10_001)", send: .deleted, seq: n + 1)
        let tLate = time { for i in 0..<trials { lateLogs[i].apply(late!) } } / Double(trials)
        let tDelete = time { for i in 0..<trials { deleteLogs[i].apply(deletion) } } / Double(trials)
        var sink = 0
        let tFull = time { for _ in 0..<trials { sink &+= base.freshFold().headline.home } } / Double(trials)
        let appends = (0..<1000).map { k in msg("2 Points Made", home: k % 2 == 0, seq: n + 10 + k) }
        let tAppend = time { for a in appends { appendLog.apply(a) } } / Double(appends.count)
        sink &+= lateLogs[0].state.headline.home &+ deleteLogs[0].state.headline.away &+ appendLog.state.headline.home
        row("corrections", "late message 10,000 back: \(fmt(tLate * 1e6, 0)) µs; Deleted 10,000 back: \(fmt(tDelete * 1e6, 0)) µs (log of \(n) actions)")
        row("", "vs a full re-fold of the log \(fmt(tFull * 1e6, 0)) µs → ×\(fmt(tLate / tFull, 2)) / ×\(fmt(tDelete / tFull, 2)); an in-order append costs \(fmt(tAppend * 1e6, 2)) µs  [\(sink % 10)]")
    }

    // MARK: render

    func render() throws {
        let recordings = MatchSimulator.matches(count: 8)
        var state = AppState(mode: .live, fixtures: recordings.map { FixtureState(ref: $0.header.fixture, title: $0.header.title, home: $0.header.home, away: $0.header.away) })
        for r in recordings {
            for f in r.frames.prefix(r.frames.count * 2 / 3) {
                _ = AppReducer.reduce(&state, .feed(.frame(r.header.fixture, FrameDecoder.decode(f.frame), at: f.t, bytes: f.frame.utf8.count)))
            }
        }
        let theme = try ThemeStore.themes(choice: nil, noColor: false).first ?? Theme.fallback
        for (w, h) in [(200, 60), (80, 24)] {
            var cells = 0
            let frames = 2000
            let t = time {
                for i in 0..<frames {
                    state.focus = i % 8
                    cells &+= Screen.render(state, width: w, height: h, theme: theme).width
                }
            } / Double(frames)
            // Reference: filling a blank canvas of the same size, the floor of any frame.
            let blank = time { for _ in 0..<frames { cells &+= Canvas(width: w, height: h).width } } / Double(frames)
            row("render \(w)×\(h)", "\(fmt(t * 1e6, 0)) µs per full frame (8 fixtures, layout + canvas); target 1 ms → ×\(fmt(t / 1e-3, 2)); blank canvas \(fmt(blank * 1e6, 1)) µs")
        }
    }

    // MARK: memory

    func memory() {
        let base = MatchSimulator.matches(count: 20)
        let start = Self.rssMiB()
        var state = AppState(mode: .live, fixtures: [])
        for count in [100, 1000] {
            while state.fixtures.count < count {
                let r = base[state.fixtures.count % base.count]
                let ref = FixtureRef(sport: r.header.fixture.sport, id: "bench-\(state.fixtures.count)")
                state.fixtures.append(FixtureState(ref: ref, home: r.header.home, away: r.header.away))
                for f in r.frames {
                    _ = AppReducer.reduce(&state, .feed(.frame(ref, FrameDecoder.decode(f.frame.replacingOccurrences(of: r.header.fixtureId, with: ref.id)), at: f.t, bytes: f.frame.utf8.count)))
                }
            }
            let rss = Self.rssMiB()
            row("memory \(count) fixtures", "RSS \(fmt(rss, 1)) MiB (process before loading: \(fmt(start, 1)) MiB; \(fmt((rss - start) * 1024 / Double(count), 0)) KiB per full match); target for 100: 64 MiB → ×\(fmt(rss / 64, 2))")
        }
    }

    // MARK: footprint of one long match

    /// Memory a match's log holds per action, as the growth of RSS while the recording is folded (read as it
    /// plays, so the file itself is not in it): what a long replay needs beyond its bounded read-ahead.
    func footprint() throws {
        let path = footprintRecording ?? (RecordingStore.demoDirectory() ?? "demo") + "/basketball-zalgiris-efes.jsonl"
        var file = try RecordingFile.open(path)
        var fixture: FixtureState? = FixtureState(ref: file.header.fixture, home: file.header.home, away: file.header.away)
        let before = Self.rssMiB()
        var problems: [String] = []
        while let frame = file.next(problems: &problems) {
            fixture!.received(frame: FrameDecoder.decode(frame.frame), at: frame.t, bytes: frame.frame.utf8.count)
        }
        let held = (Self.rssMiB() - before) * 1_048_576
        let log = fixture!.log
        let n = max(1, log.entries.count)
        row("footprint", "\(fmt(held / Double(n), 0)) bytes per action: \(log.entries.count) actions of \(log.messageCount) messages hold \(fmt(held / 1_048_576, 1)) MiB (\((path as NSString).lastPathComponent)); packed \(ActionEntries.packedStride) bytes inline, where an ActionEntry is \(MemoryLayout<ActionEntry>.stride) (a decoded ActionMessage \(MemoryLayout<ActionMessage>.stride), its Action \(MemoryLayout<Action>.stride), its summary \(MemoryLayout<FixtureSummary?>.stride))")
        fixture = nil
    }

    // MARK: startup and idle (the real binary in tmux)

    func startup() {
        guard let tmux = Child.find("tmux") else { row("startup", "skipped: tmux not found"); return }
        let exe = Self.executable()
        var samples: [Double] = []
        var reference: [Double] = []
        for _ in 0..<5 {
            if let t = Self.timeInTmux(tmux, "\(exe) demo --speed 1 --exit-after-first-frame") { samples.append(t) }
            if let t = Self.timeInTmux(tmux, "/bin/true") { reference.append(t) }
        }
        guard let t = samples.sorted().dropFirst(samples.count / 2).first, let r = reference.sorted().dropFirst(reference.count / 2).first else {
            row("startup", "failed to run in tmux"); return
        }
        row("startup", "first frame of `courtside demo` after \(fmt(t * 1000, 0)) ms (median of \(samples.count), including tmux's own \(fmt(r * 1000, 0)) ms for /bin/true); target 150 ms → ×\(fmt(t / 0.150, 2))")
    }

    func idle() {
        guard let tmux = Child.find("tmux") else { row("idle", "skipped: tmux not found"); return }
        let exe = Self.executable()
        let dir = NSTemporaryDirectory() + "courtside-idle-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // Eight fixtures whose matches stand still: only heartbeats arrive, once a second.
        var fixtures: [String] = []
        for (i, r) in MatchSimulator.matches(count: 8).enumerated() {
            try? RecordingStore.write(r, to: dir + "/m\(i).jsonl")
            fixtures.append(r.header.fixture.description)
        }
        let port = 20000 + Int(getpid() % 20000)
        let serveArguments = ["serve", "--port", "\(port)", "--heartbeat", "1", "--speed", "0.00001"] + (0..<8).map { dir + "/m\($0).jsonl" }
        guard let server = try? Child(exe, serveArguments, stdin: nil, stdout: nil, stderr: nil) else {
            row("idle", "could not start courtside serve"); return
        }
        defer { server.stop() }
        usleep(500_000)
        let session = "courtside-idle-\(getpid())"
        let command = "COURTSIDE_TOKEN=bench \(exe) watch \(fixtures.joined(separator: " ")) --endpoint ws://127.0.0.1:\(port)"
        Self.run(tmux, ["new-session", "-d", "-s", session, "-x", "200", "-y", "60", command])
        defer { Self.run(tmux, ["kill-session", "-t", session]) }
        usleep(3_000_000)  // connected and drawn
        guard let pid = (Child.output(of: "/usr/bin/env", ["pgrep", "-f", "watch \(fixtures[0])"]) ?? "").split(separator: "\n").first.flatMap({ Int32($0) }) else {
            row("idle", "could not find the watch process"); return
        }
        let cpu0 = Self.cpuSeconds(pid), wall0 = MonotonicClock.seconds()
        usleep(UInt32(idleSeconds * 1e6))
        let cpu1 = Self.cpuSeconds(pid), wall1 = MonotonicClock.seconds()
        let share = (cpu1 - cpu0) / (wall1 - wall0)
        row("idle TUI", "\(fmt(share * 100, 2))% of a core over \(fmt(wall1 - wall0, 0)) s (8 fixtures heartbeating every second, 200×60 under tmux); target 1% → ×\(fmt(share / 0.01, 2))")
    }

    // MARK: helpers

    func time(_ body: () -> Void) -> Double {
        let start = MonotonicClock.seconds()
        body()
        return MonotonicClock.seconds() - start
    }

    func row(_ name: String, _ text: String) {
        print(name.padding(toLength: 22, withPad: " ", startingAt: 0) + text)
        fflush(nil)  // each figure as soon as it is measured, also into a pipe or a file
    }

    func fmt(_ x: Double, _ digits: Int) -> String {
        if digits == 0 {
            let n = Int(x.rounded())
            return n.formatted(.number.grouping(.automatic))
        }
        return String(format: "%.\(digits)f", x)
    }

    static func rssMiB() -> Double {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    static func cpuSeconds(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        let ticks = (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func machine() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        #if DEBUG
        let build = "DEBUG build: figures are not representative"
        #else
        let build = "release build"
        #endif
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), \(build)"
    }

    /// The product binary, built beside this one.
    static func executable() -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("courtside").path
    }

    /// Runs a command for its effect, with its output going nowhere: a tmux server started by `new-session`
    /// would inherit a pipe and hold it open for as long as the session lives. Children are spawned and reaped
    /// by `Child`: Foundation's `Process` once left `tmux new-session` a zombie and waited for it for ever.
    static func run(_ exe: String, _ args: [String]) {
        guard let child = try? Child(exe, args, stdin: nil, stdout: nil, stderr: nil) else { return }
        if child.wait(timeout: 20) == nil { child.stop(SIGKILL) }
    }

    /// Wall time of a command run in a fresh tmux session, until it exits.
    static func timeInTmux(_ tmux: String, _ command: String) -> Double? {
        let session = "courtside-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let marker = NSTemporaryDirectory() + session + ".done"
        let start = MonotonicClock.seconds()
        run(tmux, ["new-session", "-d", "-s", session, "-x", "120", "-y", "40", "\(command); touch \(marker)"])
        defer { try? FileManager.default.removeItem(atPath: marker); run(tmux, ["kill-session", "-t", session]) }
        while MonotonicClock.seconds() - start < 20 {
            if FileManager.default.fileExists(atPath: marker) { return MonotonicClock.seconds() - start }
            usleep(1000)
        }
        return nil
    }
}

/// A match's frames as UTF-8, back to back in one buffer, as a replay holds the lines it has read ahead.
struct FrameBytes {
    let bytes: [UInt8]
    let ends: [Int]

    init(_ frames: [String]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for f in frames {
            bytes += f.utf8
            ends.append(bytes.count)
        }
        self.bytes = bytes
        self.ends = ends
    }

    func forEach(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            for end in ends {
                body(UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
    }
}
