public import Foundation

/// The clocks the agent reads: wall time (for bookings), the monotonic clock (to tell a clock step
/// from time passing) and whether the wall clock is known to be right.
public protocol AgentClock: Sendable {
    func now() -> Date
    /// Nanoseconds on a clock that never jumps.
    func monotonicNanoseconds() -> UInt64
    func isSynchronised() -> Bool
}
