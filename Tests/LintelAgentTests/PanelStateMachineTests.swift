import Foundation
import LintelAgent
import LintelDisplay
import LintelInput
import LintelPolicy
import LintelTestKit
import Testing

private func at(_ time: String) -> Date { Fixture.instant("2026-11-23T\(time):00+01:00") }

/// Bookings on room-1 on Monday: 10:00–11:00 (u-1) and 11:20–12:00 (u-2).
private let meeting = Fixture.booking("bk-10", from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00")
private let nextMeeting = Fixture.booking("bk-1120", owner: "u-2", from: "2026-11-23T11:20:00+01:00", to: "2026-11-23T12:00:00+01:00")

/// A trusted clock from 08:00 on.
private func trustedClock() -> ClockTrust {
    var trust = ClockTrust()
    _ = trust.observe(wall: at("08:00"), monotonic: 0, synchronised: true)
    return trust
}

private func machine(_ bookings: [Booking] = [meeting, nextMeeting], settings: PanelSettings = PanelSettings(), followsSensor: Bool = false) -> PanelStateMachine {
    var m = PanelStateMachine(facts: SpaceFacts(spaceId: "room-1", bookable: !followsSensor), settings: settings, clock: trustedClock())
    _ = m.handle(.bookings(bookings))
    return m
}

struct Step: Sendable, CustomTestStringConvertible {
    let rule: String
    let inputs: [PanelInput]
    let expected: [PanelEffect]
    var bookings: [Booking] = [meeting, nextMeeting]
    var settings = PanelSettings()
    var followsSensor = false
    var facts: SpaceFacts?
    var testDescription: String { rule }
}

@Suite("Panel state machine")
struct PanelStateMachineTests {
    @Test("Inputs become policy requests", arguments: [
        Step(rule: "Check-in press while a booking is due: check it in (walk-up)",
             inputs: [.press(.checkIn, long: false, at: at("09:55"))],
             expected: [.request(DecisionRequest(actor: .anonymous, action: .checkIn, spaceId: "room-1", bookingId: "bk-10"))]),
        Step(rule: "A badge shown just before the press acts as that person; on a room with nothing due the badge alone asks nothing",
             inputs: [.badge("04B7E1D0", at: at("09:40")), .press(.checkIn, long: false, at: at("09:40"))],
             expected: [.request(DecisionRequest(actor: .badge("04B7E1D0"), action: .book, spaceId: "room-1", start: at("09:40"), end: at("10:00")))]),
        Step(rule: "A badge at a hygienic desk with nothing due asks to mark it clean",
             inputs: [.badge("04E1C1EA", at: at("09:40"))],
             expected: [.request(DecisionRequest(actor: .badge("04E1C1EA"), action: .markClean, spaceId: "desk-1"))],
             bookings: [], facts: SpaceFacts(spaceId: "desk-1", kind: .desk, hygienicDesk: true)),
        Step(rule: "A badge shown 15 s before the press no longer counts",
             inputs: [.badge("04B7E1D0", at: Fixture.instant("2026-11-23T09:55:00+01:00")),
                      .press(.checkIn, long: false, at: Fixture.instant("2026-11-23T09:55:15+01:00"))],
             expected: [.request(DecisionRequest(actor: .badge("04B7E1D0"), action: .checkIn, spaceId: "room-1", bookingId: "bk-10")),
                        .request(DecisionRequest(actor: .anonymous, action: .checkIn, spaceId: "room-1", bookingId: "bk-10"))]),
        Step(rule: "Check-in press on a free room: book now for 30 minutes",
             inputs: [.press(.checkIn, long: false, at: at("08:30"))],
             expected: [.request(DecisionRequest(actor: .anonymous, action: .book, spaceId: "room-1", start: at("08:30"), end: at("09:00")))]),
        Step(rule: "Book now is cut short by the next booking",
             inputs: [.press(.checkIn, long: false, at: at("09:45"))],
             expected: [.request(DecisionRequest(actor: .anonymous, action: .book, spaceId: "room-1", start: at("09:45"), end: at("10:00")))]),
        Step(rule: "End press during a meeting ends it",
             inputs: [.press(.end, long: false, at: at("10:30"))],
             expected: [.request(DecisionRequest(actor: .anonymous, action: .end, spaceId: "room-1", bookingId: "bk-10"))]),
        Step(rule: "End press with nothing in progress does nothing", inputs: [.press(.end, long: false, at: at("11:10"))], expected: []),
        Step(rule: "Extend adds 15 minutes, cut at the next booking",
             inputs: [.press(.extend, long: false, at: at("10:50"))],
             expected: [.request(DecisionRequest(actor: .anonymous, action: .extend, spaceId: "room-1", bookingId: "bk-10", end: at("11:15")))]),
        Step(rule: "Extend with the next booking right after: nothing to give",
             inputs: [.press(.extend, long: false, at: at("10:50"))],
             expected: [.explain(.spaceAlreadyBooked)],
             bookings: [meeting, Fixture.booking("bk-11", owner: "u-2", from: "2026-11-23T11:00:00+01:00", to: "2026-11-23T12:00:00+01:00")]),
        Step(rule: "A badge alone while a booking is due checks it in",
             inputs: [.badge("04B7E1D0", at: at("10:02"))],
             expected: [.request(DecisionRequest(actor: .badge("04B7E1D0"), action: .checkIn, spaceId: "room-1", bookingId: "bk-10"))]),
        Step(rule: "Presence checks a due booking in when auto check-in is on",
             inputs: [.presence(true, at: at("10:01"))],
             expected: [.request(DecisionRequest(actor: .anonymous, action: .checkIn, spaceId: "room-1", bookingId: "bk-10"))],
             settings: PanelSettings(autoCheckInOnPresence: true)),
        Step(rule: "A panel set to badge holders only refuses a press without a badge, on the panel",
             inputs: [.press(.checkIn, long: false, at: at("09:55"))], expected: [.explain(.badgeRequired)],
             settings: PanelSettings(badgeRequired: true)),
        Step(rule: "A panel set to badge holders only takes a press right after a badge",
             inputs: [.badge("04B7E1D0", at: at("08:30")), .press(.checkIn, long: false, at: at("08:30"))],
             expected: [.request(DecisionRequest(actor: .badge("04B7E1D0"), action: .book, spaceId: "room-1", start: at("08:30"), end: at("09:00")))],
             settings: PanelSettings(badgeRequired: true)),
        Step(rule: "A panel set to badge holders only does not check in on presence",
             inputs: [.presence(true, at: at("10:01"))], expected: [],
             settings: PanelSettings(autoCheckInOnPresence: true, badgeRequired: true)),
        Step(rule: "Presence does nothing when auto check-in is off", inputs: [.presence(true, at: at("10:01"))], expected: []),
        Step(rule: "A no-show is released by the system once its window has closed",
             inputs: [.tick(at: at("10:09")), .tick(at: at("10:10")), .tick(at: at("10:11"))],
             expected: [.request(DecisionRequest(actor: .system, action: .autoRelease, spaceId: "room-1", bookingId: "bk-10"))]),
        Step(rule: "A checked-in booking is never released",
             inputs: [.tick(at: at("10:30"))], expected: [],
             bookings: [with(meeting) { $0.checkIn = .checkedIn }]),
        Step(rule: "A checked-in room empty for 15 minutes is ended by the system, once",
             inputs: [.presence(false, at: at("10:20")), .tick(at: at("10:34")), .tick(at: at("10:35")), .tick(at: at("10:36"))],
             expected: [.request(DecisionRequest(actor: .system, action: .end, spaceId: "room-1", bookingId: "bk-10"))],
             bookings: [with(meeting) { $0.checkIn = .checkedIn }], settings: PanelSettings(releaseWhenEmptyMinutes: 15)),
        Step(rule: "Someone coming back before the grace ends keeps the room",
             inputs: [.presence(false, at: at("10:20")), .presence(true, at: at("10:30")), .tick(at: at("10:36"))], expected: [],
             bookings: [with(meeting) { $0.checkIn = .checkedIn }], settings: PanelSettings(releaseWhenEmptyMinutes: 15)),
        Step(rule: "An empty room is not ended when the setting is off",
             inputs: [.presence(false, at: at("10:20")), .tick(at: at("10:50"))], expected: [],
             bookings: [with(meeting) { $0.checkIn = .checkedIn }]),
        Step(rule: "A space that cannot be booked asks the policy nothing when its sensor changes (it only shows what the sensor sees)",
             inputs: [.presence(true, at: at("10:20")), .presence(false, at: at("10:25"))], expected: [],
             bookings: [], followsSensor: true),
        Step(rule: "DST spring forward (Amsterdam, 29 March 2026): book now at 01:50 lasts 30 real minutes, to 03:20 wall time",
             inputs: [.press(.checkIn, long: false, at: Fixture.instant("2026-03-29T01:50:00+01:00"))],
             expected: [.request(DecisionRequest(actor: .anonymous, action: .book, spaceId: "room-1",
                                                 start: Fixture.instant("2026-03-29T01:50:00+01:00"), end: Fixture.instant("2026-03-29T03:20:00+02:00")))],
             bookings: []),
        Step(rule: "DST fall back (Amsterdam, 25 October 2026): a no-show at the first 02:30 is released at the first 02:40, not an hour later",
             inputs: [.tick(at: Fixture.instant("2026-10-25T02:39:00+02:00")), .tick(at: Fixture.instant("2026-10-25T02:40:00+02:00"))],
             expected: [.request(DecisionRequest(actor: .system, action: .autoRelease, spaceId: "room-1", bookingId: "bk-dst"))],
             bookings: [Fixture.booking("bk-dst", from: "2026-10-25T02:30:00+02:00", to: "2026-10-25T02:45:00+01:00")]),
    ])
    func requests(_ step: Step) {
        var trust = ClockTrust()
        _ = trust.observe(wall: Fixture.instant("2026-01-01T00:00:00Z"), monotonic: 0, synchronised: true)
        var m = PanelStateMachine(facts: step.facts ?? SpaceFacts(spaceId: "room-1", bookable: !step.followsSensor), settings: step.settings, clock: trust)
        _ = m.handle(.bookings(step.bookings))
        #expect(step.inputs.flatMap { m.handle($0) } == step.expected)
    }

    @Test("Before the clock is trusted nothing is released")
    func untrustedClock() {
        var m = PanelStateMachine(facts: SpaceFacts(spaceId: "room-1"), clock: ClockTrust())
        _ = m.handle(.bookings([meeting]))
        #expect(m.handle(.tick(at: at("10:30"))).isEmpty)
    }

    @Test("A clock step over the window does not release the booking it jumped over")
    func clockStep() {
        var trust = ClockTrust()
        _ = trust.observe(wall: at("09:50"), monotonic: 0, synchronised: true)
        _ = trust.observe(wall: at("10:40"), monotonic: 5_000_000_000, synchronised: true) // 5 s really passed
        var m = PanelStateMachine(facts: SpaceFacts(spaceId: "room-1"), clock: trust)
        _ = m.handle(.bookings([meeting]))
        #expect(m.handle(.tick(at: at("10:40"))).isEmpty)
    }

    @Test("Allowed decisions ask for nothing more; denials are explained to people, not to the system")
    func decisions() {
        var m = machine()
        let checkIn = DecisionRequest(actor: .anonymous, action: .checkIn, spaceId: "room-1", bookingId: "bk-10")
        #expect(m.handle(.decided(checkIn, .allowed, at: at("10:00"))).isEmpty)
        #expect(m.handle(.decided(checkIn, .deny(.badgeRequired), at: at("10:00"))) == [.explain(.badgeRequired)])
        let release = DecisionRequest(actor: .system, action: .autoRelease, spaceId: "room-1", bookingId: "bk-10")
        #expect(m.handle(.decided(release, .deny(.alreadyCheckedIn), at: at("10:10"))).isEmpty)
    }

    @Test("A badge whose check-in finds the desk unclean cleans it if it may; if not, the panel says it needs cleaning")
    func cleanBeforeCheckIn() {
        var m = machine()
        let checkIn = DecisionRequest(actor: .badge("04E1C1EA"), action: .checkIn, spaceId: "room-1", bookingId: "bk-10")
        let clean = DecisionRequest(actor: .badge("04E1C1EA"), action: .markClean, spaceId: "room-1")
        #expect(m.handle(.decided(checkIn, .deny(.deskNeedsCleaning), at: at("09:55"))) == [.request(clean)])
        #expect(m.handle(.decided(clean, .allowed, at: at("09:55"))).isEmpty)
        #expect(m.handle(.decided(checkIn, .deny(.deskNeedsCleaning), at: at("09:56"))) == [.request(clean)])
        #expect(m.handle(.decided(clean, .deny(.cleanLevelInsufficient), at: at("09:56"))) == [.explain(.deskNeedsCleaning)])
        let walkUp = DecisionRequest(actor: .anonymous, action: .checkIn, spaceId: "room-1", bookingId: "bk-10")
        #expect(m.handle(.decided(walkUp, .deny(.deskNeedsCleaning), at: at("09:57"))) == [.explain(.deskNeedsCleaning)])
    }

    @Test("The next deadline is the soonest window edge, start or end after now", arguments: [
        ("08:00", "09:50"), ("09:50", "10:00"), ("10:00", "10:10"), ("10:10", "11:00"), ("11:00", "11:10"), ("11:30", "12:00"),
    ])
    func nextDeadline(_ now: String, _ expected: String) {
        #expect(machine().nextDeadline(after: at(now)) == at(expected))
    }

    @Test("After the last booking ends there is no deadline")
    func noDeadline() {
        #expect(machine().nextDeadline(after: at("12:00")) == nil)
    }

    @Test("A failed system release may be asked again on a later tick")
    func retryAfterDenial() {
        var m = machine([meeting])
        let release = DecisionRequest(actor: .system, action: .autoRelease, spaceId: "room-1", bookingId: "bk-10")
        #expect(m.handle(.tick(at: at("10:10"))) == [.request(release)])
        _ = m.handle(.decided(release, .deny(.releaseTooEarly), at: at("10:10")))
        #expect(m.handle(.tick(at: at("10:11"))) == [.request(release)])
    }

    @Test("The status LED for each state", arguments: [
        (PanelStatus.free(until: nil), LedPattern.steady(.green)),
        (.inUse(AgendaItem(start: LocalTime(hour: 10), end: LocalTime(hour: 11))), .steady(.red)),
        (.checkInDue(AgendaItem(start: LocalTime(hour: 10), end: LocalTime(hour: 11)), secondsLeft: 60), .blink(.amber, onMilliseconds: 500, offMilliseconds: 500)),
        (.needsCleaning, .blink(.amber, onMilliseconds: 1500, offMilliseconds: 500)),
    ])
    func lights(_ status: PanelStatus, _ pattern: LedPattern) {
        #expect(StatusLights.pattern(for: status) == pattern)
    }
}

private func with(_ booking: Booking, _ change: (inout Booking) -> Void) -> Booking {
    var copy = booking
    change(&copy)
    return copy
}
