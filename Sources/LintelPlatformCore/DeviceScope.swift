public import LintelWire

/// What a device at one location receives: the whole organisation's structure, people and rules
/// (roles name places anywhere, so every location, area and space is kept for their references to
/// resolve), and the bookings and desk hygiene of its own location only. The scope depends on no
/// clock: bookings leave it by a change (`lintel-platform retire` takes out those a day past their end), so
/// a delta and a checksum always describe the same set on both sides.
public struct DeviceScope: Sendable, Hashable {
    public var locationId: String

    public init(locationId: String) { self.locationId = locationId }

    /// Bookings and desk hygiene belong to one location's scope; everything else to every scope.
    public static func isLocationBound(_ entity: WorldEntity) -> Bool { entity == .booking || entity == .hygiene }

    public func contains(entity: WorldEntity, locationId itemLocation: String?) -> Bool {
        !Self.isLocationBound(entity) || itemLocation == locationId
    }

    public func contains(_ item: WorldItem) -> Bool { contains(entity: item.entity, locationId: item.locationId) }
}
