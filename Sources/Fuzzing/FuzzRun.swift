import Scoreboard
import LiveActions
import Scoring

/// Feeds arbitrary frames through the decoder and the app reducer of a few fixtures, the way the socket
/// would. Fixtures are started afresh every `resetEvery` inputs so that their logs stay bounded; the process's
/// symbol table keeps every distinct repeating string it met (a type, a name, a clock reading: a few per input),
/// as a stream that keeps sending new ones grows any log.
public struct FuzzRun {
    public private(set) var state: AppState
    public private(set) var inputs = 0
    public private(set) var frames: [String: Int] = [:]
    /// Inputs that decoded differently through a replay's cache (`StringCache`, with its `ObjectMemo`s) than with
    /// none: the cache lives across inputs, so what one input left in it meets the next ones.
    public private(set) var cacheMismatches: [Int] = []
    let cache = StringCache()
    let refs: [FixtureRef]
    let resetEvery: Int

    /// One fixture per sport Courtside scores, and one it does not know.
    public static let sportsFixtures: [FixtureRef] =
        ["basketball/fz1", "soccer/fz2", "v2/volleyball/fz3", "snooker/fz4", "curling/fz5"].compactMap(FixtureRef.init)

    public init(fixtures: [FixtureRef] = FuzzRun.sportsFixtures, resetEvery: Int = 5000) {
        refs = fixtures
        self.resetEvery = resetEvery
        state = AppState(mode: .live, fixtures: fixtures.map { FixtureState(ref: $0) })
    }

    /// Decodes and folds one input into the next fixture in turn; returns that fixture's index.
    @discardableResult
    public mutating func feed(_ bytes: [UInt8]) -> Int {
        let frame = FrameDecoder.decode(bytes: bytes)
        let (plain, cached) = bytes.withUnsafeBufferPointer {
            (FrameDecoder.decode(utf8: $0, cache: nil), FrameDecoder.decode(utf8: $0, cache: cache))
        }
        if plain != cached { cacheMismatches.append(inputs) }
        let kind = switch frame {
        case .actions: "actions"
        case .heartbeat: "heartbeat"
        case .traffic: "traffic"
        case .rejected: "rejected"
        case .malformed: "malformed"
        }
        frames[kind, default: 0] += 1
        let index = inputs % refs.count
        _ = AppReducer.reduce(&state, .feed(.frame(refs[index], frame, at: Double(inputs), bytes: bytes.count)))
        inputs += 1
        if inputs % resetEvery == 0 {
            state = AppState(mode: .live, fixtures: refs.map { FixtureState(ref: $0) })
        }
        return index
    }

    /// The fixture's derived state equals a fresh fold of its log.
    public func isConsistent(fixture index: Int) -> Bool {
        let log = state.fixtures[index].log
        return log.state == log.freshFold()
    }

    /// Every fixture's derived state still equals a fresh fold of its log.
    public var consistent: Bool { state.fixtures.allSatisfy { $0.log.state == $0.log.freshFold() } }
}
