import Feeds
import Foundation

enum FileHandleOutput {
    static func stderr(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}

/// Buffered standard output for `--headless`: one write per batch of lines, not per line.
struct LineWriter {
    var buffer: [UInt8] = []

    mutating func add(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(1, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Seconds on a monotonic clock; the shell's only clock, shared with the feeds.
func wallNow() -> Double { MonotonicClock.seconds() }
