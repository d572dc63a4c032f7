public import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// The certificate a TLS server presents, fetched without verifying it, so `lintel doctor` can say
/// when it expires even when verification fails (the failure itself comes from a real request).
public enum PeerCertificateProbe {
    public struct Certificate: Sendable, Equatable {
        public var notValidBefore: Date
        public var notValidAfter: Date
    }

    public static func fetch(host: String, port: Int, timeoutSeconds: Int64 = 5) async throws -> Certificate {
        let timeout = TimeAmount.seconds(timeoutSeconds)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let context = try NIOSSLContext(configuration: tls)
        let promise = HTTPPlatformClient.network.next().makePromise(of: Certificate.self)
        let serverName = host.allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" }) ? nil : host
        let bootstrap = ClientBootstrap(group: HTTPPlatformClient.network)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                    try channel.pipeline.syncOperations.addHandler(handler)
                    try channel.pipeline.syncOperations.addHandler(HandshakeWatcher(ssl: handler, promise: promise))
                }
            }
        let channel = try await bootstrap.connect(host: host, port: port).get()
        channel.eventLoop.scheduleTask(in: timeout) { promise.fail(ChannelError.connectTimeout(timeout)) }
        defer { channel.close(promise: nil) }
        return try await promise.futureResult.get()
    }

    private final class HandshakeWatcher: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let ssl: NIOSSLClientHandler
        let promise: EventLoopPromise<Certificate>

        init(ssl: NIOSSLClientHandler, promise: EventLoopPromise<Certificate>) {
            self.ssl = ssl
            self.promise = promise
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case TLSUserEvent.handshakeCompleted = event {
                if let peer = ssl.peerCertificate {
                    promise.succeed(Certificate(notValidBefore: Date(timeIntervalSince1970: TimeInterval(peer.notValidBefore)),
                                                notValidAfter: Date(timeIntervalSince1970: TimeInterval(peer.notValidAfter))))
                } else {
                    promise.fail(NIOSSLError.noCertificateToValidate)
                }
            }
            context.fireUserInboundEventTriggered(event)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            promise.fail(error)
            context.close(promise: nil)
        }
    }
}
