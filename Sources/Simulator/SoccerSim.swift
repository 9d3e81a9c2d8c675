import LiveActions

/// Ninety minutes and stoppage time: possession swings, dangerous attacks, shots, corners, fouls, cards,
/// substitutions and goals. Goals are sent Pending, then Confirmed; one is disallowed after a video check;
/// one is an own goal; one player is sent off for a second yellow; one packet arrives late.
enum SoccerSim {
    static func play(seed: UInt64, start: Int) -> Recording {
        var b = StreamBuilder(
            sport: "soccer", seed: seed, start: start,
            home: ("FC Groningen", "0, 128, 0", ["Thomas Müller", "Martin Ødegaard", "Jan Łódź", "Ricky van Wolfswinkel", "Tika de Jonge", "Marco Rente", "Wouter Prins", "Laros Duarte", "Etienne Vaessen"]),
            away: ("Łódź United", "255, 242, 0", ["Amadeo Tessitori", "Kamil Grosicki", "Piotr Zieliński", "Mateusz Łęgowski", "Arkadiusz Milik", "Bartosz Kapustka", "Jakub Kiwior", "Wojciech Szczęsny"]))
        b.wait(3)
        b.teamColours()
        b.send("Lineups", id: 3)
        b.wait(60)
        b.status = "Live"
        b.send("Start Fixture", id: 4)
        var special = (disallowed: false, ownGoal: false, late: false, secondYellow: false, subs: 0)
        var booked: [(name: String, isHome: Bool)] = []
        for half in 1...2 {
            b.period = half
            var second = (half - 1) * 45 * 60
            let end = half * 45 * 60 + Int.random(in: 60...300, using: &b.rng)
            b.clock = StreamBuilder.mmss(second)
            b.send("Start Period", id: 6)
            b.send("Start Clock", id: 8)
            var side = half == 1
            while second < end {
                let step = Int.random(in: 6...24, using: &b.rng)
                second += step
                b.clock = StreamBuilder.mmss(second)
                b.wait(Double(step))
                if b.rng.chance(0.45) { side.toggle() }
                let roll = Double.random(in: 0..<1, using: &b.rng)
                if roll < 0.30 {
                    b.send("Possession Gained", id: 15, team: side)
                } else if roll < 0.52 {
                    b.send("Dangerous Attack", team: side)
                } else if roll < 0.64 {
                    let shooter = b.player(side)
                    b.send("Shot", sub: ["On target", "Off target", "Blocked"].randomElement(using: &b.rng), team: side, player: shooter)
                    if b.rng.chance(0.09) {
                        b.wait(2...4)
                        let goalSeconds = second
                        let id = b.send("Goal", sub: ["Right foot", "Left foot", "Header"].randomElement(using: &b.rng), team: side, player: shooter, sendType: .pending)
                        b.send("Stop Clock", id: 9)
                        b.wait(20...40)
                        if half == 2, !special.disallowed {
                            special.disallowed = true
                            b.send("Video Check", id: 51, sub: "Possible offside")
                            b.wait(90...150)
                            b.send("Video Check Result", id: 61, sub: "Goal disallowed: offside")
                            b.send("Goal", team: side, player: shooter, sendType: .cancelled, actionId: id)
                        } else {
                            b.clock = StreamBuilder.mmss(goalSeconds)
                            b.send("Goal", team: side, player: shooter, sendType: .confirmed, actionId: id, adds: StreamBuilder.points(side, 1))
                            b.clock = StreamBuilder.mmss(second)
                        }
                        b.wait(30...50)
                        b.send("Start Clock", id: 8)
                    }
                } else if roll < 0.72 {
                    b.send("Corner", team: side)
                    if !special.late, half == 1, second > 1200 {
                        special.late = true
                        b.wait(5)
                        b.send("Shot", sub: "Header", team: side, player: b.player(side))
                        b.deliverLastTwoOutOfOrder()
                    }
                } else if roll < 0.80 {
                    b.send("Free Kick", team: side)
                } else if roll < 0.86 {
                    b.send("Throw In", team: side)
                } else if roll < 0.90 {
                    var offender = b.player(!side)
                    if half == 2, !special.secondYellow, let again = booked.first(where: { $0.isHome == !side }) {
                        offender = again.name
                        special.secondYellow = true
                    } else if booked.contains(where: { $0.name == offender }) {
                        continue
                    }
                    b.send("Yellow Card", id: 107, team: !side, player: offender)
                    booked.append((offender, !side))
                } else if roll < 0.92, half == 2, special.subs < 6 {
                    special.subs += 1
                    let isHome = special.subs % 2 == 0
                    b.send("Substitution Out", id: 14, team: isHome, player: b.player(isHome))
                    b.send("Substitution In", id: 13, team: isHome, player: b.player(isHome))
                } else if roll < 0.93, !special.ownGoal, half == 2 {
                    special.ownGoal = true
                    let unlucky = b.player(!side)
                    let id = b.send("Own Goal", team: !side, player: unlucky, sendType: .pending)
                    b.wait(15)
                    b.send("Own Goal", team: !side, player: unlucky, sendType: .confirmed, actionId: id, adds: StreamBuilder.points(side, 1))
                } else {
                    b.send("Foul", team: b.rng.chance(0.5), player: nil)
                }
            }
            b.send("Stop Clock", id: 9)
            b.send("End Period", id: 7)
            if half == 1 { b.wait(900) }
        }
        b.status = "Finished"
        b.send("End Fixture", id: 5, finished: true)
        return Recording(header: b.header(title: "Eredivisie: FC Groningen v Łódź United"), frames: b.frames)
    }
}
