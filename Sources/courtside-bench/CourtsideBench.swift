import ArgumentParser

/// Maintainers' tools, kept out of the product binary: the benchmarks and the simulator's recordings.
@main
struct CourtsideBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "courtside-bench",
        abstract: "Benchmarks and simulated recordings for Courtside's maintainers.",
        subcommands: [Bench.self, Simulate.self, CrashInTUI.self],
        defaultSubcommand: Bench.self)
}
