import LintelPolicy

/// The ids a snapshot defines, each collection's checked non-empty and unique on the way in, and
/// the lookups every reference to them goes through.
struct SnapshotIds {
    let locations: Set<String>
    let areas: Set<String>
    let profiles: Set<String>
    let categories: Set<String>
    let spaces: Set<String>
    let visas: Set<String>
    /// Custom and built-in roles.
    let roles: Set<String>
    let users: Set<String>

    init(_ s: Snapshot) throws(SnapshotError) {
        locations = try Self.unique(s.locations, "locations", "id", \.id)
        areas = try Self.unique(s.areas, "areas", "id", \.id)
        profiles = try Self.unique(s.profiles, "profiles", "id", \.id)
        categories = try Self.unique(s.categories, "categories", "id", \.id)
        spaces = try Self.unique(s.spaces, "spaces", "id", \.id)
        visas = try Self.unique(s.visas, "visas", "id", \.id)
        roles = try Self.unique(s.roles, "roles", "id", \.id).union(Role.systemRoles.map(\.id))
        users = try Self.unique(s.users, "users", "id", \.id)
        _ = try Self.unique(s.badges, "badges", "uid", \.uid, duplicate: "duplicate badge")
        _ = try Self.unique(s.bookings, "bookings", "id", \.id)
        _ = try Self.unique(s.hygiene, "hygiene", "spaceId", \.spaceId, duplicate: "a desk has one hygiene entry")
    }

    private static func unique<T>(
        _ items: [T], _ collection: String, _ field: String, _ id: (T) -> String, duplicate: String = "duplicate id"
    ) throws(SnapshotError) -> Set<String> {
        var seen = Set<String>()
        for (i, item) in items.enumerated() {
            let value = id(item)
            if value.isEmpty && field != "spaceId" {
                throw SnapshotValidator.fail("$.\(collection)[\(i)].\(field)", value, .emptyId, "an id must not be empty")
            }
            guard seen.insert(value).inserted else {
                throw SnapshotValidator.fail("$.\(collection)[\(i)].\(field)", value, .uniqueIds, duplicate)
            }
        }
        return seen
    }

    /// Location and area ids name places ("locations" in a scope); space ids name spaces.
    func resolve(_ scope: PlaceScope, at path: String) throws(SnapshotError) {
        let places = locations.union(areas)
        for (name, list, known, what) in [
            ("includeLocations", scope.includeLocations, places, "no such location or area"),
            ("excludeLocations", scope.excludeLocations, places, "no such location or area"),
            ("includeSpaces", scope.includeSpaces, spaces, "no such space"),
            ("excludeSpaces", scope.excludeSpaces, spaces, "no such space"),
        ] {
            for (k, id) in list.enumerated() where !known.contains(id) {
                throw SnapshotValidator.fail("\(path).\(name)[\(k)]", id, .references, what)
            }
        }
    }

    func resolve(_ permission: ScopedPermission, at path: String) throws(SnapshotError) {
        if case .allowed(let scope) = permission { try resolve(scope, at: "\(path).scope") }
    }

    func resolve(user: String, category: String, visa: String, at path: String) throws(SnapshotError) {
        guard users.contains(user) else { throw SnapshotValidator.fail("\(path).userId", user, .references, "no such user") }
        guard categories.contains(category) else { throw SnapshotValidator.fail("\(path).categoryId", category, .references, "no such category") }
        guard visas.contains(visa) else { throw SnapshotValidator.fail("\(path).visaId", visa, .references, "no such visa") }
    }
}
