/// A line the processor watches.
public enum InputLine: Sendable, Hashable {
    case button(ButtonRole)
    case occupancy

    public var eventRole: String {
        switch self {
        case .button(let role): role.eventName
        case .occupancy: "pir"
        }
    }
}

/// What a panel's inputs report after debounce and role mapping.
public struct InputEvent: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case pressed, shortPress = "short-press", longPress = "long-press", released
        case occupied, vacant
        case badge, badgeDiscarded = "badge-discarded"
    }

    /// `checkin-button`, `end-button`, `extend-button`, `clean-button`, `pir` or `badge-reader`.
    public var role: String
    public var kind: Kind
    public var at: MonotonicInstant
    public var heldMilliseconds: Int?
    public var badge: String?

    public init(role: String, kind: Kind, at: MonotonicInstant, heldMilliseconds: Int? = nil, badge: String? = nil) {
        self.role = role
        self.kind = kind
        self.at = at
        self.heldMilliseconds = heldMilliseconds
        self.badge = badge
    }

    public var description: String { "\(role) \(kind.rawValue) @\(at)" }
}

/// Everything the board's inputs produce, turned into `InputEvent`s: edges are debounced, buttons
/// classified into short and long presses, the PIR sensor held into occupied/vacant, badge keys
/// decoded. Pure: the caller feeds it kernel-timestamped edges and keys, and calls `advance(to:)`
/// when `nextDeadline` comes (the event loop's poll timeout), so nothing ever polls.
public struct InputProcessor: Sendable {
    private var debouncers: [InputLine: Debouncer] = [:]
    private var classifiers: [ButtonRole: PressClassifier] = [:]
    private var occupancy: OccupancyTracker?
    private var badgeDecoder: BadgeKeyDecoder?

    /// `initialLevels`: each line's logical level (true: active) when it was requested.
    public init(board: BoardConfig, initialLevels: [InputLine: Bool] = [:]) {
        for (role, button) in board.buttons {
            debouncers[.button(role)] = Debouncer(window: .milliseconds(button.debounceMilliseconds),
                                                  initialLevel: initialLevels[.button(role)] ?? false)
            classifiers[role] = PressClassifier(longPress: .milliseconds(button.longPressMilliseconds))
        }
        if let sensor = board.occupancy {
            debouncers[.occupancy] = Debouncer(window: .milliseconds(sensor.debounceMilliseconds),
                                               initialLevel: initialLevels[.occupancy] ?? false)
            occupancy = OccupancyTracker(hold: UInt64(sensor.holdSeconds) * 1_000_000_000)
        }
        if let reader = board.badgeReader {
            badgeDecoder = BadgeKeyDecoder(timeout: .milliseconds(reader.timeoutMilliseconds))
        }
    }

    /// The current debounced level of a line.
    public func level(of line: InputLine) -> Bool? { debouncers[line]?.level }

    /// Whether the room counts as occupied now.
    public var isOccupied: Bool { occupancy?.occupied ?? false }

    /// The earliest instant at which `advance(to:)` has something to decide.
    public var nextDeadline: MonotonicInstant? {
        let deadlines = debouncers.values.compactMap(\.pendingDeadline) + classifiers.values.compactMap(\.pendingDeadline)
            + [occupancy?.pendingDeadline].compactMap { $0 }
        return deadlines.min()
    }

    /// A raw edge on a line, already converted to its logical level (active-low applied).
    public mutating func edge(_ line: InputLine, active: Bool, at instant: MonotonicInstant) -> [InputEvent] {
        var events = advance(to: instant)
        _ = debouncers[line]?.edge(to: active, at: instant)
        events += advance(to: instant)
        return events
    }

    /// A key event from the badge reader.
    public mutating func key(code: UInt16, value: Int32, at instant: MonotonicInstant) -> [InputEvent] {
        var events = advance(to: instant)
        for action in badgeDecoder?.key(code: code, value: value, at: instant) ?? [] {
            switch action {
            case .badge(let number, let at): events.append(InputEvent(role: "badge-reader", kind: .badge, at: at, badge: number))
            case .discarded(let partial, let at): events.append(InputEvent(role: "badge-reader", kind: .badgeDiscarded, at: at, badge: partial))
            }
        }
        return events
    }

    /// Lets time run to `now`: settles debounced levels and fires holds and long presses, in
    /// time order.
    public mutating func advance(to now: MonotonicInstant) -> [InputEvent] {
        var events: [InputEvent] = []
        while let deadline = nextDeadline, deadline <= now {
            for line in debouncers.keys.sorted(by: { $0.eventRole < $1.eventRole }) {
                guard let pending = debouncers[line]?.pendingDeadline, pending <= deadline else { continue }
                for case .changed(let active, let at) in debouncers[line]!.settle(at: deadline) {
                    events += levelChanged(line, active: active, at: at)
                }
            }
            for role in classifiers.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                guard let pending = classifiers[role]?.pendingDeadline, pending <= deadline else { continue }
                events += pressEvents(role, classifiers[role]!.tick(at: deadline))
            }
            if let pending = occupancy?.pendingDeadline, pending <= deadline {
                events += occupancyEvents(occupancy!.tick(at: deadline))
            }
        }
        return events
    }

    private mutating func levelChanged(_ line: InputLine, active: Bool, at instant: MonotonicInstant) -> [InputEvent] {
        switch line {
        case .button(let role):
            return pressEvents(role, classifiers[role]?.levelChanged(to: active, at: instant) ?? [])
        case .occupancy:
            return occupancyEvents(occupancy?.motionChanged(to: active, at: instant) ?? [])
        }
    }

    private func pressEvents(_ role: ButtonRole, _ actions: [PressClassifier.Action]) -> [InputEvent] {
        actions.compactMap { action in
            switch action {
            case .pressed(let at): InputEvent(role: role.eventName, kind: .pressed, at: at)
            case .shortPress(let at, let held): InputEvent(role: role.eventName, kind: .shortPress, at: at, heldMilliseconds: Int(held / 1_000_000))
            case .longPress(let at): InputEvent(role: role.eventName, kind: .longPress, at: at)
            case .released(let at, let held): InputEvent(role: role.eventName, kind: .released, at: at, heldMilliseconds: Int(held / 1_000_000))
            case .wake: nil
            }
        }
    }

    private func occupancyEvents(_ actions: [OccupancyTracker.Action]) -> [InputEvent] {
        actions.compactMap { action in
            switch action {
            case .occupied(let at): InputEvent(role: "pir", kind: .occupied, at: at)
            case .vacant(let at): InputEvent(role: "pir", kind: .vacant, at: at)
            case .wake: nil
            }
        }
    }
}
