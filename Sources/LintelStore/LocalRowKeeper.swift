import GRDB
import LintelWire

/// The unpushed local rows (as `LocalChanges` defines them) among those one step of a snapshot is
/// about to overwrite or delete: each is read just before the step's first write to it and put back
/// at the step's end, so a step pays only for the local rows it touches, not for all of them.
struct LocalRowKeeper {
    private let bookingIds: Set<String>
    private let hygieneIds: Set<String>
    private var kept = LocalChanges(bookings: [], hygiene: [])
    private var read: Set<String> = []

    /// The ids of the local rows as they stand in `db`'s transaction.
    init(_ db: Database) throws {
        bookingIds = Set(try String.fetchAll(db, sql: LocalChanges.unpushedAllowed("bookingId")))
        hygieneIds = Set(try String.fetchAll(db, sql: LocalChanges.unpushedAllowed("spaceId")))
    }

    /// Reads the row a write to `entity` `id` would change, if it is a local one not read yet.
    mutating func willWrite(_ entity: WorldEntity, id: String, in db: Database) throws {
        switch entity {
        case .booking where bookingIds.contains(id) && read.insert("b" + id).inserted:
            kept.bookings += try Row.fetchAll(db.cachedStatement(sql: "SELECT \(RowCoding.bookingColumns) FROM booking WHERE id = ?"), arguments: [id])
        case .hygiene where hygieneIds.contains(id) && read.insert("h" + id).inserted:
            kept.hygiene += try Row.fetchAll(db.cachedStatement(sql: "SELECT \(RowCoding.hygieneColumns) FROM hygiene WHERE spaceId = ?"), arguments: [id])
        default:
            break
        }
    }

    /// Puts the rows read back (those whose space or people are gone stay gone).
    func restore(in db: Database) throws { try kept.restore(in: db) }
}
