#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard streams a parent left closed (`>&-`). Each is held by `/dev/null` from the start, so that no socket,
/// pipe or file the process opens takes its number: NIO's epoll took descriptor 1, and the lines meant for standard
/// output were written to it ("standard output: Invalid argument").
public enum StandardStreams {
    nonisolated(unsafe) private static var closedMask: Int32 = 0

    /// Call first, before any other descriptor is opened.
    public static func holdClosedOnes() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let held = open("/dev/null", O_RDWR)
            if held == fd { closedMask |= 1 << fd } else if held >= 0 { close(held) }
        }
    }

    /// Whether the parent left `fd` closed.
    public static func wasClosed(_ fd: Int32) -> Bool { closedMask & (1 << fd) != 0 }
}
