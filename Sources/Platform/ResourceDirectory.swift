import Foundation

/// Finds a bundled folder (`demo/`, `themes/`): in the working directory, in `share/courtside/` beside an
/// installed binary, or above the executable, for `swift run` from elsewhere.
public enum ResourceDirectory {
    public static func find(_ name: String, holding suffix: String, executable: String = runningExecutable) -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/" + name]
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        // Installed by scripts/install: PREFIX/bin/courtside beside PREFIX/share/courtside/NAME.
        candidates.append(dir.deletingLastPathComponent().appendingPathComponent("share/courtside/" + name).path)
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent(name).path)
            dir.deleteLastPathComponent()
        }
        return candidates.first { files(in: $0, endingWith: suffix).count > 0 }
    }

    /// The running program's file, as the kernel knows it: `argv[0]` is only a name (`courtside`) when the shell
    /// found the program on PATH, and an installed binary run that way found neither its demo nor its themes.
    public static var runningExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The files of a folder whose names end with `suffix`, sorted by name, as paths.
    public static func files(in directory: String, endingWith suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }
}
