import Platform
import Foundation
import LiveActions

/// Reads and writes `.jsonl` recordings on disk.
public enum RecordingStore {
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
        /// The process could open no more files (`EMFILE`, `ENFILE`).
        var outOfFiles = false
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
        ResourceDirectory.files(in: directory, endingWith: ".jsonl")
    }

    /// The bundled `demo/` folder.
    public static func demoDirectory() -> String? {
        ResourceDirectory.find("demo", holding: ".jsonl")
    }

    /// The recordings at `paths` (a folder: every one in it), or every one in `demo/` when there are none. Bad
    /// lines are reported and skipped; a second recording of a fixture already loaded is reported and left out.
    public static func loadAll(_ paths: [String], warn: (String) -> Void) throws -> [Recording] {
        try distinct(expanded(paths), warn: warn, fixture: \.header.fixture) { path in
            let recording = try load(path)
            for problem in recording.problems { warn(problem) }
            return recording
        }
    }

    /// The recordings at `paths` (a folder: every one in it; every one in `demo/` when there are none), opened to
    /// be read as they play. A second recording of a fixture already opened is reported and left out.
    /// Every one is held open while it plays, so the process's limit of open files is raised to hold them all
    /// (as far as its hard limit allows) before the first is opened; past it, the replay fails before it starts,
    /// saying which limit.
    public static func openAll(_ paths: [String], warn: (String) -> Void) throws -> [RecordingFile] {
        let paths = try expanded(paths)
        let limit = OpenFileLimit.makeRoom(for: paths.count)
        do {
            return try distinct(paths, warn: warn, fixture: \.header.fixture, open: RecordingFile.open)
        } catch let error as LoadError where error.outOfFiles {
            throw LoadError(description: "\(paths.count) recordings play at once, each held open, but this process may hold only \(limit) files "
                + "open (its hard limit, `ulimit -Hn`): raise that limit, or play the recordings in parts")
        }
    }

    /// The recordings `paths` name, folders expanded, or the demo's when there are none.
    static func expanded(_ paths: [String]) throws -> [String] {
        guard !paths.isEmpty else {
            guard let dir = demoDirectory() else { throw LoadError(description: "no recordings given and no demo/ folder found") }
            return recordings(in: dir)
        }
        return try paths.flatMap(expandingFolder)
    }

    /// The recordings at `paths`, folders already expanded, each opened; a second one of a fixture is left out.
    static func distinct<R>(_ paths: [String], warn: (String) -> Void, fixture: (R) -> FixtureRef, open: (String) throws -> R) throws -> [R] {
        var result: [R] = []
        // Each fixture named once and looked up in a set: compared with every recording opened before it, two
        // hundred recordings took 20,000 comparisons, each naming both fixtures anew (a lower-cased copy of each
        // id), a fortieth of a 200-match replay's wall clock before its first frame.
        var loaded: Set<FixtureRef> = []
        for path in paths {
            let recording = try open(path)
            let ref = fixture(recording)
            guard loaded.insert(ref).inserted else {
                warn("\(path): fixture \(ref) is already loaded; skipped")
                continue
            }
            result.append(recording)
        }
        return result
    }

    /// A folder stands for the `.jsonl` recordings in it, by name; a file for itself. An archive of thousands then
    /// need not pass through the command line, where the shell limits its length and the argument parser takes
    /// time that grows with the square of the count (3,000 paths: a third of a second).
    static func expandingFolder(_ path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
        let found = recordings(in: path)
        if found.isEmpty { throw LoadError(description: "\(path): no .jsonl recordings in this folder") }
        return found
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

    /// Creates the file, never over one that is there: `createFile` wrote a new file and renamed it over the old,
    /// so a second recorder of the same fixture into the same folder silently replaced the first one's recording.
    public init(path: String, header: RecordingHeader, start: Double) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "a recording is there already (another recorder of this fixture?): move it, or record into another folder"
                : "cannot open for writing (\(String(cString: strerror(errno))))"
            throw RecordingStore.LoadError(description: "\(path): \(reason)")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data((header.jsonLine + "\n").utf8))
        } catch {
            throw RecordingStore.LoadError(description: "\(path): \((error as NSError).localizedDescription)")
        }
        self.handle = handle
        self.start = start
    }

    /// Why writing stopped (a full disk), once it has.
    private(set) var failure: String?

    /// Appends the frame; the reason, the first time a write fails (later frames are dropped). A full disk took the
    /// whole process down: `FileHandle.write(_:)` traps on an error.
    @discardableResult
    public func append(_ frame: String, at t: Double) -> String? {
        let line = RecordedFrame(t: max(0, t - start), frame: frame).jsonLine + "\n"
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return nil }
        do {
            try handle.write(contentsOf: Data(line.utf8))
            return nil
        } catch {
            failure = (error as NSError).localizedDescription
            return failure
        }
    }

    public func close() {
        lock.lock()
        defer { lock.unlock() }
        try? handle.close()
    }
}
