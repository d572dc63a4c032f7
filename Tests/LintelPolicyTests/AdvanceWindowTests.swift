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

    struct Setting: Sendable, CustomTestStringConvertible {
        let window: AdvanceWindow
        let from: String
        var testDescription: String {
            "\(window.days) day(s), start time \(window.startTime.map { "\($0.hour):00" } ?? "none"), skip weekends \(window.skipWeekends ? "on" : "off"), two weeks from \(from)"
        }
    }

    static let settings: [Setting] = ["2026-03-21T00:00:00+01:00", "2026-10-17T00:00:00+02:00"].flatMap { from in
        [1, 2].flatMap { days in
            [nil, LocalTime(hour: 10)].flatMap { start in
                [false, true].map { Setting(window: AdvanceWindow(days: days, startTime: start, skipWeekends: $0), from: from) }
            }
        }
    }

    @Test("A day once bookable stays bookable until it is today or past: for every day, the instants it is bookable from are one interval ending with that day (every hour and every start-time minute over two weeks, both DST switches)",
          arguments: settings)
    func neverFlipsBack(_ setting: Setting) {
        let clock = Fixture.amsterdam.clock!
        let begin = Fixture.instant(setting.from)
        var instants = (0..<(14 * 24)).map { begin.addingTimeInterval(Double($0) * 3600) }
        // Around the start time too: a minute before, at it, a minute after, each day.
        for hours in stride(from: 0, to: 14 * 24, by: 1) {
            let t = begin.addingTimeInterval(Double(hours) * 3600)
            if clock.minutesIntoDay(of: t) == 9 * 60 { instants += [59, 60, 61].map { t.addingTimeInterval(Double($0) * 60) } }
        }
        instants.sort()
        var lastSeen: LocalDate?
        for now in instants {
            let last = setting.window.lastBookableDate(at: now, on: clock)
            if let lastSeen { #expect(last >= lastSeen, "at \(now) the window ends \(last), earlier it ended \(lastSeen)") }
            #expect(last >= clock.date(of: now))
            lastSeen = last
        }
    }

    @Test("Reported flip, skip weekends, start time 10:00, 2 days: Tuesday is bookable from Saturday 11:00 on and stays so")
    func reportedFlip() {
        let window = AdvanceWindow(days: 2, startTime: LocalTime(hour: 10), skipWeekends: true)
        let clock = Fixture.amsterdam.clock!
        let tuesday = clock.date(of: Fixture.instant("2026-11-24T12:00:00+01:00"))
        for now in ["2026-11-21T11:00:00+01:00", "2026-11-22T09:00:00+01:00", "2026-11-22T11:00:00+01:00", "2026-11-23T09:00:00+01:00",
                    "2026-11-23T10:00:00+01:00"] {
            #expect(window.lastBookableDate(at: Fixture.instant(now), on: clock) >= tuesday, "at \(now)")
        }
    }
}
