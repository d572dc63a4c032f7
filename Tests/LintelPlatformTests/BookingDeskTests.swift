import Foundation
import LintelPlatformCore
import LintelPlatformStore
import LintelPolicy
import LintelWire
import Testing

@Suite("Bookings made on the platform: the panel's rules, one transaction, the next pull carries them")
struct BookingDeskTests {
    let now = ISO8601.parse("2026-11-23T07:30:00Z")!
    let amsterdam = DeviceScope(locationId: "loc-ams")

    func platform(_ storage: StorageKind) async throws -> (TemporaryPlatform, Int64) {
        let platform = try await TemporaryPlatform.make(storage)
        let summary = try await platform.store.importWorld(try TemporaryPlatform.demoWorld(), at: now)
        return (platform, summary.lastSeq)
    }

    @Test("A booking made on the platform is in the next pull of its location's devices, and only theirs", arguments: StorageKind.available)
    func reachesTheNextPull(_ storage: StorageKind) async throws {
        let (platform, cursor) = try await platform(storage)
        let booking = try await platform.store.bookings.add(
            spaceId: "ams-r-tulip", ownerId: "u-bram", start: ISO8601.parse("2026-11-23T10:00:00Z")!,
            end: ISO8601.parse("2026-11-23T11:00:00Z")!, title: "Made on the platform", at: now)
        guard case .delta(_, let checksum, let changes) = try await platform.store.pull(amsterdam, after: cursor, at: now) else {
            Issue.record("expected a delta")
            return
        }
        #expect(changes.map(\.logId) == [booking.id])
        let body = try #require(changes.first?.body)
        #expect(String(decoding: body, as: UTF8.self).contains("Made on the platform"))
        guard case .snapshot(_, let fresh, let json) = try await platform.store.pull(amsterdam, after: nil, at: now) else { return }
        #expect(fresh == checksum)
        #expect(ScopeChecksum(try WorldItem.items(of: try SnapshotCoding.decode(json))) == checksum, "the checksum is kept right")
        guard case .unchanged = try await platform.store.pull(DeviceScope(locationId: "loc-nyc"), after: cursor, at: now) else {
            Issue.record("New York was told of an Amsterdam booking")
            return
        }
    }

    @Test("The panel's rules decide", arguments: StorageKind.available, [
        ("a room already booked then", "ams-r-tulip", "u-bram", "2026-11-23T08:30:00Z", "2026-11-23T09:30:00Z", DenialReason.spaceAlreadyBooked),
        ("a space that does not exist", "nowhere", "u-bram", "2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z", .unknownSpace),
        ("a user who does not exist", "ams-r-tulip", "u-ghost", "2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z", .unknownUser),
        ("an end before the start", "ams-r-tulip", "u-bram", "2026-11-23T11:00:00Z", "2026-11-23T10:00:00Z", .invalidInterval),
    ])
    func refused(_ storage: StorageKind, _ row: (String, String, String, String, String, DenialReason)) async throws {
        let (name, space, owner, start, end, reason) = row
        let (platform, cursor) = try await platform(storage)
        await #expect(throws: BookingDesk.Refusal.denied(reason, detail: nil), "\(name)") {
            do {
                _ = try await platform.store.bookings.add(
                    spaceId: space, ownerId: owner, start: ISO8601.parse(start)!, end: ISO8601.parse(end)!, title: nil, at: now)
            } catch BookingDesk.Refusal.denied(let reason, _) {
                throw BookingDesk.Refusal.denied(reason, detail: nil)
            }
        }
        guard case .unchanged = try await platform.store.pull(amsterdam, after: cursor, at: now) else {
            Issue.record("a refused booking logged a change")
            return
        }
    }

    @Test("A cancelled booking frees its space and is a change for its devices", arguments: StorageKind.available)
    func cancel(_ storage: StorageKind) async throws {
        let (platform, cursor) = try await platform(storage)
        let cancelled = try await platform.store.bookings.cancel("bk-tulip-planning", at: now)
        #expect(cancelled.status == .cancelled)
        guard case .delta(_, _, let changes) = try await platform.store.pull(amsterdam, after: cursor, at: now) else {
            Issue.record("expected a delta")
            return
        }
        #expect(changes.map(\.logId) == ["bk-tulip-planning"])
        let again = try await platform.store.bookings.add(
            spaceId: "ams-r-tulip", ownerId: "u-chloe", start: ISO8601.parse("2026-11-23T08:00:00Z")!,
            end: ISO8601.parse("2026-11-23T09:00:00Z")!, title: nil, at: now)
        #expect(again.spaceId == "ams-r-tulip")
        #expect(try await platform.store.bookings.list(spaceId: "ams-r-tulip").map(\.id).contains(again.id))
        await #expect(throws: BookingDesk.Refusal.noSuchBooking("bk-none")) { try await platform.store.bookings.cancel("bk-none", at: now) }
    }
}
