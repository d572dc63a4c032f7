import GRDB

/// What the panel changed that the platform has not acknowledged: the bookings and desk hygiene
/// rows touched by an allowed decision still in the outbox. A full import keeps them (the
/// platform's copy replaces one only after the event that changed it was pushed), inside the
/// import's transaction; a row whose space or owner the new snapshot no longer has is dropped.
struct LocalChanges {
    /// `column` of the allowed decisions the platform has not acknowledged.
    static func unpushedAllowed(_ column: String) -> String {
        "SELECT DISTINCT \(column) FROM outbox WHERE kind = 'decision' AND pushedAt IS NULL AND decision LIKE 'allowed%' AND \(column) IS NOT NULL"
    }

    var bookings: [Row]
    var hygiene: [Row]

    static func read(_ db: Database) throws -> LocalChanges {
        LocalChanges(
            bookings: try Row.fetchAll(db, sql: """
                SELECT \(RowCoding.bookingColumns) FROM booking
                WHERE id IN (\(unpushedAllowed("bookingId")))
                """),
            hygiene: try Row.fetchAll(db, sql: """
                SELECT \(RowCoding.hygieneColumns) FROM hygiene
                WHERE spaceId IN (\(unpushedAllowed("spaceId")))
                """))
    }

    func restore(in db: Database) throws {
        let booking = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO booking (\(RowCoding.bookingColumns))
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
            WHERE EXISTS (SELECT 1 FROM space WHERE id = ?2)
              AND (?3 IS NULL OR EXISTS (SELECT 1 FROM user WHERE id = ?3))
              AND (?4 IS NULL OR EXISTS (SELECT 1 FROM user WHERE id = ?4))
            """)
        for row in bookings { try booking.execute(arguments: StatementArguments(row.databaseValues)) }
        let hygieneRow = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO hygiene (\(RowCoding.hygieneColumns))
            SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM space WHERE id = ?1)
            """)
        for row in hygiene { try hygieneRow.execute(arguments: StatementArguments(row.databaseValues)) }
    }
}
