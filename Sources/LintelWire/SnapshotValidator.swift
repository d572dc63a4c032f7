import Foundation
import LintelPolicy

/// The rules a snapshot must keep beyond its JSON shape: unique ids, references that resolve, known
/// zones, one Super Administrator, one Location Manager per location, active users with a role.
public enum SnapshotValidator {
    /// Throws the first rule the snapshot breaks, naming its JSON path and value.
    public static func validate(_ s: Snapshot) throws(SnapshotError) {
        func fail(_ path: String, _ value: String?, _ problem: String) -> SnapshotError {
            SnapshotError(path: path, value: value.map { "\"\($0)\"" }, problem: problem)
        }
        func unique<T>(_ items: [T], _ name: String, _ id: (T) -> String) throws(SnapshotError) -> Set<String> {
            var seen = Set<String>()
            for (i, item) in items.enumerated() where !seen.insert(id(item)).inserted {
                throw fail("$.\(name)[\(i)].id", id(item), "duplicate id")
            }
            return seen
        }

        guard s.format == Snapshot.formatName else {
            throw fail("$.format", s.format, "unsupported format; this agent reads \(Snapshot.formatName)")
        }
        let locations = try unique(s.locations, "locations", \.id)
        let areaIds = try unique(s.areas, "areas", \.id)
        let profiles = try unique(s.profiles, "profiles", \.id)
        let categories = try unique(s.categories, "categories", \.id)
        let spaces = try unique(s.spaces, "spaces", \.id)
        let visas = try unique(s.visas, "visas", \.id)
        let customRoles = try unique(s.roles, "roles", \.id)
        let users = try unique(s.users, "users", \.id)
        _ = try unique(s.bookings, "bookings", \.id)
        let roleIds = customRoles.union(Role.systemRoles.map(\.id))

        for (i, location) in s.locations.enumerated() where TimeZone(identifier: location.timeZone) == nil {
            throw fail("$.locations[\(i)].timeZone", location.timeZone, "not an IANA time zone name")
        }
        let areasById = Dictionary(uniqueKeysWithValues: s.areas.map { ($0.id, $0) })
        for (i, area) in s.areas.enumerated() {
            guard locations.contains(area.locationId) else { throw fail("$.areas[\(i)].locationId", area.locationId, "no such location") }
            if let parent = area.parentId {
                guard let parentArea = areasById[parent] else { throw fail("$.areas[\(i)].parentId", parent, "no such area") }
                guard parentArea.locationId == area.locationId else {
                    throw fail("$.areas[\(i)].parentId", parent, "the parent area is in another location")
                }
            }
            var seen: Set<String> = [area.id]
            var cursor = area.parentId
            while let id = cursor {
                guard seen.insert(id).inserted else { throw fail("$.areas[\(i)].parentId", area.parentId, "areas form a cycle") }
                cursor = areasById[id]?.parentId
            }
        }
        let categoryKinds = Dictionary(uniqueKeysWithValues: s.categories.map { ($0.id, $0.kind) })
        for (i, space) in s.spaces.enumerated() {
            guard areaIds.contains(space.areaId) else { throw fail("$.spaces[\(i)].areaId", space.areaId, "no such area") }
            guard let kind = categoryKinds[space.categoryId] else { throw fail("$.spaces[\(i)].categoryId", space.categoryId, "no such category") }
            guard kind == space.kind else {
                throw fail("$.spaces[\(i)].categoryId", space.categoryId, "category is for \(kind.rawValue)s but the space is a \(space.kind.rawValue)")
            }
            if let profile = space.profileId, !profiles.contains(profile) { throw fail("$.spaces[\(i)].profileId", profile, "no such profile") }
        }
        guard roleIds.contains(s.organisation.walkUpRoleId) else {
            throw fail("$.organisation.walkUpRoleId", s.organisation.walkUpRoleId, "no such role")
        }
        for (i, role) in s.roles.enumerated() {
            if role.isSystem || role.id.hasPrefix("system:") {
                throw fail("$.roles[\(i)].id", role.id, "system roles are built in and cannot be defined or modified")
            }
            if let source = role.clonedFrom, !roleIds.contains(source) { throw fail("$.roles[\(i)].clonedFrom", source, "no such role") }
        }

        var superAdministrators = 0
        var locationManagers: [String: Int] = [:]
        for (i, user) in s.users.enumerated() {
            for (j, role) in user.roleIds.enumerated() where !roleIds.contains(role) {
                throw fail("$.users[\(i)].roleIds[\(j)]", role, "no such role")
            }
            if user.state == .active && user.roleIds.isEmpty && user.assignments.isEmpty {
                throw fail("$.users[\(i)].state", user.state.rawValue, "an active user must have a role (a user without one is pending)")
            }
            for (j, assignment) in user.assignments.enumerated() {
                let path = "$.users[\(i)].assignments[\(j)].scope"
                switch assignment.role {
                case .superAdministrator, .spaceAdministrator, .billing, .member:
                    if assignment.scope != nil { throw fail(path, assignment.scope, "\(assignment.role.rawValue) is a space-level role and takes no scope") }
                    if assignment.role == .superAdministrator { superAdministrators += 1 }
                case .departmentAdministrator:
                    guard let scope = assignment.scope, areaIds.contains(scope) else {
                        throw fail(path, assignment.scope, "a department administrator needs an area (department) id")
                    }
                case .locationManager, .locationOperator, .reception, .engineer:
                    guard let scope = assignment.scope, locations.contains(scope) else {
                        throw fail(path, assignment.scope, "\(assignment.role.rawValue) needs a location id")
                    }
                    if assignment.role == .locationManager {
                        locationManagers[scope, default: 0] += 1
                        if locationManagers[scope]! > 1 { throw fail(path, scope, "a location has one Location Manager") }
                    }
                }
            }
        }
        if !s.users.isEmpty && superAdministrators != 1 {
            throw SnapshotError(path: "$.users", value: "\(superAdministrators)", problem: "exactly one user must hold super-administrator")
        }

        var badges = Set<String>()
        for (i, badge) in s.badges.enumerated() {
            guard badges.insert(badge.uid).inserted else { throw fail("$.badges[\(i)].uid", badge.uid, "duplicate badge") }
            guard users.contains(badge.userId) else { throw fail("$.badges[\(i)].userId", badge.userId, "no such user") }
        }
        for (i, a) in s.authorisations.enumerated() {
            guard users.contains(a.userId) else { throw fail("$.authorisations[\(i)].userId", a.userId, "no such user") }
            guard categories.contains(a.categoryId) else { throw fail("$.authorisations[\(i)].categoryId", a.categoryId, "no such category") }
            guard visas.contains(a.visaId) else { throw fail("$.authorisations[\(i)].visaId", a.visaId, "no such visa") }
            if let from = a.validFrom, let until = a.validUntil, until <= from {
                throw fail("$.authorisations[\(i)].validUntil", ISO8601.format(until), "ends before it starts")
            }
        }
        for (i, h) in s.authorisationHistory.enumerated() {
            guard users.contains(h.userId) else { throw fail("$.authorisationHistory[\(i)].userId", h.userId, "no such user") }
            guard categories.contains(h.categoryId) else { throw fail("$.authorisationHistory[\(i)].categoryId", h.categoryId, "no such category") }
            guard visas.contains(h.visaId) else { throw fail("$.authorisationHistory[\(i)].visaId", h.visaId, "no such visa") }
        }
        for (i, b) in s.bookings.enumerated() {
            guard spaces.contains(b.spaceId) else { throw fail("$.bookings[\(i)].spaceId", b.spaceId, "no such space") }
            if let owner = b.ownerId, !users.contains(owner) { throw fail("$.bookings[\(i)].ownerId", owner, "no such user") }
            if let maker = b.madeById, !users.contains(maker) { throw fail("$.bookings[\(i)].madeById", maker, "no such user") }
        }
        let desks = Set(s.spaces.filter { $0.kind == .desk }.map(\.id))
        for (i, h) in s.hygiene.enumerated() where !desks.contains(h.spaceId) {
            throw fail("$.hygiene[\(i)].spaceId", h.spaceId, "no such desk")
        }
    }
}
