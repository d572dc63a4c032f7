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
}
