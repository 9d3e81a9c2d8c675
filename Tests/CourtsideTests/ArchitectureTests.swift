import Foundation
import Testing

/// The pure targets stay pure: no Foundation, no C library, no curses. The compiler would accept such an
/// import, so this test is what keeps decoding, scoring, the app state and the widgets free of I/O.
struct ArchitectureTests {
    static let pureTargets = ["LiveActions", "Scoring", "Simulator", "Scoreboard", "Settings", "TUI"]
    static let forbidden = ["Foundation", "FoundationEssentials", "Glibc", "Darwin", "Musl", "CNcurses", "Dispatch"]

    @Test(arguments: pureTargets)
    func pureTargetImportsNoPlatformModule(target: String) throws {
        let dir = repoRoot.appendingPathComponent("Sources/\(target)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty, "no sources found for \(target)")
        for file in files {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let i = words.firstIndex(of: "import"), i + 1 < words.count, words[..<i].allSatisfy({ $0.hasPrefix("@") || $0 == "public" || $0 == "internal" }) else { continue }
                let module = words[i + 1].split(separator: ".").first.map(String.init) ?? ""
                #expect(!Self.forbidden.contains(module), "\(target)/\(file) imports \(module)")
            }
        }
    }

    @Test func thePackageDeclaresEveryPureTargetWithoutPlatformDependencies() throws {
        let manifest = try String(contentsOf: repoRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        for target in Self.pureTargets {
            let line = try #require(manifest.split(separator: "\n").first { $0.contains(".target(name: \"\(target)\"") })
            #expect(!line.contains("Platform") && !line.contains("NIO") && !line.contains("CNcurses"), "\(line)")
        }
    }

    /// No global holds a C struct: Swift 6.3 sizes such a global without the padding inside the struct (a
    /// `sigaction` 148 bytes where glibc writes 152, a `termios` 57 where it writes 60), and the C library's write
    /// ran over the global the linker put next. In a release build that was `QuitSignals.received`: the board quit
    /// at once with a random status, while every debug-built test passed. Kept on the heap or in a local instead.
    @Test func noGlobalHoldsACStruct() throws {
        let nm = try runProcess("/usr/bin/env", ["nm", "--defined-only", courtsideBinary])
        #expect(nm.status == 0, "\(nm.stderr)")
        let globals = nm.stdout.split(separator: "\n").filter { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, ["b", "B", "d", "D"].contains(parts[1]) else { return false }
            return parts[2].wholeMatch(of: /\$s.*So[0-9]+[A-Za-z_][A-Za-z_0-9]*VvpZ/) != nil
        }
        #expect(globals.isEmpty, "\(globals)")
    }
}
