/// The system roles of the space (organisation) and location level role matrix. They sit beside a
/// user's booking roles and widen what the user may do within their scope.
public enum AdministrativeRole: String, Codable, Sendable, CaseIterable {
    // Space level
    /// All permissions in the organisation; adds Space Administrators. Exactly one per organisation.
    case superAdministrator = "super-administrator"
    /// All permissions except decommissioning the organisation or changing its Super Administrator.
    case spaceAdministrator = "space-administrator"
    /// Subscriptions, payments and invoices.
    case billing
    /// Uses the system; cannot manage settings or other users' items.
    case member
    // Location level
    /// All permissions in one location; adds Location Operators. One per location.
    case locationManager = "location-manager"
    /// All permissions in one location except adding operators or deleting the location.
    case locationOperator = "location-operator"
    /// Views and manages visitors in the location.
    case reception
    /// Views and manages smart devices (the panels themselves) and service requests in the location.
    case engineer
    /// Manages the reservations of rooms and desks of one department (an area) and its employees.
    case departmentAdministrator = "department-administrator"

    /// Space-level roles apply to the whole organisation and take no scope.
    public var isSpaceLevel: Bool {
        switch self {
        case .superAdministrator, .spaceAdministrator, .billing, .member: true
        default: false
        }
    }

    /// The booking permissions this role grants within its scope, if it grants any.
    public var bookingPermissions: RolePermissions? {
        switch self {
        case .superAdministrator, .spaceAdministrator, .locationManager, .locationOperator:
            return .administrator
        case .departmentAdministrator:
            var p = RolePermissions.administrator
            p.systemSettings = false
            p.services = .notAllowed
            p.analytics = .notAllowed
            return p
        case .billing, .member, .reception, .engineer:
            return nil
        }
    }

    /// Who may assign this role ("How to add members").
    public var assignableBy: Set<AdministrativeRole> {
        switch self {
        case .superAdministrator: []
        case .spaceAdministrator, .billing, .member: [.superAdministrator, .spaceAdministrator]
        case .locationManager: [.superAdministrator, .spaceAdministrator]
        case .locationOperator: [.locationManager]
        case .reception, .engineer, .departmentAdministrator: [.locationManager, .locationOperator]
        }
    }
}

/// One administrative role held by a user, with its scope: nothing for space-level roles, a
/// location id for location roles, an area id for a department administrator.
public struct RoleAssignment: Sendable, Hashable, Codable {
    public var role: AdministrativeRole
    public var scope: String?

    public init(role: AdministrativeRole, scope: String? = nil) {
        self.role = role
        self.scope = scope
    }

    /// The places within which the assignment applies.
    public var placeScope: PlaceScope {
        guard let scope else { return .everywhere }
        return PlaceScope(includeLocations: [scope])
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case role, scope }
}

extension RoleAssignment {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        self.init(role: try c.decode(AdministrativeRole.self, forKey: .role), scope: try c.decodeIfPresent(String.self, forKey: .scope))
    }
}
