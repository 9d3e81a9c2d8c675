#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many files the process may hold open at once (`RLIMIT_NOFILE`). A replay holds every recording open while
/// it plays, and an archive of a season is thousands of them, where the usual soft limit is 1,024 (256 on macOS)
/// and the hard one, which a process may raise its soft limit to, far higher.
public enum OpenFileLimit {
    /// Descriptors asked for beside the caller's files: the standard streams, the terminal, sockets, the loader's.
    static let reserve = 64

    /// Raises the soft limit toward the hard one so that `count` more files fit, with room to spare; the limit
    /// then (`Int.max` when there is none).
    @discardableResult
    public static func makeRoom(for count: Int) -> Int {
        var limit = rlimit()
        guard get(&limit) else { return Int.max }
        let needed = rlim_t(max(0, count) + reserve)
        if limit.rlim_cur != unlimited, limit.rlim_cur < needed {
            var raised = limit
            raised.rlim_cur = limit.rlim_max == unlimited ? needed : min(needed, limit.rlim_max)
            if set(&raised) { limit = raised }
        }
        return limit.rlim_cur == unlimited || limit.rlim_cur > rlim_t(Int.max) ? Int.max : Int(limit.rlim_cur)
    }

    /// Descriptors the process may still open under its soft limit (`Int.max` with none, or where the open ones
    /// cannot be counted).
    public static var spare: Int {
        var limit = rlimit()
        guard get(&limit), limit.rlim_cur != unlimited, limit.rlim_cur <= rlim_t(Int.max) else { return Int.max }
        guard let dir = opendir("/proc/self/fd") else { return errno == EMFILE || errno == ENFILE ? 0 : Int.max }  // none left to count with
        defer { closedir(dir) }
        var open = -3  // ".", ".." and the folder's own descriptor
        while readdir(dir) != nil { open += 1 }
        return max(0, Int(limit.rlim_cur) - open)
    }

    #if os(Linux)
    private static let unlimited = rlim_t.max  // RLIM_INFINITY, which Swift cannot import from its macro
    #else
    private static let unlimited = RLIM_INFINITY
    #endif

    private static func get(_ limit: inout rlimit) -> Bool {
        #if os(Linux)
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0
        #else
        getrlimit(RLIMIT_NOFILE, &limit) == 0
        #endif
    }

    private static func set(_ limit: inout rlimit) -> Bool {
        #if os(Linux)
        setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0
        #else
        setrlimit(RLIMIT_NOFILE, &limit) == 0
        #endif
    }
}
