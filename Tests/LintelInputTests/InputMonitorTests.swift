import LintelInput
import LintelInputTestKit
import LintelTestKit
import Testing

@Suite("The input loop on a scripted source")
struct InputMonitorTests {
    static let board = BoardConfig(
        name: "scripted", chip: .label("sim"),
        buttons: [.checkIn: ButtonConfig(line: LineConfig(line: .name("B"), activeLow: true, bias: .pullUp))],
        statusLed: StatusLedConfig(wiring: .rgb(red: .name("R"), green: .name("G"), blue: .name("B2"))))

    @Test("Edges in, debounced presses out, in order, with the loop sleeping between")
    func pressesThroughTheLoop() throws {
        let source = ScriptedInputSource([
            .edge(.button(.checkIn), active: true, at: .milliseconds(100)),
            .edge(.button(.checkIn), active: false, at: .milliseconds(102)),
            .edge(.button(.checkIn), active: true, at: .milliseconds(104)),
            .edge(.button(.checkIn), active: false, at: .milliseconds(300)),
        ])
        let monitor = InputMonitor(board: Self.board, source: source)
        var seen: [String] = []
        try monitor.run(until: .milliseconds(2000)) { event in
            seen.append("\(event.kind.rawValue)@\(event.at / 1_000_000)")
            return true
        }
        #expect(seen == ["pressed@104", "short-press@300", "released@300"])
        #expect(source.isExhausted)
    }

    @Test("The status LED blinks on its own schedule and goes dark on .off")
    func ledBlinks() throws {
        let source = ScriptedInputSource([])
        let monitor = InputMonitor(board: Self.board, source: source)
        try monitor.show(.blink(.amber, onMilliseconds: 200, offMilliseconds: 300))
        try monitor.run(until: .milliseconds(1100)) { _ in true }
        try monitor.show(.off)
        let history = source.ledHistory.map { "\($0.at / 1_000_000):\($0.values.map { $0 ? 1 : 0 })" }
        #expect(history == ["0:[1, 1, 0]", "200:[0, 0, 0]", "500:[1, 1, 0]", "700:[0, 0, 0]", "1000:[1, 1, 0]", "1100:[0, 0, 0]"])
    }

    @Test("Returning false from the handler ends the loop")
    func handlerStops() throws {
        let source = ScriptedInputSource([
            .edge(.button(.checkIn), active: true, at: .milliseconds(100)),
            .edge(.button(.checkIn), active: false, at: .milliseconds(300)),
        ])
        let monitor = InputMonitor(board: Self.board, source: source)
        var count = 0
        try monitor.run { _ in
            count += 1
            return false
        }
        #expect(count == 1)
    }
}
