import LiveActions

/// What a piece of the screen is; a theme gives each role a style.
public enum Role: String, CaseIterable, Sendable {
    case background, text, dim, title, border, focus, selected
    case home, away, score, clock
    case live, stale, reconnecting, failed, finished, scheduled
    case pending, deleted, corrected
    case banner, mismatch, statusBar, key, progress, help, warning
}
