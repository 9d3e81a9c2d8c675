// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Courtside",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "courtside", targets: ["courtside"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Pure: the wire format (JSON, actions, frames, recordings, endpoints).
        .target(name: "LiveActions"),
        // Pure: per-sport match state and the action-lifecycle fold.
        .target(name: "Scoring", dependencies: ["LiveActions"]),
        // Pure: a seeded match simulator that writes demo recordings.
        .target(name: "Simulator", dependencies: ["LiveActions", "Scoring"]),
        // Pure: the app state, its reducer, keys and replay controls.
        .target(name: "Scoreboard", dependencies: ["LiveActions", "Scoring"]),
        // Pure: config.toml (a TOML subset) and the flag > environment > file precedence.
        .target(name: "Settings", dependencies: ["LiveActions"]),
        // I/O: live websocket feed, replay feed, recorder.
        .target(name: "Feeds", dependencies: [
            "LiveActions",
            .product(name: "WSClient", package: "swift-websocket"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // I/O: a local server that speaks the Live Actions protocol from recordings.
        .target(name: "ReplayServer", dependencies: [
            "LiveActions",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ]),
        // I/O: child processes started with posix_spawn and reaped with waitpid (bench, tests).
        .target(name: "ChildProcess"),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        // Canvas, widgets and layout (pure) plus the ncurses backend.
        .target(name: "Terminal", dependencies: ["CNcurses", "Scoreboard", "Scoring", "LiveActions"]),
        .executableTarget(name: "courtside", dependencies: [
            "LiveActions", "Scoring", "Simulator", "Scoreboard", "Feeds", "ReplayServer", "Terminal", "ChildProcess",
            "Settings",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // libFuzzer entry point over the decoder and reducers (fuzz/run); without -DFUZZING it replays inputs.
        .executableTarget(name: "FuzzFrames", dependencies: ["LiveActions", "Scoring", "Scoreboard"]),
        .testTarget(name: "CourtsideTests", dependencies: [
            "LiveActions", "Scoring", "Simulator", "Scoreboard", "Feeds", "ReplayServer", "Terminal", "ChildProcess",
            "Settings",
        ]),
    ]
)
