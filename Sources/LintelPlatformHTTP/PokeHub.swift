public import LintelPlatformStore
import Synchronization

/// The poke sockets this instance holds, by the location of their device. A change notice pokes
/// the sockets it concerns: each gets "pull now", nothing else. A socket that has a poke waiting
/// keeps just the one (two pokes before a pull ask for the same pull).
public final class PokeHub: Sendable {
    private struct Socket {
        var deviceId: String
        var continuation: AsyncStream<Void>.Continuation
    }

    private struct State {
        var byLocation: [String: [UInt64: Socket]] = [:]
        var locationOf: [UInt64: String] = [:]
        var next: UInt64 = 0
        var count = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// A socket of `deviceId` at `locationId`: its id (to leave with) and its stream of pokes.
    public func join(deviceId: String, locationId: String) -> (id: UInt64, pokes: AsyncStream<Void>) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { state in
            state.next += 1
            state.byLocation[locationId, default: [:]][state.next] = Socket(deviceId: deviceId, continuation: continuation)
            state.locationOf[state.next] = locationId
            state.count += 1
            return state.next
        }
        return (id, stream)
    }

    public func leave(_ id: UInt64) {
        let socket = state.withLock { state -> Socket? in
            guard let location = state.locationOf.removeValue(forKey: id) else { return nil }
            let socket = state.byLocation[location]?.removeValue(forKey: id)
            if state.byLocation[location]?.isEmpty == true { state.byLocation[location] = nil }
            state.count -= 1
            return socket
        }
        socket?.continuation.finish()
    }

    /// Pokes the sockets a notice concerns; returns how many.
    @discardableResult
    public func poke(_ notice: ChangeNotice) -> Int {
        let targets = state.withLock { state -> [AsyncStream<Void>.Continuation] in
            if let locations = notice.locations {
                return locations.flatMap { state.byLocation[$0]?.values.map(\.continuation) ?? [] }
            }
            return state.byLocation.values.flatMap { $0.values.map(\.continuation) }
        }
        for continuation in targets { continuation.yield() }
        return targets.count
    }

    /// Ends the sockets of a device (it was revoked): it finds out at its next pull.
    public func disconnect(deviceId: String) {
        let ids = state.withLock { state in
            state.byLocation.values.flatMap { sockets in sockets.filter { $0.value.deviceId == deviceId }.map(\.key) }
        }
        for id in ids { leave(id) }
    }

    /// How many sockets are held.
    public var count: Int { state.withLock { $0.count } }
}
