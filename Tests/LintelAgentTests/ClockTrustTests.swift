import Foundation
import LintelAgent
import LintelTestKit
import Testing

@Suite("Clock trust")
struct ClockTrustTests {
    static let t0 = Fixture.instant("2026-11-23T09:00:00+01:00")

    @Test("Nothing expires before the clock is synchronised")
    func unsynchronised() {
        var trust = ClockTrust()
        let mayExpire = trust.observe(wall: Self.t0, monotonic: 0, synchronised: false)
        #expect(!mayExpire)
        #expect(!trust.mayExpire(Self.t0.addingTimeInterval(-60), at: Self.t0))
    }

    @Test("After synchronising, deadlines lived through expire; earlier ones do not")
    func afterSync() {
        var trust = ClockTrust()
        _ = trust.observe(wall: Self.t0, monotonic: 0, synchronised: true)
        _ = trust.observe(wall: Self.t0.addingTimeInterval(600), monotonic: 600_000_000_000, synchronised: true)
        #expect(trust.mayExpire(Self.t0.addingTimeInterval(300), at: Self.t0.addingTimeInterval(600)))
        #expect(!trust.mayExpire(Self.t0.addingTimeInterval(-300), at: Self.t0.addingTimeInterval(600)))
        #expect(!trust.mayExpire(Self.t0.addingTimeInterval(900), at: Self.t0.addingTimeInterval(600)))
    }

    @Test("A clock step (NTP jump) does not release what it jumped over", arguments: [3600.0, -3600.0])
    func stepDoesNotExpire(_ jump: TimeInterval) {
        var trust = ClockTrust()
        _ = trust.observe(wall: Self.t0, monotonic: 0, synchronised: true)
        // 10 s pass on the monotonic clock, but the wall clock moves by 10 s + jump.
        let after = Self.t0.addingTimeInterval(10 + jump)
        _ = trust.observe(wall: after, monotonic: 10_000_000_000, synchronised: true)
        #expect(!trust.mayExpire(after.addingTimeInterval(-5), at: after))
        // Time then really passes: deadlines in it expire.
        let later = after.addingTimeInterval(120)
        _ = trust.observe(wall: later, monotonic: 130_000_000_000, synchronised: true)
        #expect(trust.mayExpire(after.addingTimeInterval(60), at: later))
    }

    @Test("Ordinary drift is not a step")
    func drift() {
        var trust = ClockTrust()
        _ = trust.observe(wall: Self.t0, monotonic: 0, synchronised: true)
        _ = trust.observe(wall: Self.t0.addingTimeInterval(61), monotonic: 60_000_000_000, synchronised: true)
        #expect(trust.mayExpire(Self.t0.addingTimeInterval(30), at: Self.t0.addingTimeInterval(61)))
    }

    @Test("Losing synchronisation stops expiry again")
    func losingSync() {
        var trust = ClockTrust()
        _ = trust.observe(wall: Self.t0, monotonic: 0, synchronised: true)
        let mayExpire = trust.observe(wall: Self.t0.addingTimeInterval(60), monotonic: 60_000_000_000, synchronised: false)
        #expect(!mayExpire)
        #expect(!trust.mayExpire(Self.t0.addingTimeInterval(30), at: Self.t0.addingTimeInterval(60)))
    }
}
