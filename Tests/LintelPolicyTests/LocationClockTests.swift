import Foundation
import LintelPolicy
import LintelTestKit
import Testing

@Suite("Location clock: wall time ↔ instants, DST-correct")
struct LocationClockTests {
    static let amsterdam = Fixture.amsterdam.clock!
    static let newYork = Fixture.newYork.clock!

    struct WallTime: Sendable, CustomTestStringConvertible {
        let zone: String
        let date: LocalDate
        let time: LocalTime
        let utc: String
        var testDescription: String { "\(zone) \(date) \(time) = \(utc)" }
    }

    @Test("A wall time on a DST day maps to the right instant", arguments: [
        WallTime(zone: "Europe/Amsterdam", date: LocalDate(year: 2026, month: 3, day: 29), time: LocalTime(hour: 1), utc: "2026-03-29T00:00:00Z"),
        WallTime(zone: "Europe/Amsterdam", date: LocalDate(year: 2026, month: 3, day: 29), time: LocalTime(hour: 12), utc: "2026-03-29T10:00:00Z"),
        // 02:30 does not exist on the spring-forward day: the first instant after the gap.
        WallTime(zone: "Europe/Amsterdam", date: LocalDate(year: 2026, month: 3, day: 29), time: LocalTime(hour: 2, minute: 30), utc: "2026-03-29T01:00:00Z"),
        // 02:30 happens twice on the fall-back day: the first one.
        WallTime(zone: "Europe/Amsterdam", date: LocalDate(year: 2026, month: 10, day: 25), time: LocalTime(hour: 2, minute: 30), utc: "2026-10-25T00:30:00Z"),
        WallTime(zone: "Europe/Amsterdam", date: LocalDate(year: 2026, month: 10, day: 25), time: LocalTime(hour: 12), utc: "2026-10-25T11:00:00Z"),
        WallTime(zone: "Europe/Amsterdam", date: LocalDate(year: 2026, month: 10, day: 25), time: LocalTime(hour: 24), utc: "2026-10-25T23:00:00Z"),
        WallTime(zone: "America/New_York", date: LocalDate(year: 2026, month: 3, day: 8), time: LocalTime(hour: 9), utc: "2026-03-08T13:00:00Z"),
        WallTime(zone: "America/New_York", date: LocalDate(year: 2026, month: 11, day: 1), time: LocalTime(hour: 1, minute: 30), utc: "2026-11-01T05:30:00Z"),
        WallTime(zone: "America/New_York", date: LocalDate(year: 2026, month: 11, day: 1), time: LocalTime(hour: 9), utc: "2026-11-01T14:00:00Z"),
    ])
    func wallTimeToInstant(_ row: WallTime) {
        let clock = LocationClock(zone: TimeZone(identifier: row.zone)!)
        #expect(clock.instant(on: row.date, at: row.time) == Fixture.instant(row.utc))
    }

    @Test("An instant falls on the location's local date", arguments: [
        ("2026-11-23T23:30:00Z", "Europe/Amsterdam", "2026-11-24", Weekday.tue),
        ("2026-11-23T23:30:00Z", "America/New_York", "2026-11-23", Weekday.mon),
        ("2026-03-28T23:30:00Z", "Europe/Amsterdam", "2026-03-29", Weekday.sun),
        ("2026-10-24T22:30:00Z", "Europe/Amsterdam", "2026-10-25", Weekday.sun),
    ])
    func localDate(_ instant: String, _ zone: String, _ expected: String, _ weekday: Weekday) {
        let clock = LocationClock(zone: TimeZone(identifier: zone)!)
        let date = clock.date(of: Fixture.instant(instant))
        #expect(date.description == expected)
        #expect(date.weekday == weekday)
    }

    @Test("Local dates count days across month, year and leap-day boundaries", arguments: [
        (LocalDate(year: 2026, month: 11, day: 23), 7, "2026-11-30"),
        (LocalDate(year: 2026, month: 12, day: 30), 3, "2027-01-02"),
        (LocalDate(year: 2028, month: 2, day: 28), 1, "2028-02-29"),
        (LocalDate(year: 1970, month: 1, day: 1), -1, "1969-12-31"),
    ])
    func dayArithmetic(_ date: LocalDate, _ days: Int, _ expected: String) {
        #expect(date.adding(days: days).description == expected)
        #expect(LocalDate(dayNumber: date.dayNumber) == date)
    }

    @Test("Local times parse as HH:mm and nothing else", arguments: [
        ("10:00", 600), ("00:00", 0), ("24:00", 1440), ("7:00", nil), ("24:01", nil), ("10:60", nil), ("ten", nil),
    ] as [(String, Int?)])
    func localTimeParsing(_ text: String, _ minutes: Int?) {
        #expect(LocalTime(parsing: text)?.minutes == minutes)
    }
}
