import Foundation

/// The rules for making a booking and for moving its end: the physical rules first, then the
/// actor's roles, each role on its own (rights add up: any one role that allows is enough).
enum BookingRules {
    /// What a role's rules are checked against.
    struct Attempt {
        var start: Date
        var end: Date
        /// The instant whose local date must fall in the advance window (a booking's start; an
        /// extension's new end).
        var windowInstant: Date
        var onBehalf: Bool
        var recurring: Bool
        var ownerId: UserID?
        var excludingBookingId: BookingID?
        var now: Date
    }

    static func book(_ request: DecisionRequest, place: PlaceContext, context: DecisionContext, now: Date) -> Decision {
        guard place.space.bookable else { return .deny(.spaceNotBookable) }
        let start = request.start ?? now
        guard let end = request.end, start < end else { return .deny(.invalidInterval) }
        guard start >= now.addingTimeInterval(-Policy.nowTolerance) else { return .deny(.bookingInPast) }

        // Whom the booking is for.
        var ownerId: UserID?
        var onBehalf = false
        switch context.actor {
        case .user(let user, _):
            ownerId = request.onBehalfOf ?? user.id
            if let other = request.onBehalfOf, other != user.id {
                onBehalf = true
                switch context.beneficiary {
                case .user(let beneficiary, _)? where beneficiary.state == .active: break
                case .user?: return .deny(.beneficiaryNotActive, detail: other)
                default: return .deny(.unknownUser, detail: other)
                }
            }
        case .anonymous:
            if request.onBehalfOf != nil { return .deny(.identificationRequired) }
        default: return .deny(.actorNotPermitted)
        }

        if context.spaceBookings.contains(where: { $0.overlaps(from: start, to: end) }) { return .deny(.spaceAlreadyBooked) }
        if let denial = visaDenial(owner: ownerId, from: start, to: end, place: place, context: context) { return denial }

        let attempt = Attempt(
            start: start, end: end, windowInstant: start, onBehalf: onBehalf, recurring: request.recurring,
            ownerId: ownerId, excludingBookingId: nil, now: now)
        if let denial = firstAllowingGrant(attempt, place: place, context: context) { return denial }
        return approvalNote(place: place, context: context)
    }

    static func extend(_ booking: Booking, to newEnd: Date?, place: PlaceContext, context: DecisionContext, now: Date) -> Decision {
        guard booking.status == .confirmed else { return .deny(.bookingAlreadyEnded) }
        guard now < booking.end else { return .deny(.bookingAlreadyEnded) }
        guard let newEnd else { return .deny(.invalidInterval, detail: "an extension needs a new end") }
        guard newEnd > booking.end else { return .deny(.extendNotLater) }
        if let denial = BookingLifecycle.managementDenial(booking, action: .extend, place: place, context: context) { return denial }
        let others = context.spaceBookings.filter { $0.id != booking.id }
        if others.contains(where: { $0.overlaps(from: booking.end, to: newEnd) }) { return .deny(.spaceAlreadyBooked) }
        if let denial = visaDenial(owner: booking.ownerId, from: booking.start, to: newEnd, place: place, context: context) { return denial }
        let attempt = Attempt(
            start: booking.start, end: newEnd, windowInstant: newEnd, onBehalf: false, recurring: false,
            ownerId: booking.ownerId, excludingBookingId: booking.id, now: now)
        return firstAllowingGrant(attempt, place: place, context: context) ?? .allowed
    }

    /// A category that needs authorisation can only be booked by an owner holding a visa for it that
    /// is valid over the whole booking.
    static func visaDenial(owner: UserID?, from start: Date, to end: Date, place: PlaceContext, context: DecisionContext) -> Decision? {
        guard place.category.requiresAuthorisation else { return nil }
        guard let owner else { return .deny(.authorisationRequired, detail: place.category.name) }
        let held = context.authorisations.filter { $0.userId == owner && $0.categoryId == place.category.id }
        if held.isEmpty { return .deny(.authorisationRequired, detail: place.category.name) }
        let valid = held.contains { a in
            a.isValid(at: start) && (a.validUntil.map { end <= $0 } ?? true)
        }
        return valid ? nil : .deny(.authorisationNotValid, detail: place.category.name)
    }

