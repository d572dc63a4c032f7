public import Foundation

/// "Limit in advance booking period": how many days ahead a booking may start.
///
/// The window counts `days` calendar days starting with today (today is day 1), so with 2 days on a
/// Monday the user may book Monday and Tuesday. With a start time, the window's last day only opens
/// at that local time on the day it becomes the last day: with 2 days and 10:00, Wednesday becomes
/// bookable on Tuesday at 10:00 (before that, the window is the one yesterday ended with). With
/// "skip weekends" (only for 1 or 2 days) Saturdays and Sundays are not counted, so on a Friday with
/// 2 days the window runs to Monday. A day that has become bookable stays bookable until it is
/// today or past: the window's end never moves back.
public struct AdvanceWindow: Sendable, Hashable, Codable {
    public var days: Int
    public var startTime: LocalTime?
    public var skipWeekends: Bool

    public init(days: Int, startTime: LocalTime? = nil, skipWeekends: Bool = false) {
        self.days = days
        self.startTime = startTime
        self.skipWeekends = skipWeekends
    }

    /// The last local date on which a booking may start, seen at `now` on the location's clock.
    public func lastBookableDate(at now: Date, on clock: LocationClock) -> LocalDate {
        let today = clock.date(of: now)
        var last = date(countingForward: days, from: today)
        if let startTime, clock.minutesIntoDay(of: now) < startTime.minutes {
            // Today's new last day is not open yet: the window is still the one yesterday ended with.
            last = min(last, date(countingForward: days, from: today.adding(days: -1)))
        }
        return max(last, today)
    }

    /// Whether a booking starting at `start` lies inside the window seen at `now`.
    public func allows(start: Date, at now: Date, on clock: LocationClock) -> Bool {
        clock.date(of: start) <= lastBookableDate(at: now, on: clock)
    }

    /// The date reached after counting `count` days, today being the first; weekend days are
    /// passed over uncounted when skipping weekends.
    private func date(countingForward count: Int, from today: LocalDate) -> LocalDate {
        guard count > 0 else { return today }
        var date = today
        var counted = (skipWeekends && today.weekday.isWeekend) ? 0 : 1
        while counted < count {
            date = date.adding(days: 1)
            if !(skipWeekends && date.weekday.isWeekend) { counted += 1 }
        }
        return date
    }

    /// "Skip weekends" may only be chosen with 1 or 2 days.
    public var isValid: Bool { days >= 1 && (!skipWeekends || days <= 2) }

    enum CodingKeys: String, CodingKey, CaseIterable { case days, startTime, skipWeekends }
}

extension AdvanceWindow {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        days = try c.decode(Int.self, forKey: .days)
        startTime = try c.decodeIfPresent(LocalTime.self, forKey: .startTime)
        skipWeekends = try c.decodeIfPresent(Bool.self, forKey: .skipWeekends) ?? false
        guard days >= 1 else { throw DecodingError.dataCorruptedError(forKey: .days, in: c, debugDescription: "must be at least 1, got \(days)") }
        guard !skipWeekends || days <= 2 else {
            throw DecodingError.dataCorruptedError(forKey: .days, in: c, debugDescription: "skipWeekends needs days of 1 or 2, got \(days)")
        }
    }
}
