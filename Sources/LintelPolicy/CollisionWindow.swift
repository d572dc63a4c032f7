public import Foundation

/// Which bookings a decision must see besides the one it names: for `book` the requested interval
/// and the person it is for, for `extend` the booking's start to the new end and its owner; the
/// space's bookings and the owner's other bookings in that interval are what a collision is.
public struct CollisionWindow: Sendable, Equatable {
    public var start: Date
    public var end: Date
    /// Whose other bookings count (desks and parking hold one at a time); nil for anonymous.
    public var ownerId: UserID?

    /// Nil when the action collides with nothing (or its interval is empty).
    public static func of(_ request: DecisionRequest, booking: Booking?, actor: ResolvedActor, at now: Date) -> CollisionWindow? {
        switch request.action {
        case .book:
            guard let end = request.end else { return nil }
            let window = CollisionWindow(start: request.start ?? now, end: end, ownerId: request.onBehalfOf ?? actor.user?.id)
            return window.start < window.end ? window : nil
        case .extend:
            guard let booking, let end = request.end, end > booking.start else { return nil }
            return CollisionWindow(start: booking.start, end: end, ownerId: booking.ownerId)
        default:
            return nil
        }
    }

    /// Whose authorisations a decision reads: the person booked for, or the named booking's owner.
    public static func owner(_ request: DecisionRequest, booking: Booking?, actor: ResolvedActor) -> UserID? {
        switch request.action {
        case .book: request.onBehalfOf ?? actor.user?.id ?? booking?.ownerId
        default: booking?.ownerId
        }
    }
}
