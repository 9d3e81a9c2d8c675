import Fuzzing

#if canImport(Glibc)
import Glibc
#endif

/// The state libFuzzer drives: inputs fold into five live fixtures like frames off their sockets, so that
/// findings which need history (a late correction, a finished match, a foreign fixture) are reachable.
/// Fixtures restart every thousand inputs, which keeps memory bounded and each consistency check cheap.
enum FuzzTarget {
    nonisolated(unsafe) static var run = FuzzRun(resetEvery: 1000)

    /// Feeds one input; traps (a finding for libFuzzer) if the fixture's state is no longer its fresh fold.
    static func feed(_ bytes: [UInt8]) {
        let fixture = run.feed(bytes)
        if let input = run.cacheMismatches.last {
            fatalError("input #\(input) decoded differently through a replay's cache than with none")
        }
        if !run.isConsistent(fixture: fixture) {
            fatalError("fixture \(fixture): derived state differs from a fresh fold after input #\(run.inputs)")
        }
    }
}

/// libFuzzer calls this with each input.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.feed(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

#if FUZZING
/// libFuzzer's own driver, linked in by `-sanitize=fuzzer`. SwiftPM owns `main` in an executable target, so
/// the fuzzer is started from there rather than through libFuzzer's `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main enum FuzzFrames {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, { data, size in fuzzOneInput(data, size) }))
    }
}
#else
/// Built without libFuzzer: replays saved inputs (crash files, corpus entries) through the same path.
@main enum FuzzFrames {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            print("usage: FuzzFrames INPUT… (replays inputs; fuzz/run builds the libFuzzer version)")
            exit(2)
        }
        for path in paths {
            guard let file = fopen(path, "rb") else { print("\(path): cannot read"); exit(1) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while case let n = fread(&chunk, 1, chunk.count, file), n > 0 { bytes += chunk[0..<n] }
            fclose(file)
            FuzzTarget.feed(bytes)
            print("\(path): \(bytes.count) bytes, fine")
        }
    }
}
#endif
