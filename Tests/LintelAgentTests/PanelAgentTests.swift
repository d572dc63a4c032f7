import Foundation
import LintelAgent
import LintelDisplay
import LintelInput
import LintelPolicy
import LintelStore
import LintelWire
import LintelAgentTestKit
import LintelTestKit
import Testing

/// The agent end to end, without hardware: a real SQLite store holding the demo world, the policy,
/// the renderer into a memory sink, LED patterns recorded.
@Suite("Panel agent on the demo world")
struct PanelAgentTests {
    @Test("A due booking: the check-in press checks it in, the panel turns in use, the LED red, the journal has it once")
    func checkInFlow() throws {
        let h = try AgentHarness(space: "ams-r-tulip", at: amsterdam("11:58"), bookings: [live("bk-standup", startsIn: 120)])
        #expect(try h.send(.tick) == "checkin-due")
        #expect(h.ledPatterns.last == .blink(.amber, onMilliseconds: 500, offMilliseconds: 500))
        let before = h.sink.frames.count
        #expect(try h.send(.press(.checkIn, long: false)) == "in-use")
        #expect(h.sink.frames.count == before + 1)
        #expect(h.ledPatterns.last == .steady(.red))
        #expect(try h.store.observations().compactMap(\.value) == ["checkin-due", "in-use"])
        let journal = try h.journal()
        #expect(journal.count == 1)
        #expect(journal.first?.action == "checkin" && journal.first?.decision == "allowed")
        // The frame's damage covers the status pane, not the whole screen.
        let damage = h.sink.frames.last!.damage.reduce(0) { $0 + $1.width * $1.height }
        #expect(damage > 0 && damage < 800 * 480)
    }

    @Test("No-show: nobody checks in, the system releases the booking when the window closes (10 min after start) — not before")
    func noShowRelease() throws {
        let h = try AgentHarness(space: "ams-r-tulip", at: amsterdam("12:05"), bookings: [live("bk-noshow", startsIn: -300)])
        #expect(try h.send(.tick) == "checkin-due")
        try h.pass(seconds: 299)
        #expect(h.agent.statusName == "checkin-due")
        try h.pass(seconds: 1)
        #expect(h.agent.statusName == "released")
        #expect(h.ledPatterns.last == .steady(.blue))
        let releases = try h.journal().filter { $0.action == "release" }
        #expect(releases.count == 1)
        #expect(releases.first?.actor == "system" && releases.first?.decision == "allowed")
        try h.pass(seconds: 60)
        #expect(try h.journal().filter { $0.action == "release" }.count == 1)
    }

    @Test("Before the clock is synchronised nothing is released and the panel says the time is not set")
    func untrustedClock() throws {
        let h = try AgentHarness(space: "ams-r-tulip", at: amsterdam("12:05"), bookings: [live("bk-noshow", startsIn: -300)], synchronised: false)
        try h.send(.tick)
        try h.pass(seconds: 600)
        #expect(try h.journal().isEmpty)
        #expect(h.agent.statusName == "released") // the view shows the window closed…
        let bookings = try h.store.panelDay(spaceId: "ams-r-tulip", at: h.clock.now())!.bookings
        #expect(bookings.first { $0.id == "bk-noshow" }?.status == .confirmed) // …but the store released nothing
    }

    @Test("A clock step (NTP jump) over the window does not release the booking it jumped over")
    func clockStep() throws {
        let h = try AgentHarness(space: "ams-r-tulip", at: amsterdam("11:55"), bookings: [live("bk-standup", startsIn: 300)])
        try h.send(.tick)
        h.clock.step(seconds: 30 * 60) // 12:25: the window (12:00–12:10) was jumped over
        try h.send(.tick)
        try h.pass(seconds: 120)
        #expect(try h.journal().filter { $0.action == "release" }.isEmpty)
    }

    @Test("Book now on a free room: 30 minutes, checked in at once; End frees it; both journaled")
    func bookNowAndEnd() throws {
        let h = try AgentHarness(space: "ams-r-canal", at: amsterdam("15:00"))
        #expect(try h.send(.tick) == "free")
        #expect(try h.send(.press(.checkIn, long: false)) == "in-use")
        let booked = try h.store.panelDay(spaceId: "ams-r-canal", at: h.clock.now())!.bookings.first { $0.id.hasPrefix("local-") }
        #expect(abs(booked!.end.timeIntervalSince(booked!.start) - 30 * 60) < 1)
        #expect(booked?.checkIn == .checkedIn)
        try h.pass(seconds: 60)
        #expect(try h.send(.press(.end, long: false)) == "free")
        #expect(try h.journal().map(\.action) == ["book", "end"])
    }

