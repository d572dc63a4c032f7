/// Turns a debounced button's level changes into presses: a short press when released before
/// `longPress`, a long press as soon as it has been held that long (not waiting for the release).
public struct PressClassifier: Sendable, Equatable {
    public let longPress: UInt64
    private var pressedAt: MonotonicInstant?
    private var reportedLong = false

    public init(longPress: UInt64) {
        self.longPress = longPress
    }

    public enum Action: Sendable, Equatable {
        case pressed(at: MonotonicInstant)
        case shortPress(at: MonotonicInstant, heldFor: UInt64)
        case longPress(at: MonotonicInstant)
        case released(at: MonotonicInstant, heldFor: UInt64)
        /// Call `tick(at:)` at this instant (when a held press becomes long).
        case wake(at: MonotonicInstant)
    }

    public mutating func levelChanged(to active: Bool, at instant: MonotonicInstant) -> [Action] {
        if active {
            guard pressedAt == nil else { return [] }
            pressedAt = instant
            reportedLong = false
            return [.pressed(at: instant), .wake(at: instant + longPress)]
        }
        guard let start = pressedAt else { return [] }
        pressedAt = nil
        let held = instant >= start ? instant - start : 0
        var actions: [Action] = []
        if !reportedLong {
            actions.append(held >= longPress ? .longPress(at: start + longPress) : .shortPress(at: instant, heldFor: held))
        }
        actions.append(.released(at: instant, heldFor: held))
        return actions
    }

    public mutating func tick(at now: MonotonicInstant) -> [Action] {
        guard let start = pressedAt, !reportedLong, now >= start + longPress else { return [] }
        reportedLong = true
        return [.longPress(at: start + longPress)]
    }

    /// When a held press will turn long, if one is held.
    public var pendingDeadline: MonotonicInstant? {
        guard let start = pressedAt, !reportedLong else { return nil }
        return start + longPress
    }
}
