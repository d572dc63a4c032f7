public import Foundation

/// What someone asks to do to a space or one of its bookings.
public enum PanelAction: String, Codable, Sendable, CaseIterable {
    /// Book now or later, for oneself or on behalf of someone else.
    case book
    /// Move a booking's end later.
    case extend
    /// End an in-progress booking early.
    case end
    /// Cancel a booking that has not started.
    case cancel
    /// Confirm presence within the check-in window.
    case checkIn = "checkin"
    /// Mark a hygienic desk clean.
    case markClean = "clean"
    /// Release a no-show booking when the check-in window closes (the system only).
    case autoRelease = "release"
    /// Approve a booking that waits for approval.
    case approve
    /// Open the week planner.
    case weekPlanner = "weekplanner"

    /// The module an action belongs to, for module access levels.
    public var module: Module {
        switch self {
        case .book, .extend, .end, .cancel, .checkIn, .autoRelease: .booking
        case .markClean: .hygiene
        case .approve: .approvals
        case .weekPlanner: .weekPlanner
        }
    }

    /// Actions a walk-up person may take at a panel whose access is "anyone".
    public var isWalkUp: Bool { self == .book || self == .extend || self == .end || self == .checkIn }

    /// Actions that act on one existing booking.
    public var needsBooking: Bool {
        switch self {
        case .extend, .end, .cancel, .checkIn, .autoRelease, .approve: true
        case .book, .markClean, .weekPlanner: false
        }
    }
}

/// Who is acting, as the panel or command line names them.
public enum ActorReference: Sendable, Hashable, CustomStringConvertible {
    case user(UserID)
    case badge(String)
    case anonymous
    case system

    /// Parses `anonymous`, `system`, `badge:UID` or a user id.
    public init(parsing text: String) {
        switch text {
        case "anonymous": self = .anonymous
        case "system": self = .system
        default:
            if text.hasPrefix("badge:") { self = .badge(String(text.dropFirst(6))) } else { self = .user(text) }
        }
    }

    public var description: String {
        switch self {
        case .user(let id): id
        case .badge(let uid): "badge:\(uid)"
        case .anonymous: "anonymous"
        case .system: "system"
        }
    }
}

/// One question put to the policy.
public struct DecisionRequest: Sendable, Hashable {
    public var actor: ActorReference
    public var action: PanelAction
    public var spaceId: SpaceID
    public var bookingId: BookingID?
    /// Requested start (book) and end (book, extend).
    public var start: Date?
    public var end: Date?
    /// The person a booking is made for, when not the actor.
    public var onBehalfOf: UserID?
    /// The booking is one of a recurring series.
    public var recurring: Bool

    public init(
        actor: ActorReference, action: PanelAction, spaceId: SpaceID, bookingId: BookingID? = nil,
        start: Date? = nil, end: Date? = nil, onBehalfOf: UserID? = nil, recurring: Bool = false
    ) {
        self.actor = actor
        self.action = action
        self.spaceId = spaceId
        self.bookingId = bookingId
        self.start = start
        self.end = end
        self.onBehalfOf = onBehalfOf
        self.recurring = recurring
    }
}
