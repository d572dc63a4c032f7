import Foundation
import LintelPlatformCore
import LintelPlatformStore
import LintelPolicy
import LintelTestKit
import LintelWire
import Testing

@Suite("The platform's change log: every write logged in its transaction, pulls answered from it per scope")
struct ChangeLogTests {
    let now = ISO8601.parse("2026-11-23T08:00:00Z")!
    let amsterdam = DeviceScope(locationId: "loc-ams")
    let newYork = DeviceScope(locationId: "loc-nyc")

    @Test("A first pull is a snapshot of the scope that a panel's importer accepts, with bookings of its location only", arguments: StorageKind.available)
    func firstPullIsScopedSnapshot(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        let world = try TemporaryPlatform.demoWorld()
        try await platform.store.importWorld(world, at: now)
        guard case .snapshot(let cursor, let checksum, let json) = try await platform.store.pull(amsterdam, after: nil, at: now) else {
            Issue.record("expected a snapshot")
            return
        }
        let scoped = try SnapshotCoding.decode(json)
        let amsterdamSpaces = Set(world.spaces.filter { $0.areaId.hasPrefix("ams") }.map(\.id))
        #expect(!scoped.bookings.isEmpty)
        #expect(scoped.bookings.allSatisfy { amsterdamSpaces.contains($0.spaceId) })
        #expect(scoped.bookings.count == world.bookings.filter { amsterdamSpaces.contains($0.spaceId) }.count)
        #expect(scoped.users.count == world.users.count && scoped.spaces.count == world.spaces.count)
        #expect(cursor > 0)
        #expect(checksum == ScopeChecksum(try WorldItem.items(of: scoped)), "the checksum is the scope's own")
    }

    @Test("Re-importing the same world logs nothing; a changed booking is one change, seen by its location only", arguments: StorageKind.available)
    func oneChangeOneEntry(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        var world = try TemporaryPlatform.demoWorld()
        let first = try await platform.store.importWorld(world, at: now)
        let again = try await platform.store.importWorld(world, at: now)
        #expect(again.upserts == 0 && again.deletes == 0 && again.lastSeq == first.lastSeq)

        let index = try #require(world.bookings.firstIndex { $0.spaceId == "ams-r-tulip" })
        world.bookings[index].title = "Retitled stand-up"
        let changed = try await platform.store.importWorld(world, at: now)
        #expect(changed.upserts == 1 && changed.deletes == 0)

        guard case .delta(let cursor, let checksum, let changes) = try await platform.store.pull(amsterdam, after: first.lastSeq, at: now) else {
            Issue.record("expected a delta")
            return
        }
        #expect(changes.map(\.logId) == [world.bookings[index].id])
        #expect(cursor == changed.lastSeq)
        let scoped = try SnapshotCoding.decode(try await snapshotJSON(platform, amsterdam))
        #expect(checksum == ScopeChecksum(try WorldItem.items(of: scoped)))
        guard case .unchanged = try await platform.store.pull(newYork, after: first.lastSeq, at: now) else {
            Issue.record("New York saw an Amsterdam booking")
            return
        }
    }

    @Test("A removed item is a delete; the pull after the last change says nothing changed", arguments: StorageKind.available)
    func deletesAndUnchanged(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        var world = try TemporaryPlatform.demoWorld()
        let first = try await platform.store.importWorld(world, at: now)
        let removed = world.bookings.removeLast()
        let second = try await platform.store.importWorld(world, at: now)
        #expect(second.deletes == 1)
        let scope = DeviceScope(locationId: removed.spaceId.hasPrefix("ams") ? "loc-ams" : "loc-nyc")
        guard case .delta(_, _, let changes) = try await platform.store.pull(scope, after: first.lastSeq, at: now) else {
            Issue.record("expected a delta")
            return
        }
        #expect(changes.count == 1 && changes[0].operation == .delete && changes[0].logId == removed.id && changes[0].body == nil)
        guard case .unchanged(let cursor, _) = try await platform.store.pull(scope, after: second.lastSeq, at: now) else {
            Issue.record("expected unchanged")
            return
        }
        #expect(cursor == second.lastSeq)
    }

