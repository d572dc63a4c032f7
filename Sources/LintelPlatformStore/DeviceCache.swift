import Foundation
import Synchronization

/// Active devices by the digest of their credential, as last read, so a device's requests do not
/// each read its row. An entry lasts `lifetime`: a device revoked through another instance is
/// refused there within that time (through this instance, at once).
final class DeviceCache: Sendable {
    static let lifetime: Duration = .seconds(5)

    private let entries = Mutex<[String: (device: DeviceRegistry.Device, storedAt: ContinuousClock.Instant)]>([:])

    func device(digest: String) -> DeviceRegistry.Device? {
        entries.withLock { entries in
            guard let entry = entries[digest], ContinuousClock.now - entry.storedAt < Self.lifetime else { return nil }
            return entry.device
        }
    }

    func store(_ device: DeviceRegistry.Device, digest: String) {
        entries.withLock { $0[digest] = (device, ContinuousClock.now) }
    }

    func forget(deviceId: String) {
        entries.withLock { entries in entries = entries.filter { $0.value.device.id != deviceId } }
    }
}
