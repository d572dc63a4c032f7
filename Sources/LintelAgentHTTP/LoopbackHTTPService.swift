public import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
public import ServiceLifecycle

/// The agent's HTTP/1.1 server on a loopback address (SwiftNIO): metrics and, when enabled, the
/// virtual panel. One event-loop thread; it sleeps in epoll until a request comes, so an idle panel
/// is not woken by it. Stops on graceful shutdown.
public final class LoopbackHTTPService: Service, Sendable {
    private let host: String
    private let port: Int
    private let routes: AgentRoutes
    private let logger: Logger
    private let bound = Mutex<Int?>(nil)

    public init(host: String, port: Int, routes: AgentRoutes, logger: Logger) {
        self.host = host
        self.port = port
        self.routes = routes
        self.logger = logger
    }

    /// The port actually bound (useful with port 0), once listening.
    public var boundPort: Int? { bound.withLock { $0 } }

    public func run() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let server: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
            do {
                server = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                    }
                }
            } catch {
                throw LoopbackHTTPError(address: "\(host):\(port)", underlying: "\(error)")
            }
            bound.withLock { $0 = server.channel.localAddress?.port }
            logger.notice("serving on loopback", metadata: ["address": "http://\(host):\(server.channel.localAddress?.port ?? port)/"])
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { connections in
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            connections.addTask { await self.serve(connection) }
                        }
                    }
                }
            }
        } catch is CancellationError {
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try? await group.shutdownGracefully()
    }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                for try await part in inbound {
                    switch part {
                    case .head(let h): head = h
                    case .body: break // inputs carry everything in the path
                    case .end:
                        guard let request = head else { continue }
                        let reply = routes.respond(method: request.method.rawValue, uri: request.uri)
                        var headers = HTTPHeaders()
                        headers.add(name: "Content-Type", value: reply.contentType)
                        headers.add(name: "Content-Length", value: "\(reply.body.count)")
                        headers.add(name: "Cache-Control", value: "no-store")
                        let keepAlive = request.isKeepAlive
                        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
                        try await outbound.write(.head(HTTPResponseHead(version: request.version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)))
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: reply.body))))
                        try await outbound.write(.end(nil))
                        if !keepAlive { return }
                    }
                }
            }
        } catch {
            logger.debug("connection ended", metadata: ["error": "\(error)"])
        }
    }
}

/// The loopback address could not be served (taken by another program, not a local address, …).
public struct LoopbackHTTPError: Error, CustomStringConvertible {
    public let address: String
    public let underlying: String

    public var description: String { "http.listen \(address): cannot listen there (\(underlying))" }
}
