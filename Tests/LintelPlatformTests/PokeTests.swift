import Foundation
import Hummingbird
import HummingbirdTesting
import LintelPlatformHTTP
import LintelPlatformStore
import LintelWire
import Logging
import NIOSSL
import Synchronization
import Testing
import WSClient

/// A device's poke socket as a panel holds it: the times each "pull" arrived.
final class PokeListener: Sendable {
    final class Log: Sendable {
        let arrivals = Mutex<[Date]>([])
        let closed = Mutex(false)
    }

    private let log = Log()
    private let task: Task<Void, any Error>

    /// A socket to `port`; over TLS, trusting only `tls`'s roots, when given (by the name the
    /// certificate has, so that the name is checked too).
    init(port: Int, credential: String, tls: TLSConfiguration? = nil) {
        let log = self.log
        task = Task {
            defer { log.closed.withLock { $0 = true } }
            try await WebSocketClient.connect(
                url: tls == nil ? "ws://127.0.0.1:\(port)/v1/device/poke" : "wss://localhost:\(port)/v1/device/poke",
                configuration: .init(additionalHeaders: [.authorization: "Bearer \(credential)"]), tlsConfiguration: tls,
                logger: Logger(label: "poke-test")
            ) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1024) {
                    if case .text(PlatformRoutes.pokeMessage) = message { log.arrivals.withLock { $0.append(Date()) } }
                }
            }
        }
    }

    /// Waits until `count` pokes have arrived; their arrival times.
    func pokes(_ count: Int, within limit: TimeInterval) async throws -> [Date] {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            let seen = log.arrivals.withLock { $0 }
            if seen.count >= count { return seen }
            try await Task.sleep(for: .milliseconds(5))
        }
        return log.arrivals.withLock { $0 }
    }

    var count: Int { log.arrivals.withLock { $0.count } }

    /// Whether the socket has closed, waiting up to `limit` for it.
    func closes(within limit: TimeInterval) async throws -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            if log.closed.withLock({ $0 }) { return true }
            try await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    func close() { task.cancel() }
}

@Suite("Pokes: a WebSocket per device carries only pull-now, within well under a second of a change")
struct PokeTests {
    static let admin = PlatformHTTPTests.admin

    /// The platform's clock in these tests: the demo world's morning, so its rooms can be booked that afternoon.
    static let now = ISO8601.parse("2026-11-23T07:30:00Z")!

    func app(_ store: PlatformStore) throws -> some ApplicationProtocol {
        try PlatformServer.application(
            routes: PlatformRoutes(store: store, adminToken: "admin-token-for-tests-0123456789", publicURL: "http://127.0.0.1", now: { Self.now }),
            host: "127.0.0.1", port: 0)
    }

