public import Foundation

/// The decision function: given the rows one decision needs, the request and the instant, allow or
/// deny with a stable reason. Pure: no clock reads, no I/O.
public enum Policy {
    /// How far a booking's start may lie before `now` and still count as "now" (the current minute).
    public static let nowTolerance: TimeInterval = 60

    public static func decide(_ request: DecisionRequest, in context: DecisionContext, at now: Date) -> Decision {
        // Who is acting.
        switch context.actor {
        case .unknownUser: return .deny(.unknownUser)
        case .unknownBadge: return .deny(.unknownBadge)
        case .system:
            // The system releases no-shows, and ends a checked-in booking whose room the occupancy sensor saw empty.
            guard request.action == .autoRelease || request.action == .end else {
                return .deny(.actorNotPermitted, detail: "the system only releases no-shows and rooms left empty")
            }
        case .anonymous:
            if request.action == .autoRelease { return .deny(.systemOnly) }
            guard request.action.isWalkUp else { return .deny(.identificationRequired) }
        case .user(let user, _):
            if request.action == .autoRelease { return .deny(.systemOnly) }
            if let denial = membershipDenial(user, module: request.action.module, settings: context.organisation) { return denial }
        }
        // What is acted on.
        guard let place = context.place else { return .deny(.unknownSpace) }
        if case .anonymous = context.actor, place.location.panelAccess == .badge { return .deny(.badgeRequired) }

        switch request.action {
        case .book:
            if context.dataTooOld { return .deny(.dataTooOld) }
            return BookingRules.book(request, place: place, context: context, now: now)
        case .extend, .end, .cancel, .checkIn, .autoRelease, .approve:
            guard let booking = context.booking else {
                return request.bookingId == nil ? .deny(.bookingRequired) : .deny(.unknownBooking)
            }
            guard booking.spaceId == place.space.id else { return .deny(.unknownBooking, detail: "booking \(booking.id) is on another space") }
            guard booking.holdsSpace else { return .deny(.bookingNotActive) }
            switch request.action {
            case .extend: return BookingRules.extend(booking, to: request.end, place: place, context: context, now: now)
            case .end: return BookingLifecycle.endEarly(booking, place: place, context: context, now: now)
            case .cancel: return BookingLifecycle.cancel(booking, place: place, context: context, now: now)
            case .checkIn: return BookingLifecycle.checkIn(booking, place: place, context: context, now: now)
            case .autoRelease: return BookingLifecycle.release(booking, place: place, now: now)
            default: return BookingLifecycle.approve(booking, place: place, context: context)
            }
        case .markClean: return HygieneRules.markClean(place: place, context: context)
        case .weekPlanner:
            guard case .user(let user, let roles) = context.actor else { return .deny(.identificationRequired) }
            return RoleGrant.grants(of: user, roles: roles).contains { $0.permissions.weekPlanner && $0.applies(to: place.ancestry) }
                ? .allowed : .deny(.weekPlannerNotPermitted)
        }
    }

    /// Pending and inactive users have no access; each module needs its minimum role level.
    static func membershipDenial(_ user: User, module: Module, settings: OrganisationSettings) -> Decision? {
        switch user.state {
        case .pending: return .deny(.userPending)
        case .inactive: return .deny(.userInactive)
        case .active: break
        }
        let required = settings.modules.requiredRole(for: module)
        if user.platformRole < required {
            return .deny(.moduleNotPermitted, detail: "\(module.rawValue) needs \(required.rawValue), you are \(user.platformRole.rawValue)")
        }
        return nil
    }
}
