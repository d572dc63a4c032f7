import Foundation
import LintelPolicy
import LintelStore
import LintelWire
import LintelTestKit
import Testing

/// A question to the demo world, answered through the real store (the loader picks the rows).
struct DemoQuestion: Sendable, CustomTestStringConvertible {
    let name: String
    let actor: String
    let action: PanelAction
    let space: String
    var at = "2026-11-23T10:00:00+01:00"
    var start: String?
    var end: String?
    var booking: String?
    var onBehalfOf: String?
    var recurring = false
    let expected: String

    var testDescription: String { "\(name) → \(expected)" }

    var request: DecisionRequest {
        DecisionRequest(
            actor: ActorReference(parsing: actor), action: action, spaceId: space, bookingId: booking,
            start: start.map(Fixture.instant), end: end.map(Fixture.instant), onBehalfOf: onBehalfOf, recurring: recurring)
    }
}

@Suite("Decisions through the store on the demo world")
struct DemoWorldDecisionTests {
    static let questions: [DemoQuestion] = [
        DemoQuestion(name: "Bram's badge checks in his 09:00 Tulip meeting at 08:55 (booking found by the store)", actor: "badge:04B7E1D0",
                     action: .checkIn, space: "ams-r-tulip", at: "2026-11-23T08:55:00+01:00", expected: "allowed"),
        DemoQuestion(name: "Too early for the Tulip check-in at 08:40 when the booking is named", actor: "badge:04B7E1D0", action: .checkIn,
                     space: "ams-r-tulip", at: "2026-11-23T08:40:00+01:00", booking: "bk-tulip-planning", expected: "check_in_not_open"),
        DemoQuestion(name: "No booking is due on Tulip at 08:30", actor: "u-bram", action: .checkIn, space: "ams-r-tulip",
                     at: "2026-11-23T08:30:00+01:00", expected: "booking_required"),
        DemoQuestion(name: "The system releases the unchecked Tulip meeting at 09:10", actor: "system", action: .autoRelease,
                     space: "ams-r-tulip", at: "2026-11-23T09:10:00+01:00", expected: "allowed"),
        DemoQuestion(name: "A walk-up books Tulip now for 30 minutes", actor: "anonymous", action: .book, space: "ams-r-tulip",
                     end: "2026-11-23T10:30:00+01:00", expected: "allowed"),
        DemoQuestion(name: "A walk-up cannot book into Chloé's 14:00 review", actor: "anonymous", action: .book, space: "ams-r-tulip",
                     start: "2026-11-23T13:30:00+01:00", end: "2026-11-23T14:30:00+01:00", expected: "space_already_booked"),
        DemoQuestion(name: "Bram (Employee: 2 days from 10:00) cannot book Wednesday on Monday", actor: "u-bram", action: .book,
                     space: "ams-r-canal", start: "2026-11-25T10:00:00+01:00", end: "2026-11-25T11:00:00+01:00", expected: "beyond_advance_window"),
        DemoQuestion(name: "Bram can book Wednesday from Tuesday 10:00", actor: "u-bram", action: .book, space: "ams-r-canal",
                     at: "2026-11-24T10:00:00+01:00", start: "2026-11-25T10:00:00+01:00", end: "2026-11-25T11:00:00+01:00", expected: "allowed"),
        DemoQuestion(name: "Fatima is pending", actor: "u-fatima", action: .book, space: "ams-r-canal",
                     end: "2026-11-23T10:30:00+01:00", expected: "user_pending"),
        DemoQuestion(name: "Gus's badge belongs to an inactive user", actor: "badge:04060606", action: .checkIn, space: "ams-r-tulip",
                     at: "2026-11-23T08:55:00+01:00", expected: "user_inactive"),
        DemoQuestion(name: "Hana is a visitor below the booking module's level", actor: "u-hana", action: .book, space: "ams-r-canal",
                     end: "2026-11-23T10:30:00+01:00", expected: "module_not_permitted"),
        DemoQuestion(name: "An unknown badge", actor: "badge:FFFFFFFF", action: .checkIn, space: "ams-r-tulip", expected: "unknown_badge"),
        DemoQuestion(name: "Chloé holds the lab visa", actor: "u-chloe", action: .book, space: "ams-r-lab",
                     end: "2026-11-23T11:00:00+01:00", expected: "allowed"),
        DemoQuestion(name: "Nora's lab visa expired", actor: "u-nora", action: .book, space: "ams-r-lab",
                     end: "2026-11-23T11:00:00+01:00", expected: "authorisation_not_valid"),
        DemoQuestion(name: "Bram has no lab visa", actor: "u-bram", action: .book, space: "ams-r-lab",
                     end: "2026-11-23T11:00:00+01:00", expected: "authorisation_required"),
        DemoQuestion(name: "Ivan (contractor) is excluded from the finance wing", actor: "u-ivan", action: .book, space: "ams-d-212",
                     start: "2026-11-23T12:00:00+01:00", end: "2026-11-23T13:00:00+01:00", expected: "space_excluded"),
        DemoQuestion(name: "Ivan is not included in New York", actor: "u-ivan", action: .book, space: "nyc-r-liberty",
                     start: "2026-11-23T11:00:00-05:00", end: "2026-11-23T12:00:00-05:00", expected: "space_not_included"),
        DemoQuestion(name: "Ivan books a plain Amsterdam desk", actor: "u-ivan", action: .book, space: "ams-d-203",
                     start: "2026-11-23T12:00:00+01:00", end: "2026-11-23T13:00:00+01:00", expected: "allowed"),
        DemoQuestion(name: "Bram already has desk 2.01 today (no simultaneous desks)", actor: "u-bram", action: .book, space: "ams-d-203",
                     start: "2026-11-23T12:00:00+01:00", end: "2026-11-23T13:00:00+01:00", expected: "simultaneous_booking_not_allowed"),
        DemoQuestion(name: "Bram's employee role forbids recurring desks", actor: "u-bram", action: .book, space: "ams-d-202",
                     start: "2026-11-24T09:00:00+01:00", end: "2026-11-24T17:00:00+01:00", recurring: true, expected: "recurring_not_allowed"),
        DemoQuestion(name: "Lena (team lead) books a desk on behalf of Bram", actor: "u-lena", action: .book, space: "ams-d-202",
                     start: "2026-11-24T09:00:00+01:00", end: "2026-11-24T17:00:00+01:00", onBehalfOf: "u-bram", expected: "allowed"),
        DemoQuestion(name: "Chloé cannot book on behalf of Bram", actor: "u-chloe", action: .book, space: "ams-d-202",
                     start: "2026-11-24T09:00:00+01:00", end: "2026-11-24T17:00:00+01:00", onBehalfOf: "u-bram", expected: "on_behalf_not_allowed"),
        DemoQuestion(name: "A boardroom booking waits for approval", actor: "u-chloe", action: .book, space: "ams-r-board",
                     start: "2026-11-23T15:00:00+01:00", end: "2026-11-23T16:00:00+01:00", expected: "allowed_pending_approval"),
        DemoQuestion(name: "Max approves the pending boardroom booking", actor: "u-max", action: .approve, space: "ams-r-board",
                     booking: "bk-board-offsite", expected: "allowed"),
        DemoQuestion(name: "Devika (Booking Manager) has the manager level but no approval rights",
                     actor: "u-devika", action: .approve, space: "ams-r-board", booking: "bk-board-offsite", expected: "approval_not_permitted"),
        DemoQuestion(name: "Eli (cleaner) marks the walk-up's desk 2.02 clean", actor: "badge:04E1C1EA", action: .markClean, space: "ams-d-202",
                     expected: "allowed"),
        DemoQuestion(name: "Bram may not clean desk 2.03 that Chloé used", actor: "u-bram", action: .markClean, space: "ams-d-203",
                     expected: "clean_level_insufficient"),
        DemoQuestion(name: "Chloé cleans her own desk 2.03", actor: "u-chloe", action: .markClean, space: "ams-d-203", expected: "allowed"),
        DemoQuestion(name: "Desk 2.01 is clean", actor: "u-eli", action: .markClean, space: "ams-d-201", expected: "already_clean"),
        DemoQuestion(name: "Kai's desk 2.11 needs cleaning before check-in", actor: "u-kai", action: .checkIn, space: "ams-d-211",
                     at: "2026-11-23T09:05:00+01:00", expected: "desk_needs_cleaning"),
        DemoQuestion(name: "New York panels need a badge", actor: "anonymous", action: .checkIn, space: "nyc-r-liberty",
                     at: "2026-11-23T09:00:00-05:00", expected: "badge_required"),
        DemoQuestion(name: "Jo checks in her New York call at 08:56 EST (opens 5 minutes before)", actor: "badge:04222222", action: .checkIn,
                     space: "nyc-r-liberty", at: "2026-11-23T08:56:00-05:00", expected: "allowed"),
        DemoQuestion(name: "Jo's New York check-in is not open at 08:54 EST", actor: "u-jo", action: .checkIn, space: "nyc-r-liberty",
                     at: "2026-11-23T08:54:00-05:00", booking: "bk-liberty-client", expected: "check_in_not_open"),
        DemoQuestion(name: "Jo (Location Manager, New York) cancels a New York booking of someone else", actor: "u-jo", action: .cancel,
                     space: "nyc-d-3001", at: "2026-11-23T08:00:00-05:00", booking: "bk-desk-3001-omar", expected: "allowed"),
        DemoQuestion(name: "Jo's location rights do not reach Amsterdam", actor: "u-jo", action: .cancel, space: "ams-r-tulip",
                     at: "2026-11-23T12:00:00+01:00", booking: "bk-tulip-review", expected: "not_booking_owner"),
        DemoQuestion(name: "Kai (department administrator) cancels in his finance wing", actor: "u-kai", action: .cancel, space: "ams-d-212",
                     booking: "bk-desk-212-lena-1", expected: "allowed"),
        DemoQuestion(name: "Extend the Tulip planning into the free hour", actor: "u-bram", action: .extend, space: "ams-r-tulip",
                     at: "2026-11-23T09:30:00+01:00", end: "2026-11-23T10:30:00+01:00", expected: "allowed"),
        DemoQuestion(name: "An extension must end later than the booking now does", actor: "u-bram", action: .extend, space: "ams-r-tulip",
                     at: "2026-11-23T09:30:00+01:00", end: "2026-11-23T10:00:00+01:00", expected: "extend_not_later"),
        DemoQuestion(name: "Chloé extends her review into the free hour after it", actor: "u-chloe",
                     action: .extend, space: "ams-r-tulip", at: "2026-11-23T14:30:00+01:00", end: "2026-11-23T15:30:00+01:00", expected: "allowed"),
        DemoQuestion(name: "The phone booth is not bookable", actor: "u-chloe", action: .book, space: "ams-r-phone",
                     end: "2026-11-23T10:30:00+01:00", expected: "space_not_bookable"),
        DemoQuestion(name: "A space the store does not know", actor: "u-chloe", action: .book, space: "ams-r-attic",
                     end: "2026-11-23T10:30:00+01:00", expected: "unknown_space"),
        DemoQuestion(name: "Pia (Space Administrator) books the boardroom outside hours", actor: "u-pia", action: .book, space: "ams-r-board",
                     start: "2026-11-28T18:00:00+01:00", end: "2026-11-28T20:00:00+01:00", expected: "allowed"),
        DemoQuestion(name: "Lena's EV visa lets her book the charging bay", actor: "u-lena", action: .book, space: "ams-p-ev1",
                     start: "2026-11-24T08:00:00+01:00", end: "2026-11-24T12:00:00+01:00", expected: "allowed"),
    ]

