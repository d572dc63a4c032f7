import Foundation
import GRDB
import LintelPolicy
import LintelWire

/// Replaces the store's content with a snapshot's, inside the caller's transaction.
enum SnapshotWriter {
    static func replaceAll(with s: Snapshot, in db: Database) throws {
        for table in ["hygiene", "booking", "authorisationHistory", "authorisation", "badge", "roleAssignment", "userRole",
                      "user", "role", "visa", "space", "category", "profile", "area", "location", "organisation", "meta"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        func insert(_ sql: String, _ rows: [StatementArguments]) throws {
            let statement = try db.makeStatement(sql: sql)
            for arguments in rows { try statement.execute(arguments: arguments) }
        }
        try insert("INSERT INTO meta (key, value) VALUES (?, ?)", [
            ["format", s.format], ["snapshotGeneratedAt", ISO8601.format(s.generatedAt)], ["importedAt", ISO8601.format(Date())],
        ])
        typealias T = ItemRows
        try insert(T.organisation.insert, [try T.arguments(s.organisation)])
        try insert(T.location.insert, s.locations.map(T.arguments))
        // Parents first, so the foreign key on area.parentId holds row by row.
        try insert(T.area.insert, areasParentsFirst(s.areas).map(T.arguments))
        try insert(T.profile.insert, try s.profiles.map(T.arguments))
        try insert(T.category.insert, s.categories.map(T.arguments))
        try insert(T.space.insert, s.spaces.map(T.arguments))
        try insert(T.visa.insert, s.visas.map(T.arguments))
        try insert(T.role.insert, try s.roles.map(T.arguments))
        try insert(T.user.insert, s.users.map(T.arguments))
        try insert(T.userRole.insert, s.users.flatMap(T.roleArguments))
        try insert(T.roleAssignment.insert, s.users.flatMap(T.assignmentArguments))
        try insert(T.badge.insert, s.badges.map(T.arguments))
        try insert(T.authorisation.insert, s.authorisations.map(T.arguments))
        try insert(T.authorisationHistory.insert, s.authorisationHistory.map(T.arguments))
        try insert(T.booking.insert, s.bookings.map(RowCoding.bookingArguments))
        try insert(T.hygiene.insert, s.hygiene.map(RowCoding.hygieneArguments))
    }

    static func areasParentsFirst(_ areas: [Area]) -> [Area] {
        var placed = Set<AreaID>()
        var ordered: [Area] = []
        var remaining = areas
        while !remaining.isEmpty {
            let ready = remaining.filter { $0.parentId.map(placed.contains) ?? true }
            if ready.isEmpty { return ordered + remaining } // a cycle: let the constraint report it
            ordered += ready
            placed.formUnion(ready.map(\.id))
            remaining.removeAll { area in ready.contains { $0.id == area.id } }
        }
        return ordered
    }
}