    /// Nil when some grant allows the attempt; otherwise the denial from the grant that got furthest.
    static func firstAllowingGrant(_ attempt: Attempt, place: PlaceContext, context: DecisionContext) -> Decision? {
        let grants: [RoleGrant]
        switch context.actor {
        case .user(let user, let roles): grants = RoleGrant.grants(of: user, roles: roles)
        default: grants = [RoleGrant(permissions: context.walkUpRole.permissions)]
        }
        var best: (stage: Int, decision: Decision) = (-1, .deny(.bookingNotAllowed, detail: "no booking role"))
        for grant in grants {
            guard let failure = check(grant, attempt, place: place, context: context) else { return nil }
            if failure.stage > best.stage { best = failure }
        }
        return best.decision
    }

    /// Checks one grant in a fixed order; the stage number says how far it got.
    static func check(_ grant: RoleGrant, _ attempt: Attempt, place: PlaceContext, context: DecisionContext) -> (stage: Int, decision: Decision)? {
        let permissions = grant.permissions
        let kind = place.space.kind
        let rules = permissions.rules(for: kind)
        if permissions.bookingLevel == .notAllowed { return (0, .deny(.bookingNotAllowed)) }
        if attempt.onBehalf {
            if permissions.bookingLevel < .others { return (1, .deny(.onBehalfNotAllowed)) }
            if kind.isDeskLike && !permissions.teamAndOnBehalfBookings {
                return (1, .deny(.onBehalfNotAllowed, detail: "team and on-behalf bookings are disabled for \(kind.rawValue)s"))
            }
        }
        if !grant.applies(to: place.ancestry) { return (2, .deny(.spaceNotIncluded)) }
        switch permissions.bookingScope.covers(place.ancestry) {
        case .excluded: return (2, .deny(.spaceExcluded))
        case .notIncluded: return (2, .deny(.spaceNotIncluded))
        case .covered: break
        }
        if attempt.recurring && kind.isDeskLike && !rules.recurring.permits(place.ancestry) {
            return (3, .deny(.recurringNotAllowed))
        }
        if let window = rules.advanceWindow, !window.allows(start: attempt.windowInstant, at: attempt.now, on: place.clock) {
            let last = window.lastBookableDate(at: attempt.now, on: place.clock)
            return (4, .deny(.beyondAdvanceWindow, detail: "the last bookable day is \(last)"))
        }
        if let days = rules.allowedWeekdays {
            var date = place.clock.date(of: attempt.start)
            let lastDate = place.clock.date(of: attempt.end.addingTimeInterval(-1))
            while date <= lastDate {
                if !days.contains(date.weekday) {
                    return (5, .deny(.weekdayNotAllowed, detail: "\(date.weekday.rawValue) is not allowed"))
                }
                date = date.adding(days: 1)
            }
        }
        if !rules.bookOutsideOpeningHours, let profile = place.profile,
           !profile.contains(start: attempt.start, end: attempt.end, on: place.clock) {
            return (6, .deny(.outsideOpeningHours, detail: profile.name))
        }
        if let max = rules.maxDurationMinutes, attempt.end.timeIntervalSince(attempt.start) > Double(max) * 60 {
            return (7, .deny(.durationExceedsLimit, detail: "at most \(max) minutes"))
        }
        if kind.isDeskLike && !rules.simultaneous, let owner = attempt.ownerId {
            let clash = context.ownerBookings.contains {
                $0.ownerId == owner && $0.id != attempt.excludingBookingId && $0.overlaps(from: attempt.start, to: attempt.end)
            }
            if clash { return (8, .deny(.simultaneousBookingNotAllowed)) }
        }
        return nil
    }

    /// A booking of a category that needs approval waits for it, unless the actor may approve it.
    static func approvalNote(place: PlaceContext, context: DecisionContext) -> Decision {
        guard place.category.requiresApproval else { return .allowed }
        if case .user(let user, let roles) = context.actor,
           RoleGrant.grants(of: user, roles: roles).contains(where: { $0.applies(to: place.ancestry) && $0.permissions.approvals.permits(place.ancestry) }) {
            return .allowed
        }
        return .allow(.pendingApproval)
    }
}
