import LiveActions

/// One action as it stands now: its latest version, placed where its first version belongs.
public struct ActionEntry: Equatable, Sendable {
    /// The latest version (highest `fixtureSeqNum`) of this action.
    public var action: Action
    public var kind: ActionKind
    /// The lowest sequence number seen for this action: its place in the match.
    public var position: Int
    /// How many versions arrived (1 for an action never corrected).
    public var versions: Int
    /// True once any version was Pending: the feed shows it was provisional.
    public var wasPending: Bool

    public var standing: SendType.Standing { action.standing }
}

/// The fields of a summary that the status and the score check read.
struct SummaryFields: Sendable {
    var home: Int?
    var away: Int?
    var collectionSymbol = Symbol.none
    var reason: String?
    var statusSymbol = Symbol.none

    init() {}

    init(_ s: borrowing FixtureSummary) {
        home = s.home
        away = s.away
        collectionSymbol = s.collectionSymbol
        reason = s.reason
        statusSymbol = s.statusSymbol
    }

    var collection: String? { collectionSymbol.string }
    var status: String? { statusSymbol.string }
}

/// What applying one message did.
public enum LogChange: Equatable, Sendable {
    /// Seen before (same `fixtureSeqNum`): ignored.
    case duplicate
    /// Appended at the end of the match and folded in place.
    case appended
    /// An older version arrived late, or its place is known already: the state did not change.
    case unchanged
    /// Changed the past: the state was re-folded from `fromIndex`.
    case refolded(fromIndex: Int)
}

/// The log of every action of one fixture and the state folded from it.
///
/// Messages may arrive in any order and more than once. The log keeps the latest version of each action at
/// the place of its first version, and the state is always the fold, in that order, of the actions whose
/// latest version counts. The invariant: after any delivery order of the same messages the log equals a fresh
/// fold of them in sequence order. Corrections re-fold from the nearest checkpoint, so their cost grows with
/// how late they are, not with the length of the match.
public struct MatchLog: Equatable, Sendable {
    public static let checkpointInterval = 128
    /// Finer checkpoints, kept only after the last coarse one: corrections come moments after their action (in
    /// the simulated matches every one lands within ten actions of the end), and a re-fold from the last coarse
    /// checkpoint replayed seventy entries on average for each, rebuilt and folded again.
    public static let nearbyInterval = 16

    public private(set) var entries: ActionEntries
    public private(set) var state: MatchState
    /// Highest sequence number seen.
    public private(set) var maxSeq: Int = -1
    /// Action messages received (duplicates excluded): what `startPosition` asks to skip on a reconnect.
    public var messageCount: Int { seen.count }

    /// A message with this `fixtureSeqNum` is held already.
    public func holds(seq: Int) -> Bool { seen.contains(seq) }
    /// A message said `"finished": true`.
    public private(set) var finished = false
    /// The provider's summary from the newest message that carried one.
    /// Set with `newest`, in `apply` alone: as a `didSet`, the new summary was copied whole to be read.
    public private(set) var summary: FixtureSummary?
    /// What every line and every frame of the screen reads of the summary, kept apart: read through the
    /// optional summary, the whole summary was copied (its strings retained and released) to get one field.
    private(set) var newest = SummaryFields()
    public private(set) var summarySeq: Int = -1
    /// The `delayStatus` of the newest message (highest `fixtureSeqNum`): it was collected offline, sent late.
    public var delayStatus: String? { delayStatusSymbol.string }
    private var delayStatusSymbol = Symbol.none

    /// The state before the first action; it learns the teams' ids when a side is known only late.
    var initial: MatchState
    var seen = SeqSet()
    var positions = ActionPositions()
    var kinds = KindCache()
    /// `checkpoints[c]` is the state before `entries[c * checkpointInterval]`.
    var checkpoints: [MatchState]
    /// `nearby[k]` is the state before `entries[(checkpoints.count - 1) * checkpointInterval + (k + 1) *
    /// nearbyInterval]`: at most seven states, dropped when the next coarse checkpoint is taken.
    var nearby: [MatchState] = []

    public init(sport: Sport, homeName: String? = nil, awayName: String? = nil) {
        entries = ActionEntries()
        initial = MatchState(sport: sport, homeName: homeName, awayName: awayName)
        state = initial
        checkpoints = [initial]
    }

