import ChildProcess
import Foundation
import Synchronization

/// A long-running child (e.g. `courtside serve`) whose stderr and stdout are collected as it runs.
final class BackgroundProcess: Sendable {
    let child: Child
    let reader = PipeReader()

    init(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        child = try Child(path, arguments, environment: environment, cwd: repoRoot.path,
                          stdin: nil, stdout: reader.writeFD, stderr: reader.writeFD)
        reader.closeWriteEnd()
    }

    var text: String { reader.text.text }
    var pid: Int32 { child.pid }

    /// Waits until the output matches, returning the first capture group of `pattern`.
    func waitFor(_ pattern: String, timeout: Double = 20) -> String? {
        let regex = try! NSRegularExpression(pattern: pattern)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let s = text
            if let m = regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) {
                let r = m.numberOfRanges > 1 ? m.range(at: 1) : m.range
                return Range(r, in: s).map { String(s[$0]) }
            }
            usleep(20_000)
        }
        return nil
    }

    /// Sends `signal`, and SIGKILL if the child is still there after three seconds.
    func stop(_ signal: Int32 = SIGTERM) {
        child.stop(signal)
        reader.waitForEOF(timeout: 2)
    }

    deinit { if child.isRunning { kill(child.pid, SIGKILL); _ = child.wait(timeout: 5) } }
}

/// Starts `courtside serve` on a free port (or the given one) and returns it with its port.
func startServe(_ arguments: [String], port: Int = 0, environment: [String: String] = [:]) throws -> (BackgroundProcess, Int) {
    let server = try BackgroundProcess(courtsideBinary, ["serve", "--port", "\(port)"] + arguments, environment: environment)
    guard let bound = server.waitFor(#"listening on ws://(?:127\.0\.0\.1|\[::1\]):(\d+)"#).flatMap(Int.init) else {
        server.stop()
        throw ServeError(output: server.text)
    }
    return (server, bound)
}

struct ServeError: Error { var output: String }
