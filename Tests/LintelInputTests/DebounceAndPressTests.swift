import LintelInput
import Testing

private func ms(_ value: Int) -> UInt64 { .milliseconds(value) }

@Suite("Debounce, presses and occupancy, on kernel timestamps")
struct DebounceAndPressTests {
    /// An edge script: (milliseconds, active) pairs, then where time is advanced to.
    struct Script: Sendable, CustomTestStringConvertible {
        let rule: String
        let edges: [(Int, Bool)]
        let until: Int
        let expected: [String]
        var testDescription: String { rule }
    }

    static let board = BoardConfig(
        name: "test", chip: .label("sim"),
        buttons: [.checkIn: ButtonConfig(line: LineConfig(line: .name("B"), activeLow: true, bias: .pullUp),
                                         debounceMilliseconds: 30, longPressMilliseconds: 800)],
        occupancy: OccupancySensorConfig(line: LineConfig(line: .name("P"), activeLow: false, bias: .pullDown),
                                         debounceMilliseconds: 50, holdSeconds: 2))

    @Test("Button edges become presses", arguments: [
        Script(rule: "A clean press and release is one short press", edges: [(1000, true), (1200, false)], until: 2000,
               expected: ["checkin-button pressed @1000", "checkin-button short-press @1200 held 200", "checkin-button released @1200 held 200"]),
        Script(rule: "A bounce burst collapses into one press, stamped when the contact settled",
               edges: [(1000, true), (1002, false), (1004, true), (1007, false), (1009, true), (1300, false)], until: 2000,
               expected: ["checkin-button pressed @1009", "checkin-button short-press @1300 held 291", "checkin-button released @1300 held 291"]),
        Script(rule: "A glitch shorter than the debounce window is no press", edges: [(1000, true), (1010, false)], until: 2000,
               expected: []),
        Script(rule: "Held for the long-press time: a long press while still held", edges: [(1000, true)], until: 1900,
               expected: ["checkin-button pressed @1000", "checkin-button long-press @1800"]),
        Script(rule: "A long press is reported once; the release follows", edges: [(1000, true), (2500, false)], until: 3000,
               expected: ["checkin-button pressed @1000", "checkin-button long-press @1800", "checkin-button released @2500 held 1500"]),
        Script(rule: "Nothing is decided before the window has passed", edges: [(1000, true)], until: 1029, expected: []),
        Script(rule: "Release bounces do not make a second press",
               edges: [(1000, true), (1200, false), (1203, true), (1206, false)], until: 2000,
               expected: ["checkin-button pressed @1000", "checkin-button short-press @1206 held 206", "checkin-button released @1206 held 206"]),
    ])
    func buttonScripts(_ script: Script) {
        var processor = InputProcessor(board: Self.board)
        var events: [InputEvent] = []
        for (t, active) in script.edges { events += processor.edge(.button(.checkIn), active: active, at: ms(t)) }
        events += processor.advance(to: ms(script.until))
        #expect(events.map(Self.render) == script.expected)
    }

    @Test("PIR motion is held into occupancy", arguments: [
        Script(rule: "Motion makes the room occupied at once (after debounce)", edges: [(1000, true)], until: 1100,
               expected: ["pir occupied @1000"]),
        Script(rule: "The room stays occupied for the hold time after motion stops", edges: [(1000, true), (1500, false)], until: 3400,
               expected: ["pir occupied @1000"]),
        Script(rule: "Vacant once the hold time has passed without motion", edges: [(1000, true), (1500, false)], until: 3600,
               expected: ["pir occupied @1000", "pir vacant @3500"]),
        Script(rule: "Motion again within the hold time re-triggers it", edges: [(1000, true), (1500, false), (3000, true), (3200, false)],
               until: 5100, expected: ["pir occupied @1000"]),
        Script(rule: "After a re-trigger, vacant counts from the last quiet", edges: [(1000, true), (1500, false), (3000, true), (3200, false)],
               until: 5300, expected: ["pir occupied @1000", "pir vacant @5200"]),
    ])
    func occupancyScripts(_ script: Script) {
        var processor = InputProcessor(board: Self.board)
        var events: [InputEvent] = []
        for (t, active) in script.edges { events += processor.edge(.occupancy, active: active, at: ms(t)) }
        events += processor.advance(to: ms(script.until))
        #expect(events.map(Self.render) == script.expected)
    }

    @Test("The next deadline is when the earliest pending decision falls due")
    func nextDeadline() {
        var processor = InputProcessor(board: Self.board)
        #expect(processor.nextDeadline == nil)
        _ = processor.edge(.button(.checkIn), active: true, at: ms(1000))
        #expect(processor.nextDeadline == ms(1030))
        _ = processor.advance(to: ms(1030))
        #expect(processor.nextDeadline == ms(1800))
        _ = processor.edge(.occupancy, active: true, at: ms(1100))
        #expect(processor.nextDeadline == ms(1150))
    }

    @Test("A line that starts active is not reported as a press")
    func startsActive() {
        var processor = InputProcessor(board: Self.board, initialLevels: [.button(.checkIn): true])
        let events = processor.edge(.button(.checkIn), active: true, at: ms(1000)) + processor.advance(to: ms(2000))
        #expect(events.isEmpty)
        #expect(processor.level(of: .button(.checkIn)) == true)
    }

    static func render(_ event: InputEvent) -> String {
        "\(event.role) \(event.kind.rawValue) @\(event.at / 1_000_000)" + (event.heldMilliseconds.map { " held \($0)" } ?? "")
    }
}
