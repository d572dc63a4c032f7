public import Foundation

/// What an allowed action does to the world, as values: the booking made or changed, the desk's
/// hygiene. The panel's store writes these to its rows (`ChangeApplier` in LintelStore), and the
/// platform applies the same to its world when it decides the panel's event again.
public enum ActionEffect: Sendable, Equatable {
    case booking(Booking)
    case hygiene(DeskHygiene)

    /// The effects of `request`, allowed by `decision` in `context`, at `now`. `newBookingId` names
    /// a booking that `book` makes (the panel's own id, so both sides call it the same).
    public static func of(
        _ request: DecisionRequest, context: DecisionContext, decision: Decision, at now: Date, newBookingId: BookingID
    ) -> [ActionEffect] {
        guard decision.isAllowed else { return [] }
        switch request.action {
        case .book:
            guard let end = request.end else { return [] }
            var booking = Booking(
                id: newBookingId, spaceId: request.spaceId, ownerId: request.onBehalfOf ?? context.actor.user?.id,
                madeById: request.onBehalfOf != nil ? context.actor.user?.id : nil, start: request.start ?? now, end: end,
                seriesId: request.recurring ? "series-\(newBookingId)" : nil,
                approval: decision == .allow(.pendingApproval) ? .pending : .notRequired)
            // Booked for now, at the panel: whoever booked is there, so it counts as checked in.
            if booking.start <= now, booking.approval != .pending { booking.checkIn = .checkedIn }
            return [.booking(booking)]
        case .extend:
            guard var booking = context.booking, let end = request.end else { return [] }
            booking.end = end
            return [.booking(booking)]
        case .end:
            guard var booking = context.booking else { return [] }
            guard booking.start < now else {
                booking.status = .cancelled
                return [.booking(booking)]
            }
            booking.status = .ended
            booking.end = now
            return [.booking(booking)] + used(booking, context: context, at: now)
        case .cancel:
            guard var booking = context.booking else { return [] }
            booking.status = .cancelled
            return [.booking(booking)]
        case .checkIn:
            guard var booking = context.booking else { return [] }
            booking.checkIn = .checkedIn
            return [.booking(booking)]
        case .autoRelease:
            guard var booking = context.booking else { return [] }
            booking.status = .released
            return [.booking(booking)]
        case .approve:
            guard var booking = context.booking else { return [] }
            booking.approval = .approved
            return [.booking(booking)]
        case .markClean:
            var hygiene = context.hygiene ?? DeskHygiene(spaceId: request.spaceId, state: .clean, since: now)
            hygiene.state = .clean
            hygiene.since = now
            return [.hygiene(hygiene)]
        case .weekPlanner:
            return []
        }
    }

    /// A desk in a hygienic location that was used needs cleaning when its booking ends.
    static func used(_ booking: Booking, context: DecisionContext, at now: Date) -> [ActionEffect] {
        guard let place = context.place, place.space.kind == .desk, place.location.hygienic, booking.checkIn == .checkedIn else { return [] }
        return [.hygiene(DeskHygiene(spaceId: booking.spaceId, state: .needsCleaning, lastBookingId: booking.id, lastOwnerId: booking.ownerId, since: now))]
    }
}
