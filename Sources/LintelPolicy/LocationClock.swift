public import Foundation

/// Converts between instants (UTC) and a location's wall clock, DST-correct, through the IANA zone.
public struct LocationClock: Sendable {
    public let zone: TimeZone
    private let calendar: Calendar

    public init(zone: TimeZone) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// The local date on which an instant falls.
    public func date(of instant: Date) -> LocalDate {
        let local = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
        return LocalDate(dayNumber: Int((local / 86_400).rounded(.down)))
    }

    /// Minutes after local midnight of the instant's local date (wall-clock reading).
    public func minutesIntoDay(of instant: Date) -> Int {
        let local = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
        let secondsIntoDay = local - (local / 86_400).rounded(.down) * 86_400
        return Int(secondsIntoDay / 60)
    }

    /// The instant a wall-clock time occurs on a date. In a spring-forward gap the time is taken as
    /// the first instant after the gap; on a fall-back day the first of the two readings is used.
    /// `24:00` is the next day's midnight.
    public func instant(on date: LocalDate, at time: LocalTime) -> Date {
        let wall = Double(date.dayNumber) * 86_400 + Double(time.minutes) * 60
        // The offsets in force a day either side of the wall time cover any one DST transition.
        let offsetBefore = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - 86_400)))
        let offsetAfter = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + 86_400)))
        let earlier = Date(timeIntervalSince1970: wall - max(offsetBefore, offsetAfter))
        let later = Date(timeIntervalSince1970: wall - min(offsetBefore, offsetAfter))
        if readsBack(earlier, wall: wall) { return earlier }
        if readsBack(later, wall: wall) { return later }
        // A spring-forward gap: the wall time never shows; the first instant after the gap is the transition.
        return zone.nextDaylightSavingTimeTransition(after: earlier) ?? later
    }

    private func readsBack(_ instant: Date, wall: Double) -> Bool {
        instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant)) == wall
    }
}
