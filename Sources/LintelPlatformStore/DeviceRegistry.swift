public import Foundation
import LintelPlatformCore
import LintelWire

/// Devices and their enrolment in the style of the OAuth device grant (RFC 8628): a device asks
/// for codes, shows the user code, polls with the device code; a technician approves the user code
/// for a space; the next poll hands the device its credential, once. Secrets are random, returned
/// once and stored only as SHA-256 digests.
public struct DeviceRegistry: Sendable {
    let database: any PlatformDatabase
    let cache: DeviceCache
    let lastSeen: LastSeenRecorder

    /// How long a pairing code can be approved, and how often a device may poll.
    public static let codeLifetime: TimeInterval = 600
    public static let pollInterval: TimeInterval = 2
    /// How stale a device's "last seen" may get before a request writes it again (a pull is a
    /// read; recording every one would make each a write).
    public static let lastSeenResolution: TimeInterval = 30

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

    public func startEnrolment(hardware: String, at instant: Date) async throws -> Enrolment {
        let deviceCode = Secrets.randomToken(bytes: 32)
        let userCode = PairingCode.make(from: Secrets.randomBytes(8))
        let deviceId = "dev-" + Secrets.randomToken(bytes: 9)
        let expires = instant.addingTimeInterval(Self.codeLifetime)
        let printable = String(String.UnicodeScalarView(hardware.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }).prefix(200))
        try await database.write { tx in
            try tx.execute(
                """
                INSERT INTO device (id, deviceCodeHash, userCode, state, hardware, createdAt, expiresAt)
                VALUES (?, ?, ?, 'pending', ?, ?, ?)
                """, [deviceId, Secrets.digest(deviceCode), userCode, printable, Millis.of(instant), Millis.of(expires)])
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
    public func approve(code typedCode: String, spaceId: String, at instant: Date) async throws -> Device {
        guard let code = PairingCode.normalised(typedCode) else { throw ApprovalError.badCode(typedCode) }
        return try await database.write { tx in
            guard let location = try tx.row("SELECT locationId FROM item WHERE entity = 'space' AND id = ?", [spaceId])?.optionalString(0)
            else { throw ApprovalError.noSuchSpace(spaceId) }
            guard let id = try tx.row(
                "SELECT id FROM device WHERE userCode = ? AND state = 'pending' AND expiresAt > ?", [code, Millis.of(instant)])?.string(0)
            else { throw ApprovalError.noSuchCode(code) }
            try tx.execute(
                "UPDATE device SET state = 'approved', spaceId = ?, locationId = ?, approvedAt = ? WHERE id = ?",
                [spaceId, location, Millis.of(instant), id])
            return try Self.device(id, tx)!
        }
    }

    /// The device's poll: pending until approved (slow down when too fast), then its credential once.
    public func poll(deviceCode: String, at instant: Date) async throws -> PollOutcome {
        try await database.write { tx in
            guard let row = try tx.row(
                "SELECT id, state, spaceId, expiresAt, lastPollAt FROM device WHERE deviceCodeHash = ?", [Secrets.digest(deviceCode)])
            else { return .denied }
            let id = try row.string(0)
            let now = Millis.of(instant)
            let lastPoll = try row.optionalInteger(4)
            try tx.execute("UPDATE device SET lastPollAt = ? WHERE id = ?", [now, id])
            switch try row.string(1) {
            case "pending":
                if now >= (try row.integer(3)) { return .expired }
                if let lastPoll, Double(now - lastPoll) < Self.pollInterval * 1000 * 0.8 { return .slowDown }
                return .pending
            case "approved":
                let credential = Secrets.randomToken(bytes: 32)
                try tx.execute("UPDATE device SET state = 'active', credentialHash = ?, lastSeenAt = ? WHERE id = ?",
                               [Secrets.digest(credential), now, id])
                return .approved(deviceId: id, credential: credential, spaceId: try row.string(2))
            default:
                return .denied
            }
        }
    }

    /// The active device a credential belongs to; nil for an unknown or revoked one. A read
    /// (from the cache of active devices when it is fresh), unless the credential is a rotated
    /// one used for the first time; "last seen" is noted and written a few seconds later.
    public func device(credential: String, seenAt instant: Date) async throws -> Device? {
        let digest = Secrets.digest(credential)
        var device = cache.device(digest: digest)
        if device == nil {
            device = try await lookUp(digest: digest, seenAt: instant)
            if let device { cache.store(device, digest: digest) }
        }
        guard var device else { return nil }
        if device.lastSeenAt.map({ instant.timeIntervalSince($0) >= Self.lastSeenResolution }) ?? true {
            lastSeen.record(device.id, at: instant)
            device.lastSeenAt = instant
            cache.store(device, digest: digest)
        }
        return device
    }

    private func lookUp(digest: String, seenAt instant: Date) async throws -> Device? {
        let found = try await database.read { tx -> (Device?, needsWrite: Bool) in
            if let row = try tx.row("SELECT id FROM device WHERE credentialHash = ? AND state = 'active'", [digest]),
               let device = try Self.device(try row.string(0), tx) {
                return (device, false)
            }
            let rotated = try tx.row("SELECT 1 FROM device WHERE pendingCredentialHash = ? AND state = 'active'", [digest]) != nil
            return (nil, rotated)
        }
        guard found.needsWrite else { return found.0 }
        return try await database.write { [cache] tx in
            if let rotated = try tx.row("SELECT id FROM device WHERE pendingCredentialHash = ? AND state = 'active'", [digest])?.string(0) {
                cache.forget(deviceId: rotated)  // the old credential stops working here
                try tx.execute("UPDATE device SET credentialHash = pendingCredentialHash, pendingCredentialHash = NULL WHERE id = ?", [rotated])
            }
            guard let id = try tx.row("SELECT id FROM device WHERE credentialHash = ? AND state = 'active'", [digest])?.string(0) else { return nil }
            try tx.execute("UPDATE device SET lastSeenAt = ? WHERE id = ?", [Millis.of(instant), id])
            return try Self.device(id, tx)
        }
    }

    /// Records a device's heartbeat (already checked by the caller) and when it came.
    public func recordHeartbeat(_ deviceId: String, _ heartbeat: Data, at instant: Date) async throws {
        cache.forget(deviceId: deviceId)
        try await database.write { tx in
            try tx.execute("UPDATE device SET heartbeat = ?, lastSeenAt = ? WHERE id = ?",
                           [String(decoding: heartbeat, as: UTF8.self), Millis.of(instant), deviceId])
        }
    }

    /// A new credential for an active device, returned once. The old one keeps working until the
    /// new one is first used, so an answer lost on the way does not lock the device out.
    public func rotateCredential(_ deviceId: String, at instant: Date) async throws -> String {
        let credential = Secrets.randomToken(bytes: 32)
        try await database.write { tx in
            try tx.execute("UPDATE device SET pendingCredentialHash = ?, lastSeenAt = ? WHERE id = ? AND state = 'active'",
                           [Secrets.digest(credential), Millis.of(instant), deviceId])
        }
        return credential
    }

    public func revoke(_ deviceId: String) async throws -> Bool {
        defer { cache.forget(deviceId: deviceId) }
        return try await database.write { tx in
            !(try tx.rows(
                "UPDATE device SET state = 'revoked', credentialHash = NULL, pendingCredentialHash = NULL WHERE id = ? RETURNING id",
                [deviceId])).isEmpty
        }
    }

    /// The device waiting for approval with `typedCode`, if its code is valid and has not expired.
    public func waiting(code typedCode: String, at instant: Date) async throws -> Device? {
        guard let code = PairingCode.normalised(typedCode) else { throw ApprovalError.badCode(typedCode) }
        return try await database.read { tx in
            guard let id = try tx.row(
                "SELECT id FROM device WHERE userCode = ? AND state = 'pending' AND expiresAt > ?", [code, Millis.of(instant)])?.string(0)
            else { return nil }
            return try Self.device(id, tx)
        }
    }

    public func devices() async throws -> [Device] {
        try await database.read { tx in
            try tx.rows("SELECT id FROM device ORDER BY createdAt, id").compactMap { try Self.device(try $0.string(0), tx) }
        }
    }

    private static func device(_ id: String, _ tx: any SQLTransaction) throws -> Device? {
        guard let row = try tx.row(
            "SELECT id, state, userCode, spaceId, locationId, hardware, lastSeenAt, heartbeat FROM device WHERE id = ?", [id])
        else { return nil }
        return Device(
            id: try row.string(0), state: try row.string(1), userCode: try row.string(2), spaceId: try row.optionalString(3),
            locationId: try row.optionalString(4), hardware: try row.string(5), lastSeenAt: try row.optionalInteger(6).map(Millis.date),
            heartbeat: try row.optionalString(7).map { Data($0.utf8) })
    }
}

extension PlatformStore {
    public var devices: DeviceRegistry { DeviceRegistry(database: database, cache: deviceCache, lastSeen: lastSeen) }
}
