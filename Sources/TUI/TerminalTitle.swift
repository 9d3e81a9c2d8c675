import LiveActions
import Scoreboard
import Scoring

/// The terminal's title while Courtside runs: the focused fixture's score, e.g.
/// `Žalgiris Kaunas 76–89 Anadolu Efes · Q4 00:00`. Plain text already through the control-character filter;
/// the shell wraps it in OSC 2.
public enum TerminalTitle {
    public static func text(_ state: AppState) -> String {
        guard let f = state.focused else { return "Courtside" }
        let hidden = state.hidesScore(f)
        let m = Labels.shown(f, hidden: hidden)
        let home = TextSafety.clean(f.homeName, limit: 40)
        let away = TextSafety.clean(f.awayName, limit: 40)
        var title = hidden ? "\(home) v \(away)" : "\(home) \(m.headline.home)–\(m.headline.away) \(away)"
        let when = Labels.when(m, hidden: hidden, clockLimit: 10)
        if !when.isEmpty { title += " · " + when }
        return TextSafety.clean(title, limit: 120)
    }
}
