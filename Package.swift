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
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Pure: the wire format (JSON, actions, frames, recordings, endpoints, text safety).
        .target(name: "LiveActions"),
        // Pure: per-sport match state and the action-lifecycle fold.
        .target(name: "Scoring", dependencies: ["LiveActions"]),
        // Pure: a seeded match simulator that writes demo recordings.
        .target(name: "Simulator", dependencies: ["LiveActions"]),
        // Pure: the app state, its reducer, keys, replay merging and the headless runner.
        .target(name: "Scoreboard", dependencies: ["LiveActions", "Scoring"]),
        // Pure: config.toml (a TOML subset) and the flag > environment > file precedence.
        .target(name: "Settings", dependencies: ["LiveActions"]),
        // Pure: canvas, widgets, layout and themes (ratatui's buffer-and-widgets model).
        .target(name: "TUI", dependencies: ["LiveActions", "Scoring", "Scoreboard", "Settings"]),
        // I/O: what every shell target needs of the machine: the monotonic clock, the bundled resource folders.
        .target(name: "Platform"),
        // I/O: live websocket feed, replay pacing, recordings on disk.
        .target(name: "Feeds", dependencies: [
            "LiveActions", "Scoring", "Scoreboard", "Platform",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "NIOTLS", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // I/O: a local server that speaks the Live Actions protocol from recordings.
        .target(name: "ReplayServer", dependencies: [
            "LiveActions", "Platform",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ]),
        // ncursesw, linked directly (its pkg-config flags are ones SwiftPM refuses).
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncursesw5-dev"])]),
        // I/O: the ncurses backend, the terminal guard, quit signals and the interactive loop.
        .target(name: "Terminal", dependencies: ["CNcurses", "TUI", "Scoreboard", "LiveActions", "Platform"]),
        .executableTarget(name: "courtside", dependencies: [
            "LiveActions", "Simulator", "Scoreboard", "Settings", "Feeds", "ReplayServer", "Terminal", "Platform",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Dev only: child processes for the benchmarks and the end-to-end tests.
        .target(name: "ChildProcess"),
        // Dev only: the seeded frame mutator, the fuzz run and its corpus, shared by FuzzFrames and the tests.
        .target(name: "Fuzzing", dependencies: ["LiveActions", "Scoring", "Scoreboard", "Simulator"]),
        // Dev only: the benchmarks (courtside-bench), never part of the product binary.
        .executableTarget(name: "courtside-bench", dependencies: [
            "LiveActions", "Scoring", "Simulator", "Scoreboard", "Feeds", "TUI", "Terminal", "Platform", "ChildProcess",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Dev only: libFuzzer entry point over the decoder and reducers (fuzz/run); without -DFUZZING it replays inputs.
        .executableTarget(name: "FuzzFrames", dependencies: ["Fuzzing"]),
        .testTarget(name: "CourtsideTests", dependencies: [
            "LiveActions", "Scoring", "Simulator", "Scoreboard", "TUI", "Feeds", "ReplayServer", "Terminal",
            "Settings", "Platform", "ChildProcess", "Fuzzing",
        ], exclude: ["__Snapshots__"]),
    ]
)
