import Testing
import LiveActions
import Simulator
@testable import Scoring

@Suite struct LifecycleTests {
    @Test func pendingIsShownButNotCounted() {
        var m = Msg()
        var log = fold(.soccer, [m.make("Goal", team: true, id: "g", send: .pending)])
        #expect(log.state.headline == Score(0, 0))
        #expect(log.entries.count == 1)
        #expect(log.entries[0].mark == "PENDING")
        log.apply(m.make("Goal", team: true, id: "g", send: .confirmed))
        #expect(log.state.headline == Score(1, 0))
        #expect(log.entries.count == 1)
        #expect(log.entries[0].mark == "CONFIRMED")
        #expect(log.entries[0].versions == 2)
    }

    @Test func cancelledWithdrawsAPendingAction() {
        var m = Msg()
        let log = fold(.soccer, [m.make("Goal", team: true, id: "g", send: .pending), m.make("Goal", team: true, id: "g", send: .cancelled)])
        #expect(log.state.headline == Score(0, 0))
        #expect(log.entries[0].mark == "CANCELLED")
    }

    @Test func deletedRemovesAndRestoredBringsBack() {
        var m = Msg()
        var log = fold(.basketball, [m.make("3 Points Made", team: false, id: "s"), m.make("2 Points Made", team: true)])
        #expect(log.state.headline == Score(2, 3))
        log.apply(m.make("3 Points Made", team: false, id: "s", send: .deleted))
        #expect(log.state.headline == Score(2, 0))
        #expect(log.entries[0].mark == "DELETED")
        log.apply(m.make("3 Points Made", team: false, id: "s", send: .restored))
        #expect(log.state.headline == Score(2, 3))
        #expect(log.entries[0].mark == "RESTORED")
    }

    @Test func updatedMayChangeTeamAndType() {
        var m = Msg()
        var log = fold(.basketball, [m.make("2 Points Made", team: true, id: "s")])
        log.apply(m.make("3 Points Made", team: false, id: "s", send: .updated))
        #expect(log.state.headline == Score(0, 3))
        #expect(log.entries.count == 1)
        #expect(log.entries[0].kind == .threePointsMade)
    }

    @Test func duplicatesAreIgnoredAndLateMessagesPlaced() {
        var m = Msg()
        let a = m.make("Goal", team: true)
        let b = m.make("Goal", team: false)
        let c = m.make("Goal", team: false)
        var log = MatchLog(sport: .soccer)
        #expect(log.apply(a) == .appended)
        #expect(log.apply(c) == .appended)
        #expect(log.apply(a) == .duplicate)
        #expect(log.apply(b) == .refolded(fromIndex: 1))
        #expect(log.entries.map(\.action.seq) == [1, 2, 3])
        #expect(log.state.headline == Score(1, 2))
        #expect(log.messageCount == 3)
    }

    @Test func olderVersionArrivingLateChangesNothingButThePlace() {
        var m = Msg()
        let pending = m.make("Goal", team: true, id: "g", send: .pending)
        let other = m.make("Corner", team: false)
        let confirmed = m.make("Goal", team: true, id: "g", send: .confirmed)
        var log = MatchLog(sport: .soccer)
        log.apply(other)
        log.apply(confirmed)
        #expect(log.entries.map(\.action.actionId) == ["a2", "g"])
        log.apply(pending)
        #expect(log.entries.map(\.action.actionId) == ["g", "a2"], "the goal moves back to where it was first sent")
        #expect(log.entries[0].action.sendType == .confirmed, "the newest version still wins")
        #expect(log.state.headline == Score(1, 0))
        #expect(log == fold(.soccer, [pending, other, confirmed]))
    }

