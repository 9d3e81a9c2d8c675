import LiveActions
import Scoring

extension AppState {
    /// `--no-spoilers`: every score is hidden until `r` reveals the focused fixture's (`R` hides it again).
    public func hidesScore(_ fixture: FixtureState) -> Bool {
        spoilerFree && !revealed.contains(fixture.ref)
    }

    public func hidesScore(at index: Int) -> Bool {
        fixtures.indices.contains(index) && hidesScore(fixtures[index])
    }
}

extension FixtureState {
    /// Whether the feed leaves out the entry told `row` places before the newest while the score is hidden.
    public func rowHidden(_ row: Int) -> Bool {
        log.entries[log.toldIndex(row: row)].hiddenWithTheScore(in: match.sport)
    }

    /// The first row at or after `row` that the feed shows (with the score shown, `row` itself); nil past the end.
    public func shownRow(from row: Int, hidden: Bool) -> Int? {
        var r = row
        while r < log.entries.count {
            if !hidden || !rowHidden(r) { return r }
            r += 1
        }
        return nil
    }

    /// The feed's scroll moved by `delta` rows it shows: with the score hidden, the rows it leaves out are passed
    /// over, so that each key moves the feed one line it shows.
    func feedScroll(movedBy delta: Int, hidden: Bool) -> Int {
        let count = log.entries.count
        guard hidden, count > 0 else { return max(0, min(feedScroll + delta, max(0, count - 1))) }
        var row = shownRow(from: feedScroll, hidden: true) ?? max(feedScroll, count - 1)  // the row the feed shows first
        for _ in 0..<abs(delta) {
            var next = row + (delta > 0 ? 1 : -1)
            while next >= 0, next < count, rowHidden(next) { next += delta > 0 ? 1 : -1 }
            guard next >= 0, next < count else { return delta < 0 ? 0 : row }
            row = next
        }
        return row
    }
}