    @Test("Hygienic desk: used, ended → needs cleaning; a badge without clean rights is refused on the panel; the cleaner's badge cleans it")
    func hygienicDesk() throws {
        let h = try AgentHarness(space: "ams-d-201", at: amsterdam("12:00"),
                                 bookings: [live("bk-desk", startsIn: -3600, minutes: 120, owner: "u-chloe", checkedIn: true, space: "ams-d-201")])
        #expect(try h.send(.tick) == "in-use")
        #expect(try h.send(.press(.end, long: false)) == "needs-cleaning")
        #expect(h.ledPatterns.last == .blink(.amber, onMilliseconds: 1500, offMilliseconds: 500))
        // Bram (employee) may not clean a desk Chloé used: the panel says why, for a few seconds.
        #expect(try h.send(.badge("04B7E1D0")) == "needs-cleaning")
        #expect(h.sink.frames.count > 0)
        let refusal = try h.journal().last
        #expect(refusal?.action == "clean" && refusal?.decision == DenialReason.cleanLevelInsufficient.rawValue)
        #expect(h.agent.notice == DenialReason.cleanLevelInsufficient.message)
        // Eli, the cleaner, presents a badge.
        #expect(try h.send(.badge("04E1C1EA")) == "cleaned")
        #expect(h.agent.notice == nil)
        #expect(h.ledPatterns.last == .steady(.green))
        #expect(try h.journal().last?.decision == "allowed")
    }

    @Test("A refusal is shown in the footer for five seconds, then the footer returns")
    func noticeExpires() throws {
        let h = try AgentHarness(space: "nyc-r-liberty", at: Fixture.instant("2026-11-30T15:00:00-05:00"))
        try h.send(.tick)
        let plain = h.sink.frames.last!.frame
        try h.send(.press(.checkIn, long: false)) // New York panels need a badge
        #expect(try h.journal().last?.decision == DenialReason.badgeRequired.rawValue)
        #expect(h.sink.frames.last!.frame != plain)
        try h.pass(seconds: 5)
        #expect(h.sink.frames.last!.frame.pixels == plain.pixels)
    }

    @Test("A checked-in room the sensor sees empty for the configured time is ended by the system")
    func emptyRoom() throws {
        let h = try AgentHarness(space: "ams-r-tulip", at: amsterdam("12:20"), bookings: [live("bk-meeting", startsIn: -1200, minutes: 60, checkedIn: true)],
                                 settings: PanelSettings(releaseWhenEmptyMinutes: 15))
        #expect(try h.send(.presence(false)) == "in-use")
        try h.pass(seconds: 14 * 60)
        #expect(h.agent.statusName == "in-use")
        try h.pass(seconds: 60)
        #expect(h.agent.statusName == "free")
        #expect(try h.journal().map { "\($0.action) \($0.actor) \($0.decision)" } == ["end system allowed"])
    }

    @Test("The next wake is the minute's turn when idle, the next second while a countdown shows")
    func wakeUps() throws {
        let idle = try AgentHarness(space: "ams-r-canal", at: Fixture.instant("2026-11-30T15:00:20+01:00"))
        #expect(try idle.agent.handle(.tick) == Fixture.instant("2026-11-30T15:01:00+01:00"))
        let due = try AgentHarness(space: "ams-r-tulip", at: Fixture.instant("2026-11-30T11:58:20+01:00"), bookings: [live("bk", startsIn: 100)])
        #expect(try due.agent.handle(.tick) == Fixture.instant("2026-11-30T11:58:21+01:00"))
    }

