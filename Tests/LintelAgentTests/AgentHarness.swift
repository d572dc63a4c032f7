import Foundation
import LintelAgent
import LintelDisplay
import LintelInput
import LintelPolicy
import LintelStore
import LintelWire
import LintelAgentTestKit
import LintelTestKit

/// A panel agent on the demo world in a real SQLite file, with a manual clock, a memory sink and
/// recorded LED patterns — everything but the hardware.
final class AgentHarness {
    let folder: URL
    let store: AuthStore
    let clock: ManualClock
    let sink: MemoryFrameSink
    let agent: PanelAgent
    private(set) var lights: [LedPattern] = []
    private let lightBox = LightBox()

    final class LightBox: @unchecked Sendable { var patterns: [LedPattern] = [] }

    /// `bookings`: placed relative to `now` (seconds), on the panel's space.
    init(space: SpaceID, at now: Date, bookings: [AgentConfig.LiveBooking] = [], synchronised: Bool = true, settings: PanelSettings = PanelSettings(),
         night: NightSchedule? = nil, notifier: SystemdNotifier = SystemdNotifier(environment: [:]), width: Int = 800, height: Int = 480,
         display: (any FrameSink)? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lintel-agent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try AuthStore(path: folder.appendingPathComponent("store.sqlite").path)
        let seed = AgentConfig.Seed(snapshotPath: ProjectFiles.demoWorld.path, rebaseToToday: true, bookings: bookings)
        try store.importSnapshot(try SeedWorld.load(seed, at: now))
        clock = ManualClock(now, synchronised: synchronised)
        sink = MemoryFrameSink(width: width, height: height)
        var config = AgentConfig(spaceId: space, storePath: "")
        config.panel = settings
        config.display.night = night
        let box = lightBox
        let fonts = try FontSet(folder: ProjectFiles.url("assets/fonts").path)
        agent = try PanelAgent(
            config: config, store: store, clock: clock,
            outputs: PanelOutputs(panel: RotatedPanel(physicalWidth: width, physicalHeight: height, rotation: 0, fonts: fonts), sinks: [sink] + (display.map { [$0] } ?? []),
                                  lights: { box.patterns.append($0) }),
            notifier: notifier)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var ledPatterns: [LedPattern] { lightBox.patterns }

    /// Sends an event; returns what the panel shows afterwards.
    @discardableResult
    func send(_ event: AgentEvent) throws -> String {
        try agent.handle(event)
        return agent.statusName
    }

    /// Lets time pass in one-second ticks, as the scheduler would wake the panel.
    func pass(seconds: Int) throws {
        for _ in 0..<seconds {
            clock.advance(seconds: 1)
            try agent.handle(.tick)
        }
    }

    func journal() throws -> [(action: String, actor: String, decision: String)] {
        try store.journal().map { ($0.action?.rawValue ?? "", $0.actorUserId ?? $0.actorKind?.rawValue ?? "", $0.decision ?? "") }
    }
}

/// A Monday in November at a given Amsterdam wall time (the demo world's day moves to it).
func amsterdam(_ time: String, day: String = "2026-11-30") -> Date { Fixture.instant("\(day)T\(time):00+01:00") }

func live(_ id: String, startsIn seconds: Int, minutes: Int = 45, owner: UserID? = "u-bram", checkedIn: Bool = false, space: SpaceID? = nil) -> AgentConfig.LiveBooking {
    AgentConfig.LiveBooking(id: id, spaceId: space ?? "ams-r-tulip", ownerId: owner, title: "Stand-up", startsInSeconds: seconds, minutes: minutes, checkedIn: checkedIn)
}
