public import LintelPlatformStore
import Synchronization

/// The poke sockets this instance holds, by the location of their device. A change notice pokes
/// the sockets it concerns: each gets "pull now", nothing else. Pokes are written one after the
/// other from the caller's task (writing a frame only queues it on the connection), so a change
/// that concerns thousands of sockets costs no task switch per socket.
public final class PokeHub: Sendable {
    /// How to reach one socket: send it a poke, or close it.
    public struct Socket: Sendable {
        public var deviceId: String
        public var poke: @Sendable () async throws -> Void
        public var close: @Sendable () async -> Void

        public init(deviceId: String, poke: @escaping @Sendable () async throws -> Void, close: @escaping @Sendable () async -> Void) {
            self.deviceId = deviceId
            self.poke = poke
            self.close = close
        }
    }

    private struct State {
        var byLocation: [String: [UInt64: Socket]] = [:]
        var locationOf: [UInt64: String] = [:]
        var next: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// A socket at `locationId`; the id it leaves with.
    public func join(_ socket: Socket, locationId: String) -> UInt64 {
        state.withLock { state in
            state.next += 1
            state.byLocation[locationId, default: [:]][state.next] = socket
            state.locationOf[state.next] = locationId
            return state.next
        }
    }

    public func leave(_ id: UInt64) {
        state.withLock { state in
            guard let location = state.locationOf.removeValue(forKey: id) else { return }
            state.byLocation[location]?.removeValue(forKey: id)
            if state.byLocation[location]?.isEmpty == true { state.byLocation[location] = nil }
        }
    }

    /// Pokes the sockets a notice concerns; returns how many. A socket whose write fails is
    /// closing and leaves by itself.
    @discardableResult
    public func poke(_ notice: ChangeNotice) async -> Int {
        let targets = state.withLock { state -> [Socket] in
            if let locations = notice.locations { return locations.flatMap { state.byLocation[$0].map { Array($0.values) } ?? [] } }
            return state.byLocation.values.flatMap { $0.values }
        }
        for socket in targets { try? await socket.poke() }
        return targets.count
    }

    /// Closes the sockets of a device (it was revoked): it finds out at its next pull.
    public func disconnect(deviceId: String) async {
        let sockets = state.withLock { state in state.byLocation.values.flatMap { $0.values.filter { $0.deviceId == deviceId } } }
        for socket in sockets { await socket.close() }
    }

    /// How many sockets are held.
    public var count: Int { state.withLock { $0.locationOf.count } }
}
