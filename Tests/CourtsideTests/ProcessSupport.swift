import ChildProcess
import Foundation
import Testing

/// The repository root, found from this file's path.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `courtside` binary that `swift test` built beside the test bundle.
let courtsideBinary = builtBinary("courtside")

/// The maintainers' `courtside-bench` (benchmarks, and the terminal-safety tests' deliberate crash).
let benchBinary = builtBinary("courtside-bench")

func builtBinary(_ name: String) -> String {
    var candidates: [URL] = []
    if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().appendingPathComponent(name)) }
    for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name)) }
    candidates.append(repoRoot.appendingPathComponent(".build/debug/" + name))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path ?? "\(name)-not-built"
}

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion, killing it after `timeout` seconds.
func runProcess(_ path: String, _ arguments: [String], environment: [String: String] = [:], cwd: URL = repoRoot,
                stdin: String? = nil, timeout: Double = 120, captureOutput: Bool = true) throws -> ProcessResult {
    let executable = path.hasPrefix("/") ? path : ((try? which(path)) ?? path)
    var input: [Int32] = [0, 0]
    pipe(&input)
    // A daemon the child leaves behind (tmux's server) would hold a pipe open forever: give it /dev/null.
    let out = captureOutput ? PipeReader() : nil, err = captureOutput ? PipeReader() : nil
    let child: Child
    do {
        child = try Child(executable, arguments, environment: environment, cwd: cwd.path,
                          stdin: input[0], stdout: out?.writeFD, stderr: err?.writeFD)
    } catch {
        close(input[0]); close(input[1]); out?.closeWriteEnd(); err?.closeWriteEnd()
        throw error
    }
    close(input[0])
    out?.closeWriteEnd()
    err?.closeWriteEnd()
    if let stdin {
        let bytes = Array(stdin.utf8)
        _ = bytes.withUnsafeBytes { write(input[1], $0.baseAddress, $0.count) }
    }
    close(input[1])
    let status = child.wait(timeout: timeout) ?? child.stop()
    out?.waitForEOF(timeout: 5)
    err?.waitForEOF(timeout: 5)
    return ProcessResult(status: status, stdout: out?.text.text ?? "", stderr: err?.text.text ?? "")
}

func which(_ name: String) throws -> String {
    guard let path = Child.find(name) else { throw Child.SpawnError(message: "\(name) not found on PATH") }
    return path
}

/// The `python3` on PATH (the one `.ci/run` installs packages into), else the system one.
func python3() -> String {
    (try? which("python3")) ?? "/usr/bin/python3"
}

/// Every test that runs the binary, a terminal or a server: one at a time, so that a test blocked on a
/// child process never starves the in-process servers of another test of the concurrency pool's threads.
@Suite(.serialized) enum EndToEnd {}

/// Runs blocking work (a child process, a polling loop) on a plain thread, not on the concurrency pool
/// that the in-process servers and feeds need.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Python's `websockets` package, for the independent peers in Tests/e2e. `.ci/run` installs it; where it is
/// missing, the tests that need it are skipped with a message saying so.
let pythonWebsockets: Bool = (try? runProcess(python3(), ["-c", "import websockets"]).status) == 0
let noPythonWebsockets: Comment = "needs Python's websockets package: python3 -m pip install websockets (.ci/run does)"
