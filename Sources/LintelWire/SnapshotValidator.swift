import Foundation
import LintelPolicy

/// The rules a snapshot must keep beyond its JSON shape: non-empty unique ids, references that
/// resolve, IANA zones, areas in one location without cycles, one Super Administrator, one
/// Location Manager per location, active users with a role. The JSON Schema states each one too
/// (its `x-lintel-*` keywords; `docs/snapshot.md` lists them).
public enum SnapshotValidator {
    /// Throws the first rule the snapshot breaks, naming its JSON path and value.
    public static func validate(_ s: Snapshot) throws(SnapshotError) {
        guard s.format == Snapshot.formatName else {
            throw fail("$.format", s.format, .format, "unsupported format; this agent reads \(Snapshot.formatName)")
        }
        if s.organisation.id.isEmpty { throw fail("$.organisation.id", "", .emptyId, "an id must not be empty") }
        let ids = try SnapshotIds(s)
        try validatePlaces(s, ids)
        try validateRoles(s, ids)
        try validateUsers(s, ids)
        try validateAuthorisations(s, ids)
        try validateBookingsAndHygiene(s, ids)
    }

    static func fail(_ path: String, _ value: String?, _ rule: SnapshotRule, _ problem: String) -> SnapshotError {
        SnapshotError(path: path, value: value.map { "\"\($0)\"" }, problem: problem, rule: rule)
    }

    private static func validatePlaces(_ s: Snapshot, _ ids: SnapshotIds) throws(SnapshotError) {
        for (i, location) in s.locations.enumerated() {
            switch ZoneDatabase.check(location.timeZone) {
            case .known: break
            case .fixedOffset:
                throw fail("$.locations[\(i)].timeZone", location.timeZone, .timeZone,
                           "a fixed UTC offset is not a time zone: it has no daylight saving rules, so local times would be an hour off "
                           + "for half the year; use the IANA name of the location's zone, e.g. Europe/Amsterdam")
            case .unknown:
                throw fail("$.locations[\(i)].timeZone", location.timeZone, .timeZone,
                           "not an IANA time zone name in the system's zone database (e.g. Europe/Amsterdam, UTC)")
            }
        }
        let areasById = Dictionary(uniqueKeysWithValues: s.areas.map { ($0.id, $0) })
        for (i, area) in s.areas.enumerated() {
            guard ids.locations.contains(area.locationId) else {
                throw fail("$.areas[\(i)].locationId", area.locationId, .references, "no such location")
            }
            if let parent = area.parentId {
                guard let parentArea = areasById[parent] else { throw fail("$.areas[\(i)].parentId", parent, .references, "no such area") }
                guard parentArea.locationId == area.locationId else {
                    throw fail("$.areas[\(i)].parentId", parent, .areaInOwnLocation, "the parent area is in another location")
                }
            }
            var seen: Set<String> = [area.id]
            var cursor = area.parentId
            while let id = cursor {
                guard seen.insert(id).inserted else { throw fail("$.areas[\(i)].parentId", area.parentId, .areaCycle, "areas form a cycle") }
                cursor = areasById[id]?.parentId
            }
        }
        let categoryKinds = Dictionary(uniqueKeysWithValues: s.categories.map { ($0.id, $0.kind) })
        for (i, space) in s.spaces.enumerated() {
            guard ids.areas.contains(space.areaId) else { throw fail("$.spaces[\(i)].areaId", space.areaId, .references, "no such area") }
            guard let kind = categoryKinds[space.categoryId] else {
                throw fail("$.spaces[\(i)].categoryId", space.categoryId, .references, "no such category")
            }
            guard kind == space.kind else {
                throw fail("$.spaces[\(i)].categoryId", space.categoryId, .categoryKind,
                           "category is for \(kind.rawValue)s but the space is a \(space.kind.rawValue)")
            }
            if let profile = space.profileId, !ids.profiles.contains(profile) {
                throw fail("$.spaces[\(i)].profileId", profile, .references, "no such profile")
            }
        }
    }

    private static func validateRoles(_ s: Snapshot, _ ids: SnapshotIds) throws(SnapshotError) {
        guard ids.roles.contains(s.organisation.walkUpRoleId) else {
            throw fail("$.organisation.walkUpRoleId", s.organisation.walkUpRoleId, .references, "no such role")
        }
        for (i, role) in s.roles.enumerated() {
            if role.isSystem {
                throw fail("$.roles[\(i)].isSystem", "true", .systemRoles, "system roles are built in and cannot be defined or modified")
            }
            if role.id.hasPrefix("system:") {
                throw fail("$.roles[\(i)].id", role.id, .systemRoles, "system roles are built in and cannot be defined or modified")
            }
            if let source = role.clonedFrom, !ids.roles.contains(source) {
                throw fail("$.roles[\(i)].clonedFrom", source, .references, "no such role")
            }
            let p = role.permissions
            let at = "$.roles[\(i)].permissions"
            try ids.resolve(p.bookingScope, at: "\(at).bookingScope")
            for (name, rules) in [("rooms", p.rooms), ("desks", p.desks), ("parking", p.parking)] {
                try ids.resolve(rules.recurring, at: "\(at).\(name).recurring")
            }
            try ids.resolve(p.analytics, at: "\(at).analytics")
            try ids.resolve(p.approvals, at: "\(at).approvals")
            if case .location(let location) = p.visitors, !ids.locations.contains(location) {
                throw fail("\(at).visitors.location", location, .references, "no such location")
            }
        }
    }

