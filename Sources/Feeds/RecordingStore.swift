import Foundation
import LiveActions

/// Reads and writes `.jsonl` recordings on disk.
public enum RecordingStore {
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(_ path: String) throws -> Recording {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "\(path): cannot read the file")
        }
        let text = String(decoding: data, as: UTF8.self)
        do {
            return try Recording.parse(text, name: path)
        } catch {
            throw LoadError(description: "\(error)")
        }
    }

    /// The `.jsonl` files of a folder, sorted by name.
    public static func recordings(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// The bundled `demo/` folder: next to the working directory, or above the executable (for `swift run`
    /// from elsewhere and for an installed binary beside its checkout).
    public static func demoDirectory(executable: String = CommandLine.arguments[0]) -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/demo"]
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("demo").path)
            dir.deleteLastPathComponent()
        }
        return candidates.first { !recordings(in: $0).isEmpty }
    }

    public static func write(_ recording: Recording, to path: String) throws {
        try Data(recording.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Appends frames to a recording file as they arrive, so that a crash loses at most the frame in flight.
public final class RecordingWriter: @unchecked Sendable {
    let handle: FileHandle
    let start: Double
    let lock = NSLock()

    public init(path: String, header: RecordingHeader, start: Double) throws {
        _ = FileManager.default.createFile(atPath: path, contents: Data((header.jsonLine + "\n").utf8))
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw RecordingStore.LoadError(description: "\(path): cannot open for writing")
        }
        handle.seekToEndOfFile()
        self.handle = handle
        self.start = start
    }

    public func append(_ frame: String, at t: Double) {
        let line = RecordedFrame(t: max(0, t - start), frame: frame).jsonLine + "\n"
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data(line.utf8))
    }

    public func close() {
        lock.lock()
        defer { lock.unlock() }
        try? handle.close()
    }
}
