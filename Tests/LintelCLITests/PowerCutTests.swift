import Foundation
import LintelPolicy
import LintelStore
import LintelWire
import LintelTestKit
import Testing

@Suite("A power cut during import leaves the store whole")
struct PowerCutTests {
    /// Kills `lintel store import` with SIGKILL at moments spread over the import, then checks that
    /// the store is sound and holds either the old world or the new one, never a mixture.
    @Test("SIGKILL at any moment of an import: old or new, never half")
    func killDuringImport() throws {
        let scratch = try Scratch()
        let store = scratch.path("panel.sqlite")
        let big = scratch.path("big.json")
        let world = SyntheticWorld.snapshot(users: 1_000, spaces: 100, bookings: 10_000, around: Fixture.instant("2026-11-23T09:00:00Z"))
        try SnapshotCoding.encode(world).write(to: URL(fileURLWithPath: big))
        #expect(try LintelProcess.run(["store", "import", "--store", store, ProjectFiles.demoWorld.path]).status == 0)

        // How long a whole import takes here, to spread the kills over it.
        let copy = scratch.path("timing.sqlite")
        let began = Date()
        #expect(try LintelProcess.run(["store", "import", "--store", copy, big]).status == 0)
        let duration = Date().timeIntervalSince(began)

        var outcomes: [String: Int] = [:]
        for step in 1...8 {
            let process = try LintelProcess.start(["store", "import", "--store", store, big])
            // From 40% to 99% of an import's time: decoding is done early, the transaction comes late.
            Thread.sleep(forTimeInterval: duration * (0.4 + 0.59 * Double(step) / 8.0))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()

            let reopened = try AuthStore(path: store)
            #expect(try reopened.integrityCheck())
            let stats = try reopened.stats()
            switch stats.organisation {
            case "Meridian Group":
                #expect((stats.users, stats.bookings) == (16, 14))
                outcomes["old", default: 0] += 1
            case "Synthetic":
                #expect((stats.users, stats.bookings) == (1_000, 10_000))
                outcomes["new", default: 0] += 1
                // Put the old world back so the next cut can hit a real replacement again.
                #expect(try LintelProcess.run(["store", "import", "--store", store, ProjectFiles.demoWorld.path]).status == 0)
            default:
                Issue.record("the store holds neither world: \(stats)")
            }
        }
        #expect(outcomes.values.reduce(0, +) == 8)
        #expect(outcomes["old", default: 0] > 0, "no kill landed inside an import: \(outcomes), import took \(duration) s")
    }

    /// Kills re-imports of the same world (as a full sync does) at moments spread over them, with a
    /// booking made at the panel not yet pushed: after every kill the store is sound, the local
    /// booking is there exactly once and its decision is in the outbox exactly once.
    @Test("SIGKILL at any moment of a re-import keeps the panel's unpushed booking, once")
    func killDuringImportKeepsLocalBooking() throws {
        let scratch = try Scratch()
        let path = scratch.path("panel.sqlite")
        let big = scratch.path("big.json")
        let around = Fixture.instant("2026-11-23T09:00:00Z")
        let world = SyntheticWorld.snapshot(users: 1_000, spaces: 100, bookings: 10_000, around: around)
        try SnapshotCoding.encode(world).write(to: URL(fileURLWithPath: big))
        #expect(try LintelProcess.run(["store", "import", "--store", path, big]).status == 0)
        var local: BookingID?
        do {
            let store = try AuthStore(path: path)
            for space in world.spaces.map(\.id) where local == nil {
                let applied = try store.apply(DecisionRequest(actor: .anonymous, action: .book, spaceId: space, start: around.addingTimeInterval(3 * 3600),
                                                              end: around.addingTimeInterval(3 * 3600 + 1800)), at: around)
                if applied.decision.isAllowed { local = applied.bookingId }
            }
        }
        let id = try #require(local, "no space took a walk-up booking")

        let copy = scratch.path("timing.sqlite")
        let began = Date()
        #expect(try LintelProcess.run(["store", "import", "--store", copy, big]).status == 0)
        let duration = Date().timeIntervalSince(began)
        var committed = 0
        for step in 1...8 {
            let before = try AuthStore(path: path).stats().importedAt
            let process = try LintelProcess.start(["store", "import", "--store", path, big])
            Thread.sleep(forTimeInterval: duration * (0.4 + 0.59 * Double(step) / 8.0))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let store = try AuthStore(path: path)
            #expect(try store.integrityCheck())
            if try store.stats().importedAt != before { committed += 1 }
            #expect(try store.exportSnapshot().bookings.filter { $0.id == id }.count == 1)
            #expect(try store.journal().filter { $0.bookingId == id && $0.decision == "allowed" }.count == 1)
            #expect(try store.stats().bookings == 10_001)
        }
        #expect(committed < 8, "no kill landed inside an import (each took about \(duration) s)")
    }
}
