import LiveActions

/// An RGB team colour from a "Team Colours" action.
public struct TeamColour: Equatable, Hashable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8
    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses "0, 38, 255"; anything else is no colour.
    public init?(_ text: String) {
        let parts = text.split(separator: ",").map { UInt8($0.trimmingSpaces) }
        guard parts.count == 3, let r = parts[0], let g = parts[1], let b = parts[2] else { return nil }
        self.init(r: r, g: g, b: b)
    }
}
