/// The roles of an organisation: the system roles plus its custom roles. Custom roles are made new
/// or cloned from any role and then edited; system roles cannot be changed or removed.
public struct RoleCatalog: Sendable, Hashable {
    public private(set) var customRoles: [Role]

    public init(customRoles: [Role] = []) {
        self.customRoles = customRoles
    }

    public var allRoles: [Role] { Role.systemRoles + customRoles }

    public func role(_ id: RoleID) -> Role? { allRoles.first { $0.id == id } }

    /// Adds a new custom role.
    public mutating func add(_ role: Role) throws(RoleCatalogError) {
        guard self.role(role.id) == nil else { throw .duplicateId(role.id) }
        guard !role.isSystem else { throw .systemRoleImmutable(role.id) }
        customRoles.append(role)
    }

    /// "Clone existing role": a custom copy of any role under a new id and name, then editable.
    @discardableResult
    public mutating func clone(_ sourceId: RoleID, as newId: RoleID, name: String, description: String = "") throws(RoleCatalogError) -> Role {
        guard let source = role(sourceId) else { throw .unknownRole(sourceId) }
        let copy = Role(id: newId, name: name, description: description, isSystem: false, clonedFrom: sourceId, permissions: source.permissions)
        try add(copy)
        return copy
    }

    /// Edits a custom role's permissions, name or description; a system role refuses.
    public mutating func edit(_ id: RoleID, _ change: (inout Role) -> Void) throws(RoleCatalogError) {
        if Role.systemRoles.contains(where: { $0.id == id }) { throw .systemRoleImmutable(id) }
        guard let index = customRoles.firstIndex(where: { $0.id == id }) else { throw .unknownRole(id) }
        var edited = customRoles[index]
        change(&edited)
        guard edited.id == id, !edited.isSystem else { throw .systemRoleImmutable(id) }
        customRoles[index] = edited
    }

    /// Removes a custom role; a system role refuses.
    public mutating func remove(_ id: RoleID) throws(RoleCatalogError) {
        if Role.systemRoles.contains(where: { $0.id == id }) { throw .systemRoleImmutable(id) }
        guard let index = customRoles.firstIndex(where: { $0.id == id }) else { throw .unknownRole(id) }
        customRoles.remove(at: index)
    }
}

public enum RoleCatalogError: Error, Equatable, CustomStringConvertible {
    case unknownRole(RoleID)
    case duplicateId(RoleID)
    case systemRoleImmutable(RoleID)

    public var description: String {
        switch self {
        case .unknownRole(let id): "no role with id \"\(id)\""
        case .duplicateId(let id): "a role with id \"\(id)\" exists already"
        case .systemRoleImmutable(let id): "\"\(id)\" is a system role; system roles cannot be modified"
        }
    }
}
