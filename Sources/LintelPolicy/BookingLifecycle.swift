import Foundation

/// Ending, cancelling, checking in, releasing and approving an existing booking.
enum BookingLifecycle {
    /// Who may act on someone's booking: its owner or maker; anyone at a panel open to anyone for
    /// walk-up actions; otherwise only a role that makes and manages bookings for others there.
    static func managementDenial(_ booking: Booking, action: PanelAction, place: PlaceContext, context: DecisionContext) -> Decision? {
        switch context.actor {
        case .anonymous, .system:
            return nil // walk-up and system actions were filtered by the caller
        case .user(let user, let roles):
            if booking.ownerId == user.id || booking.madeById == user.id { return nil }
            if action.isWalkUp && place.location.panelAccess == .anyone { return nil }
            let manages = RoleGrant.grants(of: user, roles: roles).contains {
                $0.permissions.bookingLevel == .others && $0.applies(to: place.ancestry)
                    && $0.permissions.bookingScope.covers(place.ancestry) == .covered
            }
            return manages ? nil : .deny(.notBookingOwner)
        case .unknownUser, .unknownBadge:
            return .deny(.actorNotPermitted)
        }
    }

    static func endEarly(_ booking: Booking, place: PlaceContext, context: DecisionContext, now: Date) -> Decision {
        guard booking.status == .confirmed, now < booking.end else { return .deny(.bookingAlreadyEnded) }
        guard booking.start <= now else { return .deny(.bookingNotInProgress, detail: "it has not started; cancel it instead") }
        return managementDenial(booking, action: .end, place: place, context: context) ?? .allowed
    }

    static func cancel(_ booking: Booking, place: PlaceContext, context: DecisionContext, now: Date) -> Decision {
        guard booking.status == .confirmed else { return .deny(.bookingAlreadyEnded) }
        guard now < booking.start else { return .deny(.bookingAlreadyStarted) }
        return managementDenial(booking, action: .cancel, place: place, context: context) ?? .allowed
    }

    static func checkIn(_ booking: Booking, place: PlaceContext, context: DecisionContext, now: Date) -> Decision {
        guard booking.status == .confirmed, now < booking.end else { return .deny(.bookingAlreadyEnded) }
        if booking.approval == .pending { return .deny(.approvalPending) }
        if booking.checkIn == .checkedIn { return .deny(.alreadyCheckedIn) }
        guard let window = place.location.checkIn else { return .deny(.checkInNotRequired) }
        if now < window.opens(for: booking) {
            let opens = window.opens(for: booking)
            let minutes = place.clock.minutesIntoDay(of: opens)
            return .deny(.checkInNotOpen, detail: "opens at \(LocalTime(hour: minutes / 60, minute: minutes % 60))")
        }
        if now >= window.closes(for: booking) { return .deny(.checkInClosed) }
        if place.location.hygienic, place.space.kind == .desk, context.hygiene?.state == .needsCleaning {
            return .deny(.deskNeedsCleaning)
        }
        return managementDenial(booking, action: .checkIn, place: place, context: context) ?? .allowed
    }

    /// A no-show: the check-in window has closed and nobody checked in.
    static func release(_ booking: Booking, place: PlaceContext, now: Date) -> Decision {
        guard booking.status == .confirmed else { return .deny(.bookingAlreadyEnded) }
        if booking.checkIn == .checkedIn { return .deny(.alreadyCheckedIn) }
        guard let window = place.location.checkIn else { return .deny(.checkInNotRequired) }
        return now < window.closes(for: booking) ? .deny(.releaseTooEarly) : .allowed
    }

    static func approve(_ booking: Booking, place: PlaceContext, context: DecisionContext) -> Decision {
        guard case .user(let user, let roles) = context.actor else { return .deny(.identificationRequired) }
        guard booking.approval == .pending else { return .deny(.notPendingApproval) }
        let permitted = RoleGrant.grants(of: user, roles: roles).contains {
            $0.applies(to: place.ancestry) && $0.permissions.approvals.permits(place.ancestry)
        }
        return permitted ? .allowed : .deny(.approvalNotPermitted)
    }
}