    @Test("The demo world answers as a panel would", arguments: questions)
    func answers(_ question: DemoQuestion) throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let (decision, _) = try temporary.store.decide(question.request, at: Fixture.instant(question.at))
        #expect(decision.code == question.expected, "\(question.name): \(decision)")
    }

    @Test("The store loads only the rows a booking decision needs")
    func loadsOnlyWhatIsNeeded() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let request = DecisionRequest(actor: .user("u-bram"), action: .book, spaceId: "ams-d-203",
                                      start: Fixture.instant("2026-11-23T12:00:00+01:00"), end: Fixture.instant("2026-11-23T13:00:00+01:00"))
        let context = try temporary.store.decisionContext(for: request, at: Fixture.instant("2026-11-23T10:00:00+01:00"))
        #expect(context.spaceBookings.map(\.id).isEmpty)
        #expect(context.ownerBookings.map(\.id) == ["bk-desk-201"])
        #expect(context.authorisations.isEmpty)
        #expect(context.booking == nil)
        #expect(context.place?.ancestry.areaIds == ["ams-f2"])
        #expect(context.actor.user?.roleIds == ["role-employee"])
    }

    @Test("A store sees another connection's import (the reference catalog is refreshed)")
    func seesOtherConnectionsImport() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let reader = try AuthStore(path: temporary.path)
        let request = DecisionRequest(actor: .user("u-chloe"), action: .book, spaceId: "ams-r-tulip",
                                      start: Fixture.instant("2026-11-23T11:00:00+01:00"), end: Fixture.instant("2026-11-23T12:00:00+01:00"))
        let at = Fixture.instant("2026-11-23T10:00:00+01:00")
        #expect(try reader.decide(request, at: at).0 == .allowed)
        var snapshot = try temporary.store.exportSnapshot()
        snapshot.spaces = snapshot.spaces.map { var s = $0; if s.id == "ams-r-tulip" { s.bookable = false }; return s }
        try temporary.store.importSnapshot(snapshot)
        #expect(try reader.decide(request, at: at).0.code == "space_not_bookable")
    }
}
