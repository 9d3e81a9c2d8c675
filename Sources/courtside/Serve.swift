import ArgumentParser
import Feeds
import Foundation
import LiveActions
import ReplayServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve recordings over the Live Actions websocket protocol, on this machine.",
        discussion: "With no RECORDING, serves every recording in demo/. Each is at /{sport}/fixtures/{fixtureId}/actions.")

    @Argument(help: "Recordings (.jsonl), or folders of them, to serve.") var recordings: [String] = []
    @Option(parsing: .unconditional, help: "Port to listen on; 0 picks a free one.") var port = 8765
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "The token clients must send (a throwaway one: anything on the command line is visible to `ps`).") var token: String?
    @Option(name: .customLong("token-file"), help: "File holding the token clients must send.") var tokenFile: String?
    @Option(parsing: .unconditional, help: "Seconds between heartbeats (0: none).") var heartbeat = LiveActionsProtocol.heartbeatInterval
    @Option(parsing: .unconditional, help: "Replay factor for speed=normal clients: 1 is real time.") var speed = 1.0

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port is 0…65535") }
        if !(0...86_400).contains(heartbeat) { throw ValidationError("--heartbeat is 0 to 86400 seconds") }
        if !(speed > 0 && speed.isFinite) { throw ValidationError("--speed must be a number above 0") }
        // Both given, the file was used without a word; an empty token started a server that refused everyone.
        if token != nil, tokenFile != nil { throw ValidationError("give --token or --token-file, not both") }
        if let token, AuthToken.trimmed(token).isEmpty { throw ValidationError("--token is empty") }
    }

    func run() async throws {
        let fixtures = try RecordingStore.loadAll(recordings, warn: warn).map(ServedFixture.init)
        var config = ReplayServer.Configuration()
        config.host = host
        config.port = port
        config.heartbeat = heartbeat
        config.speed = speed
        if let tokenFile {
            // Checked (readable, not empty, permissions) the same way as the client's token file.
            _ = try AuthToken.load(file: tokenFile, environment: [:], warn: { warn($0) })
            config.token = AuthToken.trimmed(String(decoding: FileManager.default.contents(atPath: tokenFile) ?? Data(), as: UTF8.self))
        } else {
            config.token = token
        }
        let server = ReplayServer(fixtures: fixtures, configuration: config, log: { warn($0) })
        let host = self.host, served = fixtures
        try await server.run { port in
            // An IPv6 address is bracketed in a URL: "ws://::1:8765" is not one.
            warn("listening on ws://\(host.contains(":") ? "[\(host)]" : host):\(port)")
            for f in served { warn("  \(f.fixture)  (\(f.totalEvents) action messages)") }
        }
    }
}
