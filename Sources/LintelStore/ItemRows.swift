import Foundation
import GRDB
import LintelPolicy
import LintelWire

/// How each world item is laid out in the store's rows: one place for the columns and values of
/// every table, used by a whole snapshot's import and by a delta's upserts and deletes.
enum ItemRows {
    /// One table's columns, the ones that identify a row first.
    struct Table {
        var name: String
        var columns: [String]
        var keyCount: Int

        var insert: String {
            "INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
        }

        /// An insert that updates the row with the same key instead (never a delete and insert,
        /// which other tables' references would see).
        var upsert: String {
            let key = columns.prefix(keyCount).joined(separator: ", ")
            let rest = columns.dropFirst(keyCount).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            return insert + " ON CONFLICT(\(key)) DO " + (rest.isEmpty ? "NOTHING" : "UPDATE SET \(rest)")
        }
    }

    static let organisation = Table(name: "organisation", columns: ["id", "name", "modules", "walkUpRoleId"], keyCount: 1)
    static let location = Table(name: "location", columns: ["id", "name", "timeZone", "hygienic", "panelAccess", "checkInOpensBefore",
                                                          "checkInClosesAfter", "panelInsight"], keyCount: 1)
    static let area = Table(name: "area", columns: ["id", "locationId", "parentId", "name"], keyCount: 1)
    static let profile = Table(name: "profile", columns: ["id", "name", "openingHours"], keyCount: 1)
    static let category = Table(name: "category", columns: ["id", "name", "kind", "requiresAuthorisation", "requiresApproval"], keyCount: 1)
    static let space = Table(name: "space", columns: ["id", "name", "kind", "areaId", "categoryId", "profileId", "bookable", "capacity"], keyCount: 1)
    static let visa = Table(name: "visa", columns: ["id", "name"], keyCount: 1)
    static let role = Table(name: "role", columns: ["id", "name", "description", "clonedFrom", "permissions"], keyCount: 1)
    static let user = Table(name: "user", columns: ["id", "name", "email", "state", "platformRole"], keyCount: 1)
    static let userRole = Table(name: "userRole", columns: ["userId", "position", "roleId"], keyCount: 2)
    static let roleAssignment = Table(name: "roleAssignment", columns: ["userId", "position", "role", "scope"], keyCount: 2)
    static let badge = Table(name: "badge", columns: ["uid", "userId"], keyCount: 1)
    static let authorisation = Table(name: "authorisation", columns: ["userId", "categoryId", "visaId", "validFrom", "validUntil"], keyCount: 0)
    static let authorisationHistory = Table(name: "authorisationHistory", columns: ["userId", "categoryId", "visaId", "change", "at", "byUserId"], keyCount: 0)
    static let booking = Table(name: "booking", columns: RowCoding.bookingColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }, keyCount: 1)
    static let hygiene = Table(name: "hygiene", columns: RowCoding.hygieneColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }, keyCount: 1)

    static func arguments(_ x: OrganisationSettings) throws -> StatementArguments {
        [x.id, x.name, try RowCoding.jsonText(x.modules), x.walkUpRoleId]
    }

    static func arguments(_ x: Location) -> StatementArguments {
        [x.id, x.name, x.timeZone, x.hygienic, x.panelAccess.rawValue, x.checkIn?.opensBeforeMinutes, x.checkIn?.closesAfterMinutes, x.panelInsight.rawValue]
    }

    static func arguments(_ x: Area) -> StatementArguments { [x.id, x.locationId, x.parentId, x.name] }
    static func arguments(_ x: SpaceProfile) throws -> StatementArguments { [x.id, x.name, try RowCoding.jsonText(x.rawOpeningHours)] }
    static func arguments(_ x: ResourceCategory) -> StatementArguments {
        [x.id, x.name, x.kind.rawValue, x.requiresAuthorisation, x.requiresApproval]
    }
    static func arguments(_ x: Space) -> StatementArguments {
        [x.id, x.name, x.kind.rawValue, x.areaId, x.categoryId, x.profileId, x.bookable, x.capacity]
    }
    static func arguments(_ x: Visa) -> StatementArguments { [x.id, x.name] }
    static func arguments(_ x: Role) throws -> StatementArguments {
        [x.id, x.name, x.description, x.clonedFrom, try RowCoding.jsonText(x.permissions)]
    }
    static func arguments(_ x: User) -> StatementArguments { [x.id, x.name, x.email, x.state.rawValue, x.platformRole.rawValue] }
    static func roleArguments(_ user: User) -> [StatementArguments] {
        user.roleIds.enumerated().map { [user.id, $0.offset, $0.element] }
    }
    static func assignmentArguments(_ user: User) -> [StatementArguments] {
        user.assignments.enumerated().map { [user.id, $0.offset, $0.element.role.rawValue, $0.element.scope] }
    }
    static func arguments(_ x: Badge) -> StatementArguments { [x.uid, x.userId] }
    static func arguments(_ x: BookingAuthorisation) -> StatementArguments {
        [x.userId, x.categoryId, x.visaId, x.validFrom.map(StoredInstant.encode), x.validUntil.map(StoredInstant.encode)]
    }
    static func arguments(_ x: AuthorisationChange) -> StatementArguments {
        [x.userId, x.categoryId, x.visaId, x.change.rawValue, StoredInstant.encode(x.at), x.by]
    }

    // MARK: One item at a time (deltas)

    /// Writes one item over its previous rows, if any.
    static func upsert(_ value: WorldItemValue, in db: Database) throws {
        func run(_ sql: String, _ arguments: StatementArguments) throws { try db.cachedStatement(sql: sql).execute(arguments: arguments) }
        switch value {
        case .organisation(let x): try run(organisation.upsert, try arguments(x))
        case .location(let x): try run(location.upsert, arguments(x))
        case .area(let x): try run(area.upsert, arguments(x))
        case .profile(let x): try run(profile.upsert, try arguments(x))
        case .category(let x): try run(category.upsert, arguments(x))
        case .space(let x): try run(space.upsert, arguments(x))
        case .visa(let x): try run(visa.upsert, arguments(x))
        case .role(let x): try run(role.upsert, try arguments(x))
        case .user(let x):
            try run(user.upsert, arguments(x))
            try run("DELETE FROM userRole WHERE userId = ?", [x.id])
            try run("DELETE FROM roleAssignment WHERE userId = ?", [x.id])
            for row in roleArguments(x) { try run(userRole.insert, row) }
            for row in assignmentArguments(x) { try run(roleAssignment.insert, row) }
        case .badge(let x): try run(badge.upsert, arguments(x))
        case .authorisation(let x):
            try delete(.authorisation, id: WorldItemValue.authorisation(x).id, in: db)
            try run(authorisation.insert, arguments(x))
        case .authorisationHistory(let x):
            try delete(.authorisationHistory, id: WorldItemValue.authorisationHistory(x).id, in: db)
            try run(authorisationHistory.insert, arguments(x))
        case .booking(let x): try run(booking.upsert, RowCoding.bookingArguments(x))
        case .hygiene(let x): try run(hygiene.upsert, RowCoding.hygieneArguments(x))
        }
    }

    /// Deletes the rows of the item a change log names `id`; nothing when there are none.
    static func delete(_ entity: WorldEntity, id: String, in db: Database) throws {
        func run(_ sql: String, _ arguments: StatementArguments) throws { try db.cachedStatement(sql: sql).execute(arguments: arguments) }
        switch entity {
        case .organisation, .location, .area, .profile, .category, .space, .visa, .role, .booking:
            try run("DELETE FROM \(entity.rawValue) WHERE id = ?", [id])
        case .user:
            try run("DELETE FROM userRole WHERE userId = ?", [id])
            try run("DELETE FROM roleAssignment WHERE userId = ?", [id])
            try run("DELETE FROM user WHERE id = ?", [id])
        case .badge: try run("DELETE FROM badge WHERE uid = ?", [id])
        case .hygiene: try run("DELETE FROM hygiene WHERE spaceId = ?", [id])
        case .authorisation:
            let p = parts(id, count: 5)
            try run("""
                DELETE FROM authorisation WHERE userId = ? AND categoryId = ? AND visaId = ?
                AND validFrom IS ? AND validUntil IS ?
                """, [p[0], p[1], p[2], instant(p[3]), instant(p[4])])
        case .authorisationHistory:
            let p = parts(id, count: 5)
            try run("DELETE FROM authorisationHistory WHERE userId = ? AND categoryId = ? AND visaId = ? AND change = ? AND at = ?",
                    [p[0], p[1], p[2], p[3], instant(p[4])])
        }
    }

    private static func parts(_ id: String, count: Int) -> [String] {
        var p = id.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        while p.count < count { p.append("") }
        return p
    }

    private static func instant(_ text: String) -> Int64? { ISO8601.parse(text).map(StoredInstant.encode) }
}
