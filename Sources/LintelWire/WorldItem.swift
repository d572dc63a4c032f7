public import Foundation
import LintelPolicy

/// The kinds of item a world (and a device's scope) is made of, as a change names them.
public enum WorldEntity: String, Sendable, Codable, CaseIterable {
    case organisation, location, area, profile, category, space, visa, role, user, badge
    case authorisation, authorisationHistory, booking, hygiene
}

/// One item of a world: what a change log entry upserts or deletes. `body` is the item exactly as a
/// snapshot writes it (canonical JSON: sorted keys, instants in UTC), so a snapshot is its items'
/// bodies put together and a checksum over bodies is the same on both sides. `locationId` is the
/// location a place-bound item belongs to (locations, areas, spaces, bookings, hygiene); nil for
/// organisation-wide items.
public struct WorldItem: Sendable, Hashable {
    public var entity: WorldEntity
    public var id: String
    public var locationId: String?
    public var body: Data

    public init(entity: WorldEntity, id: String, locationId: String?, body: Data) {
        self.entity = entity
        self.id = id
        self.locationId = locationId
        self.body = body
    }

    /// The items of a snapshot, in snapshot order. Items without an id of their own get one made
    /// of the fields that identify them (an authorisation: user, category, visa and validity).
    public static func items(of s: Snapshot) throws -> [WorldItem] {
        let encoder = SnapshotCoding.encoder()
        let areaLocation = Dictionary(uniqueKeysWithValues: s.areas.map { ($0.id, $0.locationId) })
        let spaceLocation = Dictionary(uniqueKeysWithValues: s.spaces.map { ($0.id, areaLocation[$0.areaId]) })
        return try WorldItemValue.values(of: s).map { value in
            let location: String? = switch value {
            case .location(let x): x.id
            case .area(let x): x.locationId
            case .space(let x): spaceLocation[x.id] ?? nil
            case .booking(let x): spaceLocation[x.spaceId] ?? nil
            case .hygiene(let x): spaceLocation[x.spaceId] ?? nil
            default: nil
            }
            return WorldItem(entity: value.entity, id: value.id, locationId: location, body: try value.body(with: encoder))
        }
    }

    /// An authorisation's id: its user, category, visa and validity.
    static func authorisationId(_ x: BookingAuthorisation) -> String {
        let validity = [x.validFrom, x.validUntil].map { $0.map(ISO8601.format) ?? "" }
        return compositeId([x.userId, x.categoryId, x.visaId] + validity)
    }

    /// An authorisation change's id: its user, category, visa, change and instant.
    static func authorisationHistoryId(_ x: AuthorisationChange) -> String {
        compositeId([x.userId, x.categoryId, x.visaId, x.change.rawValue, ISO8601.format(x.at)])
    }

    /// An id made of several fields, joined by a separator no id contains.
    static func compositeId(_ parts: [String]) -> String { parts.joined(separator: "\u{1F}") }
}
