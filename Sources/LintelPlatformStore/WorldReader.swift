import Foundation
import LintelPolicy
import LintelWire

/// Items read back from the world for decisions within one transaction. The organisation, its
/// roles and its places are read once per reader (a batch of events changes none of them).
final class WorldReader {
    let tx: any SQLTransaction
    private var structure: (organisation: OrganisationSettings, roles: [RoleID: Role], directory: PlaceDirectory)?

    init(_ tx: any SQLTransaction) { self.tx = tx }

    private func loadStructure() throws -> (organisation: OrganisationSettings, roles: [RoleID: Role], directory: PlaceDirectory) {
        if let structure { return structure }
        guard let organisation = try all(OrganisationSettings.self, .organisation).first else { throw PlatformStoreError.noWorld }
        var roles: [RoleID: Role] = [:]
        for role in Role.systemRoles + (try all(Role.self, .role)) { roles[role.id] = role }
        let directory = try PlaceDirectory(
            locations: try all(Location.self, .location), areas: try all(Area.self, .area), profiles: try all(SpaceProfile.self, .profile),
            categories: try all(ResourceCategory.self, .category), spaces: try all(Space.self, .space))
        structure = (organisation, roles, directory)
        return (organisation, roles, directory)
    }

    func item<T: Decodable>(_ type: T.Type, _ entity: WorldEntity, _ id: String) throws -> T? {
        try tx.row("SELECT body FROM item WHERE entity = ? AND id = ?", [entity.rawValue, id]).map { try ItemCoding.decode(T.self, try $0.data(0)) }
    }

    func all<T: Decodable>(_ type: T.Type, _ entity: WorldEntity) throws -> [T] {
        try tx.rows("SELECT body FROM item WHERE entity = ? ORDER BY id", [entity.rawValue]).map { try ItemCoding.decode(T.self, try $0.data(0)) }
    }

    func booking(_ id: BookingID) throws -> Booking? { try item(Booking.self, .booking, id) }

    func locationId(ofSpace spaceId: SpaceID) throws -> String? {
        try tx.row("SELECT locationId FROM item WHERE entity = 'space' AND id = ?", [spaceId])?.optionalString(0)
    }

    private func bookings(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [Booking] {
        try tx.rows(sql, arguments).compactMap { try booking(try $0.string(0)) }
    }

    // MARK: Writing back

    /// Writes a booking item and its index row, logged for its location's devices.
    func write(_ booking: Booking, at now: Date, in world: WorldWrite) throws {
        try write(.booking, booking.id, try locationId(ofSpace: booking.spaceId), booking, at: now, in: world)
        try world.index(booking)
    }

    func write(_ entity: WorldEntity, _ id: String, _ location: String?, _ value: some Encodable, at now: Date, in world: WorldWrite) throws {
        let item = WorldItem(entity: entity, id: id, locationId: location, body: try ItemCoding.encode(value))
        let old = try tx.row("SELECT body FROM item WHERE entity = ? AND id = ?", [entity.rawValue, id])
            .map { WorldItem(entity: entity, id: id, locationId: location, body: try $0.data(0)) }
        try world.upsert(item, replacing: old, at: now)
    }

    // MARK: Deciding

    /// What `Policy.decide` needs for `request` at `now`, read from the world as the panel's
    /// store reads it from its rows (`DecisionLoader` in LintelStore).
    func context(for request: DecisionRequest, at now: Date) throws -> DecisionContext {
        let (organisation, roles, directory) = try loadStructure()
        func resolve(_ reference: ActorReference) throws -> ResolvedActor {
            switch reference {
            case .anonymous: return .anonymous
            case .system: return .system
            case .badge(let uid):
                guard let badge = try item(Badge.self, .badge, uid) else { return .unknownBadge(uid) }
                return try resolve(.user(badge.userId))
            case .user(let id):
                guard let user = try item(User.self, .user, id) else { return .unknownUser(id) }
                return .user(user, roles: user.roleIds.compactMap { roles[$0] })
            }
        }
        let actor = try resolve(request.actor)
        var context = DecisionContext(
            organisation: organisation, place: directory.places[request.spaceId], actor: actor,
            walkUpRole: roles[organisation.walkUpRoleId] ?? .user)
        guard let place = context.place else { return context }
        if request.action.needsBooking {
            context.booking = try request.bookingId.map(booking) ?? currentBooking(on: place, for: request.action, at: now)
        }
        if let beneficiary = request.onBehalfOf { context.beneficiary = try resolve(.user(beneficiary)) }
        if let window = CollisionWindow.of(request, booking: context.booking, actor: actor, at: now) {
            let span: [any SQLValueConvertible] = [Millis.of(window.end), Millis.of(window.start)]
            context.spaceBookings = try bookings(
                "SELECT id FROM bookingIndex WHERE spaceId = ? AND holds = 1 AND startsAt < ? AND endsAt > ? ORDER BY startsAt, id",
                [request.spaceId] + span)
            if place.space.kind.isDeskLike, let ownerId = window.ownerId {
                context.ownerBookings = try bookings(
                    "SELECT id FROM bookingIndex WHERE ownerId = ? AND holds = 1 AND startsAt < ? AND endsAt > ? ORDER BY startsAt, id",
                    [ownerId] + span).filter { directory.places[$0.spaceId]?.space.kind == place.space.kind }
            }
        }
        if place.category.requiresAuthorisation, let owner = CollisionWindow.owner(request, booking: context.booking, actor: actor) {
            let prefix = owner + "\u{1F}" + place.category.id + "\u{1F}"
            context.authorisations = try tx.rows(
                "SELECT body FROM item WHERE entity = 'authorisation' AND id >= ? AND id < ? ORDER BY id", [prefix, prefix + "\u{10FFFF}"]
            ).map { try ItemCoding.decode(BookingAuthorisation.self, try $0.data(0)) }
        }
        if place.space.kind == .desk && (request.action == .markClean || request.action == .checkIn) {
            context.hygiene = try item(DeskHygiene.self, .hygiene, place.space.id)
        }
        return context
    }

    /// The booking a panel acts on when none is named (`BookingAtHand`).
    func currentBooking(on place: PlaceContext, for action: PanelAction, at now: Date) throws -> Booking? {
        let horizon = BookingAtHand.horizon(window: place.location.checkIn, at: now)
        let candidates = try bookings(
            "SELECT id FROM bookingIndex WHERE spaceId = ? AND holds = 1 AND startsAt <= ? AND endsAt > ? ORDER BY startsAt, id",
            [place.space.id, Millis.of(horizon), Millis.of(now)]).filter { $0.status == .confirmed }
        return BookingAtHand.find(for: action, among: candidates, window: place.location.checkIn, at: now)
    }
}
