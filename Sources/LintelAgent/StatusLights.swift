public import LintelDisplay
public import LintelInput

/// The status LED for each panel state, readable from across the office: green free, red in use,
/// amber blinking while check-in is due, blue released, amber slow blink when a desk needs cleaning.
public enum StatusLights {
    public static func pattern(for status: PanelStatus) -> LedPattern {
        switch status {
        case .free, .cleaned: .steady(.green)
        case .upcoming: .blink(.green, onMilliseconds: 900, offMilliseconds: 100)
        case .checkInDue: .blink(.amber, onMilliseconds: 500, offMilliseconds: 500)
        case .inUse: .steady(.red)
        case .released: .steady(.blue)
        case .needsCleaning: .blink(.amber, onMilliseconds: 1500, offMilliseconds: 500)
        }
    }
}