    @Test func summaryMismatchIsKept() {
        var m = Msg()
        var log = fold(.soccer, [m.make("Goal", team: true, summary: FixtureSummary(home: 1, away: 0))])
        #expect(log.summaryMismatch == nil)
        log.apply(m.make("Goal", team: true, send: .pending, summary: FixtureSummary(home: 2, away: 0)))
        #expect(log.summaryMismatch?.derived == Score(1, 0))
        #expect(log.summaryMismatch?.provider == Score(2, 0))
        log.apply(m.make("Corner", team: true))
        #expect(log.summaryMismatch == nil, "only the newest message's summary is compared")
    }

    @Test func finishedFlagEndsTheMatch() {
        var m = Msg()
        let log = fold(.soccer, [m.make("Goal", team: true, finished: true)])
        #expect(log.finished)
        #expect(log.status == .finished)
    }

    @Test func correctionsRefoldAcrossCheckpoints() {
        var m = Msg()
        var messages = [m.make("2 Points Made", team: true, id: "first")]
        for _ in 0..<1000 { messages.append(m.make("Free Throw Made", team: false)) }
        var log = fold(.basketball, messages)
        #expect(log.state.headline == Score(2, 1000))
        log.apply(m.make("2 Points Made", team: true, id: "first", send: .deleted))
        #expect(log.state.headline == Score(0, 1000))
        #expect(log.state == log.freshFold())
        #expect(log.checkpoints.count == 1001 / MatchLog.checkpointInterval + 1)
    }

    /// Every checkpoint, coarse and nearby, must be the fold of the entries before it, whatever came late: a wrong
    /// one shows only in a later re-fold that starts from it.
    @Test func everyCheckpointIsTheFoldOfTheEntriesBeforeIt() {
        var rng = SeededRandom(seed: 23)
        for trial in 0..<24 {
            let sport: Sport = [.basketball, .soccer, .volleyball, .snooker][trial % 4]
            let messages = DeliveryOrderPropertyTests.randomStream(&rng, sport: sport, count: Int.random(in: 100...300, using: &rng))
            var log = MatchLog(sport: sport)
            for message in DeliveryOrderPropertyTests.shuffledWithDuplicates(messages, &rng) {
                log.apply(message)
                #expect(log.checkpoints.count == log.entries.count / MatchLog.checkpointInterval + 1, "trial \(trial)")
                #expect(log.nearby.count == log.entries.count % MatchLog.checkpointInterval / MatchLog.nearbyInterval, "trial \(trial)")
                var s = log.initial
                for (i, e) in log.entries.enumerated() {
                    if i % MatchLog.checkpointInterval == 0 {
                        #expect(log.checkpoints[i / MatchLog.checkpointInterval] == s, "trial \(trial), coarse before \(i)")
                    } else if i % MatchLog.nearbyInterval == 0, i / MatchLog.checkpointInterval == log.checkpoints.count - 1 {
                        #expect(log.nearby[i % MatchLog.checkpointInterval / MatchLog.nearbyInterval - 1] == s, "trial \(trial), nearby before \(i)")
                    }
                    if e.standing == .counted { s.apply(e.action, kind: e.kind) }
                }
                #expect(log.state == s, "trial \(trial)")
                if log.entries.count % MatchLog.checkpointInterval == 0 {
                    #expect(log.checkpoints.last == s, "trial \(trial), the coarse checkpoint after the last entry")
                } else if log.entries.count % MatchLog.nearbyInterval == 0 {
                    #expect(log.nearby.last == s, "trial \(trial), the nearby checkpoint after the last entry")
                }
            }
        }
    }
}

