public import LintelPolicy

/// Burn-in and energy care at night: between `from` and `to` (local wall-clock times; the span may
/// cross midnight) the panel is dimmed to `level` percent, or blanked. Outside it, full brightness.
public struct NightSchedule: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case dim(percent: Int)
        case blank
    }

    public var from: LocalTime
    public var to: LocalTime
    public var action: Action
    /// Days on which the night rule applies all day long (e.g. the weekend when the office is shut).
    public var wholeDays: Set<Weekday>

    public init(from: LocalTime, to: LocalTime, action: Action, wholeDays: Set<Weekday> = []) {
        self.from = from
        self.to = to
        self.action = action
        self.wholeDays = wholeDays
    }

    /// What the display should do at a local time on a local date: nil for full brightness.
    public func action(on date: LocalDate, at time: LocalTime) -> Action? {
        if wholeDays.contains(date.weekday) { return action }
        let inside = from <= to ? (from <= time && time < to) : (time >= from || time < to)
        return inside ? action : nil
    }

    /// The backlight percentage for an action (0 when blanked, 100 by day).
    public static func brightness(for action: Action?) -> Int {
        switch action {
        case nil: 100
        case .dim(let percent)?: max(1, min(100, percent))
        case .blank?: 0
        }
    }
}
