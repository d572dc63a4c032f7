public import Hummingbird
import HummingbirdWebSocket
public import Logging
public import NIOCore
public import ServiceLifecycle

/// The platform's HTTP server: the API of docs/platform-api.yaml, the poke WebSocket, and the
/// service that pokes sockets when the storage reports a change.
public enum PlatformServer {
    /// A connection that sends nothing for this long is closed (a client that opens a connection
    /// and never finishes its request). Poke sockets are pinged more often than that.
    public static let idleTimeout: TimeAmount = .seconds(60)
    public static let pingInterval: Duration = .seconds(25)

    public static func application(
        routes: PlatformRoutes, host: String, port: Int, logger: Logger = Logger(label: "lintel-platform"),
        services: [any Service] = []
    ) -> some ApplicationProtocol {
        Application(
            router: routes.router(),
            server: .http1WebSocketUpgrade(
                webSocketRouter: routes.webSocketRouter(),
                configuration: .init(
                    http1: .init(idleTimeout: idleTimeout),
                    ws: .init(maxFrameSize: 1 << 12, autoPing: .enabled(timePeriod: pingInterval)))),
            configuration: .init(address: .hostname(host, port: port), serverName: "lintel-platform"),
            services: [PokeService(database: routes.store.database, hub: routes.hub)] + services,
            logger: logger)
    }
}