    @Test("An empty store (before the first sync) shows 'waiting for data'; the panel comes alive once the space arrives")
    func emptyStore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lintel-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try AuthStore(path: folder.appendingPathComponent("store.sqlite").path)
        let sink = MemoryFrameSink(width: 800, height: 480)
        let fonts = try FontSet(folder: ProjectFiles.url("assets/fonts").path)
        let agent = try PanelAgent(config: AgentConfig(spaceId: "ams-r-tulip", storePath: ""), store: store,
                                   clock: ManualClock(amsterdam("11:00", day: "2026-11-23")),
                                   outputs: PanelOutputs(panel: RotatedPanel(physicalWidth: 800, physicalHeight: 480, rotation: 0, fonts: fonts), sinks: [sink]))
        try agent.handle(.tick)
        #expect(agent.statusName == "error")
        #expect(sink.frames.count == 1)
        try store.importSnapshot(json: try Data(contentsOf: ProjectFiles.demoWorld), file: "demo-world.json")
        try agent.handle(.tick) // the minute tick reads the store again
        #expect(agent.statusName == "free")
        #expect(sink.frames.count == 2)
    }

    @Test("A space nobody books (the phone booth) shows what its PIR sensor sees")
    func followsSensor() throws {
        let h = try AgentHarness(space: "ams-r-phone", at: amsterdam("11:00"))
        #expect(try h.send(.tick) == "free")
        #expect(try h.send(.presence(true)) == "in-use")
        #expect(h.ledPatterns.last == .steady(.red))
        #expect(try h.send(.presence(false)) == "free")
        #expect(try h.journal().isEmpty)
        #expect(try h.store.observations().map { "\($0.observation?.rawValue ?? "") \($0.value ?? "")" }
                == ["status free", "presence occupied", "status in-use", "presence vacant", "status free"])
    }

    @Test("At night without a backlight the panel is blanked (one black frame), and drawn again in the morning")
    func nightBlank() throws {
        let h = try AgentHarness(space: "ams-r-canal", at: amsterdam("21:59"),
                                 night: NightSchedule(from: LocalTime(hour: 22), to: LocalTime(hour: 6), action: .blank))
        try h.send(.tick)
        let day = h.sink.frames.count
        h.clock.advance(seconds: 60)
        try h.send(.tick)
        #expect(h.sink.frames.count == day + 1)
        #expect(h.sink.frames.last!.frame.pixels.allSatisfy { $0 & 0xFFFFFF == 0 })
        h.clock.advance(seconds: 3600)
        try h.send(.tick)
        #expect(h.sink.frames.count == day + 1) // nothing drawn while blank
        h.clock.advance(seconds: 7 * 3600)
        try h.send(.tick)
        #expect(h.sink.frames.count == day + 2)
        #expect(!h.sink.frames.last!.frame.pixels.allSatisfy { $0 & 0xFFFFFF == 0 })
    }

    @Test("Book now at 18:45 in a room open until 19:00 is cut to 19:00 by the opening hours, not refused; only the booking is journaled")
    func bookNowBoundedByOpeningHours() throws {
        let h = try AgentHarness(space: "ams-r-canal", at: Fixture.instant("2026-11-30T18:45:20+01:00"))
        #expect(try h.send(.press(.checkIn, long: false)) == "in-use")
        let booked = try h.store.panelDay(spaceId: "ams-r-canal", at: h.clock.now())!.bookings.first { $0.id.hasPrefix("local-") }
        #expect(booked?.end == Fixture.instant("2026-11-30T19:00:00+01:00"))
        #expect(try h.journal().map { "\($0.action) \($0.decision)" } == ["book allowed"])
    }

    @Test("Book now after closing time has nothing to cut to: refused with the opening-hours reason")
    func bookNowAfterHours() throws {
        let h = try AgentHarness(space: "ams-r-canal", at: Fixture.instant("2026-11-30T19:30:00+01:00"))
        #expect(try h.send(.press(.checkIn, long: false)) == "free")
        #expect(try h.journal().map { "\($0.action) \($0.decision)" } == ["book outside_opening_hours"])
        #expect(h.agent.notice == DenialReason.outsideOpeningHours.message)
    }

    @Test("Extend at 18:50 of a meeting ending 18:55, in a room open until 19:00: extended to 19:00, not refused")
    func extendBoundedByOpeningHours() throws {
        let h = try AgentHarness(space: "ams-r-canal", at: Fixture.instant("2026-11-30T18:50:00+01:00"),
                                 bookings: [live("bk-late", startsIn: -600, minutes: 15, checkedIn: true, space: "ams-r-canal")])
        #expect(try h.send(.press(.extend, long: false)) == "in-use")
        let booking = try h.store.panelDay(spaceId: "ams-r-canal", at: h.clock.now())!.bookings.first { $0.id == "bk-late" }
        #expect(booking?.end == Fixture.instant("2026-11-30T19:00:00+01:00"))
        #expect(try h.journal().map { "\($0.action) \($0.decision)" } == ["extend allowed"])
    }
}
