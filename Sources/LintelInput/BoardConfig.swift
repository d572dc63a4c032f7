/// One board's wiring: which GPIO chip and lines are which panel role, how the status LED is wired,
/// the display and the badge reader. Read from a file in `board-configs/` by `BoardConfigLoader`.
public struct BoardConfig: Sendable, Equatable {
    public var name: String
    public var chip: ChipSelector
    public var buttons: [ButtonRole: ButtonConfig]
    public var occupancy: OccupancySensorConfig?
    public var statusLed: StatusLedConfig?
    public var display: DisplayConfig?
    public var badgeReader: BadgeReaderConfig?

    public init(
        name: String, chip: ChipSelector, buttons: [ButtonRole: ButtonConfig] = [:], occupancy: OccupancySensorConfig? = nil,
        statusLed: StatusLedConfig? = nil, display: DisplayConfig? = nil, badgeReader: BadgeReaderConfig? = nil
    ) {
        self.name = name
        self.chip = chip
        self.buttons = buttons
        self.occupancy = occupancy
        self.statusLed = statusLed
        self.display = display
        self.badgeReader = badgeReader
    }
}

/// A GPIO chip by its label (which survives the kernel renumbering chips, e.g. `pinctrl-rp1` on a
/// Pi 5) or by its device path.
public enum ChipSelector: Sendable, Hashable, CustomStringConvertible {
    case label(String)
    case path(String)

    public init(_ text: String) {
        self = text.hasPrefix("/") ? .path(text) : .label(text)
    }

    public var description: String {
        switch self {
        case .label(let label): label
        case .path(let path): path
        }
    }
}

/// A line by its name (as the board's device tree or gpio-sim names it) or by its offset on the chip.
public enum LineSelector: Sendable, Hashable, CustomStringConvertible {
    case name(String)
    case offset(Int)

    public var description: String {
        switch self {
        case .name(let name): name
        case .offset(let offset): "offset \(offset)"
        }
    }
}

/// The physical buttons a panel may have.
public enum ButtonRole: String, Sendable, CaseIterable, Codable {
    case checkIn = "checkin"
    case end
    case extend
    case clean

    /// The name events carry, e.g. `checkin-button`.
    public var eventName: String { "\(rawValue)-button" }
}

/// Pull resistor setting requested for an input line.
public enum LineBias: String, Sendable, CaseIterable {
    case asIs = "as-is"
    case disabled
    case pullUp = "pull-up"
    case pullDown = "pull-down"
}

/// Electrical details every line has: where it is, whether low means active, and its bias.
public struct LineConfig: Sendable, Equatable {
    public var line: LineSelector
    public var activeLow: Bool
    public var bias: LineBias

    public init(line: LineSelector, activeLow: Bool, bias: LineBias) {
        self.line = line
        self.activeLow = activeLow
        self.bias = bias
    }
}

public struct ButtonConfig: Sendable, Equatable {
    public var line: LineConfig
    public var debounceMilliseconds: Int
    public var longPressMilliseconds: Int

    public init(line: LineConfig, debounceMilliseconds: Int = 30, longPressMilliseconds: Int = 800) {
        self.line = line
        self.debounceMilliseconds = debounceMilliseconds
        self.longPressMilliseconds = longPressMilliseconds
    }
}

public struct OccupancySensorConfig: Sendable, Equatable {
    public var line: LineConfig
    public var debounceMilliseconds: Int
    /// How long the room counts as occupied after the sensor last saw motion.
    public var holdSeconds: Int

    public init(line: LineConfig, debounceMilliseconds: Int = 50, holdSeconds: Int = 120) {
        self.line = line
        self.debounceMilliseconds = debounceMilliseconds
        self.holdSeconds = holdSeconds
    }
}

public struct StatusLedConfig: Sendable, Equatable {
    public var wiring: LedWiring
    public var activeLow: Bool

    public init(wiring: LedWiring, activeLow: Bool = false) {
        self.wiring = wiring
        self.activeLow = activeLow
    }
}

public struct DisplayConfig: Sendable, Equatable {
    /// DRM connector name, e.g. `HDMI-A-1`; nil picks the first connected one.
    public var connector: String?
    /// Degrees clockwise: 0, 90, 180 or 270.
    public var rotation: Int
    /// DRM card device; nil picks the first card with a connected connector.
    public var device: String?

    public init(connector: String? = nil, rotation: Int = 0, device: String? = nil) {
        self.connector = connector
        self.rotation = rotation
        self.device = device
    }
}

public struct BadgeReaderConfig: Sendable, Equatable {
    /// The reader's evdev device, ideally its stable `/dev/input/by-id/...-event-kbd` link.
    public var device: String
    public var timeoutMilliseconds: Int

    public init(device: String, timeoutMilliseconds: Int = 500) {
        self.device = device
        self.timeoutMilliseconds = timeoutMilliseconds
    }
}
