public import Foundation
public import LintelStore
import LintelWire

/// What `lintel status` tells a technician: provisioning, space, board file, display, the last
/// event of each input role, clock trust, the cache's age and counts, the outbox, the last sync
/// and its error, versions. From a running agent (its live part filled), or from the store alone
/// when the agent is not running. Holds no credential and no badge number.
public struct StatusReport: Codable, Sendable, Equatable {
    public struct Provisioning: Codable, Sendable, Equatable {
        /// `paired`, `pairing` (a code on the screen), `unpaired` or `standalone` (no sync configured).
        public var state: String
        public var platform: String?
        public var deviceId: String?
        public var pairingCode: String?
    }

    public struct Display: Codable, Sendable, Equatable {
        public var output: String
        public var device: String?
        public var connector: String?
        public var mode: String?
        public var rotation: Int
        /// What the running agent opened (device, connector, mode), as it logged it.
        public var opened: String?
    }

    public struct Cache: Codable, Sendable, Equatable {
        public var path: String
        public var exists: Bool
        /// Seconds since the platform last confirmed the data (nil: never synced).
        public var ageSeconds: Int?
        public var lastPullAt: Date?
        public var spaces: Int?
        public var users: Int?
        public var badges: Int?
        public var bookings: Int?
        public var bytes: Int?
    }

    public struct Sync: Codable, Sendable, Equatable {
        public var state: String?
        public var lastSuccessAt: Date?
        public var lastError: String?
        public var lastErrorAt: Date?
    }

    /// `running agent` or `store (the agent is not running)`.
    public var source: String
    public var config: String
    public var provisioning: Provisioning
    public var space: String
    public var boardFile: String?
    public var display: Display
    public var showing: String?
    /// Per input role, its last event (only from a running agent).
    public var inputs: [String: AgentStatus.InputSeen]?
    /// `synchronised` or `not synchronised` (bookings may then be refused: the panel cannot trust its time).
    public var clock: String
    public var cache: Cache
    public var outboxDepth: Int?
    public var sync: Sync?
    public var uptimeSeconds: Int?
    public var versions: [String: String]

    /// The device a credential file names (never its secret).
    public struct Pairing: Sendable {
        public var deviceId: String
        public var spaceId: String
        public init(deviceId: String, spaceId: String) {
            self.deviceId = deviceId
            self.spaceId = spaceId
        }
    }

