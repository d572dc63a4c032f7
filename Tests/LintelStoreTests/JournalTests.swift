import Foundation
import LintelPolicy
import LintelStore
import LintelWire
import LintelTestKit
import Testing

private func at(_ time: String) -> Date { Fixture.instant("2026-11-23T\(time):00+01:00") }

@Suite("Acting on the store, with every decision journaled")
struct JournalTests {
    @Test("A walk-up booking made for now counts as checked in (whoever booked is at the panel) and blocks an overlapping one")
    func bookThenOverlapThenCheckIn() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let store = temporary.store
        let book = DecisionRequest(actor: .anonymous, action: .book, spaceId: "ams-r-tulip", end: at("10:30"))
        let made = try store.apply(book, at: at("10:00"))
        #expect(made.decision == .allowed)
        let id = try #require(made.bookingId)
        #expect(try store.apply(book, at: at("10:05")).decision.code == "space_already_booked")
        let checkIn = DecisionRequest(actor: .badge("04B7E1D0"), action: .checkIn, spaceId: "ams-r-tulip")
        #expect(try store.apply(checkIn, at: at("10:05")).decision.code == "already_checked_in")
        let booking = try #require(try store.exportSnapshot().bookings.first { $0.id == id })
        #expect((booking.ownerId, booking.checkIn, booking.start, booking.end) == (nil, .checkedIn, at("10:00"), at("10:30")))
        #expect(try store.journal().map(\.decision) == ["allowed", "space_already_booked", "already_checked_in"])
        #expect(try store.journal().map(\.seq) == [1, 2, 3])
    }

    struct Change: Sendable, CustomTestStringConvertible {
        let rule: String
        let request: DecisionRequest
        let at: String
        let check: @Sendable (Snapshot) -> Bool
        var testDescription: String { rule }
    }

    @Test("Each allowed action changes exactly its rows", arguments: [
        Change(rule: "End early sets the end and the status",
               request: DecisionRequest(actor: .user("u-bram"), action: .end, spaceId: "ams-r-tulip", bookingId: "bk-tulip-planning"), at: "09:30") {
            $0.bookings.contains { $0.id == "bk-tulip-planning" && $0.status == .ended && $0.end == at("09:30") }
        },
        Change(rule: "Extend moves the end",
               request: DecisionRequest(actor: .user("u-bram"), action: .extend, spaceId: "ams-r-tulip", bookingId: "bk-tulip-planning", end: at("10:30")),
               at: "09:30") { $0.bookings.contains { $0.id == "bk-tulip-planning" && $0.end == at("10:30") } },
        Change(rule: "A no-show is released",
               request: DecisionRequest(actor: .system, action: .autoRelease, spaceId: "ams-r-tulip", bookingId: "bk-tulip-planning"), at: "09:15") {
            $0.bookings.contains { $0.id == "bk-tulip-planning" && $0.status == .released }
        },
        Change(rule: "Cancel before the start",
               request: DecisionRequest(actor: .user("u-chloe"), action: .cancel, spaceId: "ams-r-tulip", bookingId: "bk-tulip-review"), at: "10:00") {
            $0.bookings.contains { $0.id == "bk-tulip-review" && $0.status == .cancelled }
        },
        Change(rule: "Approve a pending booking",
               request: DecisionRequest(actor: .user("u-max"), action: .approve, spaceId: "ams-r-board", bookingId: "bk-board-offsite"), at: "10:00") {
            $0.bookings.contains { $0.id == "bk-board-offsite" && $0.approval == .approved }
        },
        Change(rule: "Mark a desk clean",
               request: DecisionRequest(actor: .badge("04E1C1EA"), action: .markClean, spaceId: "ams-d-202"), at: "10:00") {
            $0.hygiene.contains { $0.spaceId == "ams-d-202" && $0.state == .clean && $0.since == at("10:00") }
        },
        Change(rule: "Ending a checked-in hygienic desk booking leaves the desk needing cleaning",
               request: DecisionRequest(actor: .user("u-bram"), action: .end, spaceId: "ams-d-201", bookingId: "bk-desk-201"), at: "12:00") {
            $0.hygiene.contains { $0.spaceId == "ams-d-201" && $0.state == .needsCleaning && $0.lastOwnerId == "u-bram" }
        },
    ])
    func allowedChanges(_ change: Change) throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let applied = try temporary.store.apply(change.request, at: at(change.at))
        #expect(applied.decision.isAllowed, "\(applied.decision)")
        #expect(change.check(try temporary.store.exportSnapshot()))
    }

    @Test("A denied action changes nothing but the journal")
    func deniedChangesNothing() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let before = try temporary.store.exportSnapshot()
        let denied = try temporary.store.apply(DecisionRequest(actor: .user("u-fatima"), action: .book, spaceId: "ams-r-canal", end: at("10:30")), at: at("10:00"))
        #expect(denied.decision.code == "user_pending")
        let after = try temporary.store.exportSnapshot()
        #expect(Set(after.bookings) == Set(before.bookings))
        #expect(try temporary.store.journal().map(\.decision) == ["user_pending"])
    }

    @Test("The outbox: pending entries until the platform acknowledges them, once")
    func outbox() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let request = DecisionRequest(actor: .user("u-chloe"), action: .weekPlanner, spaceId: "ams-r-tulip")
        for minute in 0..<3 { _ = try temporary.store.apply(request, at: at("10:0\(minute)")) }
        #expect(try temporary.store.outbox(pendingOnly: true).map(\.event.seq) == [1, 2, 3])
        try temporary.store.markPushed(through: 2, at: at("10:05"))
        #expect(try temporary.store.outbox(pendingOnly: true).map(\.event.seq) == [3])
        try temporary.store.markPushed(through: 2, at: at("10:06"))
        #expect(try temporary.store.outbox().first?.pushedAt == at("10:05"))
        #expect(try temporary.store.outboxDepth() == 1)
    }

    @Test("A snapshot import keeps the outbox (events not yet pushed are never lost)")
    func importKeepsJournal() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        _ = try temporary.store.apply(DecisionRequest(actor: .anonymous, action: .book, spaceId: "ams-r-tulip", end: at("10:30")), at: at("10:00"))
        try temporary.store.importSnapshot(json: try TemporaryStore.demoWorldData())
        #expect(try temporary.store.journal(pendingOnly: true).count == 1)
    }

    @Test("Decisions and observations share one gap-free sequence; each event id is the device and its number")
    func oneSequence() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let store = temporary.store
        #expect(try store.record(.status, "checkin-due", spaceId: "ams-r-tulip", at: at("09:50")) == 1)
        #expect(try store.apply(DecisionRequest(actor: .anonymous, action: .checkIn, spaceId: "ams-r-tulip"), at: at("09:51")).seq == 2)
        #expect(try store.record(.presence, "occupied", spaceId: "ams-r-tulip", at: at("09:51")) == 3)
        #expect(try store.record(.status, "in-use", spaceId: "ams-r-tulip", at: at("09:52")) == 4)
        try store.importSnapshot(json: try TemporaryStore.demoWorldData())
        let device = try store.deviceId()
        #expect(device.count == 32)
        let events = try store.outbox().map(\.event)
        #expect(events.map(\.seq) == [1, 2, 3, 4])
        #expect(events.map(\.id) == (1...4).map { "\(device):\($0)" })
        #expect(events.map(\.kind) == [.observation, .decision, .observation, .observation])
        #expect(try store.observations().compactMap(\.value) == ["checkin-due", "occupied", "in-use"])
        try store.markPushed(through: 3, at: at("10:00"))
        #expect(try store.outbox(pendingOnly: true).map(\.event.seq) == [4])
    }

    struct Acting: Sendable, CustomTestStringConvertible {
        let rule: String
        let actor: ActorReference
        let kind: OutboxEvent.ActorKind
        let userId: UserID?
        var testDescription: String { rule }
    }

    @Test("The outbox records who acted as their user id and how, never a badge number", arguments: [
        Acting(rule: "Bram's badge 04B7E1D0 is recorded as u-bram via badge", actor: .badge("04B7E1D0"), kind: .badge, userId: "u-bram"),
        Acting(rule: "An unknown badge is recorded as a badge with no user", actor: .badge("DEADBEEF"), kind: .badge, userId: nil),
        Acting(rule: "A walk-up is anonymous", actor: .anonymous, kind: .anonymous, userId: nil),
        Acting(rule: "A user id stays a user id", actor: .user("u-chloe"), kind: .user, userId: "u-chloe"),
        Acting(rule: "The agent itself is system", actor: .system, kind: .system, userId: nil),
    ])
    func actorsWithoutBadgeNumbers(_ acting: Acting) throws {
        let temporary = try TemporaryStore.withDemoWorld()
        _ = try temporary.store.apply(DecisionRequest(actor: acting.actor, action: .checkIn, spaceId: "ams-r-tulip"), at: at("09:55"))
        let event = try #require(try temporary.store.journal().last)
        #expect(event.actorKind == acting.kind)
        #expect(event.actorUserId == acting.userId)
    }
}
