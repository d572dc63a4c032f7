import Foundation
import LintelPolicy
import LintelStore
import LintelWire
import LintelTestKit
import Testing

@Suite("Snapshot import and export")
struct SnapshotImportTests {
    @Test("The demo world imports whole")
    func demoWorldImports() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let stats = try temporary.store.stats()
        #expect(stats.organisation == "Meridian Group")
        #expect((stats.locations, stats.areas, stats.spaces, stats.users, stats.badges, stats.bookings) == (2, 7, 17, 16, 13, 14))
        #expect(stats.customRoles == 6)
        #expect(try temporary.store.journalMode() == "wal")
        #expect(try temporary.store.integrityCheck())
    }

    @Test("Export then import gives back the same snapshot")
    func roundTrip() throws {
        let first = try TemporaryStore.withDemoWorld()
        let exported = try SnapshotCoding.encode(try first.store.exportSnapshot())
        let second = try TemporaryStore()
        try second.store.importSnapshot(json: exported)
        let again = try SnapshotCoding.encode(try second.store.exportSnapshot())
        #expect(String(decoding: exported, as: UTF8.self) == String(decoding: again, as: UTF8.self))
        let original = try SnapshotCoding.decode(try TemporaryStore.demoWorldData())
        let back = try second.store.exportSnapshot()
        #expect(Set(back.bookings) == Set(original.bookings))
        #expect(Set(back.users) == Set(original.users))
        #expect(Set(back.roles) == Set(original.roles))
        #expect(Set(back.profiles) == Set(original.profiles))
        #expect(Set(back.locations) == Set(original.locations))
    }

    @Test("A second import replaces the first entirely")
    func importReplaces() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let small = SyntheticWorld.snapshot(users: 20, spaces: 10, bookings: 30, around: Fixture.instant("2026-11-23T09:00:00Z"))
        try temporary.store.importSnapshot(small)
        let stats = try temporary.store.stats()
        #expect((stats.organisation, stats.users, stats.spaces, stats.bookings) == ("Synthetic", 20, 10, 30))
        #expect(try temporary.store.authorisationHistory(of: "u-nora").isEmpty)
    }

    @Test("Authorisations and their history per user (Platform Manager's access page)")
    func authorisationSummary() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let current = try temporary.store.authorisations(of: "u-chloe")
        #expect(current.map(\.categoryId) == ["cat-lab"])
        #expect(current.first?.visaId == "visa-lab")
        let history = try temporary.store.authorisationHistory(of: "u-nora")
        #expect(history.map(\.change) == [.granted])
        #expect(history.first?.by == "u-anna")
    }
}

@Suite("Badges")
struct BadgeLookupTests {
    @Test("A badge number resolves to its user; an unknown one to nobody", arguments: [
        ("04B7E1D0", "u-bram" as String?), ("04E1C1EA", "u-eli"), ("FFFFFFFF", nil),
    ])
    func badgeOwner(_ uid: String, _ userId: String?) throws {
        let temporary = try TemporaryStore.withDemoWorld()
        #expect(try temporary.store.user(forBadge: uid)?.id == userId)
    }
}