    private static func validateUsers(_ s: Snapshot, _ ids: SnapshotIds) throws(SnapshotError) {
        var superAdministrators = 0
        var locationManagers: Set<String> = []
        for (i, user) in s.users.enumerated() {
            for (j, role) in user.roleIds.enumerated() where !ids.roles.contains(role) {
                throw fail("$.users[\(i)].roleIds[\(j)]", role, .references, "no such role")
            }
            if user.state == .active && user.roleIds.isEmpty && user.assignments.isEmpty {
                throw fail("$.users[\(i)].state", user.state.rawValue, .activeUserRole, "an active user must have a role (a user without one is pending)")
            }
            for (j, assignment) in user.assignments.enumerated() {
                let path = "$.users[\(i)].assignments[\(j)].scope"
                switch assignment.role {
                case .superAdministrator, .spaceAdministrator, .billing, .member:
                    if assignment.scope != nil {
                        throw fail(path, assignment.scope, .assignmentScope, "\(assignment.role.rawValue) is a space-level role and takes no scope")
                    }
                    if assignment.role == .superAdministrator { superAdministrators += 1 }
                case .departmentAdministrator:
                    guard let scope = assignment.scope else {
                        throw fail(path, nil, .assignmentScope, "a department administrator needs an area (department) id")
                    }
                    guard ids.areas.contains(scope) else { throw fail(path, scope, .references, "no such area") }
                case .locationManager, .locationOperator, .reception, .engineer:
                    guard let scope = assignment.scope else {
                        throw fail(path, nil, .assignmentScope, "\(assignment.role.rawValue) needs a location id")
                    }
                    guard ids.locations.contains(scope) else { throw fail(path, scope, .references, "no such location") }
                    if assignment.role == .locationManager, !locationManagers.insert(scope).inserted {
                        throw fail(path, scope, .oneLocationManager, "a location has one Location Manager")
                    }
                }
            }
        }
        if !s.users.isEmpty && superAdministrators != 1 {
            throw SnapshotError(path: "$.users", value: "\(superAdministrators)", problem: "exactly one user must hold super-administrator",
                                rule: .oneSuperAdministrator)
        }
        for (i, badge) in s.badges.enumerated() where !ids.users.contains(badge.userId) {
            throw fail("$.badges[\(i)].userId", badge.userId, .references, "no such user")
        }
    }

    private static func validateAuthorisations(_ s: Snapshot, _ ids: SnapshotIds) throws(SnapshotError) {
        for (i, a) in s.authorisations.enumerated() {
            try ids.resolve(user: a.userId, category: a.categoryId, visa: a.visaId, at: "$.authorisations[\(i)]")
            if let from = a.validFrom, let until = a.validUntil, until <= from {
                throw fail("$.authorisations[\(i)].validUntil", ISO8601.format(until), .validityOrder, "ends before it starts")
            }
        }
        for (i, h) in s.authorisationHistory.enumerated() {
            try ids.resolve(user: h.userId, category: h.categoryId, visa: h.visaId, at: "$.authorisationHistory[\(i)]")
        }
    }

    private static func validateBookingsAndHygiene(_ s: Snapshot, _ ids: SnapshotIds) throws(SnapshotError) {
        for (i, b) in s.bookings.enumerated() {
            guard ids.spaces.contains(b.spaceId) else { throw fail("$.bookings[\(i)].spaceId", b.spaceId, .references, "no such space") }
            if let owner = b.ownerId, !ids.users.contains(owner) { throw fail("$.bookings[\(i)].ownerId", owner, .references, "no such user") }
            if let maker = b.madeById, !ids.users.contains(maker) { throw fail("$.bookings[\(i)].madeById", maker, .references, "no such user") }
        }
        let desks = Set(s.spaces.filter { $0.kind == .desk }.map(\.id))
        for (i, h) in s.hygiene.enumerated() {
            guard desks.contains(h.spaceId) else { throw fail("$.hygiene[\(i)].spaceId", h.spaceId, .references, "no such desk") }
            if let owner = h.lastOwnerId, !ids.users.contains(owner) {
                throw fail("$.hygiene[\(i)].lastOwnerId", owner, .references, "no such user")
            }
        }
    }
}
