public import Hummingbird
public import HummingbirdWebSocket
public import NIOCore

/// The request context of the poke route: the basic WebSocket context plus the connection it
/// came on, on which the hub writes its pokes.
public struct PokeRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        channel = source.channel
    }
}
