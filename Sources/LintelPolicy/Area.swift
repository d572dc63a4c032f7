/// A floor, wing or department area inside a location. Areas nest; a space sits in one area.
public struct Area: Sendable, Hashable, Codable {
    public var id: AreaID
    public var locationId: LocationID
    /// The enclosing area (a floor for a wing), nil for a top-level floor.
    public var parentId: AreaID?
    public var name: String

    public init(id: AreaID, locationId: LocationID, parentId: AreaID? = nil, name: String) {
        self.id = id
        self.locationId = locationId
        self.parentId = parentId
        self.name = name
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, locationId, parentId, name }
}

extension Area {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), locationId: try c.decode(String.self, forKey: .locationId),
            parentId: try c.decodeIfPresent(String.self, forKey: .parentId), name: try c.decode(String.self, forKey: .name))
    }
}
