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
        let badges = try badgeSession(in: store)
        _ = try store.apply(DecisionRequest(actor: .badge("DEADBEEF"), action: .checkIn, spaceId: "ams-r-tulip"), at: at("10:00"))
        let found = try store.valuesContaining(badges + ["DEADBEEF"], outside: "badge")
        #expect(found.isEmpty, "\(found)")
        #expect(try store.journal().count == badges.count * 4 + 1)
    }
}

@Suite("Badge numbers stay in the badge table, on disk too")
struct BadgeNumbersOnDiskTests {
    @Test("After a panel session, the store file and its WAL hold badge numbers only in pages of the badge table")
    func rawFileScan() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let store = temporary.store
        let badges = try badgeSession(in: store)
        let pageSize = try store.pageSize()
        let badgePages = try store.pageNumbers(of: "badge")
        #expect(!badgePages.isEmpty)
        let file = try Data(contentsOf: URL(fileURLWithPath: temporary.path))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: temporary.path + "-wal"))) ?? Data()
        #expect(!wal.isEmpty, "the session should still be in the WAL")
        var seenInBadgePages = 0
        var outside: [String] = []
        for badge in badges {
            for needle in Set([badge, badge.lowercased()]) {
                for offset in file.offsets(of: Data(needle.utf8)) {
                    let page = offset / pageSize + 1
                    if badgePages.contains(page) { seenInBadgePages += 1 } else { outside.append("\(needle) in the file's page \(page)") }
                }
                // The WAL: a 32-byte header, then frames of a 24-byte header (page number first) and one page.
                for offset in wal.offsets(of: Data(needle.utf8)) where offset >= 32 {
                    let frame = 32 + (offset - 32) / (24 + pageSize) * (24 + pageSize)
                    let page = wal[frame..<frame + 4].reduce(0) { $0 << 8 | Int($1) }
                    if badgePages.contains(page) { seenInBadgePages += 1 } else { outside.append("\(needle) in a WAL frame of page \(page)") }
                }
            }
        }
        #expect(seenInBadgePages >= badges.count, "the scan found the badge table's own copies")
        #expect(outside.isEmpty, "\(outside)")
    }
}

/// A panel's session on the demo world: every demo badge checks in, cleans, books and ends at a
/// hygienic desk (as a panel asks: fitted, with the fresh day), and the panel records what it shows.
/// Returns the badge numbers used.
private func badgeSession(in store: AuthStore) throws -> [String] {
    let badges = try store.exportSnapshot().badges.map(\.uid)
    for (minute, badge) in badges.enumerated() {
        for action in [PanelAction.checkIn, .markClean, .book, .end] {
            _ = try store.apply(DecisionRequest(actor: .badge(badge), action: action, spaceId: "ams-d-201",
                                                end: action == .book ? at("11:30") : nil),
                                at: at("10:\(10 + minute % 40)"), fitting: true, dayOf: "ams-d-201")
        }
        _ = try store.record(.status, "in-use", spaceId: "ams-d-201", at: at("10:59"))
    }
    return badges
}

extension Data {
    /// Every offset at which `needle` starts.
    func offsets(of needle: Data) -> [Int] {
        var found: [Int] = []
        var start = startIndex
        while let range = self.range(of: needle, in: start..<endIndex) {
            found.append(range.lowerBound - startIndex)
            start = range.lowerBound + 1
        }
        return found
    }
}
