import Foundation
import LiveActions

/// The provider's access token. It prints as a placeholder everywhere, so that no log line, error or
/// string interpolation can leak it; only `authMessage` reads the secret.
public struct AuthToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let secret: String
    /// The token as JSON may also spell it: a `/` escaped as `\/` (PHP's and Foundation's encoders do by
    /// default), or as `\u002f`. A base64 token echoed that way was decoded into a scorer's name, on screen, in the
    /// headless lines and in the recording.
    private let escapedSpellings: [String]

    public init?(_ secret: String) {
        let trimmed = Self.trimmed(secret)
        guard !trimmed.isEmpty else { return nil }
        self.secret = trimmed
        var spellings = trimmed.contains("/") ? ["\\/", "\\u002f", "\\u002F"].map { trimmed.replacingOccurrences(of: "/", with: $0) } : []
        // And as a URL's query spells it (`%2F`, `%3D`): a server's error that quoted the request showed it so.
        if let encoded = trimmed.addingPercentEncoding(withAllowedCharacters: Self.unreserved), encoded != trimmed {
            spellings.append(encoded)
        }
        escapedSpellings = spellings
    }

    /// What a URL carries as it stands (RFC 3986's unreserved characters); the rest is percent-encoded.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Why a token (trimmed) cannot be the provider's, nil if it can: one with a line break or a control character
    /// inside (two lines in the file, a comment above it) was sent as it stood, and the request failed as a network
    /// error ("the connection ended before the answer did") that named no cause.
    static func problem(_ trimmed: String) -> String? {
        if trimmed.contains(where: { $0.isNewline }) { return "holds more than one line: put the token alone in it" }
        if trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) {
            return "holds a control character, which no token has"
        }
        return nil
    }

    /// A token as a file or variable holds it: without the spaces and line ends around it, nor a byte-order mark
    /// (an editor's; kept, the token was refused with 401 and nothing on screen showed why).
    public static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
    }

    public var description: String { "<token>" }
    public var debugDescription: String { "<token>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    /// The first frame of every connection.
    var authMessage: String { LiveActionsProtocol.authMessage(token: secret) }

    /// The `Authorization` header value of a REST request (the Fixtures and actions endpoints).
    var bearerHeader: String { "Bearer " + secret }

    /// Tokens shorter than this are not searched for in what servers send: a loopback test's "t" would blot out
    /// every t of a recording. The provider's tokens are far longer.
    public static let redactedLength = 8

    /// `text` with every copy of the token replaced by `<token>`: a server may echo it (in a close reason, a
    /// refusal, a notice), and what it sends reaches the screen, stderr and recordings.
    /// A copy of the token cut short where the text ends counts too: a websocket close reason is cut at 123 bytes,
    /// and a long token echoed in one left its first fifty characters on stderr.
    public func redacted(_ text: String) -> String {
        guard secret.utf8.count >= Self.redactedLength else { return text }
        var text = text
        if text.utf8.count >= secret.utf8.count, text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: description)
        }
        for spelling in escapedSpellings where text.contains(spelling) {
            text = text.replacingOccurrences(of: spelling, with: description)
        }
        guard let cut = cutCopyAtEnd(of: text) else { return text }
        return String(decoding: Array(text.utf8)[..<cut], as: UTF8.self) + description + "…"
    }

    /// Where a copy of the token's first `redactedLength` or more bytes ends the text (after it, at most an
    /// ellipsis or trailing spaces): the offset it starts at. Only the text's tail is read: every frame of a
    /// live feed passes here, and copying each whole to look at its last bytes cost a frame's size each time.
    func cutCopyAtEnd(of text: String) -> Int? {
        let token = Array(secret.utf8)
        let utf8 = text.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, [0x20, 0x2E].contains(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }  // spaces, "..."
        if utf8.distance(from: utf8.startIndex, to: end) >= 3, utf8[utf8.index(end, offsetBy: -3)..<end].elementsEqual("…".utf8) {
            end = utf8.index(end, offsetBy: -3)
        }
        let n = utf8.distance(from: utf8.startIndex, to: end)
        guard n >= Self.redactedLength else { return nil }
        let skipped = max(0, n - token.count)
        let bytes = Array(utf8[utf8.index(utf8.startIndex, offsetBy: skipped)..<end])
        for start in 0...(bytes.count - Self.redactedLength) where bytes[start] == token[0] {
            if bytes[start...].elementsEqual(token[..<(bytes.count - start)]) { return skipped + start }
        }
        return nil
    }

    /// An event with the token taken out of every text a server wrote into it.
    func redacted(_ event: FeedEvent) -> FeedEvent {
        switch event {
        case .problem(let f, let text, let at): .problem(f, redacted(text), at: at)
        case .status(let f, .failed(let reason), let at): .status(f, .failed(redacted(reason)), at: at)
        case .frame(let f, .rejected(let reason), let at, let bytes): .frame(f, .rejected(reason: redacted(reason)), at: at, bytes: bytes)
        default: event
        }
    }

    /// Compares in constant time, for the server side.
    public func matches(_ other: String) -> Bool {
        let a = Array(secret.utf8), b = Array(other.utf8)
        var diff = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) { diff |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0) }
        return diff == 0
    }

    /// Where a token comes from: `--token-file` first, else the environment variable. A file that others
    /// can read is used but draws a warning.
    public static func load(file: String?, environment: [String: String], variable: String = "COURTSIDE_TOKEN",
                            warn: (String) -> Void) throws -> AuthToken? {
        if let file {
            let data = try read(file)
            // The file's mode, through a link (a dotfile manager's): the link's own is always 777 and cannot be
            // changed, and the warning could not be silenced. A pipe (`<(pass show courtside)`) is its own.
            var info = stat()
            if stat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, case let mode = Int(info.st_mode) & 0o777, mode & 0o077 != 0 {
                warn("\(file) can be read by other users (mode \(String(mode, radix: 8))); chmod 600 it")
            }
            guard let token = AuthToken(String(decoding: data, as: UTF8.self)) else {
                throw TokenError(description: "the token file \(file) is empty")
            }
            if let problem = problem(token.secret) { throw TokenError(description: "the token file \(file) \(problem)") }
            return token
        }
        guard let token = environment[variable].flatMap(AuthToken.init) else { return nil }
        if let problem = problem(token.secret) { throw TokenError(description: "\(variable) \(problem)") }
        return token
    }

    /// The file's bytes, a pipe's too (read to its end once); why not, in the system's words.
    static func read(_ file: String) throws -> Data {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TokenError(description: "cannot read the token file \(file) (\(String(cString: strerror(errno))))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw TokenError(description: "cannot read the token file \(file) (a folder)") }
        do {
            // A token is short: a file much longer is not one (and a device would never end).
            let data = try handle.read(upToCount: 64 << 10) ?? Data()
            if data.count >= 64 << 10 { throw TokenError(description: "the token file \(file) is larger than any token (64 KiB or more)") }
            return data
        } catch let error as TokenError {
            throw error
        } catch {
            throw TokenError(description: "cannot read the token file \(file) (\((error as NSError).localizedDescription))")
        }
    }

    public struct TokenError: Error, CustomStringConvertible {
        public var description: String
    }
}