    /// Where the derived headline and the provider's newest summary disagree; nil when they agree or when
    /// the newest message carried no summary.
    public var summaryMismatch: (derived: Score, provider: Score)? {
        guard summarySeq == maxSeq, let h = newest.home, let a = newest.away else { return nil }
        let provider = Score(h, a)
        return provider == state.headline ? nil : (state.headline, provider)
    }

    /// The provider's own status: collection status and reason from the newest summary or "Status Updated"
    /// action, fixture status from the newest summary, and whether the newest packet came late.
    public var provider: ProviderStatus {
        var p = ProviderStatus(delayStatus: delayStatus)
        let actionIsNewer = state.collectionSeq >= summarySeq
        if summaryHasCollection {
            let c = newest.collection
            p.collection = c
            p.reason = newest.reason ?? (c == state.collection ? state.collectionReason : nil)
        } else {
            p.collection = state.collection
            p.reason = state.collectionReason
        }
        p.fixtureStatus = actionIsNewer ? state.fixtureStatus ?? newest.status : newest.status ?? state.fixtureStatus
        return p
    }

    /// `provider.collectionNews`, for every `--headless` line: the whole `ProviderStatus` made for it retained and
    /// released four strings a line.
    public var collectionNews: String? {
        ProviderStatus.news(collection: summaryHasCollection ? newest.collection : state.collection)
    }

    /// `provider.isDelayed`.
    public var isDelayed: Bool { ProviderStatus.isDelayed(delayStatus) }

    /// The collection status comes from the newest summary, not from a newer "Status Updated" action.
    private var summaryHasCollection: Bool {
        guard !newest.collectionSymbol.isEmptyOrNone else { return false }
        return !(state.collectionSeq >= summarySeq && state.collection != nil)
    }

    /// Status with the envelope's `finished` flag taken into account, and the provider's status: a match whose
    /// newest summary (or "Status Updated") says `Completed` or `CollectionCompleted` with no End Match read "live"
    /// in its last line, "stream ended" on the board, and "ends before the match does" in its own recording's replay.
    public var status: MatchStatus {
        if finished { return .finished }
        let actionIsNewer = state.collectionSeq >= summarySeq
        let over = actionIsNewer ? state.statusSaysOver ?? newestSaysOver : newestSaysOver ?? state.statusSaysOver
        return over == true ? .finished : state.status
    }

    /// `MatchStatus.saysOver` of the newest summary, worked out again only when its status or collection changes.
    private(set) var newestSaysOver: Bool?

    /// Once the fixture is finished, the order its actions are told in: the entries' indices by `timelineSequence`,
    /// which the provider documents as the order of a finished fixture (during the match it is `fixtureSeqNum`'s,
    /// the entries' own). Nil while the fixture is live, when the two orders agree (as they nearly always do), when
    /// an action has no timeline place, and past `maxChronology` entries.
    public private(set) var chronology: [Int]?
    /// Whether `chronology` answers for the entries as they stand.
    private var chronologyKnown = false
    /// Real matches have a few thousand actions at most; a stream that went on for hundreds of thousands after
    /// saying it finished keeps the order of the match, so that no message costs a sort of them all.
    public static let maxChronology = 20_000

    /// The entry told last: the newest by the order the feed is told in (`chronology`).
    public var lastToldIndex: Int? {
        guard !entries.isEmpty else { return nil }
        return chronology?.last ?? entries.count - 1
    }

    /// The entry told `row` places before the newest (row 0 is the newest), as the feed lists them.
    public func toldIndex(row: Int) -> Int {
        let n = entries.count - 1 - row
        return chronology?[n] ?? n
    }

    /// How many entries are told after entry `i`: its row in the feed, counted from the newest.
    public func row(ofEntry i: Int) -> Int {
        guard let order = chronology else { return entries.count - 1 - i }
        return entries.count - 1 - (order.firstIndex(of: i) ?? i)
    }

    /// The index of the entry whose action first happened at `position` (its `ActionEntry.position`), if any:
    /// an entry's place in the match does not change when others arrive, its index may.
    public func entryIndex(position: Int) -> Int? {
        let i = entries.insertionIndex(for: position)
        return i < entries.count && entries.position(at: i) == position ? i : nil
    }

