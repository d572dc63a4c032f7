import Foundation
import GRDB
import LintelPolicy

/// Reads the rows one decision needs, with prepared (cached) statements: the actor and their roles,
/// the named or current booking, the bookings that could collide, the owner's authorisations and
/// the desk's hygiene. Places and roles come from the in-memory catalog.
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

        // The interval whose collisions matter, and whose booking it is for.
        var interval: (start: Date, end: Date)?
        var ownerId: UserID?
        switch request.action {
        case .book:
            if let end = request.end { interval = (request.start ?? now, end) }
            ownerId = request.onBehalfOf ?? actor.user?.id
        case .extend:
            if let booking = context.booking, let end = request.end, end > booking.start { interval = (booking.start, end) }
            ownerId = context.booking?.ownerId
        default:
            break
        }
        if let interval, interval.start < interval.end {
            context.spaceBookings = try bookings(onSpace: place.space.id, from: interval.start, to: interval.end)
            if place.space.kind.isDeskLike, let ownerId {
                context.ownerBookings = try bookings(ownedBy: ownerId, kind: place.space.kind, from: interval.start, to: interval.end)
            }
        }
        if place.category.requiresAuthorisation, let owner = ownerId ?? context.booking?.ownerId {
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
            let statement = try db.cachedStatement(sql: "SELECT userId FROM badge WHERE uid = ?")
            guard let userId = try String.fetchOne(statement, arguments: [uid]) else { return .unknownBadge(uid) }
            return try resolve(.user(userId))
        case .user(let id):
            let statement = try db.cachedStatement(sql: "SELECT name, email, state, platformRole FROM user WHERE id = ?")
            guard let row = try Row.fetchOne(statement, arguments: [id]) else { return .unknownUser(id) }
            let roleIds = try String.fetchAll(
                try db.cachedStatement(sql: "SELECT roleId FROM userRole WHERE userId = ? ORDER BY position"), arguments: [id])
            let assignments = try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT role, scope FROM roleAssignment WHERE userId = ? ORDER BY position"), arguments: [id]
            ).map { RoleAssignment(role: try RowCoding.enumValue(AdministrativeRole.self, $0[0]), scope: $0[1]) }
            let user = User(
                id: id, name: row[0], email: row[1], state: try RowCoding.enumValue(MembershipState.self, row[2]),
                platformRole: try RowCoding.enumValue(PlatformRole.self, row[3]), roleIds: roleIds, assignments: assignments)
            return .user(user, roles: roleIds.compactMap(catalog.role))
        }
    }

    func booking(id: BookingID) throws -> Booking? {
        let statement = try db.cachedStatement(sql: "SELECT \(RowCoding.bookingColumns) FROM booking WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [id]).map(RowCoding.booking)
    }

    /// The booking a panel acts on when none is named: the first confirmed one that has not ended
    /// and whose check-in window has opened (or that is in progress).
    func currentBooking(on place: PlaceContext, for action: PanelAction, at now: Date) throws -> Booking? {
        guard action == .checkIn || action == .autoRelease || action == .end || action == .extend else { return nil }
        let lead = Double(place.location.checkIn?.opensBeforeMinutes ?? 0) * 60
        let statement = try db.cachedStatement(sql: """
            SELECT \(RowCoding.bookingColumns) FROM booking
            WHERE spaceId = ? AND status = 'confirmed' AND startsAt <= ? AND endsAt > ?
            ORDER BY startsAt LIMIT 1
            """)
        let horizon = action == .checkIn || action == .autoRelease ? now.addingTimeInterval(lead) : now
        return try Row.fetchOne(statement, arguments: [
            place.space.id, StoredInstant.encode(horizon), StoredInstant.encode(now),
        ]).map(RowCoding.booking)
    }

    func bookings(onSpace spaceId: SpaceID, from start: Date, to end: Date) throws -> [Booking] {
        let statement = try db.cachedStatement(sql: """
            SELECT \(RowCoding.bookingColumns) FROM booking
            WHERE spaceId = ? AND startsAt < ? AND endsAt > ? AND status IN ('confirmed', 'ended') AND approval <> 'rejected'
            """)
        return try Row.fetchAll(statement, arguments: [spaceId, StoredInstant.encode(end), StoredInstant.encode(start)]).map(RowCoding.booking)
    }

    func bookings(ownedBy owner: UserID, kind: ResourceKind, from start: Date, to end: Date) throws -> [Booking] {
        let statement = try db.cachedStatement(sql: """
            SELECT \(RowCoding.bookingColumns.split(separator: ",").map { "booking." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            FROM booking JOIN space ON space.id = booking.spaceId
            WHERE booking.ownerId = ? AND space.kind = ? AND booking.startsAt < ? AND booking.endsAt > ?
              AND booking.status IN ('confirmed', 'ended') AND booking.approval <> 'rejected'
            """)
        return try Row.fetchAll(statement, arguments: [owner, kind.rawValue, StoredInstant.encode(end), StoredInstant.encode(start)])
            .map(RowCoding.booking)
    }

    func authorisations(of user: UserID, category: CategoryID) throws -> [BookingAuthorisation] {
        let statement = try db.cachedStatement(sql: """
            SELECT visaId, validFrom, validUntil FROM authorisation WHERE userId = ? AND categoryId = ?
            """)
        return try Row.fetchAll(statement, arguments: [user, category]).map {
            BookingAuthorisation(userId: user, categoryId: category, visaId: $0[0],
                                 validFrom: ($0[1] as Int64?).map(StoredInstant.decode), validUntil: ($0[2] as Int64?).map(StoredInstant.decode))
        }
    }

    func hygiene(of spaceId: SpaceID) throws -> DeskHygiene? {
        let statement = try db.cachedStatement(sql: "SELECT state, lastBookingId, lastOwnerId, since FROM hygiene WHERE spaceId = ?")
        return try Row.fetchOne(statement, arguments: [spaceId]).map {
            DeskHygiene(spaceId: spaceId, state: try RowCoding.enumValue(DeskHygiene.State.self, $0[0]), lastBookingId: $0[1],
                        lastOwnerId: $0[2], since: StoredInstant.decode($0[3]))
        }
    }
}
