import Foundation
import LintelPlatformCore
import LintelPlatformHTTP
import LintelPlatformStore
import LintelWire
import Logging
import Testing

@Suite("Housekeeping while serving: ended bookings retire, the change log keeps its retention")
struct MaintenanceTests {
    let importedAt = ISO8601.parse("2026-11-23T06:00:00Z")!
    let amsterdam = DeviceScope(locationId: "loc-ams")

    @Test("Eight days on, a round retires bookings a day past their end and forgets changes older than seven days", arguments: StorageKind.available)
    func roundRetiresAndCompacts(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        let imported = try await platform.store.importWorld(try TemporaryPlatform.demoWorld(), at: importedAt)
        let later = importedAt.addingTimeInterval(8 * 86_400)
        let maintenance = MaintenanceService(store: platform.store, retention: 7 * 86_400, logger: Logger(label: "test"), now: { later })
        await maintenance.runOnce()
        guard case .delta(let cursor, _, let changes) = try await platform.store.pull(amsterdam, after: imported.lastSeq, at: later) else {
            Issue.record("a device that pulled after the import gets the retirements as a delta")
            return
        }
        #expect(!changes.isEmpty && changes.allSatisfy { $0.entity == .booking && $0.operation == .delete })
        guard case .snapshot(let fresh, _, let json) = try await platform.store.pull(amsterdam, after: 3, at: later) else {
            Issue.record("a cursor from before the retention gets a snapshot")
            return
        }
        #expect(fresh == cursor)
        let kept = try SnapshotCoding.decode(json).bookings
        #expect(!kept.contains { $0.end < later.addingTimeInterval(-86_400) }, "no booking that ended more than a day before is kept")
        #expect(changes.count == (try TemporaryPlatform.demoWorld()).bookings.filter { $0.spaceId.hasPrefix("ams-") && $0.end < later.addingTimeInterval(-86_400) }.count)
        await maintenance.runOnce()
        guard case .unchanged = try await platform.store.pull(amsterdam, after: cursor, at: later) else {
            Issue.record("a second round changes nothing")
            return
        }
    }
}
