import Foundation
import LintelAgent
import LintelPolicy
import LintelStore
import LintelTestKit
import Testing

@Suite("Seed world")
struct SeedWorldTests {
    private func seed(_ bookings: [AgentConfig.LiveBooking] = []) -> AgentConfig.Seed {
        AgentConfig.Seed(snapshotPath: ProjectFiles.demoWorld.path, rebaseToToday: true, bookings: bookings)
    }

    @Test("Rebased to a later day, bookings keep their local wall time, across a DST change (Amsterdam and New York)", arguments: [
        // The demo world's day is 23 November 2026 (winter time); Tulip's planning is 09:00–10:00 Amsterdam.
        ("2026-11-30T12:00:00Z", "bk-tulip-planning", "2026-11-30T09:00:00+01:00"),
        ("2027-07-05T12:00:00Z", "bk-tulip-planning", "2027-07-05T09:00:00+02:00"),
        ("2027-07-05T12:00:00Z", "bk-liberty-client", "2027-07-05T09:00:00-04:00"),
    ])
    func rebase(_ now: String, _ booking: String, _ start: String) throws {
        let world = try SeedWorld.load(seed(), at: Fixture.instant(now))
        #expect(world.bookings.first { $0.id == booking }?.start == Fixture.instant(start))
    }

    @Test("Live bookings start relative to now and push out what they overlap on their space")
    func live() throws {
        let now = Fixture.instant("2026-11-30T09:30:00+01:00")
        let world = try SeedWorld.load(seed([AgentConfig.LiveBooking(id: "bk-now", spaceId: "ams-r-tulip", ownerId: "u-bram", title: nil,
                                                                     startsInSeconds: 60, minutes: 30, checkedIn: false)]), at: now)
        #expect(world.bookings.first { $0.id == "bk-now" }?.start == now.addingTimeInterval(60))
        #expect(!world.bookings.contains { $0.id == "bk-tulip-planning" })
    }

    @Test("A live booking on a space the world lacks is refused by name")
    func unknownSpace() {
        #expect(throws: SeedError.self) {
            try SeedWorld.load(seed([AgentConfig.LiveBooking(id: "x", spaceId: "nowhere", ownerId: nil, title: nil, startsInSeconds: 0, minutes: 5,
                                                             checkedIn: false)]), at: Date())
        }
    }
}
