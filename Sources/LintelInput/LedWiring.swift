/// How a status LED is wired: one line, an RGB LED on three lines, or separate coloured LEDs.
public enum LedWiring: Sendable, Equatable {
    case single(line: LineSelector)
    case rgb(red: LineSelector, green: LineSelector, blue: LineSelector)
    case separate([LedColour: LineSelector])

    /// Every line the LED uses, in a fixed order.
    public var lines: [LineSelector] {
        switch self {
        case .single(let line): [line]
        case .rgb(let r, let g, let b): [r, g, b]
        case .separate(let lines): LedColour.allCases.compactMap { lines[$0] }
        }
    }

    /// The logical value (true: lit) of each line in `lines` for a colour (nil: dark).
    /// An RGB LED mixes amber from red and green, white from all three; separate LEDs light the
    /// matching one, or red and green together for amber when there is no amber LED.
    public func values(for colour: LedColour?) -> [Bool] {
        guard let colour else { return lines.map { _ in false } }
        switch self {
        case .single:
            return [true]
        case .rgb:
            switch colour {
            case .red: return [true, false, false]
            case .green: return [false, true, false]
            case .blue: return [false, false, true]
            case .amber: return [true, true, false]
            case .white: return [true, true, true]
            }
        case .separate(let lines):
            let present = LedColour.allCases.filter { lines[$0] != nil }
            var lit: Set<LedColour> = [colour]
            if lines[colour] == nil && colour == .amber { lit = [.red, .green] }
            if lines[colour] == nil && colour == .white { lit = Set(present) }
            return present.map { lit.contains($0) }
        }
    }
}
