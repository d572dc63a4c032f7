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
    public func webSocketRouter() -> Router<PokeRequestContext> {
        let router = Router(context: PokeRequestContext.self)
        router.ws("/v1/device/poke") { request, _ in
            _ = try await device(of: request)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let device = try? await device(of: context.request), let location = device.locationId else { return }
            let channel = context.requestContext.channel
            let writer = try await PokeFrameWriter.install(text: Self.pokeMessage, on: channel)
            let socket = PokeHub.Socket(
                deviceId: device.id, eventLoop: channel.eventLoop, poke: { writer.value.poke() },
                close: { try? await outbound.close(.normalClosure, reason: "revoked") })
            // Joined before the first "pull", so no change falls between that pull and the pokes.
            let id = hub.join(socket, locationId: location)
            defer { hub.leave(id) }
            channel.eventLoop.execute { socket.poke() }
            // What the device sends is read (so its close is seen) and dropped; the hub writes the pokes.
            for try await _ in inbound {}
        }
        return router
    }
}
