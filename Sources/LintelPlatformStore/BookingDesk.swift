public import Foundation
import GRDB
public import LintelPolicy
import LintelWire

/// Bookings made and cancelled on the platform (the admin API and `lintel-platform bookings`).
/// A booking is decided by the same rules as at a panel (`Policy.decide`, the owner as the one
/// booking), and the decision, the booking and its change-log entry are one write transaction.
public struct BookingDesk: Sendable {
    let database: DatabasePool

    /// Why a booking was not made: a denial reason of `docs/reasons.md`, or a request that names
    /// nothing in the world.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case denied(DenialReason, detail: String?)
        case noSuchBooking(BookingID)

        public var description: String {
            switch self {
            case .denied(let reason, let detail): "\(reason.rawValue)\(detail.map { ": \($0)" } ?? "")"
            case .noSuchBooking(let id): "no booking \(id)"
            }
        }
    }

    public func add(spaceId: SpaceID, ownerId: UserID?, start: Date, end: Date, title: String?, at now: Date) throws -> Booking {
        try database.write { db in
            let world = WorldReader(db: db)
            let actor: ActorReference = ownerId.map { .user($0) } ?? .anonymous
            let request = DecisionRequest(actor: actor, action: .book, spaceId: spaceId, start: start, end: end)
            let context = try world.context(for: request, at: now)
            let decision = Policy.decide(request, in: context, at: now)
            guard decision.isAllowed else {
                if case .deny(let reason, let detail) = decision { throw Refusal.denied(reason, detail: detail) }
                throw Refusal.denied(.unknownSpace, detail: nil)
            }
            let booking = Booking(
                id: "bk-" + DeviceRegistry.randomToken(bytes: 12), spaceId: spaceId, ownerId: ownerId, start: start, end: end,
                title: title, approval: decision == .allow(.pendingApproval) ? .pending : .notRequired)
            try write(booking, at: now, in: db)
            return booking
        }
    }

    /// Cancels a booking: its space is free again, and every device of its location learns it.
    public func cancel(_ id: BookingID, at now: Date) throws -> Booking {
        try database.write { db in
            guard var booking = try WorldReader(db: db).booking(id) else { throw Refusal.noSuchBooking(id) }
            booking.status = .cancelled
            try write(booking, at: now, in: db)
            return booking
        }
    }

    /// Bookings by start, of one space or all.
    public func list(spaceId: SpaceID?) throws -> [Booking] {
        try database.read { db in
            let ids = spaceId.map { try? String.fetchAll(db, sql: "SELECT id FROM bookingIndex WHERE spaceId = ? ORDER BY startsAt", arguments: [$0]) }
                ?? (try? String.fetchAll(db, sql: "SELECT id FROM bookingIndex ORDER BY startsAt"))
            let reader = WorldReader(db: db)
            return try (ids ?? []).compactMap { try reader.booking($0) }
        }
    }

    private func write(_ booking: Booking, at now: Date, in db: Database) throws {
        let location = try WorldReader(db: db).locationId(ofSpace: booking.spaceId)
        let item = WorldItem(entity: .booking, id: booking.id, locationId: location, body: try ItemCoding.encode(booking))
        let old = try Data.fetchOne(db, sql: "SELECT body FROM item WHERE entity = 'booking' AND id = ?", arguments: [booking.id])
            .map { WorldItem(entity: .booking, id: booking.id, locationId: location, body: $0) }
        var checksums = PlatformStore.ChecksumChanges()
        _ = try PlatformStore.upsert(item, replacing: old, at: now, checksums: &checksums, in: db)
        try PlatformStore.index(booking, in: db)
        try checksums.write(in: db)
    }
}

extension PlatformStore {
    public var bookings: BookingDesk { BookingDesk(database: database) }
}

/// Items read back from the world for decisions within one transaction. The organisation, its
/// roles and its places are read once per reader (a batch of events changes none of them).
final class WorldReader {
    let db: Database
    private var structure: (organisation: OrganisationSettings, roles: [RoleID: Role], directory: PlaceDirectory)?

    init(db: Database) { self.db = db }

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
        try Data.fetchOne(db, sql: "SELECT body FROM item WHERE entity = ? AND id = ?", arguments: [entity.rawValue, id])
            .map { try ItemCoding.decode(T.self, $0) }
    }

    func all<T: Decodable>(_ type: T.Type, _ entity: WorldEntity) throws -> [T] {
        try Data.fetchAll(db, sql: "SELECT body FROM item WHERE entity = ?", arguments: [entity.rawValue]).map { try ItemCoding.decode(T.self, $0) }
    }

    func booking(_ id: BookingID) throws -> Booking? { try item(Booking.self, .booking, id) }

    func locationId(ofSpace spaceId: SpaceID) throws -> String? {
        try String.fetchOne(db, sql: "SELECT locationId FROM item WHERE entity = 'space' AND id = ?", arguments: [spaceId])
    }

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
            let span: StatementArguments = [DeviceRegistry.millis(window.end), DeviceRegistry.millis(window.start)]
            context.spaceBookings = try String.fetchAll(
                db, sql: "SELECT id FROM bookingIndex WHERE spaceId = ? AND holds AND startsAt < ? AND endsAt > ?",
                arguments: [request.spaceId] + span).compactMap { try booking($0) }
            if place.space.kind.isDeskLike, let ownerId = window.ownerId {
                context.ownerBookings = try String.fetchAll(
                    db, sql: "SELECT id FROM bookingIndex WHERE ownerId = ? AND holds AND startsAt < ? AND endsAt > ?",
                    arguments: [ownerId] + span).compactMap { try booking($0) }
                    .filter { directory.places[$0.spaceId]?.space.kind == place.space.kind }
            }
        }
        if place.category.requiresAuthorisation, let owner = CollisionWindow.owner(request, booking: context.booking, actor: actor) {
            let prefix = owner + "\u{1F}" + place.category.id + "\u{1F}"
            context.authorisations = try Data.fetchAll(
                db, sql: "SELECT body FROM item WHERE entity = 'authorisation' AND id >= ? AND id < ?",
                arguments: [prefix, prefix + "\u{10FFFF}"]).map { try ItemCoding.decode(BookingAuthorisation.self, $0) }
        }
        if place.space.kind == .desk && (request.action == .markClean || request.action == .checkIn) {
            context.hygiene = try item(DeskHygiene.self, .hygiene, place.space.id)
        }
        return context
    }

    /// The booking a panel acts on when none is named (`BookingAtHand`).
    func currentBooking(on place: PlaceContext, for action: PanelAction, at now: Date) throws -> Booking? {
        let horizon = BookingAtHand.horizon(window: place.location.checkIn, at: now)
        let candidates = try String.fetchAll(
            db, sql: "SELECT id FROM bookingIndex WHERE spaceId = ? AND holds AND startsAt <= ? AND endsAt > ? ORDER BY startsAt",
            arguments: [place.space.id, DeviceRegistry.millis(horizon), DeviceRegistry.millis(now)]).compactMap { try booking($0) }
            .filter { $0.status == .confirmed }
        return BookingAtHand.find(for: action, among: candidates, window: place.location.checkIn, at: now)
    }
}

/// One item's JSON, as a snapshot writes it.
enum ItemCoding {
    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T { try SnapshotCoding.decoder().decode(T.self, from: data) }
    static func encode(_ value: some Encodable) throws -> Data { try SnapshotCoding.encoder().encode(value) }
}
