import Foundation

/// Drives a real terminal: a detached tmux session running a shell command.
struct Tmux {
    let session: String
    let tmux: String

    static var available: Bool { (try? runProcess("/usr/bin/env", ["which", "tmux"]))?.status == 0 }

    /// Starts `command` in a new session of the given size. The command runs under `sh -c`.
    init(_ command: String, width: Int = 100, height: Int = 30, env: [String: String] = [:]) throws {
        session = "courtside-test-\(UUID().uuidString.prefix(8))"
        tmux = (try? runProcess("/usr/bin/env", ["which", "tmux"]))?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? "tmux"
        let exports = env.map { "export \($0.key)='\($0.value)'; " }.joined()
        let r = try runProcess(tmux, ["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
                                      "-c", repoRoot.path, "sh", "-c", exports + command], captureOutput: false)
        guard r.status == 0 else { throw TmuxError(message: "tmux new-session failed (\(r.status))") }
    }

    struct TmuxError: Error { var message: String }

    func capture() -> String {
        (try? runProcess(tmux, ["capture-pane", "-p", "-t", session]))?.stdout ?? ""
    }

    /// The screen with its colours and attributes as SGR escapes.
    func captureWithStyles() -> String {
        (try? runProcess(tmux, ["capture-pane", "-p", "-e", "-t", session]))?.stdout ?? ""
    }

    func send(_ keys: String...) {
        _ = try? runProcess(tmux, ["send-keys", "-t", session] + keys)
    }

    func resize(width: Int, height: Int) {
        _ = try? runProcess(tmux, ["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pid of the program the shell started (the pane's child).
    func childPid(named name: String) -> Int32? {
        guard let pane = try? runProcess(tmux, ["display-message", "-p", "-t", session, "#{pane_pid}"]),
              let shell = Int32(pane.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let r = try? runProcess("/usr/bin/env", ["pgrep", "-P", "\(shell)", name])
        return r.flatMap { Int32($0.stdout.split(separator: "\n").first ?? "") }
    }

    /// Polls the screen until `predicate` holds or `timeout` passes; returns the last screen.
    @discardableResult
    func waitFor(timeout: Double = 15, _ predicate: (String) -> Bool) -> (Bool, String) {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !predicate(screen) {
            if Date() > deadline { return (false, screen) }
            usleep(100_000)
            screen = capture()
        }
        return (true, screen)
    }

    func kill() {
        _ = try? runProcess(tmux, ["kill-session", "-t", session])
    }
}

/// After the app, the shell prints whether the terminal is back in cooked mode with echo on.
let terminalCheck = #"echo "EXITED $?"; stty -a | tr ' ' '\n' | grep -E '^-?(icanon|echo)$' | tr '\n' ' '; echo; sleep 60"#
