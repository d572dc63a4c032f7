import Foundation
import LintelAgent
import LintelInput
import LintelInputTestKit
import LintelTestKit
import Logging
import Synchronization
import Testing

@Suite("Input service")
struct InputServiceTests {
    @Test("Input events become panel events", arguments: [
        (InputEvent(role: "checkin-button", kind: .shortPress, at: 0), AgentEvent?.some(.press(.checkIn, long: false))),
        (InputEvent(role: "end-button", kind: .longPress, at: 0), .press(.end, long: true)),
        (InputEvent(role: "pir", kind: .occupied, at: 0), .presence(true)),
        (InputEvent(role: "pir", kind: .vacant, at: 0), .presence(false)),
        (InputEvent(role: "badge-reader", kind: .badge, at: 0, badge: "04E1C1EA"), .badge("04E1C1EA")),
        (InputEvent(role: "checkin-button", kind: .pressed, at: 0), nil),
        (InputEvent(role: "badge-reader", kind: .badgeDiscarded, at: 0), nil),
    ])
    func mapping(_ event: InputEvent, _ expected: AgentEvent?) {
        #expect(InputService.agentEvent(for: event) == expected)
    }

    @Test("A debounced press on the board reaches the panel's inbox; cancelling the group stops the input thread and closes the hardware")
    func pressThenCancel() async throws {
        var board = BoardConfig(name: "test", chip: ChipSelector("sim"))
        board.buttons[.checkIn] = ButtonConfig(line: LineConfig(line: .name("BTN"), activeLow: true, bias: .pullUp))
        let source = ScriptedInputSource([
            .edge(.button(.checkIn), active: true, at: .milliseconds(100)),
            .edge(.button(.checkIn), active: false, at: .milliseconds(300)),
        ])
        let inbox = AgentInbox()
        let closed = Mutex(false)
        let service = InputService(monitor: InputMonitor(board: board, source: source), inbox: inbox, logger: Logger(label: "test"),
                                   close: { closed.withLock { $0 = true } })
        let running = Task { try await service.run() }
        var iterator = inbox.events.makeAsyncIterator()
        #expect(await iterator.next() == .press(.checkIn, long: false))
        running.cancel()
        _ = await running.result
        #expect(closed.withLock { $0 })
    }
}
