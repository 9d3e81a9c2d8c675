import Scoreboard

#if canImport(Glibc)
import Glibc
#endif

/// Buffered standard output for `--headless`: one write per batch of lines, not per line.
public struct StandardOutput: LineSink {
    var buffer: [UInt8] = []

    public init() {}

    public mutating func add(_ line: [UInt8]) {
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    public mutating func flush() {
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
