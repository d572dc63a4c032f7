/// Every space with what lies above and around it (`PlaceContext`), built from the place
/// hierarchy of a world: what both the panel's store and the platform decide with.
public struct PlaceDirectory: Sendable {
    public let places: [SpaceID: PlaceContext]

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unknownTimeZone(String)
        case danglingReference(SpaceID)

        public var description: String {
            switch self {
            case .unknownTimeZone(let zone): "unknown time zone \(zone)"
            case .danglingReference(let space): "space \(space) has a dangling reference"
            }
        }
    }

    public init(
        locations: [Location], areas: [Area], profiles: [SpaceProfile], categories: [ResourceCategory], spaces: [Space]
    ) throws(Problem) {
        var clocks: [LocationID: (Location, LocationClock)] = [:]
        for location in locations {
            guard let clock = location.clock else { throw .unknownTimeZone(location.timeZone) }
            clocks[location.id] = (location, clock)
        }
        let areasById = Dictionary(areas.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let profilesById = Dictionary(profiles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let categoriesById = Dictionary(categories.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var places: [SpaceID: PlaceContext] = [:]
        for space in spaces {
            var chain: [AreaID] = []
            var cursor: AreaID? = space.areaId
            while let id = cursor, let area = areasById[id], !chain.contains(id) {
                chain.append(id)
                cursor = area.parentId
            }
            guard let area = areasById[space.areaId], let (location, clock) = clocks[area.locationId],
                  let category = categoriesById[space.categoryId]
            else { throw .danglingReference(space.id) }
            places[space.id] = PlaceContext(
                space: space, ancestry: SpaceAncestry(spaceId: space.id, areaIds: chain, locationId: location.id),
                location: location, clock: clock, category: category, profile: space.profileId.flatMap { profilesById[$0] })
        }
        self.places = places
    }
}
