public import Foundation
public import LintelPolicy

/// One thing a panel reports to the platform: a decision it made (allowed or not, by people or by
/// `system`) or an observation (what it showed, what its occupancy sensor saw). Events are numbered
/// by one gap-free sequence per device; `id` — the device and that number — names an event exactly
/// once, so a push can be repeated safely. A badge number never appears: the actor is the resolved
/// user and how they acted.
public struct OutboxEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case decision
        case observation
    }

    /// How the person (or the agent) acted.
    public enum ActorKind: String, Sendable, Codable, CaseIterable {
        /// With a badge; `actorUserId` is its holder (nil for a badge the store does not know).
        case badge
        /// At the panel without a badge.
        case anonymous
        /// Named by user id (the command line, the platform).
        case user
        /// The agent itself (releasing a no-show, ending a room left empty).
        case system
    }

    /// What the panel observed.
    public enum Observation: String, Sendable, Codable, CaseIterable {
        /// The panel's status changed (`free`, `checkin-due`, `in-use`, `released`, …).
        case status
        /// The occupancy sensor's held state changed (`occupied`, `vacant`).
        case presence
    }

    /// The device and the sequence number, `DEVICE:SEQ`: stable across retries.
    public var id: String
    public var seq: Int64
    public var at: Date
    public var spaceId: SpaceID
    public var kind: Kind
    // A decision's fields.
    public var action: PanelAction?
    public var actorKind: ActorKind?
    public var actorUserId: UserID?
    public var bookingId: BookingID?
    public var start: Date?
    public var end: Date?
    public var onBehalfOf: UserID?
    /// The decision's code: `allowed`, `allowed_pending_approval` or a denial reason.
    public var decision: String?
    // An observation's fields.
    public var observation: Observation?
    public var value: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, seq, at, spaceId, kind, action, actorKind, actorUserId, bookingId, start, end, onBehalfOf, decision, observation, value
    }

    /// Reads an event as a batch carries it: an unknown field or a `null` is an error naming it,
    /// as in a snapshot.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        seq = try c.decode(Int64.self, forKey: .seq)
        at = try c.decode(Date.self, forKey: .at)
        spaceId = try c.decode(String.self, forKey: .spaceId)
        kind = try c.decode(Kind.self, forKey: .kind)
        action = try c.decodeIfPresent(PanelAction.self, forKey: .action)
        actorKind = try c.decodeIfPresent(ActorKind.self, forKey: .actorKind)
        actorUserId = try c.decodeIfPresent(String.self, forKey: .actorUserId)
        bookingId = try c.decodeIfPresent(String.self, forKey: .bookingId)
        start = try c.decodeIfPresent(Date.self, forKey: .start)
        end = try c.decodeIfPresent(Date.self, forKey: .end)
        onBehalfOf = try c.decodeIfPresent(String.self, forKey: .onBehalfOf)
        decision = try c.decodeIfPresent(String.self, forKey: .decision)
        observation = try c.decodeIfPresent(Observation.self, forKey: .observation)
        value = try c.decodeIfPresent(String.self, forKey: .value)
    }

    public init(deviceId: String, seq: Int64, at: Date, spaceId: SpaceID, kind: Kind) {
        self.id = Self.id(device: deviceId, seq: seq)
        self.seq = seq
        self.at = at
        self.spaceId = spaceId
        self.kind = kind
    }

    /// The event id for a device's sequence number.
    public static func id(device: String, seq: Int64) -> String { "\(device):\(seq)" }

    /// How an actor reference is recorded: its kind; the user id is resolved by the store.
    public static func actorKind(of actor: ActorReference) -> ActorKind {
        switch actor {
        case .badge: .badge
        case .anonymous: .anonymous
        case .user: .user
        case .system: .system
        }
    }
}
