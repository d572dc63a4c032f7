public import LintelPolicy

/// The world's locations and their spaces, for pages that pick or name a space (without reading
/// bookings or people).
public struct PlaceList: Sendable {
    public struct Entry: Sendable {
        public var space: Space
        public var location: Location
    }

    public var locations: [Location]
    /// Every space with its location, by location then space name.
    public var entries: [Entry]

    public func entry(_ spaceId: SpaceID) -> Entry? { entries.first { $0.space.id == spaceId } }
}

extension PlatformStore {
    public func places() async throws -> PlaceList {
        try await database.read { tx in
            let reader = WorldReader(tx)
            let locations = try reader.all(Location.self, .location)
            let byId = Dictionary(locations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let areaLocation = Dictionary(try reader.all(Area.self, .area).map { ($0.id, $0.locationId) }, uniquingKeysWith: { first, _ in first })
            let entries = try reader.all(Space.self, .space).compactMap { space -> PlaceList.Entry? in
                guard let location = areaLocation[space.areaId].flatMap({ byId[$0] }) else { return nil }
                return PlaceList.Entry(space: space, location: location)
            }
            return PlaceList(
                locations: locations,
                entries: entries.sorted { ($0.location.name, $0.space.name, $0.space.id) < ($1.location.name, $1.space.name, $1.space.id) })
        }
    }
}
