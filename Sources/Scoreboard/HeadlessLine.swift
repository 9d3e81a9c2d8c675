import LiveActions
import Scoring

/// The `--headless` output: one JSON object per fixture state change.
public enum HeadlessLine {
    /// `latency`: add `lagMs` (`last`, `median`, `p95`) once there is a measurement (`watch --headless --latency`).
    public static func json(for f: FixtureState, latency: Bool = false) -> String {
        let match = f.match
        var score: JSONObject = ["home": .number(Double(match.headline.home)), "away": .number(Double(match.headline.away))]
        score.pairs += match.detail.json.pairs
        var o: JSONObject = [
            "fixture": .string(f.ref.id),
            "sport": .string(f.ref.sport),
            "seq": .number(Double(f.log.maxSeq)),
            "status": .string(status(of: f)),
            "connection": .string(f.connection.label),
            "home": .string(f.homeName),
            "away": .string(f.awayName),
            "score": .object(score),
        ]
        o["period"] = match.period.map { .number(Double($0)) } ?? .null
        o["clock"] = match.clock.map { .string($0) } ?? .null
        // Only news: a collection status other than "CollectingLive", a packet collected offline.
        let provider = f.provider
        if let collection = provider.collectionNews { o["collection"] = .string(collection) }
        if provider.isDelayed { o["delayed"] = .bool(true) }
        if let mismatch = f.log.summaryMismatch {
            o["providerScore"] = ["home": .number(Double(mismatch.provider.home)), "away": .number(Double(mismatch.provider.away))]
        }
        if latency, let lastMs = f.latency.lastMs {
            o["lagMs"] = ["last": .number(lastMs.rounded()), "median": .number((f.latency.medianMs ?? 0).rounded()),
                          "p95": .number((f.latency.p95Ms ?? 0).rounded())]
        }
        if let last = f.log.entries.last {
            o["last"] = .string(last.mark.isEmpty ? last.text : "[\(last.mark)] \(last.text)")
        } else {
            o["last"] = .null
        }
        return JSONValue.object(o).jsonText
    }

    /// The match status, or `failed` when the stream failed for good.
    public static func status(of f: FixtureState) -> String {
        if case .failed = f.connection { return "failed" }
        return f.log.status.rawValue
    }
}
