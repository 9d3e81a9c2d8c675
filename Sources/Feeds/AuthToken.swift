import Foundation
import LiveActions
import Platform

/// The provider's access token. It prints as a placeholder everywhere, so that no log line, error or
/// string interpolation can leak it; only `authMessage` reads the secret.
public struct AuthToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let secret: String

    public init?(_ secret: String) {
        let trimmed = Self.trimmed(secret)
        guard !trimmed.isEmpty else { return nil }
        self.secret = trimmed
    }

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
    /// refusal, a notice, a team's name), and what it sends reaches the screen, stderr and recordings.
    /// A copy counts whatever JSON escapes spell its characters (`\/`, `\u002B`: .NET writes `+` so, and the name
    /// decoded from it held the token), and so does a copy cut short: at the text's end after at least
    /// `redactedLength` of its bytes (a websocket close reason is cut at 123 bytes), or anywhere after at least
    /// `partialLength` (a name cut to its field's width). Percent-encoded too, as a URL's query spells it, in either
    /// case of hex digit and whichever characters are encoded (`%2b`, `%66%61`: RFC 3986 makes them all one).
    public func redacted(_ text: String) -> String {
        guard secret.utf8.count >= Self.redactedLength else { return text }
        let token = Array(secret.utf8)
        let found: [UInt8]? = text.utf8.withContiguousStorageIfAvailable { redactingCopies(in: $0, of: token) } ?? redactingCopies(in: Array(text.utf8), of: token)
        return found.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// A cut copy this long or longer is the token's wherever it stands: random tokens do not share sixteen bytes by
    /// chance, and a loopback test's short token is searched for whole.
    static let partialLength = 16

    /// The bytes with every copy of `token` replaced, or nil when there is none. Only a byte that could start a copy
    /// (the token's first, a backslash or a percent sign) is looked at further: every frame of a live feed passes here.
    func redactingCopies<Bytes: RandomAccessCollection>(in bytes: Bytes, of token: [UInt8]) -> [UInt8]? where Bytes.Element == UInt8, Bytes.Index == Int {
        var out: [UInt8]?
        var copied = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            guard bytes[i] == token[0] || bytes[i] == 0x5C || bytes[i] == 0x25 else { i += 1; continue }
            let (end, matched) = Self.spelled(token, in: bytes, from: i)
            let whole = matched == token.count
            let atEnd = matched >= Self.redactedLength && Self.onlyEllipsis(bytes, from: end)
            if whole || matched >= min(Self.partialLength, token.count) || atEnd {
                if out == nil { out = [] }
                out! += bytes[copied..<i]
                out! += Array(description.utf8) + (whole ? [] : Array("…".utf8))
                i = atEnd && !whole ? bytes.endIndex : end
                copied = i
                continue
            }
            i += 1
        }
        guard var result = out else { return nil }
        result += bytes[copied..<bytes.endIndex]
        return result
    }

    /// How far from `start` the bytes spell the token's first bytes, each as itself, as a JSON escape of it (`\/`,
    /// `\u00XX`) or percent-encoded (`%XX`): where the spelling ends, and how many of the token's bytes it spells.
    static func spelled<Bytes: RandomAccessCollection>(_ token: [UInt8], in bytes: Bytes, from start: Int) -> (end: Int, matched: Int) where Bytes.Element == UInt8, Bytes.Index == Int {
        var i = start, k = 0
        while k < token.count, i < bytes.endIndex {
            let b = token[k]
            if bytes[i] == b {
                i += 1
            } else if bytes[i] == 0x5C, i + 1 < bytes.endIndex, bytes[i + 1] == b, b == 0x2F {
                i += 2
            } else if bytes[i] == 0x5C, i + 5 < bytes.endIndex, bytes[i + 1] == 0x75, bytes[i + 2] == 0x30, bytes[i + 3] == 0x30,
                      let high = hexValue(bytes[i + 4]), let low = hexValue(bytes[i + 5]), high << 4 | low == b {
                i += 6
            } else if bytes[i] == 0x25, i + 2 < bytes.endIndex, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]), high << 4 | low == b {
                i += 3
            } else {
                break
            }
            k += 1
        }
        return (i, k)
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }

    /// Nothing after `start` but spaces, dots or an ellipsis: the text was cut there.
    static func onlyEllipsis<Bytes: RandomAccessCollection>(_ bytes: Bytes, from start: Int) -> Bool where Bytes.Element == UInt8, Bytes.Index == Int {
        var i = start
        while i < bytes.endIndex {
            switch bytes[i] {
            case 0x20, 0x2E: i += 1
            case 0xE2 where i + 2 < bytes.endIndex && bytes[i + 1] == 0x80 && bytes[i + 2] == 0xA6: i += 3
            default: return false
            }
        }
        return true
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
        let fd: Int32
        switch ReadableFile.open(file) {
        case .success(let opened): fd = opened
        case .failure(let refusal): throw TokenError(description: "cannot read the token file \(file) (\(refusal.reason))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
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
