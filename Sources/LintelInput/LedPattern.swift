/// What a status LED shows: off, a steady colour, or a colour blinking on and off.
public enum LedPattern: Sendable, Equatable {
    case off
    case steady(LedColour)
    case blink(LedColour, onMilliseconds: Int, offMilliseconds: Int)

    /// The colour lit at `elapsed` nanoseconds after the pattern started (nil: dark).
    public func colour(after elapsed: UInt64) -> LedColour? {
        switch self {
        case .off: return nil
        case .steady(let colour): return colour
        case .blink(let colour, let on, let off):
            let period = UInt64.milliseconds(on + off)
            guard period > 0 else { return colour }
            return elapsed % period < .milliseconds(on) ? colour : nil
        }
    }

    /// The next moment after `elapsed` at which the LED changes (nil for patterns that never do).
    public func nextChange(after elapsed: UInt64) -> UInt64? {
        guard case .blink(_, let on, let off) = self else { return nil }
        let period = UInt64.milliseconds(on + off)
        guard period > 0 else { return nil }
        let phase = elapsed % period
        let base = elapsed - phase
        return phase < .milliseconds(on) ? base + .milliseconds(on) : base + period
    }
}

public enum LedColour: String, Sendable, CaseIterable, Codable {
    case red, green, amber, blue, white
}
