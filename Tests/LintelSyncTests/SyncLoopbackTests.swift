import Foundation
import Hummingbird
import HummingbirdTesting
import LintelAgent
import LintelAgentTestKit
import LintelPlatformHTTP
import LintelPlatformStore
import LintelPolicy
import LintelStore
import LintelSync
import LintelTestKit
import LintelWire
import Logging
import Testing

/// A Monday morning in Amsterdam, the platform's and the panel's clocks both.
let syncMorning = ISO8601.parse("2030-01-07T08:00:00Z")!

/// A folder of a test's own files: the panel's store and credential, the platform's SQLite file.
struct SyncFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("lintel-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Waits until `condition` holds, checking every 20 ms; false after `seconds`.
func eventually(within seconds: Double = 30, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// Quick settings for tests: short polls and backoff.
func quickSyncSettings() -> SyncService.Settings {
    var settings = SyncService.Settings()
    settings.machine.pollInterval = 0.5
    settings.machine.reconcileInterval = 5
    settings.machine.backoffBase = 0.05
    settings.machine.backoffCap = 0.3
    settings.socketRetry = 0.1
    return settings
}

@Suite("Sync with the real platform on loopback")
struct SyncLoopbackTests {
    static func platformApp(_ store: PlatformStore) throws -> some ApplicationProtocol {
        let routes = PlatformRoutes(store: store, adminToken: "admin-token-for-tests-0123456789", publicURL: "http://127.0.0.1",
                                    now: { syncMorning })
        return try PlatformServer.application(routes: routes, host: "127.0.0.1", port: 0)
    }

    @Test("Paired by code: a booking made on the platform reaches the panel's store through a poke and a delta; a check-in at the panel reaches the platform once; a revoked credential goes back to pairing and keeps the outbox")
    func pairPokePushRevoke() async throws {
        let folder = try SyncFolder()
        let platform = try PlatformStore(path: folder.path("platform.sqlite"))
        _ = try await platform.importWorld(try SnapshotCoding.decode(Data(contentsOf: ProjectFiles.demoWorld)), at: syncMorning)
        let store = try AuthStore(path: folder.path("agent.sqlite"))
        let credentials = CredentialFile(path: folder.path("state/credential.json"))
        let clock = ManualClock(syncMorning)
        let inbox = AgentInbox()
        try await Self.platformApp(platform).test(.live) { client in
            let port = try #require(client.port)
            let http = try HTTPPlatformClient(baseURL: "http://127.0.0.1:\(port)")
            let sync = SyncService(store: store, client: http, credentials: credentials, settings: quickSyncSettings(), clock: clock,
                                   inbox: inbox, metrics: AgentMetrics())
            let running = Task { try await sync.run() }
            defer { running.cancel() }

            // Pairing: the code the panel shows, approved by a technician.
            #expect(await eventually { sync.current.view.pairing.map { $0 != .pending } ?? false })
            let code = try #require(sync.current.view.pairing?.code)
            _ = try await platform.devices.approve(code: code, spaceId: "ams-r-tulip", at: Date())
            #expect(await eventually { (try? store.syncPosition()) != nil && sync.current.socketOpen })
            #expect(try credentials.permissions() == 0o600)
            #expect(try store.stats().spaces > 0)
            #expect(sync.current.view.pairing == nil)

            // A booking made on the platform: poke, pull, delta, on the panel's store.
            let start = ISO8601.parse("2030-01-07T10:00:00+01:00")!, end = ISO8601.parse("2030-01-07T11:00:00+01:00")!
            let made = try await platform.bookings.add(spaceId: "ams-r-tulip", ownerId: "u-bram", start: start, end: end, title: "From the platform", at: syncMorning)
            let sent = Date()
            #expect(await eventually(within: 30) {
                (try? store.panelDay(spaceId: "ams-r-tulip", at: start))??.bookings.contains { $0.id == made.id } == true
            })
            let took = Date().timeIntervalSince(sent)
            #expect(took < 30, "platform booking to panel store: \(took) s")

            // A check-in at the panel: journaled, pushed, on the platform; the outbox empties.
            let checkIn = try store.apply(DecisionRequest(actor: .user("u-bram"), action: .checkIn, spaceId: "ams-r-tulip", bookingId: made.id),
                                          at: start.addingTimeInterval(-120))
            #expect(checkIn.decision.isAllowed)
            sync.journaled()
            #expect(await eventually {
                (try? await platform.bookings.list(spaceId: "ams-r-tulip"))?.first { $0.id == made.id }?.checkIn == .checkedIn
            })
            #expect(await eventually { (try? store.outboxDepth()) == 0 })

            // Revoked: back to pairing, the credential gone, what the panel noted since still queued.
            let device = try #require(try credentials.read()?.deviceId)
            try store.record(.status, "in-use", spaceId: "ams-r-tulip", at: start)
            #expect(try await platform.devices.revoke(device))
            sync.journaled()
            #expect(await eventually { sync.current.view.pairing.map { $0 != .pending } ?? false })
            #expect(try credentials.read() == nil)
            #expect(sync.current.phase == .revoked)
            #expect(try store.outboxDepth() == 1)
            #expect(try store.integrityCheck())
            running.cancel()
            _ = try? await running.value
            await http.shutdown()
        }
    }
}
