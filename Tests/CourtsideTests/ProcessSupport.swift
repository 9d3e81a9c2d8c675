import Foundation

/// The repository root, found from this file's path.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `courtside` binary that `swift test` built beside the test bundle.
let courtsideBinary: String = {
    var candidates: [URL] = []
    if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().appendingPathComponent("courtside")) }
    for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("courtside")) }
    candidates.append(repoRoot.appendingPathComponent(".build/debug/courtside"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path ?? "courtside-not-built"
}()

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion, killing it after `timeout` seconds.
func runProcess(_ path: String, _ arguments: [String], environment: [String: String] = [:], cwd: URL = repoRoot,
                stdin: String? = nil, timeout: Double = 120, captureOutput: Bool = true) throws -> ProcessResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    p.currentDirectoryURL = cwd
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe(), input = Pipe()
    // A daemon the child leaves behind (tmux's server) would hold a pipe open forever: give it /dev/null.
    p.standardOutput = captureOutput ? out : FileHandle.nullDevice
    p.standardError = captureOutput ? err : FileHandle.nullDevice
    p.standardInput = input
    try p.run()
    if !captureOutput {
        try? out.fileHandleForWriting.close()
        try? err.fileHandleForWriting.close()
    }
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    // Drain both pipes while the process runs so a chatty child never blocks on a full pipe.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data(), errData = Data()
    group.enter()
    DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter()
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { usleep(20_000) }
    if p.isRunning { p.terminate() }
    p.waitUntilExit()
    group.wait()
    return ProcessResult(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

func python3() -> String {
    for path in ["/usr/bin/python3", "/usr/local/bin/python3"] where FileManager.default.isExecutableFile(atPath: path) { return path }
    let which = try? runProcess("/usr/bin/env", ["which", "python3"])
    return which?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? "python3"
}
