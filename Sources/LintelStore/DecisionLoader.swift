import Foundation
import GRDB
import LintelPolicy

/// Reads the rows one decision needs, with prepared (cached) statements: the named or current
/// booking, the bookings that could collide, the owner's authorisations and the desk's hygiene.
/// Places, roles and people come from the in-memory catalog.
struct DecisionLoader {
    let db: Database
    let catalog: ReferenceCatalog

    func context(for request: DecisionRequest, at now: Date) throws -> DecisionContext {
        let actor = try resolve(request.actor)
        let place = catalog.places[request.spaceId]
        var context = DecisionContext(
            organisation: catalog.organisation, place: place, actor: actor,
            walkUpRole: catalog.role(catalog.organisation.walkUpRoleId) ?? .user)
        guard let place else { return context }

        if request.action.needsBooking {
            context.booking = try request.bookingId.map(booking(id:)) ?? currentBooking(on: place, for: request.action, at: now)
        }
        if let beneficiary = request.onBehalfOf { context.beneficiary = try resolve(.user(beneficiary)) }

        if let window = CollisionWindow.of(request, booking: context.booking, actor: actor, at: now) {
            context.spaceBookings = try bookings(onSpace: place.space.id, from: window.start, to: window.end)
            if place.space.kind.isDeskLike, let ownerId = window.ownerId {
                context.ownerBookings = try bookings(ownedBy: ownerId, kind: place.space.kind, from: window.start, to: window.end)
            }
        }
        if place.category.requiresAuthorisation, let owner = CollisionWindow.owner(request, booking: context.booking, actor: actor) {
            context.authorisations = try authorisations(of: owner, category: place.category.id)
        }
        if place.space.kind == .desk && (request.action == .markClean || request.action == .checkIn) {
            context.hygiene = try hygiene(of: place.space.id)
        }
        return context
    }

    func resolve(_ reference: ActorReference) throws -> ResolvedActor {
        switch reference {
        case .anonymous: return .anonymous
        case .system: return .system
        case .badge(let uid):
            guard let userId = catalog.badgeOwners[uid] else { return .unknownBadge(uid) }
            return try resolve(.user(userId))
        case .user(let id):
            guard let user = catalog.usersById[id] else { return .unknownUser(id) }
            return .user(user, roles: user.roleIds.compactMap(catalog.role))
        }
    }

    func booking(id: BookingID) throws -> Booking? {
        try bookings("SELECT \(RowCoding.bookingColumns) FROM booking WHERE id = ?", [.text(id)]).first
    }

    /// The booking a panel acts on when none is named (`BookingAtHand`): the candidates are the
    /// confirmed bookings not ended whose check-in lead has begun.
    func currentBooking(on place: PlaceContext, for action: PanelAction, at now: Date) throws -> Booking? {
        let horizon = BookingAtHand.horizon(window: place.location.checkIn, at: now)
        let candidates = try bookings("""
            SELECT \(RowCoding.bookingColumns) FROM booking
            WHERE spaceId = ? AND status = 'confirmed' AND startsAt <= ? AND endsAt > ?
            ORDER BY startsAt LIMIT 1
            """, [.text(place.space.id), .integer(StoredInstant.encode(horizon)), .integer(StoredInstant.encode(now))])
        return BookingAtHand.find(for: action, among: candidates, window: place.location.checkIn, at: now)
    }

    func bookings(onSpace spaceId: SpaceID, from start: Date, to end: Date) throws -> [Booking] {
        try bookings("""
            SELECT \(RowCoding.bookingColumns) FROM booking
            WHERE spaceId = ? AND startsAt < ? AND endsAt > ? AND status IN ('confirmed', 'ended') AND approval <> 'rejected'
            """, [.text(spaceId), .integer(StoredInstant.encode(end)), .integer(StoredInstant.encode(start))])
    }

    func bookings(ownedBy owner: UserID, kind: ResourceKind, from start: Date, to end: Date) throws -> [Booking] {
        try bookings("""
            SELECT \(RowCoding.qualifiedBookingColumns)
            FROM booking JOIN space ON space.id = booking.spaceId
            WHERE booking.ownerId = ? AND space.kind = ? AND booking.startsAt < ? AND booking.endsAt > ?
              AND booking.status IN ('confirmed', 'ended') AND booking.approval <> 'rejected'
            """, [.text(owner), .text(kind.rawValue), .integer(StoredInstant.encode(end)), .integer(StoredInstant.encode(start))])
    }

    private func bookings(_ sql: String, _ values: [QueryValue]) throws -> [Booking] {
        var found: [Booking] = []
        try PreparedQuery(db, sql).forEachRow(values) { found.append(try RowCoding.booking($0)) }
        return found
    }

    func authorisations(of user: UserID, category: CategoryID) throws -> [BookingAuthorisation] {
        var found: [BookingAuthorisation] = []
        try PreparedQuery(db, "SELECT visaId, validFrom, validUntil FROM authorisation WHERE userId = ? AND categoryId = ?")
            .forEachRow([.text(user), .text(category)]) {
                found.append(BookingAuthorisation(
                    userId: user, categoryId: category, visaId: $0.text(0),
                    validFrom: $0.optionalInteger(1).map(StoredInstant.decode), validUntil: $0.optionalInteger(2).map(StoredInstant.decode)))
            }
        return found
    }

    func hygiene(of spaceId: SpaceID) throws -> DeskHygiene? {
        var found: DeskHygiene?
        try PreparedQuery(db, "SELECT state, lastBookingId, lastOwnerId, since FROM hygiene WHERE spaceId = ?").forEachRow([.text(spaceId)]) {
            found = DeskHygiene(spaceId: spaceId, state: try RowCoding.enumValue(DeskHygiene.State.self, $0.text(0)),
                                lastBookingId: $0.optionalText(1), lastOwnerId: $0.optionalText(2), since: StoredInstant.decode($0.integer(3)))
        }
        return found
    }
}
