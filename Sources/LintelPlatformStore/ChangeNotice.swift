import Foundation
import LintelPlatformCore
import LintelWire

/// What a committed world write tells the instances on its storage: the change log now reaches
/// `seq`, and which devices it concerns. Devices are poked with it; it carries no data.
public struct ChangeNotice: Sendable, Equatable, Codable {
    public var seq: Int64
    /// The locations whose own items (bookings, hygiene) changed; nil when an item every scope
    /// holds changed, which concerns every device.
    public var locations: [String]?

    public init(seq: Int64, locations: [String]?) {
        self.seq = seq
        self.locations = locations
    }

    public func concerns(locationId: String) -> Bool { locations?.contains(locationId) ?? true }

    /// Whom a run of changes concerns, gathered change by change: a location's own items
    /// (`DeviceScope.isLocationBound`) concern its devices, any other item every device.
    struct Reach {
        private var locations: Set<String> = []
        private var everyone = false

        mutating func add(_ entity: WorldEntity, locationId: String?) {
            if DeviceScope.isLocationBound(entity), let locationId { locations.insert(locationId) } else { everyone = true }
        }

        func notice(seq: Int64) -> ChangeNotice { ChangeNotice(seq: seq, locations: everyone ? nil : locations.sorted()) }
    }

    /// The notice as a PostgreSQL NOTIFY payload (under its 8,000-byte limit: a notice naming more
    /// locations than fit concerns every device instead).
    public func payload() -> String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        if data.count < 7_900 { return String(decoding: data, as: UTF8.self) }
        return String(decoding: (try? JSONEncoder().encode(ChangeNotice(seq: seq, locations: nil))) ?? Data(), as: UTF8.self)
    }

    public init?(payload: String) {
        guard let notice = try? JSONDecoder().decode(ChangeNotice.self, from: Data(payload.utf8)) else { return nil }
        self = notice
    }
}
