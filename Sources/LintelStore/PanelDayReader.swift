import Foundation
import GRDB
import LintelPolicy

/// Reads one space's day (`PanelDay`) inside the caller's transaction.
struct PanelDayReader {
    let db: Database
    let catalog: ReferenceCatalog

    func day(of spaceId: SpaceID, at now: Date) throws -> PanelDay? {
        guard let place = catalog.places[spaceId] else { return nil }
        let today = place.clock.date(of: now)
        let from = place.clock.instant(on: today, at: LocalTime(hour: 0))
        let to = place.clock.instant(on: today.adding(days: 1), at: LocalTime(hour: 0))
        let loader = DecisionLoader(db: db, catalog: catalog)
        var bookings: [Booking] = []
        try PreparedQuery(db, """
            SELECT \(RowCoding.bookingColumns) FROM booking WHERE spaceId = ? AND startsAt < ? AND endsAt > ? ORDER BY startsAt
            """).forEachRow([.text(spaceId), .integer(StoredInstant.encode(to)), .integer(StoredInstant.encode(from))]) {
            bookings.append(try RowCoding.booking($0))
        }
        var names: [UserID: String] = [:]
        for owner in bookings.compactMap(\.ownerId) { names[owner] = catalog.usersById[owner]?.name }
        return PanelDay(place: place, bookings: bookings, hygiene: try loader.hygiene(of: spaceId), organiserNames: names)
    }
}
