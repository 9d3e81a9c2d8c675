import LiveActions
import Scoreboard

/// The `a` overlay: the fixtures that could be added, the selected one highlighted.
enum PickerOverlay {
    static func draw(_ c: inout Canvas, _ picker: FixturePicker, theme: Theme) {
        let w = min(c.width - 4, 76)
        let listRows = max(1, min(c.height - 8, 14))
        let h = listRows + 4
        let r = Rect(x: (c.width - w) / 2, y: (c.height - h) / 2, width: w, height: h)
        let base = theme[.help]
        c.fillRect(r, style: base)
        c.box(r, title: "Add a fixture", style: base, titleStyle: theme[.title].with(bg: base.bg))
        let inner = r.width - 4
        if picker.loading {
            c.put("Listing fixtures…", x: r.x + 2, y: r.y + 1, style: theme[.dim].with(bg: base.bg), limit: inner)
        } else if let error = picker.error {
            c.put(error, x: r.x + 2, y: r.y + 1, style: theme[.warning].with(bg: base.bg), limit: inner)
        } else if picker.choices.isEmpty {
            c.put("Nothing more to add: every fixture found is on screen.", x: r.x + 2, y: r.y + 1, style: theme[.dim].with(bg: base.bg), limit: inner)
        }
        let first = max(0, min(picker.selection - listRows + 1, picker.choices.count - listRows))
        for (row, i) in (first..<min(picker.choices.count, first + listRows)).enumerated() {
            let choice = picker.choices[i]
            let teams = [choice.info.home, choice.info.away].compactMap { $0 }.map { TextSafety.clean($0, limit: 30) }.joined(separator: " v ")
            let label = [choice.note.map { TextSafety.clean($0, limit: 12) }, teams.isEmpty ? choice.ref.description : teams,
                         choice.info.title.map { TextSafety.clean($0, limit: 30) }].compactMap { $0 }.joined(separator: "  ")
            let style = i == picker.selection ? theme[.selected] : base
            c.fillRect(Rect(x: r.x + 1, y: r.y + 1 + row, width: r.width - 2, height: 1), style: style)
            // Fitted with "…": cut at the edge, a title read "CEV Champions Leagu" with nothing to say it went on.
            c.put(((i == picker.selection ? "▶ " : "  ") + (choice.favourite ? "★ " : "") + label).fitted(inner), x: r.x + 2, y: r.y + 1 + row, style: style, limit: inner)
        }
        c.put("↑↓ choose · Enter add · Esc close", x: r.x + 2, y: r.maxY - 2, style: theme[.dim].with(bg: base.bg), limit: inner)
    }
}
