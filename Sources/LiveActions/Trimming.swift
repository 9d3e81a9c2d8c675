extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and carriage returns (no Foundation needed).
    public var trimmingSpaces: String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
