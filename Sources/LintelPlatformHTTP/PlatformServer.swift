public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
public import NIOSSL
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
    /// Connections waiting to be accepted: a fleet's panels reconnect together after a restart.
    public static let backlog = 4096

    /// The server; HTTPS when given a TLS configuration (`tls(certificate:key:)`).
    public static func application(
        routes: PlatformRoutes, host: String, port: Int, tls: TLSConfiguration? = nil, logger: Logger = Logger(label: "lintel-platform"),
        services: [any Service] = []
    ) throws -> some ApplicationProtocol {
        let plain: HTTPServerBuilder = .http1WebSocketUpgrade(
            webSocketRouter: routes.webSocketRouter(),
            configuration: .init(
                http1: .init(idleTimeout: idleTimeout),
                ws: .init(maxFrameSize: 1 << 12, autoPing: .enabled(timePeriod: pingInterval))))
        return Application(
            router: routes.router(),
            server: try tls.map { try .tls(plain, tlsConfiguration: $0) } ?? plain,
            configuration: .init(address: .hostname(host, port: port), serverName: "lintel-platform", backlog: backlog),
            services: [PokeService(store: routes.store, hub: routes.hub)] + services,
            logger: logger)
    }

    /// A server TLS configuration from PEM files: the certificate chain and its private key.
    public static func tls(certificate: String, key: String) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificateSource]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
        } catch {
            throw TLSFileError(file: certificate, problem: "not a PEM certificate chain (\(error))")
        }
        guard !chain.isEmpty else { throw TLSFileError(file: certificate, problem: "holds no PEM certificate") }
        let privateKey: NIOSSLPrivateKey
        do {
            privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        } catch {
            throw TLSFileError(file: key, problem: "not a PEM private key (\(error))")
        }
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey))
    }
}

/// A certificate or key file that cannot be used.
public struct TLSFileError: Error, CustomStringConvertible {
    public var file: String
    public var problem: String
    public var description: String { "\(file): \(problem)" }
}
