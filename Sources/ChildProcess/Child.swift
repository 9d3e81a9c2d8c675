import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with posix_spawn and reaped with waitpid. Foundation's `Process` lost track of
/// children here (zombies never reaped under parallel tests) and passed on the spawning thread's blocked
/// signals; this resets the child's signal mask and dispositions and owns its lifetime.
public final class Child: Sendable {
    public let pid: pid_t
    let exit = Mutex<Int32?>(nil)

    /// `stdout`/`stderr` nil: /dev/null. Output fds are the write ends of pipes the caller reads.
    public init(_ path: String, _ arguments: [String], environment: [String: String] = [:], cwd: String? = nil,
                stdin: Int32?, stdout: Int32?, stderr: Int32?) throws {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let null = open("/dev/null", O_RDWR)
        defer { close(null) }
        posix_spawn_file_actions_adddup2(&actions, stdin ?? null, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout ?? null, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr ?? null, 2)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // No posix_spawn_file_actions_addchdir_np in Swift's Glibc: a shell changes directory, then execs.
        let cwd = cwd ?? FileManager.default.currentDirectoryPath
        let sameDir = URL(fileURLWithPath: cwd).standardizedFileURL.path == URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let program = sameDir ? path : "/bin/sh"
        let list = sameDir ? [path] + arguments : ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", cwd, path] + arguments
        let argv = list.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, program, &actions, &attr, argv, envp)
        guard rc == 0 else { throw SpawnError(message: "cannot start \(path): \(String(cString: strerror(rc)))") }
        self.pid = pid
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public var message: String
        public init(message: String) { self.message = message }
        public var description: String { message }
    }

    /// The exit status (128+signal when killed), or nil while running.
    public func poll() -> Int32? {
        exit.withLock { code in
            if code != nil { return code }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            return code
        }
    }

    public var isRunning: Bool { poll() == nil }

    /// Waits up to `timeout` seconds; nil if still running.
    public func wait(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let code = poll() { return code }
            usleep(5_000)
        }
        return poll()
    }

    /// `signal`, then SIGKILL after three seconds.
    @discardableResult
    public func stop(_ signal: Int32 = SIGTERM) -> Int32 {
        if isRunning { kill(pid, signal) }
        if let code = wait(timeout: 3) { return code }
        kill(pid, SIGKILL)
        return wait(timeout: 10) ?? -1
    }
}

/// Reads a pipe on its own thread until EOF.
public final class PipeReader: Sendable {
    public let text = TextBox()
    let finished = Flag()
    public let writeFD: Int32

    public init() {
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        writeFD = fds[1]
        let readFD = fds[0], text = self.text, finished = self.finished
        Thread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(readFD, &buffer, buffer.count)
                if n <= 0 { break }
                text.append(buffer[0..<n])
            }
            close(readFD)
            finished.set()
        }.start()
    }

    /// After the child started: the parent's copy of the write end must go, or EOF never comes.
    public func closeWriteEnd() { close(writeFD) }

    public func waitForEOF(timeout: Double) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && !finished.isSet { usleep(2_000) }
    }
}

final class Flag: Sendable {
    let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

/// Text appended from one thread and read from another: what a pipe delivered, kept as bytes and decoded when
/// read. Decoded a read at a time, a character whose UTF-8 bytes two reads split became two replacement
/// characters, and two runs of the same output compared unequal under load.
public final class TextBox: Sendable {
    let store = Mutex<[UInt8]>([])
    public init() {}
    public func append(_ bytes: ArraySlice<UInt8>) { store.withLock { $0 += bytes } }
    public var text: String { store.withLock { String(decoding: $0, as: UTF8.self) } }
}

extension Child {
    /// The executable `name` on PATH, as a shell would find it; nil when there is none.
    public static func find(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program to its end and returns what it wrote on stdout (stderr goes to /dev/null).
    /// nil when it could not start or ran past `timeout` seconds (it is then killed).
    public static func output(of path: String, _ arguments: [String], timeout: Double = 30) -> String? {
        let out = PipeReader()
        let child: Child
        do {
            child = try Child(path, arguments, stdin: nil, stdout: out.writeFD, stderr: nil)
        } catch {
            out.closeWriteEnd()
            return nil
        }
        out.closeWriteEnd()
        guard child.wait(timeout: timeout) != nil else { child.stop(SIGKILL); return nil }
        out.waitForEOF(timeout: 2)
        return out.text.text
    }
}
