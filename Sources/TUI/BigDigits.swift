import LiveActions
import Scoreboard
import Scoring

/// Big three-row digits for the score on larger terminals.
enum BigDigits {
    static let glyphs: [Character: [String]] = [
        "0": ["█▀█", "█ █", "▀▀▀"], "1": ["▀█ ", " █ ", "▀▀▀"], "2": ["▀▀█", "█▀▀", "▀▀▀"], "3": ["▀▀█", " ▀█", "▀▀▀"],
        "4": ["█ █", "▀▀█", "  ▀"], "5": ["█▀▀", "▀▀█", "▀▀▀"], "6": ["█▀▀", "█▀█", "▀▀▀"], "7": ["▀▀█", "  █", "  ▀"],
        "8": ["█▀█", "█▀█", "▀▀▀"], "9": ["█▀█", "▀▀█", "▀▀▀"], ":": [" ", "▪", " "], "?": ["▀▀█", " █▀", " ▀ "], " ": [" ", " ", " "],
    ]

    static func render(_ text: String) -> [String] {
        var rows = ["", "", ""]
        for ch in text {
            let g = glyphs[ch] ?? [" ", " ", " "]
            for i in 0..<3 { rows[i] += g[i] + (ch == " " ? "" : " ") }
        }
        return rows
    }
}
