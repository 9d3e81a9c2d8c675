/// A line being typed at the bottom of the screen: `g` and a fixture number, or `/` and part of a team's name.
public struct Prompt: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case goto, find }

    public var kind: Kind
    public var text = ""

    public init(kind: Kind, text: String = "") {
        self.kind = kind
        self.text = text
    }

    public static let maxLength = 40

    public var label: String {
        switch kind {
        case .goto: "go to fixture: "
        case .find: "find: "
        }
    }
}

extension AppReducer {
    /// Keys while a prompt is open: typing, Backspace, Enter to go, Esc to cancel.
    static func edit(_ state: inout AppState, _ key: Key) {
        guard var prompt = state.prompt else { return }
        switch key {
        case .char(let c):
            guard prompt.text.count < Prompt.maxLength else { return }
            if prompt.kind == .goto, !c.isASCII || !c.isNumber { return }
            guard c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }) else { return }
            prompt.text.append(c)
            state.prompt = prompt
        case .paste(let text):
            // As if typed, line ends and control characters left out: a paste never submits.
            for c in text where !c.isNewline { edit(&state, .char(c)) }
        case .backspace:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
            state.prompt = prompt
        case .escape:
            state.prompt = nil
        case .enter:
            state.prompt = nil
            switch prompt.kind {
            case .goto:
                if let n = Int(prompt.text), state.fixtures.indices.contains(n - 1) {
                    state.focus = n - 1
                } else {
                    state.notice = "no fixture \(prompt.text)"
                }
            case .find:
                if let i = find(prompt.text, in: state) { state.focus = i } else { state.notice = "no team matches \"\(prompt.text)\"" }
            }
        default:
            break
        }
    }

    /// The next fixture after the focused one (wrapping round) whose team or title holds `text`, ignoring case
    /// and diacritics; the focused fixture itself last.
    static func find(_ text: String, in state: AppState) -> Int? {
        let needle = Favourites.fold(text)
        guard !needle.isEmpty, !state.fixtures.isEmpty else { return nil }
        let n = state.fixtures.count
        for step in 1...n {
            let i = (state.focus + step) % n
            let f = state.fixtures[i]
            let names = [f.log.state.homeName, f.log.state.awayName, f.title].compactMap { $0 }
            if names.contains(where: { Favourites.fold($0).contains(needle) }) { return i }
        }
        return nil
    }
}
