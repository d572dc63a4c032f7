/// Every permission a user role can hold, as in the custom-role editor.
public struct RolePermissions: Sendable, Hashable, Codable {
    /// "Bookings": not allowed / own / make and manage for others.
    public var bookingLevel: BookingLevel
    /// "Booking permissions": the locations and spaces this role may book.
    public var bookingScope: PlaceScope
    /// "Allow access to weekplanner".
    public var weekPlanner: Bool
    public var rooms: ResourceRules
    public var desks: ResourceRules
    public var parking: ResourceRules
    /// "Analytics" for all or specific places.
    public var analytics: ScopedPermission
    /// "Booking approvals" for all or specific locations/rooms.
    public var approvals: ScopedPermission
    /// "Allowed to make team bookings and to book on behalf (for desks/parking)".
    public var teamAndOnBehalfBookings: Bool
    public var teams: TeamsManagement
    /// "Hygienic desk mark clean".
    public var clean: CleanLevel
    public var services: ServicesAccess
    public var visitors: VisitorsAccess
    /// "System settings".
    public var systemSettings: Bool
    /// How much of other people's bookings this role sees.
    public var insight: InsightLevel

    public init(
        bookingLevel: BookingLevel = .own, bookingScope: PlaceScope = .everywhere, weekPlanner: Bool = true,
        rooms: ResourceRules = ResourceRules(), desks: ResourceRules = ResourceRules(), parking: ResourceRules = ResourceRules(),
        analytics: ScopedPermission = .notAllowed, approvals: ScopedPermission = .notAllowed,
        teamAndOnBehalfBookings: Bool = false, teams: TeamsManagement = .viewOwn, clean: CleanLevel = .none,
        services: ServicesAccess = .notAllowed, visitors: VisitorsAccess = .notAllowed, systemSettings: Bool = false,
        insight: InsightLevel = .subject
    ) {
        self.bookingLevel = bookingLevel
        self.bookingScope = bookingScope
        self.weekPlanner = weekPlanner
        self.rooms = rooms
        self.desks = desks
        self.parking = parking
        self.analytics = analytics
        self.approvals = approvals
        self.teamAndOnBehalfBookings = teamAndOnBehalfBookings
        self.teams = teams
        self.clean = clean
        self.services = services
        self.visitors = visitors
        self.systemSettings = systemSettings
        self.insight = insight
    }

    public func rules(for kind: ResourceKind) -> ResourceRules {
        switch kind {
        case .room: rooms
        case .desk: desks
        case .parking: parking
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        let d = RolePermissions()
        bookingLevel = try c.decodeIfPresent(BookingLevel.self, forKey: .bookingLevel) ?? d.bookingLevel
        bookingScope = try c.decodeIfPresent(PlaceScope.self, forKey: .bookingScope) ?? d.bookingScope
        weekPlanner = try c.decodeIfPresent(Bool.self, forKey: .weekPlanner) ?? d.weekPlanner
        rooms = try c.decodeIfPresent(ResourceRules.self, forKey: .rooms) ?? d.rooms
        desks = try c.decodeIfPresent(ResourceRules.self, forKey: .desks) ?? d.desks
        parking = try c.decodeIfPresent(ResourceRules.self, forKey: .parking) ?? d.parking
        analytics = try c.decodeIfPresent(ScopedPermission.self, forKey: .analytics) ?? d.analytics
        approvals = try c.decodeIfPresent(ScopedPermission.self, forKey: .approvals) ?? d.approvals
        teamAndOnBehalfBookings = try c.decodeIfPresent(Bool.self, forKey: .teamAndOnBehalfBookings) ?? d.teamAndOnBehalfBookings
        teams = try c.decodeIfPresent(TeamsManagement.self, forKey: .teams) ?? d.teams
        clean = try c.decodeIfPresent(CleanLevel.self, forKey: .clean) ?? d.clean
        services = try c.decodeIfPresent(ServicesAccess.self, forKey: .services) ?? d.services
        visitors = try c.decodeIfPresent(VisitorsAccess.self, forKey: .visitors) ?? d.visitors
        systemSettings = try c.decodeIfPresent(Bool.self, forKey: .systemSettings) ?? d.systemSettings
        insight = try c.decodeIfPresent(InsightLevel.self, forKey: .insight) ?? d.insight
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case bookingLevel, bookingScope, weekPlanner, rooms, desks, parking, analytics, approvals, teamAndOnBehalfBookings, teams, clean, services, visitors, systemSettings, insight }
}

/// "Teams management".
public enum TeamsManagement: String, Codable, Sendable {
    case viewOwn = "view-own"
    case manageOwn = "manage-own"
    case manageAll = "manage-all"
}

/// "Services": which service providers' services the role manages. Written `"not-allowed"`,
/// `"all-providers"` or `{"provider": ID}`.
public enum ServicesAccess: Codable, Sendable, Hashable {
    case notAllowed
    case provider(String)
    case allProviders

    private enum CodingKeys: String, CodingKey, CaseIterable { case provider }

    public init(from decoder: any Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            switch word {
            case "not-allowed": self = .notAllowed
            case "all-providers": self = .allProviders
            default:
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath, debugDescription: "expected \"not-allowed\", \"all-providers\" or {\"provider\": ID}, got \"\(word)\""))
            }
            return
        }
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .provider)
        guard !id.isEmpty else { throw DecodingError.dataCorruptedError(forKey: .provider, in: c, debugDescription: "an id must not be empty") }
        self = .provider(id)
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .notAllowed:
            var c = encoder.singleValueContainer()
            try c.encode("not-allowed")
        case .allProviders:
            var c = encoder.singleValueContainer()
            try c.encode("all-providers")
        case .provider(let id):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .provider)
        }
    }
}

/// "Visitors": whose visitors the role manages. Written `"not-allowed"`, `"all-locations"` or
/// `{"location": ID}`.
public enum VisitorsAccess: Codable, Sendable, Hashable {
    case notAllowed
    case location(LocationID)
    case allLocations

    public func permits(_ location: LocationID) -> Bool {
        switch self {
        case .notAllowed: false
        case .location(let id): id == location
        case .allLocations: true
        }
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case location }

    public init(from decoder: any Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            switch word {
            case "not-allowed": self = .notAllowed
            case "all-locations": self = .allLocations
            default:
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath, debugDescription: "expected \"not-allowed\", \"all-locations\" or {\"location\": ID}, got \"\(word)\""))
            }
            return
        }
        self = .location(try decoder.knownFieldsContainer(keyedBy: CodingKeys.self).decode(String.self, forKey: .location))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .notAllowed:
            var c = encoder.singleValueContainer()
            try c.encode("not-allowed")
        case .allLocations:
            var c = encoder.singleValueContainer()
            try c.encode("all-locations")
        case .location(let id):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .location)
        }
    }
}