    /// `chronology` brought up to date after `change`: an action appended in order is one comparison (or one
    /// insertion into the order), anything else that moved the entries a pass over them.
    @inline(never) mutating func refreshChronology(after change: LogChange) {
        guard status == .finished, entries.count <= Self.maxChronology else {
            if chronologyKnown {
                chronology = nil
                chronologyKnown = false
            }
            return
        }
        switch change {
        case .duplicate, .unchanged:
            if chronologyKnown { return }
        case .appended:
            let new = entries.count - 1
            if chronologyKnown, let t = entries.timelineSequence(at: new) {
                let lastTold = chronology?.last ?? new - 1
                if new == 0 || entries.timelineSequence(at: lastTold).map({ $0 <= t }) == true {
                    chronology?.append(new)
                    return
                }
                if let order = chronology {
                    // Placed by binary search among the entries already in order, and inserted in place.
                    var low = 0, high = order.count
                    while low < high {
                        let mid = (low + high) / 2
                        if entries.timelineSequence(at: order[mid])! <= t { low = mid + 1 } else { high = mid }
                    }
                    chronology!.insert(new, at: low)
                    return
                }
            }
        case .refolded:
            break
        }
        chronology = entries.chronology()
        chronologyKnown = true
    }

    @discardableResult
    public mutating func apply(_ message: ActionMessage) -> LogChange {
        var message = message
        return apply(taking: &message)
    }

    /// `apply`, with the message lent for good: read and amended in place rather than copied (a message holds a
    /// score of references, and each copy retained and released them all). `message` is spent.
    @discardableResult
    public mutating func apply(taking message: inout ActionMessage) -> LogChange {
        let seq = message.action.seq
        guard seen.insert(seq) else { return .duplicate }
        if seq > maxSeq {
            let delay = message.action.delayStatusSymbol
            delayStatusSymbol = delay.isEmptyOrNone ? .none : delay
        }
        maxSeq = max(maxSeq, seq)
        if message.finished { finished = true }
        // Taken from the spent message, not copied out of it.
        if let s = message.summary.take() {
            // The envelope says what kind of period the action is in (a shoot-out is known only from here);
            // it travels with the action so that a re-fold sees it too.
            if message.action.periodTypeSymbol.isNone { message.action.periodTypeSymbol = s.periodTypeSymbol(of: message.action.period) }
            if seq > summarySeq {
                if s.statusSymbol != newest.statusSymbol || s.collectionSymbol != newest.collectionSymbol || summarySeq < 0 {
                    newestSaysOver = MatchStatus.saysOver(status: s.statusSymbol.string, collection: s.collectionSymbol.string)
                }
                newest = SummaryFields(s)
                summary = consume s
                summarySeq = seq
            }
        }
        var change = place(message.action)
        if state.sideLearnedLate { change = placeLateSides() }
        // Nothing to keep while the fixture is live: a test of two flags, with no call, on every message.
        if chronologyKnown || status == .finished { refreshChronology(after: change) }
        return change
    }

    /// A side-less team whose id a flagged action names only later: its earlier actions counted for nobody. The
    /// log learns the side for the whole match and folds it again from the start, once: every delivery order of
    /// the same messages then agrees, and the actions count for their team.
    mutating func placeLateSides() -> LogChange {
        initial = initial.knowingSides(of: state)
        checkpoints[0] = initial
        refold(from: 0)
        return .refolded(fromIndex: 0)
    }

