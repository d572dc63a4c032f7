/// The organisation-wide settings a decision reads.
public struct OrganisationSettings: Sendable, Hashable, Codable {
    public var id: OrganisationID
    public var name: String
    /// Minimum Platform Manager role level per module.
    public var modules: ModuleAccess
    /// The role whose rules apply to anonymous walk-up bookings at panels.
    public var walkUpRoleId: RoleID

    public init(id: OrganisationID, name: String, modules: ModuleAccess = ModuleAccess(), walkUpRoleId: RoleID = Role.user.id) {
        self.id = id
        self.name = name
        self.modules = modules
        self.walkUpRoleId = walkUpRoleId
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        modules = try c.decodeIfPresent(ModuleAccess.self, forKey: .modules) ?? ModuleAccess()
        walkUpRoleId = try c.decodeIfPresent(String.self, forKey: .walkUpRoleId) ?? Role.user.id
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, name, modules, walkUpRoleId }
}

/// A space with everything above and around it that rules read. Immutable and shared: the store
/// keeps one per space in memory, and every decision about that space refers to it.
public final class PlaceContext: Sendable {
    public let space: Space
    public let ancestry: SpaceAncestry
    public let location: Location
    public let clock: LocationClock
    public let category: ResourceCategory
    public let profile: SpaceProfile?

    public init(space: Space, ancestry: SpaceAncestry, location: Location, clock: LocationClock, category: ResourceCategory, profile: SpaceProfile?) {
        self.space = space
        self.ancestry = ancestry
        self.location = location
        self.clock = clock
        self.category = category
        self.profile = profile
    }
}

/// The actor as found in the store.
public enum ResolvedActor: Sendable {
    /// A known user with their booking roles (unknown role ids already dropped).
    case user(User, roles: [Role])
    case unknownUser(UserID)
    case unknownBadge(String)
    case anonymous
    case system

    public var user: User? {
        if case .user(let user, _) = self { return user }
        return nil
    }
}

/// Exactly the rows one decision needs, loaded by the store (or built by a test).
public struct DecisionContext: Sendable {
    public var organisation: OrganisationSettings
    /// Nil when the space does not exist.
    public var place: PlaceContext?
    public var actor: ResolvedActor
    /// The person a booking is for when made on behalf of someone; nil otherwise.
    public var beneficiary: ResolvedActor?
    /// The role applied to anonymous walk-up bookings.
    public var walkUpRole: Role
    /// The booking owner's (or beneficiary's) authorisations for the space's category.
    public var authorisations: [BookingAuthorisation]
    /// The booking the request names (or, for check-in and release without one, the one due now).
    public var booking: Booking?
    /// Bookings on this space that overlap the interval in question.
    public var spaceBookings: [Booking]
    /// The booking owner's other bookings of the same resource kind overlapping the interval.
    public var ownerBookings: [Booking]
    /// The desk's hygiene state; nil when never recorded (clean).
    public var hygiene: DeskHygiene?
    /// The panel has not heard from the platform for longer than it may take new bookings on its
    /// own data; check-ins, ends and cleaning of the bookings it knows go on.
    public var dataTooOld = false

    public init(
        organisation: OrganisationSettings, place: PlaceContext?, actor: ResolvedActor, beneficiary: ResolvedActor? = nil,
        walkUpRole: Role = .user, authorisations: [BookingAuthorisation] = [], booking: Booking? = nil,
        spaceBookings: [Booking] = [], ownerBookings: [Booking] = [], hygiene: DeskHygiene? = nil
    ) {
        self.organisation = organisation
        self.place = place
        self.actor = actor
        self.beneficiary = beneficiary
        self.walkUpRole = walkUpRole
        self.authorisations = authorisations
        self.booking = booking
        self.spaceBookings = spaceBookings
        self.ownerBookings = ownerBookings
        self.hygiene = hygiene
    }
}
