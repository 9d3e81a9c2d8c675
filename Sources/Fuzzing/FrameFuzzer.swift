import LiveActions
import Simulator

/// Seeded mutation fuzzing of frames, runnable inside `swift test` with no instrumented build: the CI-sized
/// fuzz run, next to the coverage-guided libFuzzer target (`fuzz/run`). Starts from a corpus of real frames
/// and mutates bytes and structure: flips, cuts, splices, hostile numbers, deep nesting, control characters
/// and escapes in names, other fixtures' ids.
public struct FrameFuzzer {
    var random: SeededRandom
    let corpus: [[UInt8]]

    static let tokens: [String] = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "\\u001b[2J", "\u{1b}]0;x\u{07}",
        "null", "true", "-", "1e400", "-1e400", "9223372036854775808", "-1", "0.5", "NaN", "1e-400",
        "\"fixtureAction\"", "\"fixtureSeqNum\"", "\"sendType\":\"Deleted\"", "\"sendType\":\"Restored\"",
        "\"sendTypeId\":9", "\"finished\":true", "\"fixtureId\":\"other\"", "\"actionId\":\"\"",
        "\"team\":{\"homeTeam\":null}", "\u{202E}", "\u{FEFF}", "⚽", "丁", "\u{7f}", "\u{9b}",
    ]

    public init(seed: UInt64, corpus: [String]) {
        random = SeededRandom(seed: seed)
        self.corpus = corpus.isEmpty ? [Array("{}".utf8)] : corpus.map { Array($0.utf8) }
    }

    /// The next input: usually a mutated corpus frame, sometimes something built from nothing.
    public mutating func next() -> [UInt8] {
        var bytes = corpus[Int.random(in: 0..<corpus.count, using: &random)]
        let rounds = Int.random(in: 1...4, using: &random)
        for _ in 0..<rounds { mutate(&bytes) }
        return bytes
    }

    mutating func mutate(_ bytes: inout [UInt8]) {
        let n = bytes.count
        let at = n == 0 ? 0 : Int.random(in: 0..<n, using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0:  // flip a bit
            if n > 0 { bytes[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random) }
        case 1:  // a random byte, possibly invalid UTF-8
            bytes.insert(UInt8.random(in: 0...255, using: &random), at: at)
        case 2:  // cut
            if n > 0 { bytes.removeSubrange(at..<min(n, at + Int.random(in: 1...64, using: &random))) }
        case 3, 4:  // a hostile token
            bytes.insert(contentsOf: Array(Self.tokens[Int.random(in: 0..<Self.tokens.count, using: &random)].utf8), at: at)
        case 5:  // splice another frame in
            let other = corpus[Int.random(in: 0..<corpus.count, using: &random)]
            let from = other.isEmpty ? 0 : Int.random(in: 0..<other.count, using: &random)
            bytes.insert(contentsOf: other[from...].prefix(256), at: at)
        case 6:  // replace a number with a hostile one
            if let digit = bytes[at...].firstIndex(where: { (0x30...0x39).contains($0) }) {
                let end = bytes[digit...].firstIndex { !(0x30...0x39).contains($0) && $0 != 0x2E } ?? bytes.endIndex
                let number = ["-1", "0", "1e300", "99999999999999999999", "1099511627776", "-0", "4.5"][Int.random(in: 0..<7, using: &random)]
                bytes.replaceSubrange(digit..<end, with: Array(number.utf8))
            }
        case 7:  // nest deeply
            let depth = Int.random(in: 1...300, using: &random)
            bytes = Array(repeating: UInt8(ascii: "["), count: depth) + bytes + Array(repeating: UInt8(ascii: "]"), count: depth)
        case 8:  // wrap in an array with a copy (several messages in one frame)
            bytes = Array("[".utf8) + bytes + Array(",".utf8) + bytes + Array("]".utf8)
        default:  // duplicate a slice (long strings, repeated keys)
            if n > 0 {
                let slice = Array(bytes[at..<min(n, at + Int.random(in: 1...512, using: &random))])
                bytes.insert(contentsOf: slice, at: at)
            }
        }
        if bytes.count > 1 << 20 { bytes.removeSubrange((1 << 20)...) }
    }
}