/// The invariant: any delivery order of the same messages, with duplicates, gives a fresh fold in sequence order.
@Suite struct DeliveryOrderPropertyTests {
    static func randomStream(_ rng: inout SeededRandom, sport: Sport, count: Int) -> [ActionMessage] {
        let types: [String] = switch sport {
        case .basketball: ["2 Points Made", "3 Points Made", "Free Throw Made", "Foul", "Turnover", "Start Period"]
        case .soccer: ["Goal", "Own Goal", "Yellow Card", "Red Card", "Corner", "Shot"]
        case .volleyball: ["Point", "Point", "Point", "End Period", "Timeout"]
        case .snooker: ["Pot", "Pot", "Foul", "End Period", "Frame Won", "Safety"]
        case .other: ["Goal", "Point", "Mystery"]
        }
        let sends: [SendType] = [.pending, .confirmed, .confirmed, .confirmed, .updated, .cancelled, .deleted, .restored]
        var messages: [ActionMessage] = []
        var ids: [String] = []
        for seq in 1...count {
            let reuse = !ids.isEmpty && Int.random(in: 0..<3, using: &rng) == 0
            let id = reuse ? ids.randomElement(using: &rng)! : "x\(seq)"
            if !reuse { ids.append(id) }
            let action = Action(
                actionId: PackedText(id), seq: seq, period: Int.random(in: 1...5, using: &rng), clockTime: "\(seq)",
                sendType: sends.randomElement(using: &rng)!, type: types.randomElement(using: &rng)!,
                subType: ["Red", "Black", "Blue", nil].randomElement(using: &rng)!,
                team: Bool.random(using: &rng) ? TeamRef(isHome: Bool.random(using: &rng)) : nil,
                player: PlayerRef(id: "p\(Int.random(in: 0..<4, using: &rng))", name: "P"))
            let summary = Bool.random(using: &rng) ? FixtureSummary(home: Int.random(in: 0...3, using: &rng), away: 0) : nil
            messages.append(ActionMessage(finished: seq == count && Bool.random(using: &rng), action: action, summary: summary))
        }
        return messages
    }

    static func shuffledWithDuplicates(_ messages: [ActionMessage], _ rng: inout SeededRandom) -> [ActionMessage] {
        var delivered = messages
        for _ in 0..<Int.random(in: 0...max(1, messages.count / 4), using: &rng) { delivered.append(messages.randomElement(using: &rng)!) }
        if Bool.random(using: &rng) {
            delivered.shuffle(using: &rng)
        } else {
            // Mostly in order with a few late packets, as a real feed misbehaves.
            for _ in 0..<Int.random(in: 1...5, using: &rng) {
                let i = Int.random(in: 0..<delivered.count, using: &rng)
                let j = min(delivered.count - 1, i + Int.random(in: 1...20, using: &rng))
                delivered.swapAt(i, j)
            }
        }
        return delivered
    }

    @Test func randomStreamsInAnyOrder() {
        var rng = SeededRandom(seed: 7)
        let sports: [Sport] = [.basketball, .soccer, .volleyball, .snooker, .other("icehockey")]
        var cases = 0
        for trial in 0..<1000 {
            let sport = sports[trial % sports.count]
            let messages = Self.randomStream(&rng, sport: sport, count: Int.random(in: 1...300, using: &rng))
            let reference = fold(sport, messages)
            let delivered = Self.shuffledWithDuplicates(messages, &rng)
            let log = fold(sport, delivered)
            #expect(log == reference, "trial \(trial)")
            #expect(log.state == log.freshFold(), "trial \(trial)")
            cases += 1
        }
        #expect(cases == 1000)
    }

    @Test func demoRecordingsInAnyOrder() throws {
        var rng = SeededRandom(seed: 11)
        for (_, recording) in MatchSimulator.demoRecordings() {
            let messages = recording.frames.flatMap { frame -> [ActionMessage] in
                if case .actions(let m, _) = FrameDecoder.decode(frame.frame) { return m }
                return []
            }
            let sport = Sport(path: recording.header.sport)
            let reference = fold(sport, messages.sorted { $0.action.seq < $1.action.seq })
            #expect(reference.summaryMismatch == nil)
            for _ in 0..<25 {
                let log = fold(sport, Self.shuffledWithDuplicates(messages, &rng))
                #expect(log == reference)
            }
        }
    }
}
