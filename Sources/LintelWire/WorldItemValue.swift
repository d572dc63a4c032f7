public import Foundation
public import LintelPolicy

/// One world item decoded to its domain value: what a delta's upsert carries, entity by entity.
/// Its canonical body (`body()`) is what a checksum is taken over, the same bytes the platform
/// stored, so a device can keep its own checksum of its scope.
public enum WorldItemValue: Sendable {
    case organisation(OrganisationSettings)
    case location(Location)
    case area(Area)
    case profile(SpaceProfile)
    case category(ResourceCategory)
    case space(Space)
    case visa(Visa)
    case role(Role)
    case user(User)
    case badge(Badge)
    case authorisation(BookingAuthorisation)
    case authorisationHistory(AuthorisationChange)
    case booking(Booking)
    case hygiene(DeskHygiene)

    public var entity: WorldEntity {
        switch self {
        case .organisation: .organisation
        case .location: .location
        case .area: .area
        case .profile: .profile
        case .category: .category
        case .space: .space
        case .visa: .visa
        case .role: .role
        case .user: .user
        case .badge: .badge
        case .authorisation: .authorisation
        case .authorisationHistory: .authorisationHistory
        case .booking: .booking
        case .hygiene: .hygiene
        }
    }

    /// Every item of a snapshot, in snapshot order (what `WorldItem.items(of:)` encodes).
    public static func values(of s: Snapshot) -> [WorldItemValue] {
        var values: [WorldItemValue] = [.organisation(s.organisation)]
        values += s.locations.map(WorldItemValue.location)
        values += s.areas.map(WorldItemValue.area)
        values += s.profiles.map(WorldItemValue.profile)
        values += s.categories.map(WorldItemValue.category)
        values += s.spaces.map(WorldItemValue.space)
        values += s.visas.map(WorldItemValue.visa)
        values += s.roles.map(WorldItemValue.role)
        values += s.users.map(WorldItemValue.user)
        values += s.badges.map(WorldItemValue.badge)
        values += s.authorisations.map(WorldItemValue.authorisation)
        values += s.authorisationHistory.map(WorldItemValue.authorisationHistory)
        values += s.bookings.map(WorldItemValue.booking)
        values += s.hygiene.map(WorldItemValue.hygiene)
        return values
    }

    /// This item's share of a scope checksum.
    public func hash(with encoder: JSONEncoder = SnapshotCoding.encoder()) throws -> UInt64 {
        ScopeChecksum.hash(WorldItem(entity: entity, id: id, locationId: nil, body: try body(with: encoder)))
    }

    /// Decodes `entity`'s value from a decoder positioned on its body.
    static func decode(_ entity: WorldEntity, from decoder: any Decoder) throws -> WorldItemValue {
        switch entity {
        case .organisation: .organisation(try OrganisationSettings(from: decoder))
        case .location: .location(try Location(from: decoder))
        case .area: .area(try Area(from: decoder))
        case .profile: .profile(try SpaceProfile(from: decoder))
        case .category: .category(try ResourceCategory(from: decoder))
        case .space: .space(try Space(from: decoder))
        case .visa: .visa(try Visa(from: decoder))
        case .role: .role(try Role(from: decoder))
        case .user: .user(try User(from: decoder))
        case .badge: .badge(try Badge(from: decoder))
        case .authorisation: .authorisation(try BookingAuthorisation(from: decoder))
        case .authorisationHistory: .authorisationHistory(try AuthorisationChange(from: decoder))
        case .booking: .booking(try Booking(from: decoder))
        case .hygiene: .hygiene(try DeskHygiene(from: decoder))
        }
    }

    /// The id a change log names this item by (`WorldItem.items(of:)`'s ids).
    public var id: String {
        switch self {
        case .organisation(let x): x.id
        case .location(let x): x.id
        case .area(let x): x.id
        case .profile(let x): x.id
        case .category(let x): x.id
        case .space(let x): x.id
        case .visa(let x): x.id
        case .role(let x): x.id
        case .user(let x): x.id
        case .badge(let x): x.uid
        case .authorisation(let x): WorldItem.authorisationId(x)
        case .authorisationHistory(let x): WorldItem.authorisationHistoryId(x)
        case .booking(let x): x.id
        case .hygiene(let x): x.spaceId
        }
    }

    /// The canonical JSON of the item (SnapshotCoding's encoder).
    public func body(with encoder: JSONEncoder = SnapshotCoding.encoder()) throws -> Data {
        switch self {
        case .organisation(let x): try encoder.encode(x)
        case .location(let x): try encoder.encode(x)
        case .area(let x): try encoder.encode(x)
        case .profile(let x): try encoder.encode(x)
        case .category(let x): try encoder.encode(x)
        case .space(let x): try encoder.encode(x)
        case .visa(let x): try encoder.encode(x)
        case .role(let x): try encoder.encode(x)
        case .user(let x): try encoder.encode(x)
        case .badge(let x): try encoder.encode(x)
        case .authorisation(let x): try encoder.encode(x)
        case .authorisationHistory(let x): try encoder.encode(x)
        case .booking(let x): try encoder.encode(x)
        case .hygiene(let x): try encoder.encode(x)
        }
    }
}
