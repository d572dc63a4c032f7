import Foundation
public import LintelInput
import Yams

/// Reads a board file (YAML). Every key is checked: an unknown key, a missing one or a bad value
/// is reported with the file, line, key path and value, so a technician can fix it on site.
public enum BoardConfigLoader {
    public static func load(file path: String) throws(BoardConfigError) -> BoardConfig {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw BoardConfigError(file: path, line: nil, key: "", value: nil, problem: "cannot read the file")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(BoardConfigError) -> BoardConfig {
        try ConfigReader(file: file).board(try ConfigReader.root(of: text, file: file))
    }
}

extension ConfigReader {
    /// The top node of a YAML configuration text; an empty or malformed text is an error naming the file and line.
    public static func root(of text: String, file: String) throws(ConfigError) -> ConfigNode {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw BoardConfigError(file: file, line: nil, key: "", value: nil, problem: "the file is empty")
            }
            root = node
        } catch let error as BoardConfigError {
            throw error
        } catch let error as YamlError {
            throw BoardConfigError(file: file, line: error.line, key: "", value: nil, problem: "not valid YAML: \(error.summary)")
        } catch {
            throw BoardConfigError(file: file, line: nil, key: "", value: nil, problem: "not valid YAML: \(error)")
        }
        return ConfigNode(node: root, key: "")
    }

    /// Reads a whole configuration file as text.
    public static func text(ofFile path: String) throws(ConfigError) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, key: "", value: nil, problem: "cannot read the file")
        }
        return text
    }
}

extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): mark.line
        default: nil
        }
    }

    var summary: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _): problem
        default: "\(self)"
        }
    }
}

/// A YAML node with the dotted key path that led to it.
public struct ConfigNode {
    let node: Node
    public let key: String

    public var line: Int? { node.mark?.line }
    public var scalar: String? { node.scalar?.string }
    /// The items of a sequence, each keyed `key[i]`.
    public var items: [ConfigNode]? {
        node.sequence.map { $0.enumerated().map { ConfigNode(node: $1, key: "\(key)[\($0)]") } }
    }

    public func child(_ name: String) -> ConfigNode? {
        guard let mapping = node.mapping else { return nil }
        for (k, v) in mapping where k.scalar?.string == name {
            return ConfigNode(node: v, key: key.isEmpty ? name : "\(key).\(name)")
        }
        return nil
    }

    public var keys: [(String, Int?)] {
        node.mapping?.map { ($0.key.scalar?.string ?? "?", $0.key.mark?.line) } ?? []
    }
}

/// Walks a YAML configuration tree, checking as it goes: every problem names the file, line, key
/// path and value.
public struct ConfigReader {
    public let file: String

    public init(file: String) {
        self.file = file
    }

    public func fail(_ node: ConfigNode, _ problem: String, value: String? = nil) -> BoardConfigError {
        BoardConfigError(file: file, line: node.line, key: node.key, value: value ?? node.scalar, problem: problem)
    }

    public func mapping(_ node: ConfigNode, allowed: [String]) throws(BoardConfigError) {
        guard node.node.mapping != nil else { throw fail(node, "expected a mapping of keys") }
        for (key, line) in node.keys where !allowed.contains(key) {
            throw BoardConfigError(file: file, line: line, key: node.key.isEmpty ? key : "\(node.key).\(key)", value: nil,
                                   problem: "unknown key; expected one of \(allowed.joined(separator: ", "))")
        }
    }

    public func required(_ node: ConfigNode, _ name: String) throws(BoardConfigError) -> ConfigNode {
        guard let child = node.child(name) else {
            throw BoardConfigError(file: file, line: node.line, key: node.key.isEmpty ? name : "\(node.key).\(name)", value: nil,
                                   problem: "required key is missing")
        }
        return child
    }

    public func string(_ node: ConfigNode) throws(BoardConfigError) -> String {
        guard let text = node.scalar, !text.isEmpty else { throw fail(node, "expected a text value") }
        return text
    }