    static func booking(_ space: String, _ start: String, _ end: String) -> ByteBuffer {
        ByteBuffer(string: #"{"spaceId": "\#(space)", "ownerId": "u-bram", "start": "\#(start)", "end": "\#(end)"}"#)
    }

    @Test("An admin booking pokes the sockets of its location's devices, not another location's; a revoked device's socket closes",
          arguments: StorageKind.available)
    func bookingPokesItsLocation(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.withDemoWorld(storage)
        let tulip = try await PlatformHTTPTests.pairedDevice(platform)
        let liberty = try await PlatformHTTPTests.pairedDevice(platform, spaceId: "nyc-r-liberty")
        try await app(platform.store).test(.live) { client in
            let port = try #require(client.port)
            let amsterdam = PokeListener(port: port, credential: tulip)
            let newYork = PokeListener(port: port, credential: liberty)
            defer { amsterdam.close(); newYork.close() }
            #expect(try await amsterdam.pokes(1, within: 5).count == 1, "a socket is poked once when it opens")
            #expect(try await newYork.pokes(1, within: 5).count == 1)
            try await client.execute(
                uri: "/v1/admin/bookings", method: .post, headers: Self.admin,
                body: Self.booking("ams-r-tulip", "2026-11-23T14:00:00Z", "2026-11-23T15:00:00Z")
            ) { #expect($0.status == .created) }
            let arrivals = try await amsterdam.pokes(2, within: 2)
            #expect(arrivals.count == 2)
            try await Task.sleep(for: .milliseconds(300))
            #expect(newYork.count == 1, "New York's panel is not poked for an Amsterdam booking")
            let device = try #require(try await platform.store.devices.device(credential: tulip, seenAt: Date()))
            try await client.execute(uri: "/v1/admin/devices/\(device.id)/revoke", method: .post, headers: Self.admin) {
                #expect($0.status == .noContent)
            }
            #expect(try await amsterdam.closes(within: 2), "a revoked device's socket is closed")
        }
    }

    @Test("Over HTTPS the socket is a wss one, and a change's poke reaches it through TLS", arguments: StorageKind.available)
    func pokesOverTLS(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.withDemoWorld(storage)
        let credential = try await PlatformHTTPTests.pairedDevice(platform)
        let files = try PlatformTLSTests.selfSigned()
        let routes = PlatformRoutes(store: platform.store, adminToken: "admin-token-for-tests-0123456789", publicURL: "https://127.0.0.1", now: { Self.now })
        let app = try PlatformServer.application(
            routes: routes, host: "127.0.0.1", port: 0, tls: try PlatformServer.tls(certificate: files.certificate, key: files.key))
        var trusting = TLSConfiguration.makeClientConfiguration()
        trusting.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(files.certificate))
        let trust = trusting
        try await app.test(.live) { client in
            let socket = PokeListener(port: try #require(client.port), credential: credential, tls: trust)
            defer { socket.close() }
            #expect(try await socket.pokes(1, within: 5).count == 1, "the poke a new socket gets")
            _ = try await platform.store.bookings.add(
                spaceId: "ams-r-tulip", ownerId: "u-bram", start: ISO8601.parse("2026-11-23T14:00:00Z")!, end: ISO8601.parse("2026-11-23T15:00:00Z")!,
                title: nil, at: Self.now)
            #expect(try await socket.pokes(2, within: 5).count == 2, "the change's poke, written beneath TLS")
        }
    }

    @Test("A socket opened with an unknown credential is refused with 401", arguments: StorageKind.available)
    func unknownCredentialRefused(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.withDemoWorld(storage)
        try await app(platform.store).test(.live) { client in
            let port = try #require(client.port)
            await #expect(throws: (any Error).self) {
                try await WebSocketClient.connect(
                    url: "ws://127.0.0.1:\(port)/v1/device/poke", configuration: .init(additionalHeaders: [.authorization: "Bearer wrong"]),
                    logger: Logger(label: "poke-test")
                ) { _, _, _ in Issue.record("upgraded with a wrong credential") }
            }
        }
    }

    @Test("Two instances on one storage: a booking made through one pokes a socket held by the other, and the pull it asks for has it",
          arguments: StorageKind.available)
    func bookingCrossesInstances(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.withDemoWorld(storage)
        let credential = try await PlatformHTTPTests.pairedDevice(platform)
        let other = try await platform.secondInstance()
        try await app(platform.store).test(.live) { instanceA in
            try await app(other).test(.live) { instanceB in
                let socket = PokeListener(port: try #require(instanceB.port), credential: credential)
                defer { socket.close() }
                #expect(try await socket.pokes(1, within: 5).count == 1)
                let device: HTTPFields = [.authorization: "Bearer \(credential)"]
                func pull(_ cursor: String?) async throws -> (status: HTTPResponse.Status, cursor: String?, changes: Int) {
                    try await instanceB.execute(uri: "/v1/device/pull" + (cursor.map { "?cursor=\($0)" } ?? ""), method: .get, headers: device) {
                        guard $0.status == .ok else { return ($0.status, cursor, 0) }
                        let answer = try PlatformHTTPTests.object($0.body)
                        return ($0.status, answer["cursor"] as? String, (answer["changes"] as? [Any])?.count ?? 0)
                    }
                }
                var cursor = try await pull(nil).cursor
                #expect(try await pull(cursor).status == .notModified, "nothing new: 304 (and B now holds the scope's head)")
                var poked = 0, pulledAfterPoke = 0
                for n in 1...5 {
                    let start = ISO8601.parse("2026-11-23T13:30:00Z")!.addingTimeInterval(Double(n) * 1800)
                    try await instanceA.execute(
                        uri: "/v1/admin/bookings", method: .post, headers: Self.admin,
                        body: Self.booking("ams-r-tulip", ISO8601.format(start), ISO8601.format(start.addingTimeInterval(1800)))
                    ) { #expect($0.status == .created) }
                    let arrivals = try await socket.pokes(n + 1, within: 2)
                    guard arrivals.count == n + 1 else { break }
                    poked += 1
                    let answer = try await pull(cursor)
                    if answer.status == .ok && answer.changes == 1 { pulledAfterPoke += 1 }
                    cursor = answer.cursor
                }
                #expect(poked == 5, "every booking poked the socket on the other instance (within 2 s; make bench measures how fast)")
                #expect(pulledAfterPoke == 5, "the pull a poke asks for always has the change, never a 304 from before it")
            }
        }
        await other.database.close()
    }
}
