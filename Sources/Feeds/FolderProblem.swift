import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Why a folder cannot take a recording, in the operating system's words: Foundation's own said "The operation
/// could not be completed. (NSCocoaErrorDomain error 512.)" for an `--out` below a file.
public enum FolderProblem {
    /// The reason `error` (from making the folder or writing into it) happened, for `folder`.
    public static func reason(_ error: Error, folder: String) -> String {
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return unwritable(folder) ?? ns.localizedFailureReason ?? ns.localizedDescription
    }

    /// Why nothing could be written into `folder` (made if missing), found from its nearest ancestor that is there;
    /// nil when it could. Asked before a download, so that a whole action list is not fetched only to be dropped.
    public static func unwritable(_ folder: String) -> String? {
        guard !folder.isEmpty else { return "no folder named (an empty path)" }
        var ancestor = folder
        while true {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor, isDirectory: &isFolder) {
                if !isFolder.boolValue { return "\(ancestor) is not a folder" }
                if access(ancestor, W_OK) != 0 { return "\(ancestor): \(String(cString: strerror(errno)))" }
                return nil
            }
            guard let parent = parent(of: ancestor) else { return nil }
            ancestor = parent
        }
    }

    /// The folder holding `path`: "." for a bare name, "/" for one at the root; nil for "." and "/" themselves.
    /// (`NSString.deletingLastPathComponent` trapped on a one-character name.)
    public static func parent(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        if trimmed == "/" || trimmed == "." { return nil }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
