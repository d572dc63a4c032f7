import Crypto
public import Foundation
import GRDB
public import LintelPlatformCore
import LintelWire

/// Devices and their enrolment in the style of the OAuth device grant (RFC 8628): a device asks
/// for codes, shows the user code, polls with the device code; a technician approves the user code
/// for a space; the next poll hands the device its credential, once. Secrets are random, returned
/// once and stored only as SHA-256 digests.
public struct DeviceRegistry: Sendable {
    let database: DatabasePool

    /// How long a pairing code can be approved, and how often a device may poll.
    public static let codeLifetime: TimeInterval = 600
    public static let pollInterval: TimeInterval = 2

    public struct Enrolment: Sendable, Equatable {
        public var deviceId: String
        public var deviceCode: String
        public var userCode: String
        public var expiresAt: Date
    }

    public enum PollOutcome: Sendable, Equatable {
        case pending
        case slowDown
        case expired
        case denied
        case approved(deviceId: String, credential: String, spaceId: String)
    }

    public struct Device: Sendable, Equatable {
        public var id: String
        public var state: String
        public var userCode: String
        public var spaceId: String?
        public var locationId: String?
        public var hardware: String
        public var lastSeenAt: Date?
        /// The last heartbeat as the device sent it (JSON): versions, clock, cache age, outbox
        /// depth, what the panel shows, display and input health, last error.
        public var heartbeat: Data?
    }

