/// "Bookings": whether a role may book at all, only for itself, or for others too.
public enum BookingLevel: String, Codable, Sendable, Comparable {
    /// Not allowed to make or manage bookings.
    case notAllowed = "not-allowed"
    /// Can make and manage personal bookings.
    case own
    /// Can make and manage bookings for themselves and for others.
    case others

    private var rank: Int { self == .notAllowed ? 0 : self == .own ? 1 : 2 }
    public static func < (lhs: BookingLevel, rhs: BookingLevel) -> Bool { lhs.rank < rhs.rank }
}

/// "Hygienic desk mark clean": which desks a role's holder may mark clean.
public enum CleanLevel: String, Codable, Sendable {
    /// Cannot clean any desks.
    case none
    /// Can only clean desks that were anonymously booked.
    case anonymous
    /// Can clean desks that were anonymously or personally booked.
    case anonymousAndOwn = "anonymous-and-own"
    /// Can clean all desks.
    case all
}

/// The "insight level": how much of someone else's booking is visible.
public enum InsightLevel: String, Codable, Sendable, Comparable {
    /// Only that the space is booked.
    case availability
    /// The booking's subject (title) too.
    case subject
    /// Subject and organiser.
    case subjectAndOrganiser = "subject-and-organiser"

    private var rank: Int { self == .availability ? 0 : self == .subject ? 1 : 2 }
    public static func < (lhs: InsightLevel, rhs: InsightLevel) -> Bool { lhs.rank < rhs.rank }
}

/// A permission that is off, on everywhere, or on for specific places (analytics, approvals, recurring).
public enum ScopedPermission: Sendable, Hashable, Codable {
    case notAllowed
    case allowed(PlaceScope)

    public static let everywhere = ScopedPermission.allowed(.everywhere)

    public func permits(_ place: SpaceAncestry) -> Bool {
        if case .allowed(let scope) = self { return scope.covers(place) == .covered }
        return false
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case allowed, scope }

    public init(from decoder: any Decoder) throws {
        if let flag = try? decoder.singleValueContainer().decode(Bool.self) {
            self = flag ? .everywhere : .notAllowed
            return
        }
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        let allowed = try c.decode(Bool.self, forKey: .allowed)
        self = allowed ? .allowed(try c.decodeIfPresent(PlaceScope.self, forKey: .scope) ?? .everywhere) : .notAllowed
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .notAllowed:
            var c = encoder.singleValueContainer()
            try c.encode(false)
        case .allowed(let scope) where scope.isEverywhere:
            var c = encoder.singleValueContainer()
            try c.encode(true)
        case .allowed(let scope):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(true, forKey: .allowed)
            try c.encode(scope, forKey: .scope)
        }
    }
}
