import Foundation
import LintelAgent
import LintelAgentTestKit
import LintelPolicy
import LintelStore
import LintelSync
import LintelSyncTestKit
import LintelTestKit
import LintelWire
import Testing

@Suite("A long outage")
struct OutageTests {
    @Test("72 hours without the platform (manual clock) and 10,000 queued events: offline after two missed pulls, no new bookings after the staleness, check-ins still taken; once the platform returns every event reaches it exactly once")
    func seventyTwoHours() async throws {
        let folder = try SyncFolder()
        // Convergence is what is measured here, not durability: commits are not synced one by one.
        let store = try AuthStore(path: folder.path("agent.sqlite"), syncEachCommit: false)
        try store.importSnapshot(json: try Data(contentsOf: ProjectFiles.demoWorld))
        var world = try SnapshotCoding.decode(Data(contentsOf: ProjectFiles.demoWorld))
        // A meeting the panel knows of before the outage, three days on.
        world.bookings.append(Fixture.booking("bk-after-outage", space: "ams-r-tulip", owner: "u-bram",
                                              from: "2026-11-26T10:00:00+01:00", to: "2026-11-26T11:00:00+01:00"))
        let platform = InMemoryPlatform()
        platform.queue(.answer(try Self.snapshotAnswer(world)))
        let credentials = CredentialFile(path: folder.path("credential.json"))
        try credentials.write(DeviceCredential(deviceId: "dev-memory", credential: "memory-credential-0123456789", spaceId: "ams-r-tulip"))
        let start = ISO8601.parse("2026-11-23T08:00:00+01:00")!
        let clock = ManualClock(start)
        var settings = quickSyncSettings()
        settings.stopBookingAfter = 24 * 3600
        let sync = SyncService(store: store, client: platform, credentials: credentials, settings: settings, clock: clock,
                               inbox: AgentInbox(), metrics: AgentMetrics())
        let running = Task { try await sync.run() }
        defer { running.cancel() }
        #expect(await eventually(within: 60) { sync.current.phase == .online })

        platform.setDown(true)
        for i in 0..<10_000 {
            try store.record(.status, i % 2 == 0 ? "free" : "in-use", spaceId: "ams-r-tulip", at: start.addingTimeInterval(Double(i) * 25))
        }
        sync.journaled()
        #expect(await eventually { sync.current.view.offline }, "the offline note shows after two missed pulls")
        #expect(sync.current.view.newBookingsStopped == false)
        clock.advance(seconds: 72 * 3600)
        sync.journaled()
        #expect(await eventually { sync.current.view.newBookingsStopped })
        #expect(sync.current.view.dataFrom == start)

        // Decisions stay local: no new booking on data this old, but the bookings it knows go on.
        let now = clock.now()
        let book = try store.apply(DecisionRequest(actor: .user("u-bram"), action: .book, spaceId: "ams-r-tulip", end: now.addingTimeInterval(1800)),
                                   at: now, fitting: true, dataTooOld: sync.current.view.newBookingsStopped)
        #expect(book.decision.denialReason == .dataTooOld)
        clock.advance(seconds: 2 * 3600 - 120)
        let checkIn = try store.apply(DecisionRequest(actor: .user("u-bram"), action: .checkIn, spaceId: "ams-r-tulip", bookingId: "bk-after-outage"),
                                      at: clock.now(), dataTooOld: true)
        #expect(checkIn.decision.isAllowed, "\(checkIn.decision.code)")
        #expect(try store.outboxDepth() == 10_002)

        platform.setDown(false)
        sync.journaled()
        #expect(await eventually(within: 60) { (try? store.outboxDepth()) == 0 })
        try #require(platform.received.count == 10_002)
        #expect(Set(platform.received.keys) == Set(1...10_002), "every sequence once")
        #expect(platform.duplicates == 0)
        #expect(await eventually { !sync.current.view.offline && !sync.current.view.newBookingsStopped })
        #expect(try store.integrityCheck())
    }

    static func snapshotAnswer(_ world: Snapshot) throws -> Data {
        let checksum = ScopeChecksum(try WorldItem.items(of: world))
        var json = Data(#"{"kind":"snapshot","cursor":"v1.1","checksum":"\#(checksum)","spaceId":"ams-r-tulip","snapshot":"#.utf8)
        json.append(try SnapshotCoding.encoder().encode(world))
        json.append(Data("}".utf8))
        return json
    }
}
