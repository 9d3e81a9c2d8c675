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
        var ancestor = folder.isEmpty ? "." : folder
        while true {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor, isDirectory: &isFolder) {
                if !isFolder.boolValue { return "\(ancestor) is not a folder" }
                if access(ancestor, W_OK) != 0 { return "\(ancestor): \(String(cString: strerror(errno)))" }
                return nil
            }
            let parent = (ancestor as NSString).deletingLastPathComponent
            if parent.isEmpty || parent == ancestor { return nil }
            ancestor = parent
        }
    }
}
