/// A user's activity state in the organisation (Platform Manager "space"): a newly linked account is
/// pending until it gets a role; an inactive user stays linked but has access to nothing.
public enum MembershipState: String, Codable, Sendable {
    case pending
    case active
    case inactive
}

/// The Platform Manager role level within the organisation, from visitor up to admin.
public enum PlatformRole: String, Codable, Sendable, Comparable, CaseIterable {
    case visitor
    case user
    case manager
    case admin

    private var rank: Int { PlatformRole.allCases.firstIndex(of: self)! }
    public static func < (lhs: PlatformRole, rhs: PlatformRole) -> Bool { lhs.rank < rhs.rank }
}

/// The modules a panel action belongs to. Each can be restricted to a minimum role level; the admin
/// section is for admins only.
public enum Module: String, Codable, Sendable, CaseIterable {
    case booking
    case hygiene
    case weekPlanner = "week-planner"
    case approvals
    /// Space, Configuration, Users and History: admins only, always.
    case admin
}

/// Which role level each module needs, as set in the organisation's configuration.
public struct ModuleAccess: Sendable, Hashable, Codable {
    public var minimumRole: [Module: PlatformRole]

    public init(minimumRole: [Module: PlatformRole] = [:]) {
        self.minimumRole = minimumRole
    }

    /// The level a module needs: admin for the admin section whatever is configured, else the
    /// configured level, else user.
    public func requiredRole(for module: Module) -> PlatformRole {
        if module == .admin { return .admin }
        return minimumRole[module] ?? .user
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: PlatformRole].self)
        var levels: [Module: PlatformRole] = [:]
        for (key, level) in raw {
            guard let module = Module(rawValue: key) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "unknown module \"\(key)\" (expected one of \(Module.allCases.map(\.rawValue).joined(separator: ", ")))"))
            }
            levels[module] = level
        }
        minimumRole = levels
    }

    public func encode(to encoder: any Encoder) throws {
        var raw: [String: PlatformRole] = [:]
        for (module, level) in minimumRole { raw[module.rawValue] = level }
        var c = encoder.singleValueContainer()
        try c.encode(raw)
    }
}
