import LiveActions

/// The `a` overlay: fixtures that could be added (today's from the Fixtures API, or the recordings in `demo/`),
/// one of them selected. Filled by the shell, which lists them when the reducer asks (`Effect.listFixtures`).
public struct FixturePicker: Equatable, Sendable {
    public struct Choice: Equatable, Sendable {
        public var ref: FixtureRef
        public var info: FixtureInfo
        /// A word on when or how it stands ("19:45", "Live"), as the source has it.
        public var note: String?
        /// A favourite team plays in it (`--favourite`): listed first, marked ★.
        public var favourite = false

        public init(ref: FixtureRef, info: FixtureInfo, note: String? = nil) {
            self.ref = ref
            self.info = info
            self.note = note
        }
    }

    public var choices: [Choice] = []
    public var selection = 0
    public var loading = true
    public var error: String?

    public init() {}

    public var selected: Choice? { choices.indices.contains(selection) ? choices[selection] : nil }
}