    public func integer(_ node: ConfigNode?, default fallback: Int, range: ClosedRange<Int>) throws(BoardConfigError) -> Int {
        guard let node else { return fallback }
        guard let text = node.scalar, let value = Int(text), range.contains(value) else {
            throw fail(node, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    public func choice<T: RawRepresentable & CaseIterable>(_ node: ConfigNode?, default fallback: T) throws(BoardConfigError) -> T where T.RawValue == String {
        guard let node else { return fallback }
        guard let text = node.scalar, let value = T(rawValue: text) else {
            throw fail(node, "expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

}

/// Walks the YAML tree into a `BoardConfig`.
extension ConfigReader {
    func lineSelector(_ node: ConfigNode) throws(BoardConfigError) -> LineSelector {
        let text = try string(node)
        if let offset = Int(text) {
            guard offset >= 0 else { throw fail(node, "a line offset cannot be negative") }
            return .offset(offset)
        }
        return .name(text)
    }

    func activeLow(_ node: ConfigNode?, default fallback: Bool) throws(BoardConfigError) -> Bool {
        guard let node else { return fallback }
        switch node.scalar {
        case "low": return true
        case "high": return false
        default: throw fail(node, "expected low or high")
        }
    }

    func lineConfig(_ node: ConfigNode, activeLowByDefault: Bool, biasByDefault: LineBias) throws(BoardConfigError) -> LineConfig {
        LineConfig(
            line: try lineSelector(try required(node, "line")),
            activeLow: try activeLow(node.child("active"), default: activeLowByDefault),
            bias: try choice(node.child("bias"), default: biasByDefault))
    }

    func board(_ root: ConfigNode) throws(BoardConfigError) -> BoardConfig {
        try mapping(root, allowed: ["name", "chip", "buttons", "occupancy", "status-led", "display", "badge-reader"])
        var board = BoardConfig(name: try string(try required(root, "name")), chip: ChipSelector(try string(try required(root, "chip"))))
        var used: [LineSelector: String] = [:]
        func claim(_ line: LineSelector, by node: ConfigNode) throws(BoardConfigError) {
            if let other = used[line] { throw fail(node, "line \(line) is already used by \(other)", value: "\(line)") }
            used[line] = node.key
        }

        if let buttons = root.child("buttons") {
            try mapping(buttons, allowed: ButtonRole.allCases.map(\.rawValue))
            for role in ButtonRole.allCases {
                guard let node = buttons.child(role.rawValue) else { continue }
                try mapping(node, allowed: ["line", "active", "bias", "debounce-ms", "long-press-ms"])
                let config = ButtonConfig(
                    line: try lineConfig(node, activeLowByDefault: true, biasByDefault: .pullUp),
                    debounceMilliseconds: try integer(node.child("debounce-ms"), default: 30, range: 1...1000),
                    longPressMilliseconds: try integer(node.child("long-press-ms"), default: 800, range: 100...10_000))
                try claim(config.line.line, by: try required(node, "line"))
                board.buttons[role] = config
            }
        }
        if let node = root.child("occupancy") {
            try mapping(node, allowed: ["line", "active", "bias", "debounce-ms", "hold-seconds"])
            let config = OccupancySensorConfig(
                line: try lineConfig(node, activeLowByDefault: false, biasByDefault: .pullDown),
                debounceMilliseconds: try integer(node.child("debounce-ms"), default: 50, range: 1...5000),
                holdSeconds: try integer(node.child("hold-seconds"), default: 120, range: 0...86_400))
            try claim(config.line.line, by: try required(node, "line"))
            board.occupancy = config
        }
        if let node = root.child("status-led") {
            board.statusLed = try statusLed(node, claim: claim)
        }
        if let node = root.child("display") {
            try mapping(node, allowed: ["connector", "rotation", "device"])
            let rotation = try integer(node.child("rotation"), default: 0, range: 0...270)
            guard [0, 90, 180, 270].contains(rotation) else { throw fail(node.child("rotation")!, "expected 0, 90, 180 or 270") }
            board.display = DisplayConfig(
                connector: try node.child("connector").map(string), rotation: rotation, device: try node.child("device").map(string))
        }
        if let node = root.child("badge-reader") {
            try mapping(node, allowed: ["device", "timeout-ms"])
            let device = try required(node, "device")
            guard try string(device).hasPrefix("/dev/input/") else { throw fail(device, "expected an evdev device under /dev/input/") }
            board.badgeReader = BadgeReaderConfig(
                device: try string(device), timeoutMilliseconds: try integer(node.child("timeout-ms"), default: 500, range: 50...10_000))
        }
        return board
    }

    func statusLed(_ node: ConfigNode, claim: (LineSelector, ConfigNode) throws(BoardConfigError) -> Void) throws(BoardConfigError) -> StatusLedConfig {
        let wiringNode = try required(node, "wiring")
        let activeLow = try activeLow(node.child("active"), default: false)
        func line(_ name: String) throws(BoardConfigError) -> LineSelector {
            let child = try required(node, name)
            let selector = try lineSelector(child)
            try claim(selector, child)
            return selector
        }
        switch wiringNode.scalar {
        case "single":
            try mapping(node, allowed: ["wiring", "line", "active"])
            return StatusLedConfig(wiring: .single(line: try line("line")), activeLow: activeLow)
        case "rgb":
            try mapping(node, allowed: ["wiring", "red", "green", "blue", "active"])
            return StatusLedConfig(wiring: .rgb(red: try line("red"), green: try line("green"), blue: try line("blue")), activeLow: activeLow)
        case "separate":
            try mapping(node, allowed: ["wiring", "active"] + LedColour.allCases.map(\.rawValue))
            var lines: [LedColour: LineSelector] = [:]
            for colour in LedColour.allCases where node.child(colour.rawValue) != nil { lines[colour] = try line(colour.rawValue) }
            guard !lines.isEmpty else { throw fail(node, "separate LEDs need at least one colour line (red, green, amber, blue, white)") }
            return StatusLedConfig(wiring: .separate(lines), activeLow: activeLow)
        default:
            throw fail(wiringNode, "expected single, rgb or separate")
        }
    }
}
