/// Which places a permission covers: everything, or specific locations and spaces included or
/// excluded. The rule works down the hierarchy: including or excluding a location (or area) covers
/// every space below it, and an exclusion always wins over an inclusion.
public struct PlaceScope: Sendable, Hashable, Codable {
    /// Location or area ids whose spaces are included.
    public var includeLocations: [String]
    /// Location or area ids whose spaces are excluded.
    public var excludeLocations: [String]
    public var includeSpaces: [SpaceID]
    public var excludeSpaces: [SpaceID]

    /// "Allowed for all locations/rooms/desks".
    public static let everywhere = PlaceScope()

    public init(includeLocations: [String] = [], excludeLocations: [String] = [], includeSpaces: [SpaceID] = [], excludeSpaces: [SpaceID] = []) {
        self.includeLocations = includeLocations
        self.excludeLocations = excludeLocations
        self.includeSpaces = includeSpaces
        self.excludeSpaces = excludeSpaces
    }

    public var isEverywhere: Bool {
        includeLocations.isEmpty && excludeLocations.isEmpty && includeSpaces.isEmpty && excludeSpaces.isEmpty
    }

    /// Whether the space is covered, and if not, why.
    public func covers(_ place: SpaceAncestry) -> ScopeVerdict {
        if excludeSpaces.contains(place.spaceId) || excludeLocations.contains(where: place.isWithin) {
            return .excluded
        }
        if includeLocations.isEmpty && includeSpaces.isEmpty { return .covered }
        if includeSpaces.contains(place.spaceId) || includeLocations.contains(where: place.isWithin) {
            return .covered
        }
        return .notIncluded
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        includeLocations = try c.decodeIfPresent([String].self, forKey: .includeLocations) ?? []
        excludeLocations = try c.decodeIfPresent([String].self, forKey: .excludeLocations) ?? []
        includeSpaces = try c.decodeIfPresent([String].self, forKey: .includeSpaces) ?? []
        excludeSpaces = try c.decodeIfPresent([String].self, forKey: .excludeSpaces) ?? []
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case includeLocations, excludeLocations, includeSpaces, excludeSpaces }
}

public enum ScopeVerdict: Sendable, Equatable {
    case covered
    case excluded
    case notIncluded
}
