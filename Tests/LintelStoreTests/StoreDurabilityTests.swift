import Foundation
import LintelPolicy
import LintelStore
import LintelWire
import LintelTestKit
import Testing

private func at(_ time: String) -> Date { Fixture.instant("2026-11-23T\(time):00+01:00") }

@Suite("What the store has acknowledged, it keeps")
struct StoreDurabilityTests {
    @Test("A file store writes with synchronous = FULL on its live writing connection, new or reopened")
    func synchronousFull() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        #expect(try temporary.store.writerSynchronous() == 2)
        #expect(try temporary.store.journalMode() == "wal")
        let reopened = try AuthStore(path: temporary.path)
        _ = try reopened.apply(DecisionRequest(actor: .anonymous, action: .checkIn, spaceId: "ams-r-tulip"), at: at("09:55"))
        #expect(try reopened.writerSynchronous() == 2)
    }

    @Test("Bookings made at the panel and not pushed survive a full import; once pushed, the platform's rows replace them")
    func localBookingsSurviveImport() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let store = temporary.store
        let made = try store.apply(DecisionRequest(actor: .anonymous, action: .book, spaceId: "ams-r-tulip", end: at("10:30")), at: at("10:00"))
        let id = try #require(made.bookingId)
        let checkIn = try store.apply(DecisionRequest(actor: .anonymous, action: .checkIn, spaceId: "ams-r-canal"), at: at("10:00"))
        let platformBooking = try #require(checkIn.bookingId)
        #expect(checkIn.decision.isAllowed, "\(checkIn.decision)")
        try store.importSnapshot(json: try TemporaryStore.demoWorldData())
        var bookings = try store.exportSnapshot().bookings
        #expect(bookings.contains { $0.id == id && $0.checkIn == .checkedIn && $0.end == at("10:30") })
        #expect(bookings.first { $0.id == platformBooking }?.checkIn == .checkedIn)
        // The platform has the events: its copy wins (it has not seen the booking, so it is gone).
        try store.markPushed(through: checkIn.seq, at: at("10:01"))
        try store.importSnapshot(json: try TemporaryStore.demoWorldData())
        bookings = try store.exportSnapshot().bookings
        #expect(!bookings.contains { $0.id == id })
        #expect(bookings.first { $0.id == platformBooking }?.checkIn == .pending)
    }

    @Test("A desk cleaned at the panel stays clean across an import until the cleaning is pushed")
    func localHygieneSurvivesImport() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let store = temporary.store
        let before = try #require(try store.exportSnapshot().hygiene.first { $0.spaceId == "ams-d-203" })
        #expect(before.state == .needsCleaning)
        #expect(try store.apply(DecisionRequest(actor: .badge("04E1C1EA"), action: .markClean, spaceId: "ams-d-203"), at: at("10:00")).decision.isAllowed)
        try store.importSnapshot(json: try TemporaryStore.demoWorldData())
        #expect(try store.exportSnapshot().hygiene.first { $0.spaceId == "ams-d-203" }?.state == .clean)
    }

    @Test("No badge number is stored outside the badge table after a panel's session")
    func noBadgeNumberOutsideBadges() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let store = temporary.store
        let badges = try store.exportSnapshot().badges.map(\.uid)
        for (minute, badge) in badges.enumerated() {
            for action in [PanelAction.checkIn, .markClean, .book, .end] {
                _ = try store.apply(DecisionRequest(actor: .badge(badge), action: action, spaceId: "ams-d-201",
                                                    end: action == .book ? at("11:30") : nil), at: at("10:\(10 + minute % 40)"))
            }
        }
        _ = try store.apply(DecisionRequest(actor: .badge("DEADBEEF"), action: .checkIn, spaceId: "ams-r-tulip"), at: at("10:00"))
        let found = try store.valuesContaining(badges + ["DEADBEEF"], outside: "badge")
        #expect(found.isEmpty, "\(found)")
        #expect(try store.journal().count == badges.count * 4 + 1)
    }
}
