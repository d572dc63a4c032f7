public import Foundation
public import LintelPolicy

/// A whole picture of one organisation as the platform sends it: the format of
/// `lintel store import` and of the sync payload. Documented in `docs/snapshot.md`.
public struct Snapshot: Sendable, Codable {
    public static let formatName = "lintel-snapshot/1"

    public var format: String
    public var generatedAt: Date
    public var organisation: OrganisationSettings
    public var locations: [Location]
    public var areas: [Area]
    public var profiles: [SpaceProfile]
    public var categories: [ResourceCategory]
    public var spaces: [Space]
    public var visas: [Visa]
    /// Custom roles only: the system roles are built in and immutable.
    public var roles: [Role]
    public var users: [User]
    public var badges: [Badge]
    public var authorisations: [BookingAuthorisation]
    public var authorisationHistory: [AuthorisationChange]
    public var bookings: [Booking]
    public var hygiene: [DeskHygiene]

    public init(
        generatedAt: Date, organisation: OrganisationSettings, locations: [Location] = [], areas: [Area] = [],
        profiles: [SpaceProfile] = [], categories: [ResourceCategory] = [], spaces: [Space] = [], visas: [Visa] = [],
        roles: [Role] = [], users: [User] = [], badges: [Badge] = [], authorisations: [BookingAuthorisation] = [],
        authorisationHistory: [AuthorisationChange] = [], bookings: [Booking] = [], hygiene: [DeskHygiene] = []
    ) {
        self.format = Snapshot.formatName
        self.generatedAt = generatedAt
        self.organisation = organisation
        self.locations = locations
        self.areas = areas
        self.profiles = profiles
        self.categories = categories
        self.spaces = spaces
        self.visas = visas
        self.roles = roles
        self.users = users
        self.badges = badges
        self.authorisations = authorisations
        self.authorisationHistory = authorisationHistory
        self.bookings = bookings
        self.hygiene = hygiene
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        generatedAt = try c.decode(Date.self, forKey: .generatedAt)
        organisation = try c.decode(OrganisationSettings.self, forKey: .organisation)
        locations = try c.decodeIfPresent([Location].self, forKey: .locations) ?? []
        areas = try c.decodeIfPresent([Area].self, forKey: .areas) ?? []
        profiles = try c.decodeIfPresent([SpaceProfile].self, forKey: .profiles) ?? []
        categories = try c.decodeIfPresent([ResourceCategory].self, forKey: .categories) ?? []
        spaces = try c.decodeIfPresent([Space].self, forKey: .spaces) ?? []
        visas = try c.decodeIfPresent([Visa].self, forKey: .visas) ?? []
        roles = try c.decodeIfPresent([Role].self, forKey: .roles) ?? []
        users = try c.decodeIfPresent([User].self, forKey: .users) ?? []
        badges = try c.decodeIfPresent([Badge].self, forKey: .badges) ?? []
        authorisations = try c.decodeIfPresent([BookingAuthorisation].self, forKey: .authorisations) ?? []
        authorisationHistory = try c.decodeIfPresent([AuthorisationChange].self, forKey: .authorisationHistory) ?? []
        bookings = try c.decodeIfPresent([Booking].self, forKey: .bookings) ?? []
        hygiene = try c.decodeIfPresent([DeskHygiene].self, forKey: .hygiene) ?? []
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case format, generatedAt, organisation, locations, areas, profiles, categories, spaces, visas, roles, users, badges, authorisations, authorisationHistory, bookings, hygiene }
}
