/// A room, desk or parking spot: the thing a panel stands for and a booking is for.
public struct Space: Sendable, Hashable, Codable {
    public var id: SpaceID
    public var name: String
    public var kind: ResourceKind
    public var areaId: AreaID
    public var categoryId: CategoryID
    /// The profile with the space's opening hours; nil means always open.
    public var profileId: ProfileID?
    /// A non-bookable space only reports occupancy.
    public var bookable: Bool
    public var capacity: Int?

    public init(
        id: SpaceID, name: String, kind: ResourceKind, areaId: AreaID, categoryId: CategoryID,
        profileId: ProfileID? = nil, bookable: Bool = true, capacity: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.areaId = areaId
        self.categoryId = categoryId
        self.profileId = profileId
        self.bookable = bookable
        self.capacity = capacity
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, name, kind, areaId, categoryId, profileId, bookable, capacity }
}

/// A space with every place above it: the hierarchy include/exclude rules are checked against.
public struct SpaceAncestry: Sendable, Hashable {
    public let spaceId: SpaceID
    /// Innermost first: the space's own area, then its parents.
    public let areaIds: [AreaID]
    public let locationId: LocationID

    public init(spaceId: SpaceID, areaIds: [AreaID], locationId: LocationID) {
        self.spaceId = spaceId
        self.areaIds = areaIds
        self.locationId = locationId
    }

    /// True when the id names this space, one of its areas or its location.
    public func contains(_ id: String) -> Bool {
        id == spaceId || id == locationId || areaIds.contains(id)
    }

    /// True when the id names one of the places that enclose the space (not the space itself).
    public func isWithin(_ placeId: String) -> Bool {
        placeId == locationId || areaIds.contains(placeId)
    }
}

extension Space {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(ResourceKind.self, forKey: .kind)
        areaId = try c.decode(String.self, forKey: .areaId)
        categoryId = try c.decode(String.self, forKey: .categoryId)
        profileId = try c.decodeIfPresent(String.self, forKey: .profileId)
        bookable = try c.decodeIfPresent(Bool.self, forKey: .bookable) ?? true
        capacity = try c.decodeIfPresent(Int.self, forKey: .capacity)
        if let capacity, capacity < 0 {
            throw DecodingError.dataCorruptedError(forKey: .capacity, in: c, debugDescription: "must not be negative, got \(capacity)")
        }
    }
}
