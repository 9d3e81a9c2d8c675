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
            throw LoadError(description: "\(path): cannot read the file (\(whyUnreadable(path)))")
        }
        let text = String(decoding: data, as: UTF8.self)
        do {
            return try Recording.parse(text, name: path)
        } catch {
            throw LoadError(description: "\(error)")
        }
    }

    /// Why `path` could not be read, in the system's words, as `demo` says it: `serve` said only "cannot read the
    /// file", for a missing file, a dangling link and a folder alike.
    static func whyUnreadable(_ path: String) -> String {
        switch ReadableFile.open(path) {
        case .success(let fd):
            close(fd)
            return "it could not be read whole"
        case .failure(let refusal):
            return refusal.reason
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
        try distinct(expanded(paths), warn: warn, fixture: \.header.fixture, weight: \.frames.count) { path in
            let recording = try load(path)
            for problem in recording.problems { warn(problem) }
            return recording
        }
    }

    /// The recordings at `paths` (a folder: every one in it; every one in `demo/` when there are none), opened to
    /// be read as they play. A second recording of a fixture already opened is reported and left out.
    /// Every one is held open while it plays, so the process's limit of open files is raised to hold them all
    /// (as far as its hard limit allows) before the first is opened; past it, the replay fails before it starts,
    /// saying which limit. `besides`: the files the caller opens beside them (the board's terminal, pipes and held
    /// standard error), checked to be left spare: short of them, ncurses failed as "cannot start the terminal".
    public static func openAll(_ paths: [String], warn: (String) -> Void, besides: Int = 0) throws -> [RecordingFile] {
        let paths = try expanded(paths)
        let limit = OpenFileLimit.makeRoom(for: paths.count + besides)
        let tooMany = LoadError(description: "\(paths.count) recordings play at once, each held open, \(besides > 0 ? "and the board needs \(besides) files more, " : "")"
            + "but this process may hold only \(limit) files open (its hard limit, `ulimit -Hn`): raise that limit, or play the recordings in parts")
        let opened: [RecordingFile]
        do {
            opened = try distinct(paths, warn: warn, fixture: \.header.fixture, weight: \.reader.size, open: RecordingFile.open)
        } catch let error as LoadError where error.outOfFiles {
            throw tooMany
        }
        if besides > 0, OpenFileLimit.spare < besides { throw tooMany }
        return opened
    }

    /// The path and header of every recording in `demo/`, each opened and closed in turn: opened all at once beside
    /// the recordings playing, the board's own descriptors did not fit under a tight limit.
    public static func demoHeaders() -> [(path: String, header: RecordingHeader)] {
        ((try? expanded([])) ?? []).compactMap { found in
            (try? RecordingFile.open(found.path)).map { (found.path, $0.header) }
        }
    }

    /// A recording to play, and whether it was found in a folder rather than named.
    struct Found {
        var path: String
        var inFolder: Bool
    }

    /// The recordings `paths` name, folders expanded, or the demo's when there are none.
    static func expanded(_ paths: [String]) throws -> [Found] {
        guard !paths.isEmpty else {
            guard let dir = demoDirectory() else { throw LoadError(description: "no recordings given and no demo/ folder found") }
            return recordings(in: dir).map { Found(path: $0, inFolder: true) }
        }
        return try paths.flatMap(expandingFolder)
    }

    /// The recordings at `paths`, folders already expanded, each opened; of two of one fixture the fuller (`weight`:
    /// its size or its frames) is kept, the first on a tie, and the other said and left out. Kept by order alone, a
    /// header-only stub that a killed recorder left, first by name, played "0 : 0, ended" in place of the match. One
    /// found in a folder that cannot be read (empty, its header cut short) is reported and left out, and the rest
    /// play: it stopped a whole archive, with no line written. One named is refused, as is a folder with none.
    static func distinct<R>(_ paths: [Found], warn: (String) -> Void, fixture: (R) -> FixtureRef, weight: (R) -> Int,
                            open: (String) throws -> R) throws -> [R] {
        var result: [R] = []
        var chosen: [String] = []
        // Each fixture named once and looked up in a table: compared with every recording opened before it, two
        // hundred recordings took 20,000 comparisons, each naming both fixtures anew (a lower-cased copy of each
        // id), a fortieth of a 200-match replay's wall clock before its first frame.
        var placeOf: [FixtureRef: Int] = [:]
        var skipped: LoadError?
        for found in paths {
            let path = found.path
            let recording: R
            do {
                recording = try open(path)
            } catch let error as LoadError where found.inFolder && !error.outOfFiles {
                warn("\(error); skipped")
                skipped = error
                continue
            }
            let ref = fixture(recording)
            if let k = placeOf[ref] {
                if weight(recording) > weight(result[k]) {
                    warn("\(chosen[k]): fixture \(ref) is also in \(path), which holds more; skipped")
                    result[k] = recording
                    chosen[k] = path
                } else {
                    warn("\(path): fixture \(ref) is already loaded; skipped")
                }
                continue
            }
            placeOf[ref] = result.count
            result.append(recording)
            chosen.append(path)
        }
        if result.isEmpty, let skipped { throw skipped }
        return result
    }

    /// A folder stands for the `.jsonl` recordings in it, by name; a file for itself. An archive of thousands then
    /// need not pass through the command line, where the shell limits its length and the argument parser takes
    /// time that grows with the square of the count (3,000 paths: a third of a second).
    static func expandingFolder(_ path: String) throws -> [Found] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [Found(path: path, inFolder: false)] }
        let found = recordings(in: path)
        if found.isEmpty { throw LoadError(description: "\(path): no .jsonl recordings in this folder") }
        return found.map { Found(path: $0, inFolder: true) }
    }

    public static func write(_ recording: Recording, to path: String) throws {
        try Data(recording.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Appends frames to a recording file as they arrive, so that a crash loses at most the frame in flight.
public final class RecordingWriter: @unchecked Sendable {
    let handle: FileHandle
    let path: String
    let start: Double
    let lock = NSLock()
    /// Frames written so far: a file that got none is removed on `close`.
    private var frames = 0
    /// The stream's messages received by the last frame written (`StreamPlace.position`).
    private var position = 0
    private var closed = false

    /// Creates the file, never over a recording that is there: `createFile` wrote a new file and renamed it over
    /// the old, so a second recorder of the same fixture into the same folder silently replaced the first one's
    /// recording. The file stays locked (`flock`) while it is written. A file that holds no frame and that no
    /// recorder holds, only this fixture's header, is a stub left by a run that failed or was killed before the
    /// first frame: it is taken over. Refused, it locked every later recording of the match out (a typo in `--endpoint`, a Ctrl-C while
    /// the server was down).
    public init(path: String, header: RecordingHeader, start: Double) throws {
        func failure(_ reason: String) -> RecordingStore.LoadError { RecordingStore.LoadError(description: "\(path): \(reason)") }
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0, errno == EEXIST {
            fd = open(path, O_RDWR | O_CLOEXEC)
            guard fd >= 0 else { throw failure("a recording is there already, and it cannot be opened (\(String(cString: strerror(errno))))") }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                Glibc.close(fd)
                throw failure("another recorder is writing this recording: record into another folder")
            }
            // The file locked is still the one the path names: a recorder that got no frame removes its file as it
            // closes, and one opened just before that would record the whole match into a file with no name.
            var held = stat(), named = stat()
            guard fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino else {
                Glibc.close(fd)
                throw failure("the recording there was removed as it was opened (another recorder that got nothing): try again")
            }
            guard !Self.holdsMoreThanHeader(fd, for: header) else {
                Glibc.close(fd)
                throw failure("a recording is there already: move it, or record into another folder")
            }
            guard ftruncate(fd, 0) == 0 else {
                let reason = String(cString: strerror(errno))
                Glibc.close(fd)
                throw failure("cannot take over the empty recording there (\(reason))")
            }
        } else if fd >= 0, flock(fd, LOCK_EX | LOCK_NB) != 0 {
            // Made here, but another recorder opened and locked it first (and took it over, empty): it is theirs.
            Glibc.close(fd)
            throw failure("another recorder is writing this recording: record into another folder")
        }
        guard fd >= 0 else { throw failure("cannot open for writing (\(String(cString: strerror(errno))))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data((header.jsonLine + "\n").utf8))
        } catch {
            throw failure((error as NSError).localizedDescription)
        }
        self.handle = handle
        self.path = path
        self.start = start
    }

    /// Whether a recorder holds the file at `path` (its `flock`): it is being written.
    public static func isBeingWritten(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { Glibc.close(fd) }
        return flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }

    /// Whether the file holds more than a recording's header for `header`'s fixture: frames, or anything else
    /// that is not a stub this program left.
    static func holdsMoreThanHeader(_ fd: Int32, for header: RecordingHeader) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n >= 0, n < buffer.count else { return true }
        let text = String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return false }
        guard !text.contains("\n"), let found = try? Recording.parseHeader(text, name: "") else { return true }
        return FixtureRef(sport: found.sport, id: found.fixtureId) != FixtureRef(sport: header.sport, id: header.fixtureId)
    }

    /// Why writing stopped (a full disk), once it has.
    private(set) var failure: String?

    /// No frame written yet.
    public var isEmpty: Bool {
        lock.lock()
        defer { lock.unlock() }
        return frames == 0
    }

    /// The stream's messages the recording holds: received by its last frame, each counted once.
    public var positionWritten: Int {
        lock.lock()
        defer { lock.unlock() }
        return position
    }

    /// Appends the frame, after which the stream had received `position` messages; the reason, the first time a
    /// write fails (later frames are dropped). A full disk took the whole process down: `FileHandle.write(_:)`
    /// traps on an error.
    @discardableResult
    public func append(_ frame: String, at t: Double, position: Int = 0) -> String? {
        let line = RecordedFrame(t: max(0, t - start), frame: frame).jsonLine + "\n"
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil, !closed else { return nil }
        do {
            try handle.write(contentsOf: Data(line.utf8))
            frames += 1
            self.position = max(self.position, position)
            return nil
        } catch {
            failure = (error as NSError).localizedDescription
            return failure
        }
    }

    /// Closes the file; one that got no frame is removed (nothing was recorded, and the header alone would stand
    /// in the way of the next recording). Whether the recording was kept.
    @discardableResult
    public func close() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return frames > 0 }
        closed = true
        if frames == 0 { unlink(path) }
        try? handle.close()
        return frames > 0
    }
}

/// A fixture's feed opened again while its recording is still open (`x`, then `a`): the server sends the fixture's
/// messages from its first, and the recording holds them already. The frames that bring the new feed no further
/// than the first `held` messages of the stream are left out; appended again, the recording held the match twice
/// over. Counted by the stream's position, each message once: counted by frames, a message sent again after a
/// reconnect counted twice, and as many new ones were left out. A frame only part held is recorded whole (a
/// replay drops the repeats).
public struct RecordingCatchUp: Sendable {
    let held: Int

    /// `held`: the stream's messages the recording holds when the feed opens.
    public init(held: Int) { self.held = held }

    /// Whether the frame is in the recording already. Frames with no action message (heartbeats, notices) say
    /// nothing of the match and are always recorded.
    public func holds(_ place: StreamPlace) -> Bool {
        place.events > 0 && place.position <= held
    }
}
