public import Foundation

/// Whether a hygienic desk may be used: after use it needs cleaning until someone marks it clean.
public struct DeskHygiene: Sendable, Hashable, Codable {
    public enum State: String, Codable, Sendable {
        case clean
        case needsCleaning = "needs-cleaning"
    }

    public var spaceId: SpaceID
    public var state: State
    /// The booking whose use made the desk need cleaning; decides who may clean it (anonymous or own).
    public var lastBookingId: BookingID?
    /// The owner of that booking; nil when it was anonymous.
    public var lastOwnerId: UserID?
    public var since: Date

    public init(spaceId: SpaceID, state: State, lastBookingId: BookingID? = nil, lastOwnerId: UserID? = nil, since: Date) {
        self.spaceId = spaceId
        self.state = state
        self.lastBookingId = lastBookingId
        self.lastOwnerId = lastOwnerId
        self.since = since
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case spaceId, state, lastBookingId, lastOwnerId, since }
}

extension DeskHygiene {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        self.init(
            spaceId: try c.decode(String.self, forKey: .spaceId), state: try c.decode(State.self, forKey: .state),
            lastBookingId: try c.decodeIfPresent(String.self, forKey: .lastBookingId),
            lastOwnerId: try c.decodeIfPresent(String.self, forKey: .lastOwnerId), since: try c.decode(Date.self, forKey: .since))
    }
}
