public import Foundation

/// A reservation of one space for an interval. Anonymous bookings (made at a panel without a badge)
/// have no owner.
public struct Booking: Sendable, Hashable, Codable, Identifiable {
    public var id: BookingID
    public var spaceId: SpaceID
    /// The person the booking is for; nil for an anonymous booking.
    public var ownerId: UserID?
    /// Who made it, when made on behalf of the owner (or for a team).
    public var madeById: UserID?
    public var start: Date
    public var end: Date
    /// Bookings of one recurring series share this id.
    public var seriesId: String?
    public var title: String?
    /// A private booking shows only "Booked" to others, whatever their insight level.
    public var isPrivate: Bool
    public var status: BookingStatus
    public var checkIn: CheckInState
    public var approval: ApprovalState

    public init(
        id: BookingID, spaceId: SpaceID, ownerId: UserID?, madeById: UserID? = nil, start: Date, end: Date,
        seriesId: String? = nil, title: String? = nil, isPrivate: Bool = false, status: BookingStatus = .confirmed,
        checkIn: CheckInState = .pending, approval: ApprovalState = .notRequired
    ) {
        self.id = id
        self.spaceId = spaceId
        self.ownerId = ownerId
        self.madeById = madeById
        self.start = start
        self.end = end
        self.seriesId = seriesId
        self.title = title
        self.isPrivate = isPrivate
        self.status = status
        self.checkIn = checkIn
        self.approval = approval
    }

    public var isAnonymous: Bool { ownerId == nil }

    /// A booking holds its space unless it was cancelled, released or rejected.
    public var holdsSpace: Bool { status != .cancelled && status != .released && approval != .rejected }

    /// Whether the booking holds its space at any moment of [from, to).
    public func overlaps(from: Date, to: Date) -> Bool {
        holdsSpace && start < to && from < end
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        spaceId = try c.decode(String.self, forKey: .spaceId)
        ownerId = try c.decodeIfPresent(String.self, forKey: .ownerId)
        madeById = try c.decodeIfPresent(String.self, forKey: .madeById)
        start = try c.decode(Date.self, forKey: .start)
        end = try c.decode(Date.self, forKey: .end)
        seriesId = try c.decodeIfPresent(String.self, forKey: .seriesId)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        isPrivate = try c.decodeIfPresent(Bool.self, forKey: .isPrivate) ?? false
        status = try c.decodeIfPresent(BookingStatus.self, forKey: .status) ?? .confirmed
        checkIn = try c.decodeIfPresent(CheckInState.self, forKey: .checkIn) ?? .pending
        approval = try c.decodeIfPresent(ApprovalState.self, forKey: .approval) ?? .notRequired
        guard start < end else {
            throw DecodingError.dataCorruptedError(forKey: .end, in: c, debugDescription: "a booking must end after it starts")
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, spaceId, ownerId, madeById, start, end, seriesId, title, isPrivate, status, checkIn, approval }
}

/// Where a booking stands in its life.
public enum BookingStatus: String, Codable, Sendable {
    case confirmed
    /// Ended early at the panel or by its owner; `end` then holds the moment it ended.
    case ended
    case cancelled
    /// Released because nobody checked in (no-show).
    case released
}

public enum CheckInState: String, Codable, Sendable {
    case pending
    case checkedIn = "checked-in"
}

public enum ApprovalState: String, Codable, Sendable {
    case notRequired = "not-required"
    case pending
    case approved
    case rejected
}
