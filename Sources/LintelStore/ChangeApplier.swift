import Foundation
import GRDB
import LintelPolicy

/// Writes what an allowed action does to the store's rows, inside the caller's write transaction.
/// What it does is `ActionEffect`'s answer, the same values the platform applies when it decides
/// the panel's event again, so the panel and the platform cannot come to differ on it.
enum ChangeApplier {
    static let bookingUpdates = RowCoding.bookingColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { $0 != "id" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")

    /// Returns the id of the booking made or changed, if any. A booking made here gets a `local-`
    /// id, which the platform keeps.
    static func apply(_ request: DecisionRequest, context: DecisionContext, decision: Decision, at now: Date, in db: Database) throws -> BookingID? {
        let effects = ActionEffect.of(request, context: context, decision: decision, at: now, newBookingId: "local-\(UUID().uuidString.lowercased())")
        var bookingId: BookingID?
        for effect in effects {
            switch effect {
            case .booking(let booking):
                try db.execute(
                    sql: """
                        INSERT INTO booking (\(RowCoding.bookingColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET \(bookingUpdates)
                        """,
                    arguments: RowCoding.bookingArguments(booking))
                bookingId = bookingId ?? booking.id
            case .hygiene(let hygiene):
                try db.execute(
                    sql: """
                        INSERT INTO hygiene (\(RowCoding.hygieneColumns)) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(spaceId) DO UPDATE SET state = excluded.state, lastBookingId = excluded.lastBookingId,
                          lastOwnerId = excluded.lastOwnerId, since = excluded.since
                        """,
                    arguments: RowCoding.hygieneArguments(hygiene))
            }
        }
        return bookingId
    }
}
