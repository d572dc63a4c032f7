public import LintelPlatformStore
public import NIOCore
import Synchronization

/// The poke sockets this instance holds, by the location of their device. A change notice pokes
/// the sockets it concerns: each gets "pull now", nothing else. The sockets are handed to their
/// event loops in runs, each run written there one after the other, so a change that concerns
/// thousands of sockets costs a few hops, not one per socket.
public final class PokeHub: Sendable {
    /// How to reach one socket: send it a poke (on its event loop), or close it.
    public struct Socket: Sendable {
        public var deviceId: String
        public var eventLoop: any EventLoop
        public var poke: @Sendable () -> Void
        public var close: @Sendable () async -> Void

        public init(deviceId: String, eventLoop: any EventLoop, poke: @escaping @Sendable () -> Void, close: @escaping @Sendable () async -> Void) {
            self.deviceId = deviceId
            self.eventLoop = eventLoop
            self.poke = poke
            self.close = close
        }
    }

    /// Sockets written in one hop onto their event loop; a loop also serves requests, so a large
    /// change is cut into runs of this many.
    static let run = 500

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

    /// Pokes the sockets a notice concerns, in the order notices come; returns how many. A socket
    /// whose connection has gone is skipped and leaves by itself.
    @discardableResult
    public func poke(_ notice: ChangeNotice) -> Int {
        let targets = state.withLock { state -> [Socket] in
            if let locations = notice.locations { return locations.flatMap { state.byLocation[$0].map { Array($0.values) } ?? [] } }
            return state.byLocation.values.flatMap { $0.values }
        }
        for sockets in Dictionary(grouping: targets, by: { ObjectIdentifier($0.eventLoop) }).values {
            for start in stride(from: 0, to: sockets.count, by: Self.run) {
                let run = sockets[start..<min(start + Self.run, sockets.count)]
                run[run.startIndex].eventLoop.execute { for socket in run { socket.poke() } }
            }
        }
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
