/// A PIR sensor's presence, held: the room is occupied from the first motion and stays occupied
/// until `hold` has passed since the sensor last went quiet. Motion in the meantime re-triggers it.
public struct OccupancyTracker: Sendable, Equatable {
    public let hold: UInt64
    public private(set) var occupied = false
    private var motion = false
    private var vacantAt: MonotonicInstant?

    public init(hold: UInt64) {
        self.hold = hold
    }

    public enum Action: Sendable, Equatable {
        case occupied(at: MonotonicInstant)
        case vacant(at: MonotonicInstant)
        case wake(at: MonotonicInstant)
    }

    /// The sensor's debounced output changed.
    public mutating func motionChanged(to active: Bool, at instant: MonotonicInstant) -> [Action] {
        motion = active
        if active {
            vacantAt = nil
            guard !occupied else { return [] }
            occupied = true
            return [.occupied(at: instant)]
        }
        guard occupied else { return [] }
        vacantAt = instant + hold
        return [.wake(at: instant + hold)]
    }

    public mutating func tick(at now: MonotonicInstant) -> [Action] {
        guard let deadline = vacantAt, !motion, now >= deadline else { return [] }
        vacantAt = nil
        occupied = false
        return [.vacant(at: deadline)]
    }

    public var pendingDeadline: MonotonicInstant? { vacantAt }
}
