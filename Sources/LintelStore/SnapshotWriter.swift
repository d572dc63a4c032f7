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
        try insert("INSERT INTO organisation (id, name, modules, walkUpRoleId) VALUES (?, ?, ?, ?)", [
            [s.organisation.id, s.organisation.name, try RowCoding.jsonText(s.organisation.modules), s.organisation.walkUpRoleId],
        ])
        try insert("""
            INSERT INTO location (id, name, timeZone, hygienic, panelAccess, checkInOpensBefore, checkInClosesAfter, panelInsight)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, s.locations.map {
            [$0.id, $0.name, $0.timeZone, $0.hygienic, $0.panelAccess.rawValue, $0.checkIn?.opensBeforeMinutes,
             $0.checkIn?.closesAfterMinutes, $0.panelInsight.rawValue]
        })
        // Parents first, so the foreign key on area.parentId holds row by row.
        try insert("INSERT INTO area (id, locationId, parentId, name) VALUES (?, ?, ?, ?)",
                   areasParentsFirst(s.areas).map { [$0.id, $0.locationId, $0.parentId, $0.name] })
        try insert("INSERT INTO profile (id, name, openingHours) VALUES (?, ?, ?)",
                   try s.profiles.map { [$0.id, $0.name, try RowCoding.jsonText($0.rawOpeningHours)] })
        try insert("INSERT INTO category (id, name, kind, requiresAuthorisation, requiresApproval) VALUES (?, ?, ?, ?, ?)",
                   s.categories.map { [$0.id, $0.name, $0.kind.rawValue, $0.requiresAuthorisation, $0.requiresApproval] })
        try insert("INSERT INTO space (id, name, kind, areaId, categoryId, profileId, bookable, capacity) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   s.spaces.map { [$0.id, $0.name, $0.kind.rawValue, $0.areaId, $0.categoryId, $0.profileId, $0.bookable, $0.capacity] })
        try insert("INSERT INTO visa (id, name) VALUES (?, ?)", s.visas.map { [$0.id, $0.name] })
        try insert("INSERT INTO role (id, name, description, clonedFrom, permissions) VALUES (?, ?, ?, ?, ?)",
                   try s.roles.map { [$0.id, $0.name, $0.description, $0.clonedFrom, try RowCoding.jsonText($0.permissions)] })
        try insert("INSERT INTO user (id, name, email, state, platformRole) VALUES (?, ?, ?, ?, ?)",
                   s.users.map { [$0.id, $0.name, $0.email, $0.state.rawValue, $0.platformRole.rawValue] })
        try insert("INSERT INTO userRole (userId, position, roleId) VALUES (?, ?, ?)", s.users.flatMap { user in
            user.roleIds.enumerated().map { [user.id, $0.offset, $0.element] as StatementArguments }
        })
        try insert("INSERT INTO roleAssignment (userId, position, role, scope) VALUES (?, ?, ?, ?)", s.users.flatMap { user in
            user.assignments.enumerated().map { [user.id, $0.offset, $0.element.role.rawValue, $0.element.scope] as StatementArguments }
        })
        try insert("INSERT INTO badge (uid, userId) VALUES (?, ?)", s.badges.map { [$0.uid, $0.userId] })
        try insert("INSERT INTO authorisation (userId, categoryId, visaId, validFrom, validUntil) VALUES (?, ?, ?, ?, ?)",
                   s.authorisations.map {
                       [$0.userId, $0.categoryId, $0.visaId, $0.validFrom.map(StoredInstant.encode), $0.validUntil.map(StoredInstant.encode)]
                   })
        try insert("INSERT INTO authorisationHistory (userId, categoryId, visaId, change, at, byUserId) VALUES (?, ?, ?, ?, ?, ?)",
                   s.authorisationHistory.map {
                       [$0.userId, $0.categoryId, $0.visaId, $0.change.rawValue, StoredInstant.encode($0.at), $0.by]
                   })
        try insert("INSERT INTO booking (\(RowCoding.bookingColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   s.bookings.map(RowCoding.bookingArguments))
        try insert("INSERT INTO hygiene (\(RowCoding.hygieneColumns)) VALUES (?, ?, ?, ?, ?)", s.hygiene.map(RowCoding.hygieneArguments))
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
