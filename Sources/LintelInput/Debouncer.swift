/// Software debounce for one input line, driven by kernel edge timestamps.
///
/// A level counts once it has held for `window` with no further edge: a burst of bounces collapses
/// into one change, stamped with the time of the burst's last edge (when the contact settled).
/// The debouncer never polls: after an edge it asks to be woken at the moment the level would
/// have settled, and decides then.
public struct Debouncer: Sendable, Equatable {
    public let window: UInt64
    /// The debounced (accepted) level; true is active.
    public private(set) var level: Bool
    private var raw: Bool
    private var lastEdge: MonotonicInstant = 0
    private var settlesAt: MonotonicInstant?

    public init(window: UInt64, initialLevel: Bool) {
        self.window = window
        level = initialLevel
        raw = initialLevel
    }

    /// What the caller must do after feeding the debouncer.
    public enum Action: Sendable, Equatable {
        /// The debounced level changed at the given instant.
        case changed(to: Bool, at: MonotonicInstant)
        /// Call `settle(at:)` at (or after) this instant.
        case wake(at: MonotonicInstant)
    }

    /// An edge to `active` at kernel time `at`.
    public mutating func edge(to active: Bool, at instant: MonotonicInstant) -> [Action] {
        raw = active
        lastEdge = instant
        let deadline = instant + window
        settlesAt = deadline
        return [.wake(at: deadline)]
    }

    /// The instant a pending level settles, if one is pending.
    public var pendingDeadline: MonotonicInstant? { settlesAt }

    /// Time has reached `now`: accept the raw level if it has held for the window.
    public mutating func settle(at now: MonotonicInstant) -> [Action] {
        guard let deadline = settlesAt, now >= deadline else { return [] }
        settlesAt = nil
        guard raw != level else { return [] }
        level = raw
        return [.changed(to: raw, at: lastEdge)]
    }
}
