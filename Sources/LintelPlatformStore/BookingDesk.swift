public import Foundation
public import LintelPolicy
import LintelWire

/// Bookings made and cancelled on the platform (the admin API and `lintel-platform bookings`).
/// A booking is decided by the same rules as at a panel (`Policy.decide`, the owner as the one
/// booking), and the decision, the booking and its change-log entry are one write transaction.
public struct BookingDesk: Sendable {
    let database: any PlatformDatabase

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

    public func add(spaceId: SpaceID, ownerId: UserID?, start: Date, end: Date, title: String?, at now: Date) async throws -> Booking {
        try await database.writeWorld { world in
            let reader = WorldReader(world.transaction)
            let actor: ActorReference = ownerId.map { .user($0) } ?? .anonymous
            let request = DecisionRequest(actor: actor, action: .book, spaceId: spaceId, start: start, end: end)
            let context = try reader.context(for: request, at: now)
            let decision = Policy.decide(request, in: context, at: now)
            guard decision.isAllowed else {
                if case .deny(let reason, let detail) = decision { throw Refusal.denied(reason, detail: detail) }
                throw Refusal.denied(.unknownSpace, detail: nil)
            }
            let booking = Booking(
                id: "bk-" + Secrets.randomToken(bytes: 12), spaceId: spaceId, ownerId: ownerId, start: start, end: end,
                title: title, approval: decision == .allow(.pendingApproval) ? .pending : .notRequired)
            try reader.write(booking, at: now, in: world)
            return booking
        }
    }

    /// Cancels a booking: its space is free again, and every device of its location learns it.
    public func cancel(_ id: BookingID, at now: Date) async throws -> Booking {
        try await database.writeWorld { world in
            let reader = WorldReader(world.transaction)
            guard var booking = try reader.booking(id) else { throw Refusal.noSuchBooking(id) }
            booking.status = .cancelled
            try reader.write(booking, at: now, in: world)
            return booking
        }
    }

    /// Bookings by start, of one space or all.
    public func list(spaceId: SpaceID?) async throws -> [Booking] {
        try await database.read { tx in
            let rows = if let spaceId {
                try tx.rows("SELECT id FROM bookingIndex WHERE spaceId = ? ORDER BY startsAt, id", [spaceId])
            } else {
                try tx.rows("SELECT id FROM bookingIndex ORDER BY startsAt, id")
            }
            let reader = WorldReader(tx)
            return try rows.compactMap { try reader.booking(try $0.string(0)) }
        }
    }
}

extension PlatformStore {
    public var bookings: BookingDesk { BookingDesk(database: database) }
}

/// One item's JSON, as a snapshot writes it.
enum ItemCoding {
    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T { try SnapshotCoding.decoder().decode(T.self, from: data) }
    static func encode(_ value: some Encodable) throws -> Data { try SnapshotCoding.encoder().encode(value) }
}
