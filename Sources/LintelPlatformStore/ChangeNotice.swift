import Foundation
import LintelPlatformCore

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
