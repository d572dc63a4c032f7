public import Foundation
public import LintelAgent

/// The system's clocks; synchronisation from systemd-timesyncd or the kernel, unless the
/// configuration says to assume it (demo machines and containers without NTP state).
public struct SystemAgentClock: AgentClock {
    public let assumeSynchronised: Bool

    public init(assumeSynchronised: Bool = false) {
        self.assumeSynchronised = assumeSynchronised
    }

    public func now() -> Date { Date() }

    public func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    public func isSynchronised() -> Bool { assumeSynchronised || SystemClockState.isSynchronised() }
}
