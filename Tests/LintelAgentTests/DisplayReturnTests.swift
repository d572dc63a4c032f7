import Foundation
import LintelAgent
import LintelDisplay
import LintelTestKit
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// A display whose cable can be pulled: it drops frames while its connector is gone (as the DRM
/// sink does), can fail one present, and records what reached the screen.
final class UnpluggableDisplay: WatchedDisplay, @unchecked Sendable {
    struct State {
        var connected = true
        var failNextPresent = false
        var watch = ConnectorWatch()
        var shown: [(frame: FrameBuffer, damage: [Rect])] = []
        var dropped = 0
    }

    struct PresentFailed: Error {}

    let width = 800, height = 480
    let state = Mutex(State())

    func present(_ frame: FrameBuffer, damage: [Rect]) throws {
        try state.withLock { s in
            guard s.watch.isPresenting else { s.dropped += 1; return }
            if s.failNextPresent {
                s.failNextPresent = false
                throw PresentFailed()
            }
            s.shown.append((frame, damage))
        }
    }

    func watchConnector() -> ConnectorWatch.Action? {
        state.withLock { $0.watch.observe(connected: $0.connected) }
    }
}

/// Polls `condition` every 10 ms for up to 10 s (the test pool may be busy).
private func eventually(_ condition: () -> Bool) async -> Bool {
    for _ in 0..<1000 {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

@Suite("A display that goes away and comes back")
struct DisplayReturnTests {
    @Test("Through the running services: unplugged, a failed present, plugged back in — the mode is set again and the whole current picture is sent")
    func disconnectFailReconnect() async throws {
        let display = UnpluggableDisplay()
        let h = try AgentHarness(space: "ams-r-tulip", at: amsterdam("11:58"), bookings: [live("bk", startsIn: -60)], display: display)
        #expect(h.agent.watchesDisplay)
        let inbox = AgentInbox()
        let scheduler = SchedulerService(inbox: inbox, clock: h.clock)
        let service = PanelService(agent: h.agent, inbox: inbox, scheduler: scheduler, notifier: SystemdNotifier(environment: [:]),
                                   logger: Logger(label: "test"))
        let watch = DisplayWatchService(inbox: inbox, interval: .milliseconds(20))
        let group = ServiceGroup(services: [service, scheduler, watch], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        let whole = 800 * 480
        #expect(await eventually { display.state.withLock { $0.shown.count } == 1 })

        // A present that fails: the panel keeps going, and the next frame goes out whole.
        display.state.withLock { $0.failNextPresent = true }
        inbox.send(.press(.checkIn, long: false))
        #expect(await eventually { h.agent.statusName == "in-use" })
        #expect(display.state.withLock { $0.shown.count } == 1)
        // The minute turns: a clock-digits change, yet sent whole, since the last frame never got out.
        h.clock.advance(seconds: 60)
        inbox.send(.tick)
        #expect(await eventually { display.state.withLock { $0.shown.count } == 2 })
        #expect(display.state.withLock { $0.shown.last?.damage.reduce(0) { $0 + $1.width * $1.height } } == whole)

        // The cable is pulled: the watch sees it; frames are held back.
        display.state.withLock { $0.connected = false }
        #expect(await eventually { !display.state.withLock { $0.watch.isPresenting } })
        inbox.send(.press(.end, long: false))
        #expect(await eventually { h.agent.statusName == "free" })
        #expect(await eventually { display.state.withLock { $0.dropped } >= 1 })
        #expect(display.state.withLock { $0.shown.count } == 2)

        // Plugged back in: within an interval, the current picture, whole, without any input.
        display.state.withLock { $0.connected = true }
        #expect(await eventually { display.state.withLock { $0.shown.count } == 3 })
        let returned = try #require(display.state.withLock { $0.shown.last })
        #expect(returned.damage.reduce(0) { $0 + $1.width * $1.height } == whole)
        #expect(returned.frame.pixels == h.sink.frames.last?.frame.pixels)
        await group.triggerGracefulShutdown()
        try await running.value
    }
}
