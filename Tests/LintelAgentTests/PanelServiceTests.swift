import Foundation
import LintelAgent
import LintelTestKit
import Logging
import ServiceLifecycle
import Testing

/// Waits (up to a minute: other suites may keep the shared thread pool busy) for the next datagram,
/// on a thread of its own, so the blocking read never holds one of the threads the services under
/// test run on.
private func received(_ listener: SystemdNotifierTests.Listener) async -> String? {
    await withCheckedContinuation { (done: CheckedContinuation<String?, Never>) in
        Thread {
            var message: String?
            for _ in 0..<30 where message == nil { message = listener.receive() }
            done.resume(returning: message)
        }.start()
    }
}

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
        #expect(await received(listener) == "READY=1\nSTATUS=showing ams-r-tulip: checkin-due")
        inbox.send(.watchdog)
        #expect(await received(listener) == "WATCHDOG=1")
        inbox.send(.press(.checkIn, long: false))
        #expect(await received(listener) == "STATUS=showing ams-r-tulip: in-use")
        await group.triggerGracefulShutdown()
        #expect(await received(listener) == "STOPPING=1")
        try await running.value
    }
}
