/// One source of rights a user holds: a booking role (valid everywhere its own scope allows) or an
/// administrative role (valid only within its location or department). Rights from several grants
/// add up: an action is allowed when any one grant allows it.
public struct RoleGrant: Sendable {
    public var permissions: RolePermissions
    /// Where the grant applies at all.
    public var limit: PlaceScope

    public init(permissions: RolePermissions, limit: PlaceScope = .everywhere) {
        self.permissions = permissions
        self.limit = limit
    }

    /// Every grant a user holds.
    public static func grants(of user: User, roles: [Role]) -> [RoleGrant] {
        var grants = roles.map { RoleGrant(permissions: $0.permissions) }
        for assignment in user.assignments {
            if let permissions = assignment.role.bookingPermissions {
                grants.append(RoleGrant(permissions: permissions, limit: assignment.placeScope))
            }
        }
        return grants
    }

    /// Whether the grant applies to this place at all (its limit), before its own booking scope.
    public func applies(to place: SpaceAncestry) -> Bool { limit.covers(place) == .covered }
}
