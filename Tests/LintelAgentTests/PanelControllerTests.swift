import Foundation
import LintelAgent
import LintelDisplay
import LintelInput
import LintelPolicy
import LintelStore
import LintelTestKit
import Testing

private func at(_ time: String) -> Date { Fixture.instant("2026-11-23T\(time):00+01:00") }
private func moment(_ time: String) -> PanelMoment {
    PanelMoment(now: at(time), monotonic: UInt64(at(time).timeIntervalSince1970 * 1e9), synchronised: true)
}

private let place = Fixture.place()
private let meeting = Fixture.booking("bk-10", from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00")
private func day(_ bookings: [Booking] = [meeting]) -> PanelDay {
    PanelDay(place: place, bookings: bookings, hygiene: nil, organiserNames: [:])
}
private let checkIn = DecisionRequest(actor: .anonymous, action: .checkIn, spaceId: "room-1", bookingId: "bk-10")

/// The command kinds in order, the part of the contract the performer relies on.
private func kinds(_ commands: [PanelCommand]) -> [String] {
    commands.map {
        switch $0 {
        case .loadDay: "loadDay"
        case .decide(let request): "decide \(request.action.rawValue)"
        case .record(let observation, let value): "record \(observation.rawValue) \(value)"
        case .lights: "lights"
        case .backlight(let percent): "backlight \(percent)"
        case .show: "show"
        case .blank: "blank"
        }
    }
}

private func controller(night: NightSchedule? = nil, hasBacklight: Bool = false) -> PanelController {
    PanelController(spaceId: "room-1", settings: PanelSettings(), night: night, hasBacklight: hasBacklight)
}

@Suite("Panel controller: every effect a command")
struct PanelControllerTests {
    @Test("The first input reads the day before it is handled; time ticks read it again; a watchdog or a display check changes nothing")
    func readsTheDayFirst() {
        var c = controller()
        #expect(kinds(c.handle(.event(.press(.checkIn, long: false)), at: moment("09:55"))) == ["loadDay"])
        #expect(kinds(c.handle(.day(day()), at: moment("09:55"))) == ["decide checkin"])
        #expect(kinds(c.handle(.event(.tick), at: moment("09:56"))) == ["loadDay"])
        #expect(c.handle(.event(.watchdog), at: moment("09:56")).isEmpty)
        #expect(c.handle(.event(.displayCheck), at: moment("09:56")).isEmpty)
    }

    @Test("Nothing is shown until the decision is answered; then the lights and the picture, and what it shows goes to the outbox last")
    func presentsAfterTheAnswer() {
        var c = controller()
        _ = c.handle(.day(day()), at: moment("09:55"))
        #expect(kinds(c.handle(.event(.press(.checkIn, long: false)), at: moment("09:56"))) == ["decide checkin"])
        var checkedIn = meeting
        checkedIn.checkIn = .checkedIn
        let answer = AppliedDecision(request: checkIn, decision: .allowed, bookingId: "bk-10", seq: 3, day: day([checkedIn]), outboxDepth: 3)
        let commands = c.handle(.applied(answer), at: moment("09:56"))
        #expect(kinds(commands) == ["lights", "show", "record status in-use"])
        #expect(commands.first == PanelCommand.lights(LedPattern.steady(.red)))
        #expect(c.statusName == "in-use")
    }

    @Test("A refusal is shown with its reason for five seconds, then the panel wakes to take it away")
    func refusalNotice() throws {
        var c = controller()
        _ = c.handle(.day(day()), at: moment("09:55"))
        _ = c.handle(.event(.press(.checkIn, long: false)), at: moment("09:56"))
        let refused = AppliedDecision(request: checkIn, decision: .deny(.badgeRequired), bookingId: "bk-10", seq: 3, day: day(), outboxDepth: 3)
        let shown = c.handle(.applied(refused), at: moment("09:56"))
        guard case .show(let model)? = shown.first(where: { if case .show = $0 { true } else { false } }) else {
            Issue.record("no picture: \(kinds(shown))")
            return
        }
        #expect(model.notice == DenialReason.badgeRequired.message)
        #expect(c.nextWake(after: at("09:56")) <= at("09:56").addingTimeInterval(PanelController.noticeSeconds))
    }

    @Test("Night without a backlight: one black frame, then nothing until morning; with one, the backlight is dimmed instead")
    func night() {
        let schedule = NightSchedule(from: LocalTime(hour: 22), to: LocalTime(hour: 6), action: .blank)
        var dark = controller(night: schedule)
        #expect(kinds(dark.handle(.day(day([])), at: moment("23:00"))) == ["blank"])
        #expect(dark.handle(.day(day([])), at: moment("23:01")).isEmpty)
        var dimmed = controller(night: schedule, hasBacklight: true)
        #expect(kinds(dimmed.handle(.day(day([])), at: moment("23:00"))).first == "backlight 0")
    }

    @Test("A store without the space shows the waiting screen once; a display that came back is shown the picture again")
    func missingAndReturned() {
        var c = controller()
        #expect(kinds(c.handle(.day(nil), at: moment("09:00"))) == ["show"])
        #expect(c.handle(.day(nil), at: moment("09:01")).isEmpty)
        #expect(c.statusName == "error")
        _ = c.handle(.day(day()), at: moment("09:02"))
        #expect(kinds(c.handle(.day(day()), at: moment("09:02"))).isEmpty)
        #expect(kinds(c.handle(.displayReturned, at: moment("09:02"))) == ["loadDay"])
        #expect(kinds(c.handle(.day(day()), at: moment("09:02"))) == ["show"])
    }

    @Test("A panel started without a credential shows the pairing screen from its first frame, whether or not its store holds the room", arguments: [false, true])
    func unpairedFirstFrameIsPairing(_ storeHoldsRoom: Bool) {
        var c = PanelController(spaceId: "room-1", settings: PanelSettings(), sync: SyncView(pairing: .pending))
        #expect(kinds(c.handle(.event(.tick), at: moment("09:00"))) == ["loadDay"])
        let first = c.handle(.day(storeHoldsRoom ? day() : nil), at: moment("09:00"))
        let shown = first.compactMap { command -> PanelViewModel? in if case .show(let model) = command { model } else { nil } }
        #expect(shown.map(\.screen) == [.pairing(code: SyncView.Pairing.pending.code, url: "")])
        #expect(c.statusName == "pairing")
    }
}
