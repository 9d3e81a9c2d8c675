import LiveActions

/// Rally by rally to three sets: a serve, then the point and how it was won. Set points are sent Pending
/// and Confirmed; one point is given to the other side after a video check (Updated); one packet arrives
/// late; sets close by the rules (25, or 15 in the fifth, by two) and with an End Period.
enum VolleyballSim {
    static func play(seed: UInt64, start: Int) -> Recording {
        var b = StreamBuilder(
            sport: "v2/volleyball", seed: seed, start: start,
            home: ("Sir Safety Perugia", "200, 0, 0", ["Wilfredo León", "Simone Giannelli", "Kamil Semeniuk", "Oleh Plotnytskyi", "Roberto Russo"]),
            away: ("ZAKSA Kędzierzyn-Koźle", "0, 90, 170", ["Aleksander Śliwka", "Marcin Janusz", "Łukasz Kaczmarek", "David Smith", "Bartosz Bednorz"]))
        b.wait(2)
        b.teamColours()
        b.wait(40)
        b.status = "Live"
        b.send("Start Fixture", id: 4)
        var sets = (home: 0, away: 0)
        var serving = b.rng.chance(0.5)
        var special = (challenged: false, late: false)
        var setNumber = 0
        while max(sets.home, sets.away) < 3 {
            setNumber += 1
            b.period = setNumber
            b.send("Start Period", id: 6)
            let target = setNumber == 5 ? 15 : 25
            var points = (home: 0, away: 0)
            // A slight edge that changes from set to set keeps the match long and close.
            let homeEdge = 0.5 + Double.random(in: -0.06...0.06, using: &b.rng)
            while !(max(points.home, points.away) >= target && abs(points.home - points.away) >= 2) {
                b.wait(8...14)
                b.send("Serve", team: serving, player: b.player(serving))
                b.wait(4...18)
                let homeWins = b.rng.chance(homeEdge)
                let how = ["Attack", "Block", "Ace", "Opponent error"].randomElement(using: &b.rng)!
                let setPoint = max(points.home, points.away) >= target - 1
                var after = points
                if homeWins { after.home += 1 } else { after.away += 1 }
                let winsSet = max(after.home, after.away) >= target && abs(after.home - after.away) >= 2
                let setsAfter = winsSet ? (homeWins ? (sets.home + 1, sets.away) : (sets.home, sets.away + 1)) : sets
                if setPoint {
                    let id = b.send("Point", sub: how, team: homeWins, player: b.player(homeWins), sendType: .pending)
                    b.wait(2...4)
                    b.summary = setsAfter
                    b.send("Point", sub: how, team: homeWins, player: b.player(homeWins), sendType: .confirmed, actionId: id)
                } else if setNumber == 2, points.home + points.away == 20, !special.challenged {
                    // The line judge's call is overturned on video: the point changes sides.
                    special.challenged = true
                    let id = b.send("Point", sub: "Attack", team: !homeWins, player: b.player(!homeWins))
                    b.send("Video Check", id: 51, sub: "Ball in / out", team: homeWins)
                    b.wait(40...60)
                    b.send("Video Check Result", id: 61, sub: "Call overturned", team: homeWins)
                    b.send("Point", sub: "Attack", team: homeWins, player: b.player(homeWins), sendType: .updated, actionId: id)
                } else {
                    b.summary = setsAfter
                    b.send("Point", sub: how, team: homeWins, player: b.player(homeWins))
                    if setNumber == 3, points.home + points.away == 10, !special.late {
                        special.late = true
                        b.wait(9)
                        b.send("Serve", team: homeWins, player: b.player(homeWins))
                        b.deliverLastTwoOutOfOrder()
                    }
                }
                if homeWins { points.home += 1 } else { points.away += 1 }
                serving = homeWins
                if b.rng.chance(0.025) {
                    b.send("Timeout", id: 52, team: !homeWins)
                    b.wait(30)
                }
            }
            if points.home > points.away { sets.home += 1 } else { sets.away += 1 }
            b.send("End Period", id: 7)
            b.wait(180)
        }
        b.status = "Finished"
        b.send("End Fixture", id: 5, finished: true)
        return Recording(header: b.header(title: "CEV Champions League: Perugia v ZAKSA"), frames: b.frames)
    }
}
