import Foundation
import LintelAgent
import LintelTestKit
import Logging
import ServiceLifecycle
import Testing

/// The panel service as systemd sees it, over a real datagram socket.
@Suite("Panel service and systemd")
struct PanelServiceTests {
    @Test("READY with what the panel shows after the first frame; WATCHDOG from inside the loop; STOPPING on graceful shutdown")
    func readyWatchdog() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lintel-notify-\(UUID().uuidString)").path
        let listener = try SystemdNotifierTests.Listener(path: path)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
        let h = try AgentHarness(space: "ams-r-tulip", at: amsterdam("11:58"), bookings: [live("bk", startsIn: 120)], notifier: notifier)
        let inbox = AgentInbox()
        let scheduler = SchedulerService(inbox: inbox, clock: h.clock)
        let service = PanelService(agent: h.agent, inbox: inbox, scheduler: scheduler, notifier: notifier, logger: Logger(label: "test"))
        let group = ServiceGroup(services: [service, scheduler], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        #expect(listener.receive() == "READY=1\nSTATUS=showing ams-r-tulip: checkin-due")
        #expect(h.sink.frames.count == 1)
        inbox.send(.watchdog)
        #expect(listener.receive() == "WATCHDOG=1")
        inbox.send(.press(.checkIn, long: false))
        #expect(listener.receive() == "STATUS=showing ams-r-tulip: in-use")
        await group.triggerGracefulShutdown()
        #expect(listener.receive() == "STOPPING=1")
        try await running.value
    }
}