    /// `action` is lent, read where it lies in its message: copied only where the log keeps it whole (a new version
    /// of an action known before, or one placed before the end).
    mutating func place(_ action: borrowing Action) -> LogChange {
        let seq = action.seq
        let key = action.actionId.key
        // One probe: a new key is recorded at once (most actions are new), a known one is a candidate.
        var known = positions.candidate(action.actionId, key: key, elseRecordingAt: seq)
        var recorded = known == nil
        if let candidate = known, !candidate.verified, !entries.hasActionId(action.actionId, at: entries.insertionIndex(for: candidate.position)) {
            known = nil  // another id with the same key
            recorded = false
        }
        if let position = known?.position {
            var i = entries.insertionIndex(for: position)
            var entry = entries[i]
            entry.versions += 1
            entry.wasPending = entry.wasPending || action.standing == .pending
            if seq < entry.position {
                // An earlier version came late: the action moves back to where it first happened.
                entries.remove(at: i)
                entry.position = seq
                positions.move(action.actionId, to: seq)
                i = entries.insertionIndex(for: seq)
                entries.insert(entry, at: i)
                refold(from: i)
                return .refolded(fromIndex: i)
            }
            guard seq > entry.action.seq else {
                entries.replace(at: i, with: entry)
                return .unchanged
            }
            let wasCounted = entry.standing == .counted
            entry.action = copy action
            entry.kind = kinds.kind(of: action, sport: initial.sport)
            entries.replace(at: i, with: entry)
            if i == entries.count - 1, !wasCounted {
                // The newest action was not counted (a Pending, most often confirmed moments later): the state
                // is the fold of everything before it, so folding in its new version is the whole re-fold.
                if entry.standing == .counted { state.apply(action, kind: entry.kind) }
                // The checkpoint taken right after this entry, if there is one, must see the new version too.
                if entries.count % MatchLog.checkpointInterval == 0 {
                    checkpoints[checkpoints.count - 1] = state
                } else if entries.count % MatchLog.nearbyInterval == 0 {
                    nearby[nearby.count - 1] = state
                }
                return .refolded(fromIndex: i)
            }
            refold(from: i)
            return .refolded(fromIndex: i)
        }

        let kind = kinds.kind(of: action, sport: initial.sport)
        if !recorded { positions.record(action.actionId, key: key, at: seq) }
        let i = entries.insertionIndex(for: seq)
        if i == entries.count {
            if action.standing == .counted { state.apply(action, kind: kind) }
            entries.append(new: action, kind: kind)
            if entries.count % MatchLog.nearbyInterval == 0 { Self.checkpoint(state, before: entries.count, &checkpoints, &nearby) }
            return .appended
        }
        entries.insert(ActionEntry(action: copy action, kind: kind, position: seq, versions: 1, wasPending: action.standing == .pending), at: i)
        refold(from: i)
        return .refolded(fromIndex: i)
    }

    /// The state folded from scratch; what `state` must always equal.
    public func freshFold() -> MatchState {
        var s = initial
        for e in entries where e.standing == .counted { s.apply(e.action, kind: e.kind) }
        return s
    }

    /// Takes the checkpoint before entry `index`, a multiple of `nearbyInterval`.
    static func checkpoint(_ state: MatchState, before index: Int, _ checkpoints: inout [MatchState], _ nearby: inout [MatchState]) {
        if index % checkpointInterval == 0 {
            checkpoints.append(state)
            nearby.removeAll(keepingCapacity: true)
        } else {
            nearby.append(state)
        }
    }

    /// Folds again from the nearest checkpoint at or before `index`, and takes the checkpoints after it anew.
    mutating func refold(from index: Int) {
        let c = min(index / MatchLog.checkpointInterval, checkpoints.count - 1)
        var s: MatchState
        var start = c * MatchLog.checkpointInterval
        if c == checkpoints.count - 1 {
            let k = min((index - start) / MatchLog.nearbyInterval, nearby.count)
            s = k == 0 ? checkpoints[c] : nearby[k - 1]
            nearby.removeSubrange(k...)
            start += k * MatchLog.nearbyInterval
        } else {
            checkpoints.removeSubrange((c + 1)...)
            nearby.removeAll()
            s = checkpoints[c]
        }
        // Moved out while the entries are read, and back after: a copy would be copied again on its first change.
        var (coarse, fine) = ([MatchState](), [MatchState]())
        swap(&coarse, &checkpoints)
        swap(&fine, &nearby)
        entries.forEachCounted(from: start) { i, counted in
            if let counted { s.apply(counted.action, kind: counted.kind) }
            if (i + 1) % MatchLog.nearbyInterval == 0 { Self.checkpoint(s, before: i + 1, &coarse, &fine) }
        }
        swap(&coarse, &checkpoints)
        swap(&fine, &nearby)
        state = s
    }

    public static func == (lhs: MatchLog, rhs: MatchLog) -> Bool {
        lhs.entries == rhs.entries && lhs.state == rhs.state && lhs.maxSeq == rhs.maxSeq && lhs.seen == rhs.seen
            && lhs.finished == rhs.finished && lhs.summary == rhs.summary && lhs.summarySeq == rhs.summarySeq
            && lhs.delayStatusSymbol == rhs.delayStatusSymbol
    }
}
