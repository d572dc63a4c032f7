/// A user role: one of the three immutable system roles or a custom role made by cloning or from new.
public struct Role: Sendable, Hashable, Codable, Identifiable {
    public var id: RoleID
    public var name: String
    public var description: String
    /// System roles cannot be edited or deleted.
    public var isSystem: Bool
    /// The role this one was cloned from, if any.
    public var clonedFrom: RoleID?
    public var permissions: RolePermissions

    public init(id: RoleID, name: String, description: String = "", isSystem: Bool = false, clonedFrom: RoleID? = nil, permissions: RolePermissions) {
        self.id = id
        self.name = name
        self.description = description
        self.isSystem = isSystem
        self.clonedFrom = clonedFrom
        self.permissions = permissions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        isSystem = try c.decodeIfPresent(Bool.self, forKey: .isSystem) ?? false
        clonedFrom = try c.decodeIfPresent(String.self, forKey: .clonedFrom)
        permissions = try c.decode(RolePermissions.self, forKey: .permissions)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, name, description, isSystem, clonedFrom, permissions }
}

extension Role {
    /// "User: can use the system for reservations for his personal use."
    public static let user = Role(
        id: "system:user", name: "User", description: "Reservations for personal use.", isSystem: true,
        permissions: RolePermissions(bookingLevel: .own, clean: .anonymousAndOwn, insight: .subject))

    /// "Booking Manager: the same permissions as a user, plus can also manage bookings and delete bookings."
    public static let bookingManager = Role(
        id: "system:booking-manager", name: "Booking Manager",
        description: "A user who also manages and deletes other people's bookings.", isSystem: true,
        permissions: RolePermissions(
            bookingLevel: .others, teamAndOnBehalfBookings: true, clean: .anonymousAndOwn,
            insight: .subjectAndOrganiser))

    /// "Manager: the global system administrator; can access the whole system including the system settings."
    public static let manager = Role(
        id: "system:manager", name: "Manager", description: "Global administrator of the whole system.", isSystem: true,
        permissions: .administrator)

    /// The three predefined roles, always present.
    public static let systemRoles: [Role] = [.user, .bookingManager, .manager]
}

extension RolePermissions {
    /// Every permission, no limits: the Manager role and the administrative space/location roles.
    public static let administrator = RolePermissions(
        bookingLevel: .others, rooms: .unrestricted, desks: .unrestricted, parking: .unrestricted,
        analytics: .everywhere, approvals: .everywhere, teamAndOnBehalfBookings: true, teams: .manageAll,
        clean: .all, services: .allProviders, visitors: .allLocations, systemSettings: true,
        insight: .subjectAndOrganiser)
}
