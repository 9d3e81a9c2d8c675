import LiveActions

extension AppState {
    /// `--no-spoilers`: every score is hidden until `r` reveals the focused fixture's (`R` hides it again).
    public func hidesScore(_ fixture: FixtureState) -> Bool {
        spoilerFree && !revealed.contains(fixture.ref)
    }

    public func hidesScore(at index: Int) -> Bool {
        fixtures.indices.contains(index) && hidesScore(fixtures[index])
    }
}
