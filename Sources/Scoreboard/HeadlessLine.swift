import LiveActions
import Scoring

/// The `--headless` output: one JSON object per fixture state change.
public enum HeadlessLine {
    /// `latency`: add `lagMs` (`last`, `median`, `p95`) once there is a measurement (`watch --headless --latency`).
    public static func json(for f: FixtureState, latency: Bool = false) -> String {
        var w = JSONWriter()
        var scratch: [UInt8] = []
        var f = f
        var head = Head()
        write(&f, head: &head, latency: latency, to: &w, scratch: &scratch)
        return w.text
    }

    /// The start of a fixture's line as written last time, kept by the runner: the fixture and sport never
    /// change, status, connection and team names a few times a match, and writing them again (escaped) for
    /// every line was a good part of the line.
    struct Head {
        var ref: FixtureRef?
        /// `{"fixture":"…","sport":"…","seq":`
        var fixture: [UInt8] = []
        var shown = (status: "", connection: "", home: "", away: "")
        /// `,"status":"…","connection":"…","home":"…","away":"…","score":{`
        var middle: [UInt8] = []
    }

    /// Writes the line into `w`, straight from the state. `scratch` is a reusable buffer for the last action's
    /// text, so that a replay of 300,000 messages does not allocate one per line.
    /// `f` is only read: it is `inout` so that a fixture in an array is lent in place (read through `Array`'s
    /// subscript, the runner copied it whole for every line, dozens of retains).
    /// `head` is what this fixture's previous line began with; it is written again only where it changed.
    static func write(_ f: inout FixtureState, head: inout Head, latency: Bool, to w: inout JSONWriter, scratch: inout [UInt8]) {
        if head.ref == f.ref, !head.fixture.isEmpty {
            w.append(writtenBefore: head.fixture)
        } else {
            let start = w.bytes.count
            w.openObject()
            w.key("fixture"); w.string(f.ref.id)
            w.key("sport"); w.string(f.ref.sport)
            w.key("seq")
            head = Head(ref: f.ref, fixture: Array(w.bytes[start...]))
        }
        w.int(f.log.maxSeq)
        // Compared where they stand: a tuple of the four, made for every line, retained and released them all.
        let status = status(of: f), connection = f.connection.label
        if !head.middle.isEmpty, head.shown.status == status, head.shown.connection == connection,
           head.shown.home == f.homeName, head.shown.away == f.awayName {
            w.append(writtenBefore: head.middle)
        } else {
            let shown = (status: status, connection: connection, home: f.homeName, away: f.awayName)
            let start = w.bytes.count
            w.key("status"); w.string(shown.status)
            w.key("connection"); w.string(shown.connection)
            w.key("home"); w.string(shown.home)
            w.key("away"); w.string(shown.away)
            w.key("score")
            w.openObject()
            head.middle = Array(w.bytes[start...])
            head.shown = shown
        }
        // Read in place: a copy of the match state (`f.match`) retained everything it holds, for every line.
        w.key("home"); w.int(f.log.state.headline.home)
        w.key("away"); w.int(f.log.state.headline.away)
        f.log.state.detail.writeJSON(to: &w)
        w.closeObject()
        w.key("period")
        if let period = f.log.state.period { w.int(period) } else { w.null() }
        w.key("clock")
        if let clock = f.log.state.clock { w.string(clock) } else { w.null() }
        // Only news: a collection status other than "CollectingLive", a packet collected offline.
        if let collection = f.log.collectionNews { w.key("collection"); w.string(collection) }
        if f.log.isDelayed { w.key("delayed"); w.bool(true) }
        if let mismatch = f.log.summaryMismatch {
            w.key("providerScore"); w.sides(home: mismatch.provider.home, away: mismatch.provider.away)
        }
        if latency, let lastMs = f.latency.lastMs {
            w.key("lagMs")
            w.openObject()
            w.key("last"); w.number(lastMs.rounded())
            w.key("median"); w.number((f.latency.medianMs ?? 0).rounded())
            w.key("p95"); w.number((f.latency.p95Ms ?? 0).rounded())
            w.closeObject()
        }
        w.key("last")
        scratch.removeAll(keepingCapacity: true)
        if let i = f.log.lastToldIndex, f.log.entries.appendLine(at: i, to: &scratch) { w.string(utf8: scratch) } else { w.null() }
        w.closeObject()
    }

    /// The match status, or `failed` when the stream failed for good.
    public static func status(of f: FixtureState) -> String {
        if case .failed = f.connection { return "failed" }
        return f.log.status.rawValue
    }
}
