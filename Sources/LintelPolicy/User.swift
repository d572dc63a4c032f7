/// A person known to the organisation, with their membership, booking roles and administrative roles.
public struct User: Sendable, Hashable, Codable, Identifiable {
    public var id: UserID
    public var name: String
    public var email: String?
    public var state: MembershipState
    public var platformRole: PlatformRole
    /// Booking roles (system or custom); rights granted by several roles add up.
    public var roleIds: [RoleID]
    public var assignments: [RoleAssignment]

    public init(
        id: UserID, name: String, email: String? = nil, state: MembershipState = .active, platformRole: PlatformRole = .user,
        roleIds: [RoleID] = [Role.user.id], assignments: [RoleAssignment] = []
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.state = state
        self.platformRole = platformRole
        self.roleIds = roleIds
        self.assignments = assignments
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        state = try c.decode(MembershipState.self, forKey: .state)
        platformRole = try c.decodeIfPresent(PlatformRole.self, forKey: .platformRole) ?? .user
        roleIds = try c.decodeIfPresent([String].self, forKey: .roleIds) ?? []
        assignments = try c.decodeIfPresent([RoleAssignment].self, forKey: .assignments) ?? []
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, name, email, state, platformRole, roleIds, assignments }
}

/// A badge (RFID/NFC card) number and the user it belongs to.
public struct Badge: Sendable, Hashable, Codable {
    public var uid: String
    public var userId: UserID

    public init(uid: String, userId: UserID) {
        self.uid = uid
        self.userId = userId
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case uid, userId }
}

extension Badge {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        self.init(uid: try c.decode(String.self, forKey: .uid), userId: try c.decode(String.self, forKey: .userId))
    }
}
