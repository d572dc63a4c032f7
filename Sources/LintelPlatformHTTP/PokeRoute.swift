import Foundation
public import Hummingbird
public import HummingbirdWebSocket
import LintelPlatformStore

extension PlatformRoutes {
    /// The text a poke socket carries: "pull now". Sent once when the socket opens (pokes may
    /// have been missed while it was down) and after every change that concerns the device.
    public static let pokeMessage = "pull"

    /// `GET /v1/device/poke`: a WebSocket per device, opened with its credential; an unknown or
    /// revoked credential gets 401 and no socket. What the device sends is read and dropped.
    public func webSocketRouter() -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/v1/device/poke") { request, _ in
            _ = try await device(of: request)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let device = try? await device(of: context.request), let location = device.locationId else { return }
            let (id, pokes) = hub.join(deviceId: device.id, locationId: location)
            defer { hub.leave(id) }
            // What the device sends is read (so close frames are seen) and dropped; when it
            // closes, leaving the hub ends the pokes below. One task besides the handler's own.
            let reader = Task {
                defer { hub.leave(id) }
                for try await _ in inbound {}
            }
            defer { reader.cancel() }
            try await outbound.write(.text(Self.pokeMessage))
            for await _ in pokes { try await outbound.write(.text(Self.pokeMessage)) }
        }
        return router
    }
}
