public import Foundation
public import LintelWire

/// What the agent asks of the platform (`docs/platform-api.yaml`): enrolment, pulls, pushes,
/// heartbeats and the poke socket. A real backend speaks HTTP (`HTTPPlatformClient`); the test kit
/// has one in memory.
public protocol PlatformClient: Sendable {
    /// Asks for a pairing code (RFC 8628 device authorisation).
    func startEnrolment(hardware: String, agentVersion: String) async throws(PlatformFailure) -> Enrolment
    /// Polls once for the technician's approval; nil while it is pending.
    func pollEnrolment(deviceCode: String) async throws(PlatformFailure) -> DeviceCredential?
    /// The scope since `cursor` (a snapshot without one); `.unchanged` when the platform says `304`
    /// to `etag` (the last answer's: nothing changed since).
    func pull(cursor: String?, etag: String?, credential: String) async throws(PlatformFailure) -> PullResult
    /// Pushes one batch; the platform's verdicts.
    func push(_ batch: EventBatch, credential: String) async throws(PlatformFailure) -> EventVerdicts
    func heartbeat(_ beat: Heartbeat, credential: String) async throws(PlatformFailure)
    /// Holds the poke socket open, calling `onOpen` once it is and `onPoke` for every "pull"; returns
    /// when the platform closes it, throws when it cannot be opened or breaks.
    func listenForPokes(credential: String, onOpen: @escaping @Sendable () -> Void, onPoke: @escaping @Sendable () -> Void) async throws(PlatformFailure)
}

/// A pull's outcome: new data (its raw bytes, decoded and checked by the caller) or nothing new.
public enum PullResult: Sendable {
    case unchanged
    case answer(Data)
}

/// The codes a panel shows and polls with while a technician approves it.
public struct Enrolment: Sendable, Equatable, Decodable {
    public var deviceCode: String
    public var userCode: String
    public var verificationUri: String
    public var verificationUriComplete: String
    public var expiresIn: Int
    public var interval: Int

    public init(deviceCode: String, userCode: String, verificationUri: String, verificationUriComplete: String, expiresIn: Int, interval: Int) {
        self.deviceCode = deviceCode
        self.userCode = userCode
        self.verificationUri = verificationUri
        self.verificationUriComplete = verificationUriComplete
        self.expiresIn = expiresIn
        self.interval = interval
    }
}

/// What an approved panel receives once: who it is, its secret, and the space it serves.
public struct DeviceCredential: Sendable, Equatable, Codable {
    public var deviceId: String
    public var credential: String
    public var spaceId: String

    public init(deviceId: String, credential: String, spaceId: String) {
        self.deviceId = deviceId
        self.credential = credential
        self.spaceId = spaceId
    }
}

/// What the panel reports with each heartbeat.
public struct Heartbeat: Sendable, Equatable, Encodable {
    public var agentVersion: String
    public var clock: String?
    public var cacheAgeSeconds: Int?
    public var outboxDepth: Int?
    public var showing: String?

    public init(agentVersion: String, clock: String? = nil, cacheAgeSeconds: Int? = nil, outboxDepth: Int? = nil, showing: String? = nil) {
        self.agentVersion = agentVersion
        self.clock = clock
        self.cacheAgeSeconds = cacheAgeSeconds
        self.outboxDepth = outboxDepth
        self.showing = showing
    }
}

/// Why a request to the platform failed, with a stable reason for logs and metrics.
public enum PlatformFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// No answer: refused, reset, timed out, TLS failed.
    case unreachable(String)
    /// The platform answered with an error status and, when it sent one, its problem code.
    case status(Int, code: String?, retryAfter: Double?)
    /// The credential is no longer valid (revoked or unknown): back to pairing.
    case revoked
    /// The answer could not be read (cut short, malformed, the wrong schema).
    case badAnswer(String)
    /// The pairing code expired or was refused: start again.
    case enrolmentEnded(String)

    /// Stable codes, as counted in `lintel_sync_failures_total{reason}`.
    public var reason: String {
        switch self {
        case .unreachable: "unreachable"
        case .status(let status, _, _) where status == 503 || status == 429: "unavailable"
        case .status(let status, _, _) where status >= 500: "server_error"
        case .status: "refused"
        case .revoked: "revoked"
        case .badAnswer: "bad_answer"
        case .enrolmentEnded: "enrolment_ended"
        }
    }

    /// How long the platform asked to wait (`Retry-After`), when it did.
    public var retryAfter: Double? {
        if case .status(_, _, let retryAfter) = self { return retryAfter }
        return nil
    }

    public var description: String {
        switch self {
        case .unreachable(let why): "the platform cannot be reached: \(why)"
        case .status(let status, let code, _): "the platform answered \(status)\(code.map { " (\($0))" } ?? "")"
        case .revoked: "the platform no longer accepts this panel's credential"
        case .badAnswer(let why): "the platform's answer could not be read: \(why)"
        case .enrolmentEnded(let why): "pairing ended: \(why)"
        }
    }
}
