import LiveActions

/// A pair of numbers, one per side.
public struct Score: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var home: Int
    public var away: Int
    public init(_ home: Int = 0, _ away: Int = 0) {
        self.home = home
        self.away = away
    }

    public subscript(isHome: Bool) -> Int {
        get { isHome ? home : away }
        set { if isHome { home = newValue } else { away = newValue } }
    }

    public var description: String { "\(home)-\(away)" }
}
