public import Foundation
public import LintelAgent
import Synchronization

/// A clock the test moves by hand: wall time and the monotonic clock advance together unless the
/// test steps the wall clock alone (an NTP jump); synchronisation is a switch.
public final class ManualClock: AgentClock {
    private let state: Mutex<(wall: Date, monotonic: UInt64, synchronised: Bool)>

    public init(_ start: Date, synchronised: Bool = true) {
        state = Mutex((start, 1_000_000_000, synchronised))
    }

    public func now() -> Date { state.withLock { $0.wall } }
    public func monotonicNanoseconds() -> UInt64 { state.withLock { $0.monotonic } }
    public func isSynchronised() -> Bool { state.withLock { $0.synchronised } }

    /// Time passes: both clocks move.
    public func advance(seconds: TimeInterval) {
        state.withLock {
            $0.wall = $0.wall.addingTimeInterval(seconds)
            $0.monotonic += UInt64(seconds * 1e9)
        }
    }

    /// The wall clock is stepped (NTP); no time passes.
    public func step(seconds: TimeInterval) {
        state.withLock { $0.wall = $0.wall.addingTimeInterval(seconds) }
    }

    public func setSynchronised(_ value: Bool) {
        state.withLock { $0.synchronised = value }
    }
}
