import LiveActions
import Scoreboard
import Scoring

/// The stream's health: status, age of the last frame, rates, problems; in demo mode the replay's progress.
enum ConnectionPanel {
    static func draw(_ c: inout Canvas, _ r: Rect, fixture f: FixtureState, state: AppState, theme: Theme) {
        c.box(r, title: state.mode == .replay ? "Replay" : "Connection", style: theme[.border], titleStyle: theme[.title])
        let inner = r.inset(by: 1)
        guard inner.height > 0 else { return }
        var y = inner.y
        func row(_ label: String, _ value: String, _ role: Role = .text) {
            guard y < inner.maxY else { return }
            c.put(label, x: inner.x + 1, y: y, style: theme[.dim], limit: inner.width - 1)
            // A space after the label, and a value too wide for the rest ends in "…": cut by the canvas, its end went
            // (digits and units) with nothing to say so, and a long value ran into the label.
            let room = inner.width - DisplayWidth.of(label) - 3
            c.putRight(value.fitted(room), maxX: inner.maxX - 1, y: y, style: theme[role], limit: max(0, room))
            y += 1
        }
        let (dot, role, label) = Labels.health(f)
        row("status", dot + " " + label, role)
        if case .reconnecting(_, let retryAt) = f.connection {
            row("next try", retryAt > state.now ? "in " + Labels.span(retryAt - state.now) : "now", .reconnecting)
        }
        // With the score hidden, an age that restarted between heartbeats told of a hidden action: under the
        // provider's heartbeat interval it reads the same whatever arrived.
        let hidden = state.hidesScore(f)
        if let last = f.lastFrameAt {
            let age = state.now - last
            let shown = hidden && age < Labels.heartbeatInterval ? "< \(Int(Labels.heartbeatInterval)) s ago" : Labels.age(age)
            row("last frame", shown, age > 25 ? .stale : .text)
        } else {
            row("last frame", "none yet", .dim)
        }
        if state.delay > 0 {
            // The screen runs behind; the connection's own health does not.
            if let arrived = f.arrivedAt { row("now, live", Labels.age(state.now - arrived), state.now - arrived > 25 ? .stale : .live) }
            row("held back", "\(state.heldBack) · \(Labels.duration(state.delay))", .warning)
        }
        // With the score hidden, a count that grew with no line in the feed told of a hidden action: the actions', and
        // the frames' and their rate too (a burst of three was a snooker frame won, a volleyball rally timed).
        if !hidden {
            row("frames", "\(f.frames)")
            row("msgs/s", Labels.format1(f.messagesPerSecond(now: state.now)))
            row("actions", "\(f.log.messageCount)")
        }
        if state.mode == .live { row("reconnects", "\(f.reconnects)", f.reconnects > 0 ? .warning : .text) }
        row("malformed", "\(f.malformed)", f.malformed > 0 ? .warning : .text)
        if f.duplicates > 0 { row("duplicates", "\(f.duplicates)") }
        if let last = f.latency.lastMs {
            row("latency", Labels.latency(last), last > state.latencyThresholdMs ? .warning : .text)
            row("  med / p95", Labels.latency(f.latency.medianMs ?? 0) + " / " + Labels.latency(f.latency.p95Ms ?? 0))
            if let median = f.latency.medianMs, median < -500 {
                // Arrival before the action's own time: the provider's clock is ahead of this machine's.
                row("skew", "provider \(Labels.span(-median / 1000)) ahead", .warning)
            }
        }
        if let p = f.replay, y + 1 < inner.maxY {
            y += 1
            // With the score hidden, not how much of the recording is left: a bar well short of the end after a
            // third set told that the match was no sweep.
            if !hidden {
                let fraction = p.total > 0 ? Double(p.played) / Double(p.total) : 1
                let barWidth = max(4, inner.width - 8)
                let filled = Int((fraction * Double(barWidth)).rounded(.down))
                c.put(String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled), x: inner.x + 1, y: y, style: theme[.progress])
                c.putRight("\(Int(fraction * 100))%", maxX: inner.maxX - 1, y: y, style: theme[.text])
                y += 1
            }
            row("speed", Labels.speed(state.speed) + (state.paused ? " paused" : ""), state.paused ? .warning : .text)
            if !hidden { row("position", "\(p.played)/\(p.total)") }
        }
        if let problem = f.problems.last, y + 1 < inner.maxY {
            y += 1
            c.put("last problem", x: inner.x + 1, y: y, style: theme[.warning], limit: inner.width - 1)
            y += 1
            for chunk in wrap(problem, width: inner.width - 2) where y < inner.maxY {
                c.put(chunk, x: inner.x + 1, y: y, style: theme[.dim], limit: inner.width - 1)
                y += 1
            }
        }
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for ch in text {
            if DisplayWidth.of(current) + DisplayWidth.of(ch) > width {
                lines.append(current)
                current = ""
            }
            current.append(ch)
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
