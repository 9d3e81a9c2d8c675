import LiveActions

/// Four ten-minute quarters of possessions: made and missed shots, rebounds, steals, turnovers, fouls and
/// free throws. Threes are sent Pending before they are Confirmed; one basket is taken back after a video
/// check; one two is upgraded to a three; one packet arrives late.
enum BasketballSim {
    static func play(seed: UInt64, start: Int) -> Recording {
        var b = StreamBuilder(
            sport: "basketball", seed: seed, start: start,
            home: ("Žalgiris Kaunas", "0, 128, 64", ["Keenan Evans", "Lukas Lekavičius", "Edgaras Ulanovas", "Brady Manek", "Moses Wright", "Dovydas Giedraitis"]),
            away: ("Anadolu Efes", "0, 51, 153", ["Shane Larkin", "Darius Thompson", "Tibor Pleiß", "Rodrigue Beaubois", "Vasilije Micić", "Elijah Bryant"]))
        b.wait(2)
        b.teamColours()
        b.wait(30)
        b.status = "Live"
        b.send("Start Fixture", id: 4)
        var special = (deleted: false, updated: false, late: false)
        for quarter in 1...4 {
            b.period = quarter
            var clock = 600
            b.clock = StreamBuilder.mmss(clock)
            b.send("Start Period", id: 6)
            b.send("Start Clock", id: 8)
            var offense = quarter % 2 == 1
            b.send("Possession Gained", id: 15, team: offense)
            while clock > 0 {
                let used = Int.random(in: 8...24, using: &b.rng)
                clock = max(0, clock - used)
                b.clock = StreamBuilder.mmss(clock)
                b.wait(Double(used) * b.rng.seconds(1.2...1.8))
                let shooter = b.player(offense)
                let roll = Double.random(in: 0..<1, using: &b.rng)
                var keepBall = false
                if roll < 0.31 {
                    let id = b.send("2 Points Made", team: offense, player: shooter, adds: StreamBuilder.points(offense, 2))
                    if quarter == 2, clock < 300, !special.updated {
                        // The scorer's table sees the foot was behind the line: the two becomes a three.
                        special.updated = true
                        b.wait(20)
                        b.send("3 Points Made", team: offense, player: shooter, sendType: .updated, actionId: id, adds: StreamBuilder.points(offense, 1))
                    } else if quarter == 3, clock < 400, !special.deleted {
                        special.deleted = true
                        b.wait(5)
                        b.send("Stop Clock", id: 9)
                        b.send("Video Check", id: 51, sub: "Shot clock violation")
                        b.wait(45)
                        b.send("Video Check Result", id: 61, sub: "Basket disallowed")
                        b.send("2 Points Made", team: offense, player: shooter, sendType: .deleted, actionId: id, adds: StreamBuilder.points(offense, -2))
                        b.send("Start Clock", id: 8)
                    }
                } else if roll < 0.40 {
                    let id = b.send("3 Points Made", team: offense, player: shooter, sendType: .pending)
                    b.wait(2...5)
                    b.send("3 Points Made", team: offense, player: shooter, sendType: .confirmed, actionId: id, adds: StreamBuilder.points(offense, 3))
                } else if roll < 0.78 {
                    b.send(b.rng.chance(0.6) ? "2 Points Missed" : "3 Points Missed", team: offense, player: shooter)
                    b.wait(1...2)
                    if b.rng.chance(0.27) {
                        b.send("Offensive Rebound", id: 204, team: offense, player: b.player(offense))
                        keepBall = true
                    } else {
                        b.send("Defensive Rebound", team: !offense, player: b.player(!offense))
                        if quarter == 4, !special.late {
                            // The miss reaches the client after the rebound that followed it.
                            special.late = true
                            b.deliverLastTwoOutOfOrder()
                        }
                    }
                } else if roll < 0.88 {
                    if b.rng.chance(0.5) {
                        b.send("Steal", id: 22, team: !offense, player: b.player(!offense))
                    }
                    b.send("Turnover", id: 201, sub: ["Stolen", "Travelling", "Out of bounds", "Shot clock violation"].randomElement(using: &b.rng), team: offense, player: shooter)
                } else {
                    b.send("Foul", team: !offense, player: b.player(!offense))
                    b.send("Stop Clock", id: 9)
                    b.wait(10...25)
                    for _ in 0..<2 {
                        if b.rng.chance(0.77) {
                            b.send("Free Throw Made", team: offense, player: shooter, adds: StreamBuilder.points(offense, 1))
                        } else {
                            b.send("Free Throw Missed", team: offense, player: shooter)
                        }
                        b.wait(8...15)
                    }
                    b.send("Start Clock", id: 8)
                }
                if b.rng.chance(0.03) {
                    b.send("Timeout", id: 52, team: offense)
                    b.wait(60...90)
                }
                if !keepBall {
                    offense.toggle()
                    b.send("Possession Gained", id: 15, team: offense)
                }
            }
            b.send("Stop Clock", id: 9)
            b.send("End Period", id: 7)
            b.wait(quarter == 2 ? 900 : 120)
        }
        b.status = "Finished"
        b.send("End Fixture", id: 5, finished: true)
        return Recording(header: b.header(title: "EuroLeague: Žalgiris v Anadolu Efes"), frames: b.frames)
    }
}
