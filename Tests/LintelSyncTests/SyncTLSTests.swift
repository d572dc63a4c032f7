import Foundation
import Hummingbird
import HummingbirdTesting
import LintelPlatformHTTP
import LintelPlatformStore
import LintelSync
import LintelTestKit
import LintelWire
import Testing

@Suite("Sync over HTTPS")
struct SyncTLSTests {
    /// A self-signed certificate for 127.0.0.1 and localhost (openssl), in a folder of its own.
    static func selfSigned(in folder: SyncFolder) throws -> (certificate: String, key: String) {
        let certificate = folder.path("cert.pem"), key = folder.path("key.pem")
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0)
        return (certificate, key)
    }

    @Test("The platform's certificate is verified: a certificate no trusted root signed is refused; with the site's CA bundle the same platform is reached")
    func certificateVerified() async throws {
        let folder = try SyncFolder()
        let files = try Self.selfSigned(in: folder)
        let store = try PlatformStore(path: folder.path("platform.sqlite"))
        let routes = PlatformRoutes(store: store, adminToken: "admin-token-for-tests-0123456789", publicURL: "https://localhost")
        let app = try PlatformServer.application(routes: routes, host: "127.0.0.1", port: 0,
                                                 tls: try PlatformServer.tls(certificate: files.certificate, key: files.key))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let untrusting = try HTTPPlatformClient(baseURL: "https://localhost:\(port)")
            do {
                _ = try await untrusting.startEnrolment(hardware: "tls test", agentVersion: "test")
                Issue.record("a self-signed certificate was accepted without its CA")
            } catch {
                #expect((error as? PlatformFailure)?.reason == "unreachable", "\(error)")
            }
            await untrusting.shutdown()
            let trusting = try HTTPPlatformClient(baseURL: "https://localhost:\(port)", caBundle: files.certificate)
            let enrolment = try await trusting.startEnrolment(hardware: "tls test", agentVersion: "test")
            #expect(enrolment.userCode.count == 9)
            await trusting.shutdown()
        }
    }

    @Test("A CA bundle that cannot be read is an error naming the file")
    func unreadableBundle() {
        #expect(throws: PlatformFailure.self) { try HTTPPlatformClient(baseURL: "https://localhost:1", caBundle: "/no/such/ca.pem") }
        do {
            _ = try HTTPPlatformClient(baseURL: "https://localhost:1", caBundle: "/no/such/ca.pem")
        } catch {
            #expect("\(error)".contains("/no/such/ca.pem"))
        }
    }
}
