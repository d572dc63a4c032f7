public import Foundation
public import LintelPolicy

/// Small, explicit building blocks for policy tests: one location in Amsterdam (hygienic), a
/// floor with a wing, office hours Monday to Friday 08:00–18:00, and helpers for actors and bookings.
public enum Fixture {
    public static let amsterdam = Location(id: "loc-ams", name: "Amsterdam", timeZone: "Europe/Amsterdam", hygienic: true)
    public static let newYork = Location(id: "loc-nyc", name: "New York", timeZone: "America/New_York")

    public static let officeHours = SpaceProfile(
        id: "office", name: "Office hours",
        openingHours: Dictionary(uniqueKeysWithValues: [Weekday.mon, .tue, .wed, .thu, .fri].map {
            ($0, [OpeningPeriod(from: LocalTime(hour: 8), to: LocalTime(hour: 18))])
        }))

    public static let alwaysOpen = SpaceProfile(
        id: "always", name: "Always open",
        openingHours: Dictionary(uniqueKeysWithValues: Weekday.allCases.map {
            ($0, [OpeningPeriod(from: LocalTime(hour: 0), to: LocalTime(hour: 24))])
        }))

    public static let organisation = OrganisationSettings(id: "org", name: "Test organisation")

    /// A place: by default a room in wing `wing-a` of floor `floor-2` of the Amsterdam location.
    public static func place(
        _ kind: ResourceKind = .room, id: SpaceID? = nil, location: Location = amsterdam, areaIds: [AreaID] = ["wing-a", "floor-2"],
        profile: SpaceProfile? = officeHours, requiresAuthorisation: Bool = false, requiresApproval: Bool = false, bookable: Bool = true
    ) -> PlaceContext {
        let spaceId = id ?? "\(kind.rawValue)-1"
        let category = ResourceCategory(
            id: "cat-\(kind.rawValue)", name: "\(kind.rawValue.capitalized)s", kind: kind,
            requiresAuthorisation: requiresAuthorisation, requiresApproval: requiresApproval)
        let space = Space(id: spaceId, name: spaceId, kind: kind, areaId: areaIds.first ?? "floor-2", categoryId: category.id,
                          profileId: profile?.id, bookable: bookable)
        return PlaceContext(
            space: space, ancestry: SpaceAncestry(spaceId: spaceId, areaIds: areaIds, locationId: location.id),
            location: location, clock: location.clock!, category: category, profile: profile)
    }

    /// A known user holding the given roles.
    public static func user(
        _ id: UserID = "u-1", state: MembershipState = .active, platformRole: PlatformRole = .user,
        roles: [Role] = [.user], assignments: [RoleAssignment] = []
    ) -> ResolvedActor {
        .user(User(id: id, name: id, state: state, platformRole: platformRole, roleIds: roles.map(\.id), assignments: assignments), roles: roles)
    }

    /// A custom role: the User role's permissions, changed by `configure`.
    public static func role(_ id: RoleID = "custom", _ configure: (inout RolePermissions) -> Void) -> Role {
        var permissions = Role.user.permissions
        configure(&permissions)
        return Role(id: id, name: id, clonedFrom: Role.user.id, permissions: permissions)
    }

    public static func context(
        _ actor: ResolvedActor, place: PlaceContext? = place(), beneficiary: ResolvedActor? = nil, walkUpRole: Role = .user,
        authorisations: [BookingAuthorisation] = [], booking: Booking? = nil, spaceBookings: [Booking] = [],
        ownerBookings: [Booking] = [], hygiene: DeskHygiene? = nil, organisation: OrganisationSettings = organisation
    ) -> DecisionContext {
        DecisionContext(
            organisation: organisation, place: place, actor: actor, beneficiary: beneficiary, walkUpRole: walkUpRole,
            authorisations: authorisations, booking: booking, spaceBookings: spaceBookings, ownerBookings: ownerBookings,
            hygiene: hygiene)
    }

    public static func booking(
        _ id: BookingID = "bk-1", space: SpaceID = "room-1", owner: UserID? = "u-1", from start: String, to end: String,
        status: BookingStatus = .confirmed, checkIn: CheckInState = .pending, approval: ApprovalState = .notRequired
    ) -> Booking {
        Booking(id: id, spaceId: space, ownerId: owner, start: instant(start), end: instant(end), status: status,
                checkIn: checkIn, approval: approval)
    }

    /// Parses an ISO 8601 instant with offset; traps on a typo in a test.
    public static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { preconditionFailure("bad test instant \(text)") }
        return date
    }
}
