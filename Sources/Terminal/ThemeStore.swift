import Foundation
import Platform
import TUI

/// Finds and loads the themes: the bundled `themes/` folder, plus a theme file named by path.
public enum ThemeStore {
    static let order = ["dark", "light", "high-contrast", "mono"]

    static func directory() -> String? {
        ResourceDirectory.find("themes", holding: ".toml")
    }

    static func load(_ path: String) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeParser.ParseError(description: "\(path): cannot read the theme file")
        }
        return try ThemeParser.parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Every theme to cycle through with `t`, the chosen one first. Errors name the file, line and key.
    public static func themes(choice: String?, noColor: Bool) throws -> [Theme] {
        var themes: [Theme] = []
        if let dir = directory() {
            let files = ResourceDirectory.files(in: dir, endingWith: ".toml").map { ($0 as NSString).lastPathComponent }
            let sorted = files.sorted { a, b in
                let ia = order.firstIndex(of: String(a.dropLast(5))) ?? order.count
                let ib = order.firstIndex(of: String(b.dropLast(5))) ?? order.count
                return ia != ib ? ia < ib : a < b
            }
            for file in sorted { themes.append(try load(dir + "/" + file)) }
        }
        if themes.isEmpty { themes = [Theme.fallback] }
        if let choice {
            if choice.contains("/") || choice.hasSuffix(".toml") {
                let theme = try load(choice)
                themes.removeAll { $0.name == theme.name }
                themes.insert(theme, at: 0)
            } else if let i = themes.firstIndex(where: { $0.name == choice }) {
                themes.insert(themes.remove(at: i), at: 0)
            } else {
                throw ThemeParser.ParseError(description: "no theme named '\(choice)' (have: \(themes.map(\.name).joined(separator: ", ")))")
            }
        }
        return noColor ? themes.map(\.monochrome) : themes
    }
}
