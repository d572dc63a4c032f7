public import Foundation

/// Whether the wall clock can be trusted for time-based expiry (auto-release, windows closing).
/// Until the system clock is known to be synchronised, nothing expires; and a step of the clock
/// (an NTP jump) must not release anything by itself: after a step, expiry waits until the
/// monotonic clock confirms that the time really passed.
public struct ClockTrust: Sendable, Equatable {
    /// The largest difference between wall-clock and monotonic progress that counts as normal drift.
    public static let stepTolerance: TimeInterval = 2

    public private(set) var synchronised: Bool
    private var lastWall: Date?
    private var lastMonotonic: UInt64?
    /// Wall-clock instants before this were not lived through on a trusted clock.
    public private(set) var trustedSince: Date?

    public init(synchronised: Bool = false) {
        self.synchronised = synchronised
    }

    /// A reading of both clocks and of the synchronisation state. Returns whether expiry may be
    /// applied now.
    public mutating func observe(wall: Date, monotonic: UInt64, synchronised: Bool) -> Bool {
        defer {
            lastWall = wall
            lastMonotonic = monotonic
        }
        if !synchronised {
            self.synchronised = false
            trustedSince = nil
            return false
        }
        if !self.synchronised {
            // Just became synchronised: trust starts now.
            self.synchronised = true
            trustedSince = wall
            return true
        }
        if let lastWall, let lastMonotonic {
            let wallStep = wall.timeIntervalSince(lastWall)
            let monotonicStep = Double(monotonic &- lastMonotonic) / 1e9
            if abs(wallStep - monotonicStep) > Self.stepTolerance {
                // The clock was stepped: what it skipped over was not lived through.
                trustedSince = wall
            }
        }
        return true
    }

    /// Whether a deadline (e.g. a check-in window closing) may be acted on at `now`: the clock is
    /// synchronised and the deadline lies in time the panel lived through on a trusted clock.
    public func mayExpire(_ deadline: Date, at now: Date) -> Bool {
        guard synchronised, let trustedSince else { return false }
        return deadline <= now && deadline >= trustedSince
    }
}
