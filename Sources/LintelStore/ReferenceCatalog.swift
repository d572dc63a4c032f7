import Foundation
import GRDB
import LintelPolicy

/// The organisation's slowly changing reference data (places, profiles, categories, roles, users
/// and their badges), read once and kept in memory while the database's data version is unchanged.
/// It changes only with a snapshot import or a sync. Every place is kept ready-made with its
/// ancestry and clock, and every user with their roles, so a decision reads only booking rows.
struct ReferenceCatalog: Sendable {
    var organisation: OrganisationSettings
    var locations: [Location]
    var areas: [Area]
    var profiles: [SpaceProfile]
    var categories: [ResourceCategory]
    var spaces: [Space]
    var customRoles: [Role]
    var users: [User]
    var places: [SpaceID: PlaceContext]
    var rolesById: [RoleID: Role]
    var usersById: [UserID: User]
    var badgeOwners: [String: UserID]

    func role(_ id: RoleID) -> Role? { rolesById[id] }

    static func load(_ db: Database) throws -> ReferenceCatalog {
        guard let org = try Row.fetchOne(db, sql: "SELECT id, name, modules, walkUpRoleId FROM organisation") else {
            throw StoreError.empty
        }
        let organisation = OrganisationSettings(
            id: org[0], name: org[1], modules: try RowCoding.fromJSON(ModuleAccess.self, org[2]), walkUpRoleId: org[3])
        let locations = try Row.fetchAll(db, sql: """
            SELECT id, name, timeZone, hygienic, panelAccess, checkInOpensBefore, checkInClosesAfter, panelInsight FROM location ORDER BY id
            """).map { row -> Location in
            let opens: Int? = row[5]
            let closes: Int? = row[6]
            return Location(
                id: row[0], name: row[1], timeZone: row[2], hygienic: row[3],
                panelAccess: try RowCoding.enumValue(PanelAccess.self, row[4]),
                checkIn: opens.flatMap { o in closes.map { CheckInWindow(opensBeforeMinutes: o, closesAfterMinutes: $0) } },
                panelInsight: try RowCoding.enumValue(InsightLevel.self, row[7]))
        }
        let areas = try Row.fetchAll(db, sql: "SELECT id, locationId, parentId, name FROM area ORDER BY id").map {
            Area(id: $0[0], locationId: $0[1], parentId: $0[2], name: $0[3])
        }
        let profiles = try Row.fetchAll(db, sql: "SELECT id, name, openingHours FROM profile ORDER BY id").map { row in
            SpaceProfile(id: row[0], name: row[1], openingHours: try SpaceProfile.openingHours(
                fromRaw: try RowCoding.fromJSON([String: [OpeningPeriod]].self, row[2])))
        }
        let categories = try Row.fetchAll(db, sql: "SELECT id, name, kind, requiresAuthorisation, requiresApproval FROM category ORDER BY id").map {
            ResourceCategory(id: $0[0], name: $0[1], kind: try RowCoding.enumValue(ResourceKind.self, $0[2]), requiresAuthorisation: $0[3], requiresApproval: $0[4])
        }
        let spaces = try Row.fetchAll(db, sql: "SELECT id, name, kind, areaId, categoryId, profileId, bookable, capacity FROM space ORDER BY id").map {
            Space(id: $0[0], name: $0[1], kind: try RowCoding.enumValue(ResourceKind.self, $0[2]), areaId: $0[3], categoryId: $0[4],
                  profileId: $0[5], bookable: $0[6], capacity: $0[7])
        }
        let customRoles = try Row.fetchAll(db, sql: "SELECT id, name, description, clonedFrom, permissions FROM role ORDER BY id").map {
            Role(id: $0[0], name: $0[1], description: $0[2], clonedFrom: $0[3], permissions: try RowCoding.fromJSON(RolePermissions.self, $0[4]))
        }
        var roleIds: [UserID: [RoleID]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT userId, roleId FROM userRole ORDER BY userId, position") {
            roleIds[row[0], default: []].append(row[1])
        }
        var assignments: [UserID: [RoleAssignment]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT userId, role, scope FROM roleAssignment ORDER BY userId, position") {
            assignments[row[0], default: []].append(RoleAssignment(role: try RowCoding.enumValue(AdministrativeRole.self, row[1]), scope: row[2]))
        }
        let users = try Row.fetchAll(db, sql: "SELECT id, name, email, state, platformRole FROM user ORDER BY id").map { row -> User in
            let id: String = row[0]
            return User(
                id: id, name: row[1], email: row[2], state: try RowCoding.enumValue(MembershipState.self, row[3]),
                platformRole: try RowCoding.enumValue(PlatformRole.self, row[4]),
                roleIds: roleIds[id] ?? [], assignments: assignments[id] ?? [])
        }
        var badgeOwners: [String: UserID] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT uid, userId FROM badge") { badgeOwners[row[0]] = row[1] }
        return try ReferenceCatalog(
            organisation: organisation, locations: locations, areas: areas, profiles: profiles,
            categories: categories, spaces: spaces, customRoles: customRoles, users: users, badgeOwners: badgeOwners)
    }

    init(
        organisation: OrganisationSettings, locations: [Location], areas: [Area], profiles: [SpaceProfile],
        categories: [ResourceCategory], spaces: [Space], customRoles: [Role], users: [User], badgeOwners: [String: UserID]
    ) throws {
        self.organisation = organisation
        self.locations = locations
        self.areas = areas
        self.profiles = profiles
        self.categories = categories
        self.spaces = spaces
        self.customRoles = customRoles
        self.users = users
        self.badgeOwners = badgeOwners
        usersById = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0) })
        var roles: [RoleID: Role] = [:]
        for role in Role.systemRoles + customRoles { roles[role.id] = role }
        rolesById = roles
        do {
            places = try PlaceDirectory(locations: locations, areas: areas, profiles: profiles, categories: categories, spaces: spaces).places
        } catch {
            throw StoreError.corrupt(error.description)
        }
    }
}