    /// The report from what is at hand: the configuration, the store when it exists, the credential
    /// file's device, the clock, and the running agent's live state when there is one.
    public static func make(configPath: String, config: AgentConfig, store: AuthStore?, paired: Pairing?, clockSynchronised: Bool,
                            live: AgentStatus.Live?, now: Date) -> StatusReport {
        let provisioning: Provisioning
        if let sync = config.sync {
            let state = paired != nil ? "paired" : (live?.pairingCode != nil ? "pairing" : "unpaired")
            provisioning = Provisioning(state: state, platform: sync.platformURL, deviceId: paired?.deviceId,
                                        pairingCode: paired == nil ? live?.pairingCode : nil)
        } else {
            provisioning = Provisioning(state: "standalone")
        }
        let stats = try? store?.stats()
        let position = try? store?.syncPosition()
        var versions = ["lintel": AgentVersion.current]
        if let sqlite = try? store?.sqliteVersion() { versions["sqlite"] = sqlite }
        var system = utsname()
        if uname(&system) == 0 {
            versions["kernel"] = withUnsafeBytes(of: system.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let sync: Sync? = config.sync == nil ? nil : Sync(
            state: live?.syncState, lastSuccessAt: live?.lastSyncAt ?? position?.pulledAt,
            lastError: live?.lastSyncError, lastErrorAt: live?.lastSyncErrorAt)
        return StatusReport(
            source: live == nil ? "store (the agent is not running)" : "running agent",
            config: configPath, provisioning: provisioning, space: paired?.spaceId ?? config.spaceId, boardFile: config.boardPath,
            display: Display(output: config.display.output.rawValue, device: config.display.device, connector: config.display.connector,
                             mode: config.display.mode, rotation: config.display.rotation, opened: live?.display),
            showing: live?.showing.map { status in live?.notice.map { "\(status) (\($0))" } ?? status },
            inputs: live?.inputs, clock: clockSynchronised ? "synchronised" : "not synchronised",
            cache: Cache(path: config.storePath, exists: store != nil,
                         ageSeconds: position.map { max(0, Int(now.timeIntervalSince($0.pulledAt))) }, lastPullAt: position?.pulledAt,
                         spaces: stats?.spaces, users: stats?.users, badges: stats?.badges, bookings: stats?.bookings, bytes: stats?.databaseBytes),
            outboxDepth: try? store?.outboxDepth(), sync: sync,
            uptimeSeconds: live.map { max(0, Int(now.timeIntervalSince($0.startedAt))) }, versions: versions)
    }

    /// The report as `lintel status --json` prints it and the agent's `/status.json` serves it.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> StatusReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(StatusReport.self, from: data)
    }

    /// The report for people: one aligned line per fact.
    public func text(now: Date) -> String {
        func ago(_ date: Date?) -> String {
            guard let date else { return "never" }
            let seconds = max(0, Int(now.timeIntervalSince(date)))
            let span = seconds < 120 ? "\(seconds) s" : seconds < 7200 ? "\(seconds / 60) min" : seconds < 172_800 ? "\(seconds / 3600) h" : "\(seconds / 86400) days"
            return "\(ISO8601.format(date)) (\(span) ago)"
        }
        var lines: [(String, String)] = [("source", source), ("config", config)]
        var pairing = provisioning.state
        if let platform = provisioning.platform { pairing += " with \(platform)" }
        if let device = provisioning.deviceId { pairing += " as \(device)" }
        if let code = provisioning.pairingCode { pairing += ", code \(code) on the screen" }
        lines.append(("provisioning", pairing))
        lines.append(("space", space))
        lines.append(("board file", boardFile ?? "none (no buttons, sensor or LEDs)"))
        var shown = display.output
        for part in [display.device, display.connector, display.mode].compactMap({ $0 }) { shown += " \(part)" }
        if display.rotation != 0 { shown += ", rotated \(display.rotation)°" }
        if let opened = display.opened { shown += "; opened \(opened)" }
        lines.append(("display", shown))
        if let showing { lines.append(("showing", showing)) }
        if let inputs {
            lines.append(("inputs", inputs.isEmpty ? "no event since the start" : ""))
            for (role, seen) in inputs.sorted(by: { $0.key < $1.key }) { lines.append(("  \(role)", "\(seen.event) \(ago(seen.at))")) }
        }
        lines.append(("clock", clock))
        if cache.exists {
            lines.append(("cache", "\(cache.path): \(cache.spaces ?? 0) spaces, \(cache.users ?? 0) users, \(cache.badges ?? 0) badges, \(cache.bookings ?? 0) bookings, \((cache.bytes ?? 0) / 1024) KiB"))
            lines.append(("cache age", cache.ageSeconds.map { "\($0) s (last pull \(ago(cache.lastPullAt)))" } ?? "never synced"))
        } else {
            lines.append(("cache", "\(cache.path): not there yet"))
        }
        if let outboxDepth { lines.append(("outbox", "\(outboxDepth) event\(outboxDepth == 1 ? "" : "s") waiting to be pushed")) }
        if let sync {
            lines.append(("last sync", (sync.state.map { "\($0); " } ?? "") + "last success \(ago(sync.lastSuccessAt))"))
            if let error = sync.lastError { lines.append(("last sync error", "\(error) (\(ago(sync.lastErrorAt)))")) }
        }
        if let uptimeSeconds { lines.append(("uptime", "\(uptimeSeconds) s")) }
        lines.append(("versions", versions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n"
    }
}