    public func startEnrolment(hardware: String, at instant: Date) throws -> Enrolment {
        let deviceCode = Self.randomToken(bytes: 32)
        let userCode = PairingCode.make(from: Self.randomBytes(8))
        let deviceId = "dev-" + Self.randomToken(bytes: 9)
        let expires = instant.addingTimeInterval(Self.codeLifetime)
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO device (id, deviceCodeHash, userCode, state, hardware, createdAt, expiresAt)
                    VALUES (?, ?, ?, 'pending', ?, ?, ?)
                    """,
                arguments: [deviceId, Self.digest(deviceCode), userCode, String(hardware.prefix(200)), Self.millis(instant), Self.millis(expires)])
        }
        return Enrolment(deviceId: deviceId, deviceCode: deviceCode, userCode: userCode, expiresAt: expires)
    }

    public enum ApprovalError: Error, Equatable, CustomStringConvertible {
        case badCode(String)
        case noSuchCode(String)
        case noSuchSpace(String)

        public var description: String {
            switch self {
            case .badCode(let code): "\"\(code)\" is not a pairing code (eight letters and digits, shown as XXXX-XXXX)"
            case .noSuchCode(let code): "no device is waiting with the code \(code) (it may have expired: codes last 10 minutes)"
            case .noSuchSpace(let space): "no space \(space) in the world"
            }
        }
    }

    /// Approves the device waiting with `typedCode` for a space of the world.
    public func approve(code typedCode: String, spaceId: String, at instant: Date) throws -> Device {
        guard let code = PairingCode.normalised(typedCode) else { throw ApprovalError.badCode(typedCode) }
        return try database.write { db in
            guard let space = try Data.fetchOne(db, sql: "SELECT body FROM item WHERE entity = 'space' AND id = ?", arguments: [spaceId]),
                  let areaId = try JSONSerialization.jsonObject(with: space) as? [String: Any], let area = areaId["areaId"] as? String,
                  let areaBody = try Data.fetchOne(db, sql: "SELECT body FROM item WHERE entity = 'area' AND id = ?", arguments: [area]),
                  let location = (try JSONSerialization.jsonObject(with: areaBody) as? [String: Any])?["locationId"] as? String
            else { throw ApprovalError.noSuchSpace(spaceId) }
            guard let id = try String.fetchOne(
                db, sql: "SELECT id FROM device WHERE userCode = ? AND state = 'pending' AND expiresAt > ?",
                arguments: [code, Self.millis(instant)])
            else { throw ApprovalError.noSuchCode(code) }
            try db.execute(
                sql: "UPDATE device SET state = 'approved', spaceId = ?, locationId = ?, approvedAt = ? WHERE id = ?",
                arguments: [spaceId, location, Self.millis(instant), id])
            return try Self.device(id, db)!
        }
    }

    /// The device's poll: pending until approved (slow down when too fast), then its credential once.
    public func poll(deviceCode: String, at instant: Date) throws -> PollOutcome {
        try database.write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT id, state, spaceId, expiresAt, lastPollAt FROM device WHERE deviceCodeHash = ?",
                arguments: [Self.digest(deviceCode)])
            else { return .denied }
            let id: String = row[0]
            let state: String = row[1]
            let now = Self.millis(instant)
            let lastPoll: Int64? = row[4]
            try db.execute(sql: "UPDATE device SET lastPollAt = ? WHERE id = ?", arguments: [now, id])
            switch state {
            case "pending":
                if now >= row[3] as Int64 { return .expired }
                if let lastPoll, Double(now - lastPoll) < Self.pollInterval * 1000 * 0.8 { return .slowDown }
                return .pending
            case "approved":
                let credential = Self.randomToken(bytes: 32)
                try db.execute(sql: "UPDATE device SET state = 'active', credentialHash = ?, lastSeenAt = ? WHERE id = ?",
                               arguments: [Self.digest(credential), now, id])
                return .approved(deviceId: id, credential: credential, spaceId: row[2])
            default:
                return .denied
            }
        }
    }

    /// The active device a credential belongs to; nil for an unknown or revoked one.
    public func device(credential: String, seenAt instant: Date) throws -> Device? {
        try database.write { db in
            let digest = Self.digest(credential)
            if let rotated = try String.fetchOne(
                db, sql: "SELECT id FROM device WHERE pendingCredentialHash = ? AND state = 'active'", arguments: [digest]) {
                try db.execute(sql: "UPDATE device SET credentialHash = pendingCredentialHash, pendingCredentialHash = NULL WHERE id = ?",
                               arguments: [rotated])
            }
            guard let id = try String.fetchOne(
                db, sql: "SELECT id FROM device WHERE credentialHash = ? AND state = 'active'", arguments: [digest])
            else { return nil }
            try db.execute(sql: "UPDATE device SET lastSeenAt = ? WHERE id = ?", arguments: [Self.millis(instant), id])
            return try Self.device(id, db)
        }
    }

    /// Records a device's heartbeat (already checked by the caller) and when it came.
    public func recordHeartbeat(_ deviceId: String, _ heartbeat: Data, at instant: Date) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE device SET heartbeat = ?, lastSeenAt = ? WHERE id = ?",
                           arguments: [String(decoding: heartbeat, as: UTF8.self), Self.millis(instant), deviceId])
        }
    }

    /// A new credential for an active device, returned once. The old one keeps working until the
    /// new one is first used, so an answer lost on the way does not lock the device out.
    public func rotateCredential(_ deviceId: String, at instant: Date) throws -> String {
        let credential = Self.randomToken(bytes: 32)
        try database.write { db in
            try db.execute(sql: "UPDATE device SET pendingCredentialHash = ?, lastSeenAt = ? WHERE id = ? AND state = 'active'",
                           arguments: [Self.digest(credential), Self.millis(instant), deviceId])
        }
        return credential
    }

    public func revoke(_ deviceId: String) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "UPDATE device SET state = 'revoked', credentialHash = NULL, pendingCredentialHash = NULL WHERE id = ?",
                           arguments: [deviceId])
            return db.changesCount > 0
        }
    }

    public func devices() throws -> [Device] {
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM device ORDER BY createdAt").compactMap { try Self.device($0, db) }
        }
    }

    private static func device(_ id: String, _ db: Database) throws -> Device? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT id, state, userCode, spaceId, locationId, hardware, lastSeenAt, heartbeat FROM device WHERE id = ?", arguments: [id])
        else { return nil }
        let seen: Int64? = row[6]
        return Device(id: row[0], state: row[1], userCode: row[2], spaceId: row[3], locationId: row[4], hardware: row[5],
                      lastSeenAt: seen.map { Date(timeIntervalSince1970: Double($0) / 1000) }, heartbeat: (row[7] as String?).map { Data($0.utf8) })
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func digest(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// URL-safe base64 of random bytes.
    static func randomToken(bytes count: Int) -> String {
        Data(randomBytes(count)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

extension PlatformStore {
    public var devices: DeviceRegistry { DeviceRegistry(database: database) }
}
