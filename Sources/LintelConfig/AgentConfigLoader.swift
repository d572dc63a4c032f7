import Foundation
import LintelDisplay
public import LintelInput
public import LintelAgent
import LintelPolicy

/// Reads the agent's configuration (YAML). Every key is checked: an unknown key, a missing one or a
/// bad value is reported with the file, line, key path and value. Relative paths in the file are
/// taken from the file's own folder. The board file it names is read too (its errors name that
/// file): what the board says of its display (device, connector, rotation) is the display's, unless
/// the agent file's `display:` says otherwise.
public enum AgentConfigLoader {
    public static func load(file path: String) throws(ConfigError) -> AgentConfig {
        try parse(try ConfigReader.text(ofFile: path), file: path)
    }

    public static func parse(_ text: String, file: String,
                             readBoard: (String) throws(ConfigError) -> BoardConfig = BoardConfigLoader.load(file:)) throws(ConfigError) -> AgentConfig {
        let reader = ConfigReader(file: file)
        let root = try ConfigReader.root(of: text, file: file)
        let folder = (file as NSString).deletingLastPathComponent
        func path(_ node: ConfigNode) throws(ConfigError) -> String {
            let text = try reader.string(node)
            return text.hasPrefix("/") || folder.isEmpty ? text : "\(folder)/\(text)"
        }
        func flag(_ node: ConfigNode?, default fallback: Bool) throws(ConfigError) -> Bool {
            guard let node else { return fallback }
            switch node.scalar {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: throw reader.fail(node, "expected true or false")
            }
        }
        // Who may act at the panel: as the location says, or badge holders only.
        func access(_ node: ConfigNode?) throws(ConfigError) -> Bool {
            guard let node else { return false }
            switch node.scalar {
            case "location": return false
            case "badge": return true
            default: throw reader.fail(node, "expected location (the location's rule: anyone or badge) or badge (badge holders only)")
            }
        }
        func time(_ node: ConfigNode) throws(ConfigError) -> LocalTime {
            guard let text = node.scalar, let time = LocalTime(parsing: text) else { throw reader.fail(node, "expected a time as HH:MM") }
            return time
        }

        try reader.mapping(root, allowed: ["space", "store", "language", "board", "display", "panel", "clock", "http", "seed", "sync"])
        var config = AgentConfig(spaceId: try reader.string(try reader.required(root, "space")), storePath: try path(try reader.required(root, "store")))
        config.language = try reader.choice(root.child("language"), default: .english)
        config.boardPath = try root.child("board").map(path)
        if let boardPath = config.boardPath { config.board = try readBoard(boardPath) }
        let boardDisplay = config.board?.display
        config.display.device = boardDisplay?.device
        config.display.connector = boardDisplay?.connector
        config.display.rotation = boardDisplay?.rotation ?? 0

        if let node = root.child("display") {
            try reader.mapping(node, allowed: ["output", "device", "connector", "mode", "fbdev", "png", "width", "height", "rotation", "night"])
            var display = config.display
            display.output = try reader.choice(node.child("output"), default: .auto)
            display.device = try node.child("device").map(reader.string) ?? display.device
            display.connector = try node.child("connector").map(reader.string) ?? display.connector
            display.mode = try node.child("mode").map(reader.string)
            display.fbdev = try node.child("fbdev").map(reader.string)
            display.pngPath = try node.child("png").map(path)
            display.width = try reader.integer(node.child("width"), default: 1280, range: 64...7680)
            display.height = try reader.integer(node.child("height"), default: 800, range: 64...7680)
            display.rotation = try reader.integer(node.child("rotation"), default: display.rotation, range: 0...270)
            if let rotation = node.child("rotation"), ![0, 90, 180, 270].contains(display.rotation) {
                throw reader.fail(rotation, "expected 0, 90, 180 or 270")
            }
            if display.output == .png, display.pngPath == nil {
                throw reader.fail(node, "output png needs a png path", value: "png")
            }
            if let night = node.child("night") {
                try reader.mapping(night, allowed: ["from", "to", "brightness", "weekends"])
                let brightness = try reader.integer(night.child("brightness"), default: 0, range: 0...100)
                display.night = NightSchedule(
                    from: try time(try reader.required(night, "from")), to: try time(try reader.required(night, "to")),
                    action: brightness == 0 ? .blank : .dim(percent: brightness),
                    wholeDays: try flag(night.child("weekends"), default: false) ? [.sat, .sun] : [])
            }
            config.display = display
        }
        if let node = root.child("panel") {
            try reader.mapping(node, allowed: ["book-now-minutes", "extend-minutes", "auto-check-in-on-presence", "release-when-empty-minutes", "badge-valid-seconds", "access"])
            config.panel = PanelSettings(
                bookNowMinutes: try reader.integer(node.child("book-now-minutes"), default: 30, range: 5...480),
                extendMinutes: try reader.integer(node.child("extend-minutes"), default: 15, range: 5...240),
                autoCheckInOnPresence: try flag(node.child("auto-check-in-on-presence"), default: false),
                releaseWhenEmptyMinutes: try reader.integer(node.child("release-when-empty-minutes"), default: 0, range: 0...240),
                badgeValidSeconds: Double(try reader.integer(node.child("badge-valid-seconds"), default: 10, range: 1...120)),
                badgeRequired: try access(node.child("access")))
        }
        if let node = root.child("clock") {
            try reader.mapping(node, allowed: ["assume-synchronised"])
            config.assumeSynchronisedClock = try flag(node.child("assume-synchronised"), default: false)
        }
        if let node = root.child("http") {
            try reader.mapping(node, allowed: ["listen", "virtual-panel"])
            let listen = try reader.required(node, "listen")
            let text = try reader.string(listen)
            let address: (host: String, port: Int)
            do {
                address = try loopbackAddress(text)
            } catch {
                throw reader.fail(listen, error.description)
            }
            config.http = AgentConfig.HTTP(host: address.host, port: address.port, virtualPanel: try flag(node.child("virtual-panel"), default: false))
        }
        if let node = root.child("seed") {
            try reader.mapping(node, allowed: ["snapshot", "rebase-to-today", "bookings"])
            var seed = AgentConfig.Seed(snapshotPath: try path(try reader.required(node, "snapshot")),
                                        rebaseToToday: try flag(node.child("rebase-to-today"), default: false), bookings: [])
            if let list = node.child("bookings") {
                guard let items = list.items else { throw reader.fail(list, "expected a list of bookings") }
                for item in items {
                    try reader.mapping(item, allowed: ["id", "space", "owner", "title", "starts-in-seconds", "minutes", "checked-in"])
                    seed.bookings.append(AgentConfig.LiveBooking(
                        id: try reader.string(try reader.required(item, "id")),
                        spaceId: try item.child("space").map(reader.string) ?? config.spaceId,
                        ownerId: try item.child("owner").map(reader.string),
                        title: try item.child("title").map(reader.string),
                        startsInSeconds: try reader.integer(try reader.required(item, "starts-in-seconds"), default: 0, range: -86_400...86_400),
                        minutes: try reader.integer(try reader.required(item, "minutes"), default: 30, range: 1...1440),
                        checkedIn: try flag(item.child("checked-in"), default: false)))
                }
            }
            config.seed = seed
        }
        if let node = root.child("sync") {
            try reader.mapping(node, allowed: ["platform", "credential", "ca-bundle", "poll-seconds", "stop-booking-after-hours", "hardware", "demo-page"])
            let platform = try reader.required(node, "platform")
            let url = try reader.string(platform)
            let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"].contains { url == $0 || url.hasPrefix($0 + ":") || url.hasPrefix($0 + "/") }
            guard url.hasPrefix("https://") || loopback else {
                throw reader.fail(platform, "the platform's address must be https:// (plain http:// only on loopback), not \"\(url)\"")
            }
            var sync = AgentConfig.Sync(platformURL: url, credentialPath: try node.child("credential").map(path) ?? "/var/lib/lintel/credential.json")
            sync.caBundle = try node.child("ca-bundle").map(path)
            sync.pollSeconds = Double(try reader.integer(node.child("poll-seconds"), default: 30, range: 1...3600))
            sync.stopBookingAfterHours = Double(try reader.integer(node.child("stop-booking-after-hours"), default: 24, range: 1...720))
            sync.hardware = try node.child("hardware").map(reader.string) ?? sync.hardware
            sync.demoPage = try flag(node.child("demo-page"), default: false)
            config.sync = sync
        }
        return config
    }

    /// A loopback `HOST:PORT` (127.0.0.1, ::1 or localhost): the agent serves nothing beyond the board.
    public static func loopbackAddress(_ text: String) throws(AddressError) -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw AddressError(description: "expected HOST:PORT, e.g. 127.0.0.1:9464")
        }
        let host = String(text[..<colon])
        guard ["127.0.0.1", "::1", "localhost", "[::1]"].contains(host) else {
            throw AddressError(description: "the agent serves on loopback only (127.0.0.1, ::1 or localhost)")
        }
        return (host == "[::1]" ? "::1" : host, port)
    }

    public struct AddressError: Error, CustomStringConvertible {
        public let description: String
    }
}
