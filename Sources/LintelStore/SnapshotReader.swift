import Foundation
import GRDB
import LintelPolicy
import LintelWire

/// Reads the whole store back into a snapshot (the inverse of `SnapshotWriter`).
enum SnapshotReader {
    static func read(_ db: Database) throws -> Snapshot {
        let catalog = try ReferenceCatalog.load(db)
        let generatedAt = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'snapshotGeneratedAt'").flatMap(ISO8601.parse) ?? Date(timeIntervalSince1970: 0)
        return Snapshot(
            generatedAt: generatedAt, organisation: catalog.organisation, locations: catalog.locations, areas: catalog.areas,
            profiles: catalog.profiles, categories: catalog.categories, spaces: catalog.spaces,
            visas: try Row.fetchAll(db, sql: "SELECT id, name FROM visa ORDER BY id").map { Visa(id: $0[0], name: $0[1]) },
            roles: catalog.customRoles, users: catalog.users,
            badges: try Row.fetchAll(db, sql: "SELECT uid, userId FROM badge ORDER BY uid").map { Badge(uid: $0[0], userId: $0[1]) },
            authorisations: try Row.fetchAll(db, sql: "SELECT userId, categoryId, visaId, validFrom, validUntil FROM authorisation ORDER BY rowid").map {
                BookingAuthorisation(userId: $0[0], categoryId: $0[1], visaId: $0[2],
                                     validFrom: ($0[3] as Int64?).map(StoredInstant.decode), validUntil: ($0[4] as Int64?).map(StoredInstant.decode))
            },
            authorisationHistory: try Row.fetchAll(db, sql: "SELECT userId, categoryId, visaId, change, at, byUserId FROM authorisationHistory ORDER BY id").map {
                AuthorisationChange(userId: $0[0], categoryId: $0[1], visaId: $0[2], change: try RowCoding.enumValue(AuthorisationChange.Kind.self, $0[3]),
                                    at: StoredInstant.decode($0[4]), by: $0[5])
            },
            bookings: try Row.fetchAll(db, sql: "SELECT \(RowCoding.bookingColumns) FROM booking ORDER BY startsAt, id").map(RowCoding.booking),
            hygiene: try Row.fetchAll(db, sql: "SELECT \(RowCoding.hygieneColumns) FROM hygiene ORDER BY spaceId").map {
                DeskHygiene(spaceId: $0[0], state: try RowCoding.enumValue(DeskHygiene.State.self, $0[1]), lastBookingId: $0[2],
                            lastOwnerId: $0[3], since: StoredInstant.decode($0[4]))
            })
    }
}
