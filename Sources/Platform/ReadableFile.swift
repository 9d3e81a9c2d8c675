#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `open(2)`, named apart from `ReadableFile.open`.
private func systemOpen(_ path: String) -> Int32 { open(path, O_RDONLY | O_CLOEXEC) }

/// A file opened to be read, or why not, in the system's words: a recording, a token file, a file `serve` loads.
public enum ReadableFile {
    public struct Refusal: Error {
        /// "No such file or directory", "a folder", "not a file or a pipe".
        public var reason: String
        /// The `errno` of a failed open (`EMFILE` when the process holds all the files it may), else 0.
        public var code: Int32
    }

    /// `path` opened read-only, its descriptor the caller's to close. `open` takes a folder, which is refused here;
    /// given `kinds` (`S_IFREG`, `S_IFIFO`…), so is any other type of file, a terminal or a device that would wait
    /// for typing.
    public static func open(_ path: String, kinds: [mode_t]? = nil) -> Result<Int32, Refusal> {
        let fd = systemOpen(path)
        guard fd >= 0 else {
            let code = errno
            return .failure(Refusal(reason: String(cString: strerror(code)), code: code))
        }
        var info = stat()
        let problem = fstat(fd, &info) != 0 ? String(cString: strerror(errno))
            : (info.st_mode & S_IFMT) == S_IFDIR ? "a folder"
            : kinds.map { $0.contains(info.st_mode & S_IFMT) } == false ? "not a file or a pipe" : nil
        guard let problem else { return .success(fd) }
        close(fd)
        return .failure(Refusal(reason: problem, code: 0))
    }
}
