import LiveActions

/// Best of nine frames, visit by visit: reds and colours, then the colours in order; safeties, misses and
/// fouls; a frame ends when the balls are gone or the trailing player cannot catch up. Big pots are sent
/// Pending, then Confirmed; one foul is deleted after a video check and then restored; one packet is late.
enum SnookerSim {
    static let colours = [("Yellow", 2), ("Green", 3), ("Brown", 4), ("Blue", 5), ("Pink", 6), ("Black", 7)]

    static func play(seed: UInt64, start: Int) -> Recording {
        var b = StreamBuilder(
            sport: "snooker", seed: seed, start: start,
            home: ("Ronnie O'Sullivan", "0, 0, 0", ["Ronnie O'Sullivan"]),
            away: ("Ding Junhui", "200, 0, 0", ["Ding Junhui 丁俊晖"]))
        b.wait(2)
        b.teamColours()
        b.wait(30)
        b.status = "Live"
        b.send("Start Fixture", id: 4)
        var frames = (home: 0, away: 0)
        var frame = 0
        var special = (restored: false, late: false)
        var breaker = b.rng.chance(0.5)
        while max(frames.home, frames.away) < 5 {
            frame += 1
            b.period = frame
            b.send("Start Period", id: 6)
            var points = (home: 0, away: 0)
            var reds = 15
            var colourIndex = 0  // once the reds are gone: the next colour to pot
            var atTable = breaker
            breaker.toggle()
            func remaining() -> Int {
                reds > 0 ? reds * 8 + 27 : colours[colourIndex...].reduce(0) { $0 + $1.1 }
            }
            frameLoop: while colourIndex < colours.count {
                // One visit: pots until a miss, a safety or a foul.
                let skill = atTable ? 0.86 : 0.84
                var onRed = true
                while colourIndex < colours.count, b.rng.chance(skill) {
                    b.wait(12...28)
                    let ball: (String, Int)
                    if onRed && reds > 0 {
                        ball = ("Red", 1)
                        reds -= 1
                        onRed = false
                    } else if !onRed {
                        // A colour after a red, re-spotted; the black is the usual target.
                        let roll = Double.random(in: 0..<1, using: &b.rng)
                        ball = roll < 0.5 ? colours[5] : roll < 0.7 ? colours[4] : roll < 0.85 ? colours[3] : colours[Int.random(in: 0...2, using: &b.rng)]
                        onRed = true
                    } else {
                        ball = colours[colourIndex]
                        colourIndex += 1
                    }
                    let player = b.team(atTable).players[0].name
                    if ball.1 == 7, b.rng.chance(0.3) {
                        let id = b.send("Pot", sub: ball.0, team: atTable, player: player, sendType: .pending)
                        b.wait(1...2)
                        b.send("Pot", sub: ball.0, team: atTable, player: player, sendType: .confirmed, actionId: id)
                    } else {
                        b.send("Pot", sub: ball.0, team: atTable, player: player)
                        if frame == 2, !special.late, ball.0 != "Red", reds > 0 {
                            // This colour reaches the client before the red potted just ahead of it.
                            special.late = true
                            b.deliverLastTwoOutOfOrder()
                        }
                    }
                    if atTable { points.home += ball.1 } else { points.away += ball.1 }
                    b.summary = frames
                    if abs(points.home - points.away) > remaining() && colourIndex > 0 { break frameLoop }
                }
                b.wait(15...35)
                if colourIndex >= colours.count { break }
                if b.rng.chance(0.12) {
                    let penalty = max(4, reds > 0 ? 4 : colours[colourIndex].1)
                    let id = b.send("Foul", sub: reds > 0 ? "Red" : colours[colourIndex].0, team: atTable, player: b.team(atTable).players[0].name, metadata: ["points": .number(Double(penalty))])
                    if atTable { points.away += penalty } else { points.home += penalty }
                    if frame >= 3, !special.restored {
                        special.restored = true
                        b.send("Video Check", id: 51, sub: "Foul review")
                        b.wait(40)
                        b.send("Foul", team: atTable, sendType: .deleted, actionId: id)
                        b.wait(30)
                        b.send("Video Check Result", id: 61, sub: "Foul stands")
                        b.send("Foul", sub: reds > 0 ? "Red" : colours[colourIndex].0, team: atTable, player: b.team(atTable).players[0].name,
                               sendType: .restored, actionId: id, metadata: ["points": .number(Double(penalty))])
                    }
                } else {
                    b.send(b.rng.chance(0.6) ? "Safety" : "Miss", team: atTable)
                    // A tactical exchange: safeties back and forth until someone leaves a chance.
                    for _ in 0..<Int.random(in: 0...4, using: &b.rng) {
                        atTable.toggle()
                        b.wait(12...30)
                        b.send("Safety", team: atTable)
                    }
                }
                atTable.toggle()
                if abs(points.home - points.away) > remaining() + 8, b.rng.chance(0.5) { break }
            }
            let homeWon = points.home > points.away || (points.home == points.away && b.rng.chance(0.5))
            if homeWon { frames.home += 1 } else { frames.away += 1 }
            b.summary = frames
            b.send("Frame Won", team: homeWon, player: b.team(homeWon).players[0].name)
            b.send("End Period", id: 7)
            b.wait(frame == 4 ? 900 : 120)
        }
        b.status = "Finished"
        b.send("End Fixture", id: 5, finished: true)
        return Recording(header: b.header(title: "UK Championship final: O'Sullivan v Ding"), frames: b.frames)
    }
}
