import Foundation
import LintelPolicy
import LintelTestKit
import Testing

@Suite("Advance booking window")
struct AdvanceWindowTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let rule: String
        let window: AdvanceWindow
        let now: String
        let lastBookable: String
        var testDescription: String { rule }
    }

    static let seed = AdvanceWindow(days: 2, startTime: LocalTime(hour: 10))

    @Test("The last bookable day", arguments: [
        Row(rule: "Seed: today is Monday, 2 days from 10:00: Monday and Tuesday, not Wednesday", window: seed,
            now: "2026-11-23T10:30:00+01:00", lastBookable: "2026-11-24"),
        Row(rule: "Seed: on Tuesday before 10:00 Wednesday is not yet open", window: seed,
            now: "2026-11-24T09:59:59+01:00", lastBookable: "2026-11-24"),
        Row(rule: "Seed: booking for Wednesday becomes available the day before at 10:00", window: seed,
            now: "2026-11-24T10:00:00+01:00", lastBookable: "2026-11-25"),
        Row(rule: "Without a start time the last day opens at midnight", window: AdvanceWindow(days: 2),
            now: "2026-11-24T00:00:00+01:00", lastBookable: "2026-11-25"),
        Row(rule: "One day in advance is today only", window: AdvanceWindow(days: 1),
            now: "2026-11-23T12:00:00+01:00", lastBookable: "2026-11-23"),
        Row(rule: "Today is always bookable, even before the start time", window: AdvanceWindow(days: 1, startTime: LocalTime(hour: 10)),
            now: "2026-11-23T08:00:00+01:00", lastBookable: "2026-11-23"),
        Row(rule: "Skip weekends: Friday with 2 days reaches Monday", window: AdvanceWindow(days: 2, skipWeekends: true),
            now: "2026-11-27T12:00:00+01:00", lastBookable: "2026-11-30"),
        Row(rule: "Skip weekends: Friday with 1 day is Friday", window: AdvanceWindow(days: 1, skipWeekends: true),
            now: "2026-11-27T12:00:00+01:00", lastBookable: "2026-11-27"),
        Row(rule: "Skip weekends: on Saturday with 1 day, Monday is bookable", window: AdvanceWindow(days: 1, skipWeekends: true),
            now: "2026-11-28T12:00:00+01:00", lastBookable: "2026-11-30"),
        Row(rule: "Skip weekends with a start time: Friday 09:00 with 2 days is Friday only", window: AdvanceWindow(days: 2, startTime: LocalTime(hour: 10), skipWeekends: true),
            now: "2026-11-27T09:00:00+01:00", lastBookable: "2026-11-27"),
        Row(rule: "Skip weekends with a start time: Friday 10:00 with 2 days reaches Monday", window: AdvanceWindow(days: 2, startTime: LocalTime(hour: 10), skipWeekends: true),
            now: "2026-11-27T10:00:00+01:00", lastBookable: "2026-11-30"),
        Row(rule: "Without skipping, Friday with 2 days reaches Saturday", window: AdvanceWindow(days: 2),
            now: "2026-11-27T12:00:00+01:00", lastBookable: "2026-11-28"),
        Row(rule: "Spring-forward day: the start time is read on the summer clock", window: seed,
            now: "2026-03-29T08:00:00Z", lastBookable: "2026-03-30"),
        Row(rule: "Spring-forward day: 09:59 CEST is still before the start time", window: seed,
            now: "2026-03-29T07:59:00Z", lastBookable: "2026-03-29"),
        Row(rule: "Fall-back day: 10:00 CET opens the last day", window: seed,
            now: "2026-10-25T09:00:00Z", lastBookable: "2026-10-26"),
        Row(rule: "Fall-back day: 09:30 CET is before the start time", window: seed,
            now: "2026-10-25T08:30:00Z", lastBookable: "2026-10-25"),
    ])
    func lastBookableDay(_ row: Row) {
        let last = row.window.lastBookableDate(at: Fixture.instant(row.now), on: Fixture.amsterdam.clock!)
        #expect(last.description == row.lastBookable)
    }

    @Test("Skip weekends may only be chosen for 1 or 2 days", arguments: [(1, true), (2, true), (3, false)])
    func skipWeekendsOnlyForOneOrTwoDays(_ days: Int, _ valid: Bool) {
        #expect(AdvanceWindow(days: days, skipWeekends: true).isValid == valid)
        #expect(AdvanceWindow(days: days).isValid)
    }
}
