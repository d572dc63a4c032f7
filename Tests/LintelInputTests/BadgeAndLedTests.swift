import LintelInput
import Testing

@Suite("Badge reader keys and status LEDs")
struct BadgeAndLedTests {
    /// Key codes for a badge number typed by a keyboard-wedge reader.
    static func keys(_ text: String) -> [UInt16] {
        let codes: [Character: UInt16] = ["1": 2, "2": 3, "3": 4, "4": 5, "5": 6, "6": 7, "7": 8, "8": 9, "9": 10, "0": 11,
                                          "A": 30, "B": 48, "C": 46, "D": 32, "E": 18, "F": 33]
        return text.map { codes[$0]! }
    }

    @Test("Typed digits and letters ended by Enter are one badge, upper-cased")
    func decodesBadge() {
        var decoder = BadgeKeyDecoder()
        var actions: [BadgeKeyDecoder.Action] = []
        var t: UInt64 = 1_000_000
        for code in Self.keys("04B7E1D0") {
            actions += decoder.key(code: code, value: 1, at: t)
            actions += decoder.key(code: code, value: 0, at: t + 1000)
            t += 2_000_000
        }
        actions += decoder.key(code: LinuxKey.enter, value: 1, at: t)
        #expect(actions == [.badge("04B7E1D0", at: t)])
    }

    @Test("Shift and auto-repeat add nothing; the keypad's Enter ends a badge too")
    func shiftRepeatKeypad() {
        var decoder = BadgeKeyDecoder()
        var actions = decoder.key(code: 42, value: 1, at: 1) // left shift
        actions += decoder.key(code: 30, value: 1, at: 2)
        actions += decoder.key(code: 30, value: 2, at: 3)   // auto-repeat
        actions += decoder.key(code: 79, value: 1, at: 4)   // keypad 1
        actions += decoder.key(code: LinuxKey.keypadEnter, value: 1, at: 5)
        #expect(actions == [.badge("A1", at: 5)])
    }

    @Test("A pause longer than the timeout drops the partial number")
    func timeoutDropsPartial() {
        var decoder = BadgeKeyDecoder(timeout: .milliseconds(500))
        var actions = decoder.key(code: 2, value: 1, at: .milliseconds(0))
        actions += decoder.key(code: 3, value: 1, at: .milliseconds(100))
        actions += decoder.key(code: 4, value: 1, at: .milliseconds(700))
        actions += decoder.key(code: LinuxKey.enter, value: 1, at: .milliseconds(750))
        #expect(actions == [.discarded("12", at: .milliseconds(700)), .badge("3", at: .milliseconds(750))])
    }

    @Test("Enter alone is no badge; an endless stream is cut off")
    func emptyAndTooLong() {
        var decoder = BadgeKeyDecoder(maximumLength: 4)
        #expect(decoder.key(code: LinuxKey.enter, value: 1, at: 1).isEmpty)
        var actions: [BadgeKeyDecoder.Action] = []
        for i in 0..<5 { actions += decoder.key(code: 2, value: 1, at: UInt64(10 + i)) }
        #expect(actions == [.discarded("11111", at: 14)])
    }

    @Test("Blink patterns: on, then off, then on again", arguments: [
        (0, LedColour.amber as LedColour?), (499, .amber), (500, nil), (999, nil), (1000, .amber),
    ])
    func blinkPhases(_ at: Int, _ colour: LedColour?) {
        let pattern = LedPattern.blink(.amber, onMilliseconds: 500, offMilliseconds: 500)
        #expect(pattern.colour(after: .milliseconds(at)) == colour)
    }

    @Test("A blink's next change, and none for steady patterns")
    func nextChange() {
        let pattern = LedPattern.blink(.red, onMilliseconds: 200, offMilliseconds: 800)
        #expect(pattern.nextChange(after: .milliseconds(50)) == .milliseconds(200))
        #expect(pattern.nextChange(after: .milliseconds(200)) == .milliseconds(1000))
        #expect(LedPattern.steady(.green).nextChange(after: 0) == nil)
    }

    @Test("Line values for each wiring and colour", arguments: [
        (LedWiring.rgb(red: .name("R"), green: .name("G"), blue: .name("B")), LedColour.amber as LedColour?, [true, true, false]),
        (.rgb(red: .name("R"), green: .name("G"), blue: .name("B")), .blue, [false, false, true]),
        (.rgb(red: .name("R"), green: .name("G"), blue: .name("B")), nil, [false, false, false]),
        (.separate([.red: .name("R"), .green: .name("G"), .amber: .name("A")]), .amber, [false, false, true]),
        (.separate([.red: .name("R"), .green: .name("G")]), .amber, [true, true]),
        (.separate([.red: .name("R"), .green: .name("G")]), .green, [false, true]),
        (.single(line: .name("L")), .red, [true]),
        (.single(line: .name("L")), nil, [false]),
    ])
    func wiringValues(_ wiring: LedWiring, _ colour: LedColour?, _ values: [Bool]) {
        #expect(wiring.values(for: colour) == values)
        #expect(wiring.lines.count == values.count)
    }
}
