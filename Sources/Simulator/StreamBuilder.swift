import LiveActions

/// A small, fast, seedable generator (SplitMix64): the same seed gives the same match on every machine.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func seconds(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &self) }
    mutating func uuid() -> String {
        let hex = (0..<32).map { _ in String(Int.random(in: 0..<16, using: &self), radix: 16) }.joined()
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-4" + String(c[13..<16]) + "-a" + String(c[17..<20]) + "-" + String(c[20..<32])
    }
}

/// A team as the simulator plays it: a name, an id and a squad.
public struct SimTeam: Sendable {
    public var name: String
    public var id: String
    public var players: [(name: String, id: String)]
    public var colour: String

    init(name: String, colour: String, players: [String], rng: inout SeededRandom) {
        self.name = name
        self.colour = colour
        self.id = rng.uuid()
        self.players = players.map { ($0, rng.uuid()) }
    }
}

/// Writes a fixture's stream the way the provider would send it: numbered action messages with a running
/// summary, heartbeats every ten seconds, and the corrections of a live feed (pending, confirmed, updated,
/// deleted, late delivery).
struct StreamBuilder {
    var rng: SeededRandom
    let sport: String
    let fixtureId: String
    let home: SimTeam
    let away: SimTeam
    let start: Int  // epoch seconds of t = 0

    /// Real seconds since the stream opened.
    private(set) var t = 0.0
    private(set) var frames: [RecordedFrame] = []
    private var seq = 0
    private var lastHeartbeat = 0.0
    var period = 0
    /// Empty for sports without a clock (volleyball, snooker).
    var clock = ""
    /// The simulator's own headline tally, sent as the provider's summary; never read from the reducers.
    var summary = (home: 0, away: 0)
    var status = "Scheduled"

    init(sport: String, seed: UInt64, start: Int, home: (String, String, [String]), away: (String, String, [String])) {
        var rng = SeededRandom(seed: seed)
        self.sport = sport
        fixtureId = rng.uuid()
        self.home = SimTeam(name: home.0, colour: home.1, players: home.2, rng: &rng)
        self.away = SimTeam(name: away.0, colour: away.1, players: away.2, rng: &rng)
        self.start = start
        self.rng = rng
    }

    func team(_ isHome: Bool) -> SimTeam { isHome ? home : away }

    /// `n` points for one side, as `send(adds:)` takes them.
    static func points(_ isHome: Bool, _ n: Int) -> (home: Int, away: Int) { isHome ? (n, 0) : (0, n) }

    mutating func player(_ isHome: Bool) -> String {
        team(isHome).players.randomElement(using: &rng)!.name
    }

    /// Moves time on, sending a heartbeat every ten seconds of silence or not.
    mutating func wait(_ seconds: Double) {
        let end = t + seconds
        while lastHeartbeat + 10 <= end {
            lastHeartbeat += 10
            t = max(t, lastHeartbeat)
            frames.append(RecordedFrame(t: t, frame: JSONValue.object(["type": "heartbeat", "timestamp": .string(iso(t))]).jsonText))
        }
        t = end
    }

    mutating func wait(_ range: ClosedRange<Double>) { wait(rng.seconds(range)) }

    /// Sends one action message and returns its action id (pass it back to send a new version).
    @discardableResult
    mutating func send(
        _ type: String, id typeId: Int? = nil, sub: String? = nil, team isHome: Bool? = nil, player: String? = nil,
        sendType: SendType = .confirmed, actionId: String? = nil, metadata: JSONObject = [:], finished: Bool = false,
        adds: (home: Int, away: Int) = (0, 0)
    ) -> String {
        seq += 1
        summary = (summary.home + adds.home, summary.away + adds.away)
        let actionId = actionId ?? rng.uuid()
        var a: JSONObject = [
            "actionId": .string(actionId),
            "fixtureId": .string(fixtureId),
            "fixtureSeqNum": .number(Double(seq)),
            "timelineSequence": .number(Double(period) + Double(seq) / 1_000_000),
            "timestamp": .string(iso(t)),
            "period": .number(Double(period)),
            "sendType": .string(sendType.name),
            "sendTypeId": .number(Double(sendType.id ?? 5)),
            "fixtureActionType": .string(type),
        ]
        if !clock.isEmpty { a["clockTime"] = .string(clock) }
        if let typeId { a["fixtureActionTypeId"] = .number(Double(typeId)) }
        if let sub { a["fixtureActionSubType"] = .string(sub) }
        if let isHome {
            let team = self.team(isHome)
            a["team"] = ["homeTeam": .bool(isHome), "id": .string(team.id), "name": .string(team.name)]
        }
        if let player {
            let id = (home.players + away.players).first { $0.name == player }?.id ?? ""
            a["player"] = ["id": .string(id), "name": .string(player)]
        }
        a["relatedFixtureActionIds"] = []
        if !metadata.isEmpty { a["metadata"] = .object(metadata) }
        let message: JSONValue = [
            "traceId": .string(String(rng.uuid().filter { $0 != "-" })),
            "version": 3,
            "finished": .bool(finished),
            "fixtureAction": .object(a),
            "fixtureSummary": [
                "homeTeamScore": .number(Double(summary.home)),
                "awayTeamScore": .number(Double(summary.away)),
                "currentPeriod": .number(Double(period)),
                "currentStatus": .string(status),
                "finished": .bool(finished),
            ],
        ]
        frames.append(RecordedFrame(t: t, frame: message.jsonText))
        return actionId
    }

    /// The last two action messages reach the client in the wrong order, as a late packet would.
    mutating func deliverLastTwoOutOfOrder() {
        let actionFrames = frames.indices.filter { frames[$0].frame.contains("\"fixtureAction\"") }
        guard actionFrames.count >= 2 else { return }
        let a = actionFrames[actionFrames.count - 2], b = actionFrames[actionFrames.count - 1]
        let text = frames[a].frame
        frames[a].frame = frames[b].frame
        frames[b].frame = text
    }

    mutating func teamColours() {
        send("Team Colours", id: 2, metadata: ["homeTeamColour": .string(home.colour), "awayTeamColour": .string(away.colour)])
    }

    func header(title: String) -> RecordingHeader {
        RecordingHeader(sport: sport, fixtureId: fixtureId, title: title, home: home.name, away: away.name,
                        source: "simulated by `courtside simulate` (seeded, deterministic)")
    }

    func iso(_ t: Double) -> String {
        let total = start + Int(t)
        let ms = Int((t - t.rounded(.down)) * 1000)
        let days = total / 86400
        var rem = total % 86400
        let h = rem / 3600; rem %= 3600
        let m = rem / 60, s = rem % 60
        let (y, mo, d) = ISOTime.civilFromDays(days)
        func p(_ n: Int, _ w: Int = 2) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
        return "\(y)-\(p(mo))-\(p(d))T\(p(h)):\(p(m)):\(p(s)).\(p(ms, 3))Z"
    }

    static func mmss(_ seconds: Int) -> String {
        let m = seconds / 60, s = seconds % 60
        return (m < 10 ? "0" : "") + "\(m):" + (s < 10 ? "0" : "") + "\(s)"
    }
}
