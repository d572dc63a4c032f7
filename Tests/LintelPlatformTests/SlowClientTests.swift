import Dispatch
import Foundation
import Hummingbird
import HummingbirdTesting
import LintelPlatformHTTP
import LintelTestKit
import Testing

@Suite("Slow clients: a body that stalls is answered 408 and its connection let go")
struct SlowClientTests {
    @Test("A body that stops halfway gets 408 request_timeout after the body timeout", arguments: StorageKind.available)
    func stalledBody(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        let routes = PlatformRoutes(
            store: platform.store, adminToken: "admin-token-for-tests-0123456789", publicURL: "http://127.0.0.1", bodyTimeout: .milliseconds(500))
        try await PlatformServer.application(routes: routes, host: "127.0.0.1", port: 0).test(.live) { client in
            let connection = try LoopbackConnection(port: try #require(client.port))
            defer { connection.close() }
            let started = Date()
            try connection.send(Data("POST /v1/enrolments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"hard".utf8))
            // Read on a thread of its own: a blocking read must not hold one of the few threads
            // the server's own tasks run on.
            let answer = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: String(decoding: connection.receiveAll(), as: UTF8.self)) }
            }
            let waited = Date().timeIntervalSince(started)
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(80))")
            #expect(answer.contains("request_timeout"))
            #expect(waited >= 0.4 && waited < 5, "answered after \(waited) s")
        }
    }
}
