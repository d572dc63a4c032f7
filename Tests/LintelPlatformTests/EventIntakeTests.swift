import Foundation
import LintelPlatformCore
import LintelPlatformStore
import LintelPolicy
import LintelWire
import Testing

@Suite("Events from a panel: taken once by (device, sequence), decided again by the platform")
struct EventIntakeTests {
    let importAt = ISO8601.parse("2026-11-23T06:00:00Z")!
    let amsterdam = DeviceScope(locationId: "loc-ams")

    func event(_ seq: Int64, _ action: PanelAction, at: String, space: String = "ams-r-tulip", booking: String? = nil,
               start: String? = nil, end: String? = nil, actor: OutboxEvent.ActorKind = .anonymous, user: String? = nil) -> OutboxEvent {
        var event = OutboxEvent(deviceId: "panel-1", seq: seq, at: ISO8601.parse(at)!, spaceId: space, kind: .decision)
        event.action = action
        event.actorKind = actor
        event.actorUserId = user
        event.bookingId = booking
        event.start = start.flatMap(ISO8601.parse)
        event.end = end.flatMap(ISO8601.parse)
        event.decision = "allowed"
        return event
    }

    func platform(_ storage: StorageKind) async throws -> (TemporaryPlatform, Int64) {
        let platform = try await TemporaryPlatform.make(storage)
        return (platform, try await platform.store.importWorld(try TemporaryPlatform.demoWorld(), at: importAt).lastSeq)
    }

    @Test("A check-in the platform agrees with is applied once; the same event again is a duplicate", arguments: StorageKind.available)
    func appliedOnce(_ storage: StorageKind) async throws {
        let (platform, cursor) = try await platform(storage)
        let checkIn = event(1, .checkIn, at: "2026-11-23T07:55:00Z", booking: "bk-tulip-planning")
        let first = try await platform.store.events.receive(deviceId: "dev-1", events: [checkIn], at: importAt)
        #expect(first.verdicts.map(\.verdict) == [.applied] && first.acknowledgedThrough == 1)
        let again = try await platform.store.events.receive(deviceId: "dev-1", events: [checkIn], at: importAt)
        #expect(again.verdicts.map(\.verdict) == [.duplicate] && again.acknowledgedThrough == 1)
        guard case .delta(_, _, let changes) = try await platform.store.pull(amsterdam, after: cursor, at: importAt) else {
            Issue.record("expected a delta")
            return
        }
        #expect(changes.count == 1, "applied once, logged once")
        #expect(String(decoding: changes[0].body ?? Data(), as: UTF8.self).contains("\"checkIn\":\"checked-in\""))
        #expect(try await platform.store.bookings.list(spaceId: "ams-r-tulip").first { $0.id == "bk-tulip-planning" }?.checkIn == .checkedIn)
    }

    @Test("A panel's booking keeps its id on the platform; one the platform refuses is rejected and removed in the next pull", arguments: StorageKind.available)
    func bookingsFromThePanel(_ storage: StorageKind) async throws {
        let (platform, _) = try await platform(storage)
        _ = try await platform.store.bookings.add(
            spaceId: "ams-r-tulip", ownerId: "u-bram", start: ISO8601.parse("2026-11-23T11:00:00Z")!,
            end: ISO8601.parse("2026-11-23T12:00:00Z")!, title: "Booked on the platform first", at: importAt)
        let afterAdmin: Int64 = await {
            guard case .snapshot(let seq, _, _) = (try? await platform.store.pull(amsterdam, after: nil, at: importAt)) else { return 0 }
            return seq
        }()
        let free = event(1, .book, at: "2026-11-23T09:30:00Z", booking: "local-free", start: "2026-11-23T09:30:00Z", end: "2026-11-23T10:00:00Z")
        let clash = event(2, .book, at: "2026-11-23T11:10:00Z", booking: "local-clash", start: "2026-11-23T11:10:00Z", end: "2026-11-23T11:40:00Z")
        let answer = try await platform.store.events.receive(deviceId: "dev-1", events: [free, clash], at: importAt)
        #expect(answer.verdicts.map(\.verdict) == [.applied, .rejected("space_already_booked")])
        #expect(answer.acknowledgedThrough == 2, "a rejected event is taken for good too")
        let tulip = try await platform.store.bookings.list(spaceId: "ams-r-tulip")
        #expect(tulip.contains { $0.id == "local-free" && $0.checkIn == .checkedIn })
        #expect(!tulip.contains { $0.id == "local-clash" })
        guard case .delta(_, _, let changes) = try await platform.store.pull(amsterdam, after: afterAdmin, at: importAt) else {
            Issue.record("expected a delta")
            return
        }
        #expect(changes.contains { $0.logId == "local-free" && $0.operation == .upsert })
        #expect(changes.contains { $0.logId == "local-clash" && $0.operation == .delete }, "the panel drops what the platform refused")
    }

    @Test("A check-in made offline on a booking the platform had cancelled is rejected, and the cancellation is in the next pull",
          arguments: StorageKind.available)
    func checkInOnCancelledBooking(_ storage: StorageKind) async throws {
        let (platform, _) = try await platform(storage)
        _ = try await platform.store.bookings.cancel("bk-tulip-planning", at: importAt)
        guard case .snapshot(let cursor, _, _) = try await platform.store.pull(amsterdam, after: nil, at: importAt) else {
            Issue.record("expected a snapshot")
            return
        }
        let checkIn = event(1, .checkIn, at: "2026-11-23T07:55:00Z", booking: "bk-tulip-planning")
        let answer = try await platform.store.events.receive(deviceId: "dev-1", events: [checkIn], at: importAt)
        #expect(answer.verdicts.map(\.verdict) == [.rejected(DenialReason.bookingNotActive.rawValue)])
        #expect(try await platform.store.bookings.list(spaceId: "ams-r-tulip").first { $0.id == "bk-tulip-planning" }?.status == .cancelled,
                "the platform's cancellation stands")
        guard case .delta(_, _, let changes) = try await platform.store.pull(amsterdam, after: cursor, at: importAt) else {
            Issue.record("expected a delta")
            return
        }
        let relogged = changes.filter { $0.logId == "bk-tulip-planning" }
        #expect(relogged.count == 1 && String(decoding: relogged[0].body ?? Data(), as: UTF8.self).contains("\"status\":\"cancelled\""),
                "the panel's next pull carries the cancelled booking again, replacing its local check-in")
    }

    @Test("The acknowledgement never passes a gap", arguments: StorageKind.available)
    func gapFree(_ storage: StorageKind) async throws {
        let (platform, _) = try await platform(storage)
        var observation = OutboxEvent(deviceId: "panel-1", seq: 3, at: importAt, spaceId: "ams-r-tulip", kind: .observation)
        observation.observation = .status
        observation.value = "free"
        let first = try await platform.store.events.receive(deviceId: "dev-1", events: [observation], at: importAt)
        #expect(first.acknowledgedThrough == 0)
        var one = observation, two = observation
        one.seq = 1
        two.seq = 2
        let second = try await platform.store.events.receive(deviceId: "dev-1", events: [two, one], at: importAt)
        #expect(second.verdicts.map(\.seq) == [1, 2] && second.acknowledgedThrough == 3)
        #expect(try await platform.store.events.receive(deviceId: "dev-2", events: [one], at: importAt).acknowledgedThrough == 1,
                "sequences are per device")
    }
}
