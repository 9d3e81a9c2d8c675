#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a write to a reader that has gone (`| head`) does. A program ends there, silently, killed by SIGPIPE,
/// unless its parent asked otherwise by starting it with SIGPIPE ignored. The network library ignores SIGPIPE for
/// its sockets, so a `watch` found out with an error, and said "the lines after it are lost" where `demo`
/// stopped as quietly as any other program: what the parent left is read first, before anything changes it.
public enum BrokenPipe {
    nonisolated(unsafe) private static var parentIgnores = false

    /// Notes how the parent left SIGPIPE. Called first thing in `main`.
    public static func noteWhatTheParentLeft() {
        var current = sigaction()
        sigaction(SIGPIPE, nil, &current)
        parentIgnores = unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// The parent started the process with SIGPIPE ignored: a reader gone is an error to report.
    public static var parentIgnoresIt: Bool { parentIgnores }

    /// Ends the process as SIGPIPE would have, had nothing ignored it.
    public static func endAsTheSignalWould() -> Never { SignalEnd.now(SIGPIPE) }
}

/// Ending the process as a signal's default action would, from any thread.
public enum SignalEnd {
    /// The default action restored and the signal raised here, unblocked first: a dispatch worker thread has the
    /// quit signals blocked, and a signal raised there stayed pending while the process went on. `_exit` with the
    /// shell's status for it, should the signal not end the process after all.
    public static func now(_ sig: Int32) -> Never {
        signal(sig, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, sig)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(sig)
        _exit(128 + sig)
    }
}