    @Test("A badge number never enters the change log: its change names the digest, its body comes from the badge table", arguments: StorageKind.available)
    func badgeNumbersStayInTheirTable(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        var world = try TemporaryPlatform.demoWorld()
        let first = try await platform.store.importWorld(world, at: now)
        world.badges.append(Badge(uid: "0BADC0DE99", userId: world.users[1].id))
        try await platform.store.importWorld(world, at: now)
        guard case .delta(_, _, let changes) = try await platform.store.pull(amsterdam, after: first.lastSeq, at: now) else {
            Issue.record("expected a delta")
            return
        }
        let change = try #require(changes.first)
        #expect(change.entity == .badge && !change.logId.contains("0BADC0DE99") && change.logId.hasPrefix("sha256:"))
        #expect(String(decoding: change.body ?? Data(), as: UTF8.self).contains("0BADC0DE99"), "the device needs the number itself")
        #expect(try await platform.store.changeLogRows(containing: "0BADC0DE99") == 0)
        #expect(try await platform.store.changeLogRows(containing: world.bookings[0].id) > 0, "the inspection finds what is there")
    }

    @Test("A cursor older than the retained log gets a snapshot", arguments: StorageKind.available)
    func compactedCursorGetsSnapshot(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        var world = try TemporaryPlatform.demoWorld()
        let first = try await platform.store.importWorld(world, at: now)
        world.bookings[0].title = "Changed"
        let second = try await platform.store.importWorld(world, at: now)
        try await platform.store.compact(through: second.lastSeq)
        guard case .snapshot(let cursor, _, _) = try await platform.store.pull(amsterdam, after: first.lastSeq, at: now) else {
            Issue.record("expected a snapshot for a compacted cursor")
            return
        }
        #expect(cursor == second.lastSeq)
        guard case .unchanged = try await platform.store.pull(amsterdam, after: second.lastSeq, at: now) else {
            Issue.record("the cursor at the compaction point is still good")
            return
        }
    }

    @Test("Bookings a day past their end leave the world as deletes; the checksum follows", arguments: StorageKind.available)
    func retirement(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        let world = try TemporaryPlatform.demoWorld()
        let first = try await platform.store.importWorld(world, at: now)
        let cutoff = ISO8601.parse("2026-11-23T10:00:00Z")!
        let old = world.bookings.filter { $0.end < cutoff && $0.spaceId.hasPrefix("ams") }
        #expect(!old.isEmpty)
        let retired = try await platform.store.retireBookings(endedBefore: cutoff, at: now)
        #expect(retired == world.bookings.filter { $0.end < cutoff }.count)
        guard case .delta(_, let checksum, let changes) = try await platform.store.pull(amsterdam, after: first.lastSeq, at: now) else {
            Issue.record("expected a delta")
            return
        }
        #expect(Set(changes.map(\.logId)) == Set(old.map(\.id)) && changes.allSatisfy { $0.operation == .delete })
        let scoped = try SnapshotCoding.decode(try await snapshotJSON(platform, amsterdam))
        #expect(!scoped.bookings.contains { $0.end < cutoff })
        #expect(ScopeChecksum(try WorldItem.items(of: scoped)) == checksum)
    }

    @Test("A bad snapshot changes nothing and logs nothing", arguments: StorageKind.available)
    func badSnapshotLogsNothing(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        var world = try TemporaryPlatform.demoWorld()
        let first = try await platform.store.importWorld(world, at: now)
        world.bookings[0].spaceId = "nowhere"
        await #expect(throws: SnapshotError.self) { try await platform.store.importWorld(world, at: now) }
        guard case .unchanged(let cursor, _) = try await platform.store.pull(amsterdam, after: first.lastSeq, at: now) else {
            Issue.record("the failed import logged a change")
            return
        }
        #expect(cursor == first.lastSeq)
    }

    private func snapshotJSON(_ platform: TemporaryPlatform, _ scope: DeviceScope) async throws -> Data {
        guard case .snapshot(_, _, let json) = try await platform.store.pull(scope, after: nil, at: now) else { throw CancellationError() }
        return json
    }
}

@Suite("Pairing codes")
struct PairingCodeTests {
    @Test("Typed codes are read whatever their case and spacing", arguments: [
        ("abcd-efgh", "ABCD-EFGH"), ("ABCD EFGH", "ABCD-EFGH"), ("abcdefgh", "ABCD-EFGH"),
    ])
    func normalised(_ typed: String, _ expected: String) {
        #expect(PairingCode.normalised(typed) == expected)
    }

    @Test("What cannot be a code is refused", arguments: ["ABCD-EFG", "ABCD-EFGH1", "0BCD-EFGH", "ABCD-EF5H", ""])
    func refused(_ typed: String) {
        #expect(PairingCode.normalised(typed) == nil)
    }

    @Test("A made code is eight characters of the alphabet and reads back as itself")
    func made() {
        let code = PairingCode.make(from: Array(0..<8).map { UInt8($0 * 37 % 256) })
        #expect(code.count == 9 && PairingCode.normalised(code) == code)
    }
}
