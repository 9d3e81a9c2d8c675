import Platform
/// One pacer for the whole process: every fixture's connection attempt waits here for its slot.
public actor ConnectLimiter {
    var pacer: ConnectPacer
    let clock: any FeedClock

    public init(perSecond: Int, clock: any FeedClock = MonotonicClock()) {
        pacer = ConnectPacer(perSecond: perSecond)
        self.clock = clock
    }

    /// Waits until this attempt may start.
    public func acquire() async throws {
        let now = clock.now()
        let slot = pacer.reserve(now: now)
        try await clock.sleep(seconds: slot - now)
    }
}
