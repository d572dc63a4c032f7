import Foundation
import GRDB
import LintelPolicy

/// Applies an allowed action to the store's rows, inside the caller's write transaction.
enum ChangeApplier {
    /// Returns the id of the booking made or changed, if any.
    static func apply(_ request: DecisionRequest, context: DecisionContext, decision: Decision, at now: Date, in db: Database) throws -> BookingID? {
        let instant = StoredInstant.encode(now)
        switch request.action {
        case .book:
            guard let end = request.end else { return nil }
            let id = "local-\(UUID().uuidString.lowercased())"
            let owner: UserID? = request.onBehalfOf ?? context.actor.user?.id
            var booking = Booking(
                id: id, spaceId: request.spaceId, ownerId: owner,
                madeById: request.onBehalfOf != nil ? context.actor.user?.id : nil,
                start: request.start ?? now, end: end, seriesId: request.recurring ? "local-series-\(id)" : nil,
                approval: decision == .allow(.pendingApproval) ? .pending : .notRequired)
            // Booked for now, at the panel: whoever booked is there, so it counts as checked in.
            if booking.start <= now, booking.approval != .pending { booking.checkIn = .checkedIn }
            try db.execute(sql: "INSERT INTO booking (\(RowCoding.bookingColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: RowCoding.bookingArguments(booking))
            return id
        case .extend:
            guard let booking = context.booking, let end = request.end else { return nil }
            try db.execute(sql: "UPDATE booking SET endsAt = ? WHERE id = ?", arguments: [StoredInstant.encode(end), booking.id])
            return booking.id
        case .end:
            guard let booking = context.booking else { return nil }
            // Ended at (or before) its start: nothing was used, and an end at the start is no interval.
            guard booking.start < now else {
                try db.execute(sql: "UPDATE booking SET status = 'cancelled' WHERE id = ?", arguments: [booking.id])
                return booking.id
            }
            try db.execute(sql: "UPDATE booking SET status = 'ended', endsAt = ? WHERE id = ?", arguments: [instant, booking.id])
            try markUsed(booking, at: instant, context: context, in: db)
            return booking.id
        case .cancel:
            guard let booking = context.booking else { return nil }
            try db.execute(sql: "UPDATE booking SET status = 'cancelled' WHERE id = ?", arguments: [booking.id])
            return booking.id
        case .checkIn:
            guard let booking = context.booking else { return nil }
            try db.execute(sql: "UPDATE booking SET checkIn = 'checked-in' WHERE id = ?", arguments: [booking.id])
            return booking.id
        case .autoRelease:
            guard let booking = context.booking else { return nil }
            try db.execute(sql: "UPDATE booking SET status = 'released' WHERE id = ?", arguments: [booking.id])
            return booking.id
        case .approve:
            guard let booking = context.booking else { return nil }
            try db.execute(sql: "UPDATE booking SET approval = 'approved' WHERE id = ?", arguments: [booking.id])
            return booking.id
        case .markClean:
            try db.execute(sql: """
                INSERT INTO hygiene (spaceId, state, lastBookingId, lastOwnerId, since) VALUES (?, 'clean', NULL, NULL, ?)
                ON CONFLICT(spaceId) DO UPDATE SET state = 'clean', since = excluded.since
                """, arguments: [request.spaceId, instant])
            return nil
        case .weekPlanner:
            return nil
        }
    }

    /// A desk in a hygienic location that was used needs cleaning when its booking ends.
    static func markUsed(_ booking: Booking, at instant: Int64, context: DecisionContext, in db: Database) throws {
        guard let place = context.place, place.space.kind == .desk, place.location.hygienic, booking.checkIn == .checkedIn else { return }
        try db.execute(sql: """
            INSERT INTO hygiene (spaceId, state, lastBookingId, lastOwnerId, since) VALUES (?, 'needs-cleaning', ?, ?, ?)
            ON CONFLICT(spaceId) DO UPDATE SET state = 'needs-cleaning', lastBookingId = excluded.lastBookingId,
              lastOwnerId = excluded.lastOwnerId, since = excluded.since
            """, arguments: [booking.spaceId, booking.id, booking.ownerId, instant])
    }
}
