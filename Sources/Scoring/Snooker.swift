import LiveActions

/// Frames won, points in the current frame, the break being made and the highest break.
public struct Snooker: Equatable, Sendable {
    public struct FrameScore: Equatable, Sendable {
        public var points = Score()
        public var homeWon: Bool?
    }

    public struct Break: Equatable, Sendable {
        public var isHome: Bool
        public var points: Int
        public var player: String?
    }

    public var frames: [FrameScore] = []
    public var currentBreak: Break?
    public var highestBreak: Break?

    public init() {}

    public var framesWon: Score {
        var s = Score()
        for f in frames { if let h = f.homeWon { s[h] += 1 } }
        return s
    }

    public var currentFrame: Int {
        if let last = frames.last, last.homeWon == nil { return frames.count }
        return frames.count + 1
    }

    public var framePoints: Score { frames.last.flatMap { $0.homeWon == nil ? $0.points : nil } ?? Score() }

    /// Ball values by the pot's sub-type name.
    static let ballValues: [String: Int] = ["red": 1, "yellow": 2, "green": 3, "brown": 4, "blue": 5, "pink": 6, "black": 7]

    /// The balls as the provider spells them, by symbol: folding the name of every pot made a new string.
    static let ballSymbols: [(symbol: Symbol, value: Int)] =
        [("Red", 1), ("Yellow", 2), ("Green", 3), ("Brown", 4), ("Blue", 5), ("Pink", 6), ("Black", 7)].map { (Symbol($0.0), $0.1) }

    /// `ballValue(subType)`, with the usual spellings known by their symbol.
    static func ballValue(_ subType: Symbol) -> Int? {
        if subType.isNone { return nil }
        for ball in ballSymbols where ball.symbol == subType { return ball.value }
        return ballValue(subType.string)
    }

    static func ballValue(_ subType: String?) -> Int? {
        guard let subType else { return nil }
        let folded = ActionName.fold(subType)
        if let v = ballValues[folded] { return v }
        return ballValues.first { folded.hasPrefix($0.key) }?.value
    }

    mutating func apply(_ action: Action, kind: ActionKind) {
        let n = action.period ?? currentFrame
        guard n >= 1, n <= 99 else { return }
        switch kind {
        case .pot:
            guard let isHome = action.teamIsHome else { return }
            let value = action.metadataInt("points") ?? Snooker.ballValue(action.subTypeSymbol) ?? 1
            ensure(n)
            guard frames[n - 1].homeWon == nil else { return }
            frames[n - 1].points[isHome] += value
            if var b = currentBreak, b.isHome == isHome {
                b.points += value
                currentBreak = b
            } else {
                currentBreak = Break(isHome: isHome, points: value, player: action.player?.name)
            }
            if let b = currentBreak, b.points > (highestBreak?.points ?? 0) { highestBreak = b }
        case .foul:
            guard let isHome = action.teamIsHome else { return }
            let penalty = action.metadataInt("points") ?? max(4, Snooker.ballValue(action.subTypeSymbol) ?? 0)
            ensure(n)
            guard frames[n - 1].homeWon == nil else { return }
            frames[n - 1].points[!isHome] += penalty
            currentBreak = nil
        case .endPeriod:
            currentBreak = nil
            guard n <= frames.count, frames[n - 1].homeWon == nil else { return }
            let p = frames[n - 1].points
            if p.home != p.away { frames[n - 1].homeWon = p.home > p.away }
        case .frameWon:
            guard let isHome = action.teamIsHome else { return }
            ensure(n)
            frames[n - 1].homeWon = isHome
            currentBreak = nil
        default:
            // Any other shot by a player (a safety, a miss) ends the break.
            if action.teamSymbols != nil { currentBreak = nil }
        }
    }

    mutating func ensure(_ n: Int) {
        while frames.count < n { frames.append(FrameScore()) }
    }

    /// The `--headless` fields, written into the line's score object.
    func writeJSON(to w: inout JSONWriter) {
        let fp = framePoints
        w.key("framePoints"); w.sides(home: fp.home, away: fp.away)
        func write(_ b: Break) {
            w.openObject()
            w.key("side"); w.string(b.isHome ? "home" : "away")
            w.key("points"); w.int(b.points)
            w.closeObject()
        }
        if let b = currentBreak { w.key("break"); write(b) }
        if let b = highestBreak { w.key("highestBreak"); write(b) }
    }
}
