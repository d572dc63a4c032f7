import Foundation
import Hummingbird
import CompressNIO
import HummingbirdTesting
import LintelPlatformHTTP
import LintelPlatformStore
import LintelPolicy
import LintelTestKit
import LintelWire
import Testing

/// The platform's API through a real HTTP server on loopback (HummingbirdTesting's live mode).
@Suite("The platform over HTTP: pair a device, pull its scope, see a change in the next pull")
struct PlatformHTTPTests {
    static let admin: HTTPFields = [.authorization: "Bearer admin-token-for-tests-0123456789"]

    func app(_ platform: TemporaryPlatform, now: @escaping @Sendable () -> Date = { Date() }) throws -> some ApplicationProtocol {
        let routes = PlatformRoutes(
            store: platform.store, adminToken: "admin-token-for-tests-0123456789", publicURL: "http://127.0.0.1", now: now)
        return try PlatformServer.application(routes: routes, host: "127.0.0.1", port: 0)
    }

    /// A device paired for a space (the Tulip room unless told), through the store: its credential.
    static func pairedDevice(_ platform: TemporaryPlatform, spaceId: String = "ams-r-tulip") async throws -> String {
        let enrolment = try await platform.store.devices.startEnrolment(hardware: "test", at: Date())
        _ = try await platform.store.devices.approve(code: enrolment.userCode, spaceId: spaceId, at: Date())
        guard case .approved(_, let credential, _) = try await platform.store.devices.poll(deviceCode: enrolment.deviceCode, at: Date()) else {
            throw CancellationError()
        }
        return credential
    }

    static func object(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
    }

    @Test("Import, pair by code, pull a snapshot; a booking changed on the platform is the next pull's delta; then 304", arguments: StorageKind.available)
    func pairAndPull(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        let worldData = try Data(contentsOf: TemporaryPlatformFiles.demoWorld)
        try await app(platform).test(.live) { client in
            try await client.execute(uri: "/v1/admin/snapshot", method: .put, headers: Self.admin, body: ByteBuffer(bytes: worldData)) {
                #expect($0.status == .noContent)
            }
            let enrolment = try await client.execute(
                uri: "/v1/enrolments", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"hardware": "Raspberry Pi 4 Model B"}"#)
            ) { try Self.object($0.body) }
            let deviceCode = try #require(enrolment["deviceCode"] as? String)
            let userCode = try #require(enrolment["userCode"] as? String)
            #expect((enrolment["verificationUriComplete"] as? String)?.hasSuffix(userCode) == true)

            try await client.execute(uri: "/v1/enrolments/\(deviceCode)/token", method: .post) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try Self.object(response.body)["code"] as? String
                #expect(problem == "authorization_pending")
            }
            try await client.execute(
                uri: "/v1/admin/devices/approve", method: .post, headers: Self.admin,
                body: ByteBuffer(string: #"{"userCode": "\#(userCode.lowercased())", "spaceId": "ams-r-tulip"}"#)
            ) { #expect($0.status == .ok) }
            try await Task.sleep(for: .seconds(2))
            let credential = try await client.execute(uri: "/v1/enrolments/\(deviceCode)/token", method: .post) { response in
                #expect(response.status == .ok)
                return try #require(try Self.object(response.body)["credential"] as? String)
            }
            let device: HTTPFields = [.authorization: "Bearer \(credential)"]

            let first = try await client.execute(uri: "/v1/device/pull", method: .get, headers: device) { response in
                #expect(response.status == .ok)
                return try Self.object(response.body)
            }
            #expect(first["kind"] as? String == "snapshot" && first["spaceId"] as? String == "ams-r-tulip")
            let snapshotData = try JSONSerialization.data(withJSONObject: try #require(first["snapshot"]))
            let scoped = try SnapshotCoding.decode(snapshotData)
            #expect(first["checksum"] as? String == ScopeChecksum(try WorldItem.items(of: scoped)).description)
            let cursor = try #require(first["cursor"] as? String)

            var world = try SnapshotCoding.decode(worldData)
            let index = try #require(world.bookings.firstIndex { $0.spaceId == "ams-r-tulip" })
            world.bookings[index].title = "Moved to the big room"
            try await client.execute(
                uri: "/v1/admin/snapshot", method: .put, headers: Self.admin, body: ByteBuffer(bytes: try SnapshotCoding.encode(world))
            ) { #expect($0.status == .noContent) }

            let delta = try await client.execute(uri: "/v1/device/pull?cursor=\(cursor)", method: .get, headers: device) {
                try Self.object($0.body)
            }
            #expect(delta["kind"] as? String == "delta")
            let changes = try #require(delta["changes"] as? [[String: Any]])
            #expect(changes.count == 1)
            #expect((changes.first?["body"] as? [String: Any])?["title"] as? String == "Moved to the big room")
            let next = try #require(delta["cursor"] as? String)
            try await client.execute(uri: "/v1/device/pull?cursor=\(next)", method: .get, headers: device) {
                #expect($0.status == .notModified)
            }
        }
    }

    @Test("Bad requests get a problem with a stable code and change nothing", arguments: StorageKind.available, [
        ("/v1/device/pull", HTTPRequest.Method.get, "device", "", HTTPResponse.Status.unauthorized, "unauthorised"),
        ("/v1/admin/snapshot", .put, "admin", "{\"format\": ", .badRequest, "bad_json"),
        ("/v1/admin/snapshot", .put, "admin", "{\"format\": \"lintel-snapshot/1\"}", .badRequest, "bad_body"),
        ("/v1/admin/snapshot", .put, "nobody", "{}", .unauthorized, "unauthorised"),
        ("/v1/enrolments", .post, "none", "not json", .badRequest, "bad_json"),
        ("/v1/enrolments", .post, "none", "{\"hardware\": 7}", .badRequest, "bad_body"),
        ("/v1/enrolments/unknown-code-0123456789/token", .post, "none", "", .badRequest, "access_denied"),
        ("/v1/admin/devices/approve", .post, "admin", "{\"userCode\": \"ABCD-EFGH\", \"spaceId\": \"ams-r-tulip\"}", .notFound, "not_found"),
        ("/v1/admin/devices/dev-nothing/revoke", .post, "admin", "", .notFound, "not_found"),
    ])
    func problems(_ storage: StorageKind, _ row: (String, HTTPRequest.Method, String, String, HTTPResponse.Status, String)) async throws {
        let (uri, method, who, body, status, code) = row
        let platform = try await TemporaryPlatform.withDemoWorld(storage)
        let before = try await platform.store.world(at: Date(timeIntervalSince1970: 0))
        let headers: HTTPFields = who == "admin" ? Self.admin : who == "nobody" ? [.authorization: "Bearer wrong"] : [:]
        try await app(platform).test(.live) { client in
            try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == status)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try Self.object(response.body)["code"] as? String
                #expect(problem == code)
            }
        }
        #expect(try await platform.store.world(at: Date(timeIntervalSince1970: 0)) == before)
    }

    @Test("A snapshot goes gzip-compressed to a client that accepts it, and unpacks to the same answer", arguments: StorageKind.available)
    func gzipOnTheWire(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.withDemoWorld(storage)
        let instant = Date()
        try await app(platform, now: { instant }).test(.live) { client in
            let plain = try await client.execute(uri: "/v1/admin/snapshot", method: .get, headers: Self.admin) { response in
                #expect(response.headers[.contentEncoding] == nil)
                return response.body
            }
            var headers = Self.admin
            headers[.acceptEncoding] = "br, gzip;q=0.9"
            var packed = try await client.execute(uri: "/v1/admin/snapshot", method: .get, headers: headers) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                return response.body
            }
            #expect(packed.readableBytes * 4 < plain.readableBytes, "\(packed.readableBytes) of \(plain.readableBytes) bytes")
            let unpacked = try packed.decompress(with: .gzip())
            #expect(unpacked.readableBytesView.elementsEqual(plain.readableBytesView))
        }
    }

    @Test("A booking made through the admin API is in the device's next pull; a clash is 409 with the panel's reason", arguments: StorageKind.available)
    func bookingReachesDevice(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        let imported = try await platform.store.importWorld(try TemporaryPlatform.demoWorld(), at: Date())
        let credential = try await Self.pairedDevice(platform)
        let device: HTTPFields = [.authorization: "Bearer \(credential)"]
        let booking = #"{"spaceId": "ams-r-tulip", "ownerId": "u-bram", "start": "2030-01-07T10:00:00+01:00", "end": "2030-01-07T11:00:00+01:00", "title": "From the platform"}"#
        try await app(platform, now: { ISO8601.parse("2030-01-07T08:00:00Z")! }).test(.live) { client in
            let made = try await client.execute(uri: "/v1/admin/bookings", method: .post, headers: Self.admin, body: ByteBuffer(string: booking)) {
                #expect($0.status == .created)
                return try Self.object($0.body)
            }
            let delta = try await client.execute(uri: "/v1/device/pull?cursor=v1.\(imported.lastSeq)", method: .get, headers: device) {
                try Self.object($0.body)
            }
            let changes = try #require(delta["changes"] as? [[String: Any]])
            #expect(changes.map { $0["id"] as? String } == [made["id"] as? String])
            try await client.execute(uri: "/v1/admin/bookings", method: .post, headers: Self.admin, body: ByteBuffer(string: booking)) { response in
                #expect(response.status == .conflict)
                let reason = try Self.object(response.body)["reason"] as? String
                #expect(reason == "space_already_booked")
            }
            let id = try #require(made["id"] as? String)
            try await client.execute(uri: "/v1/admin/bookings/\(id)", method: .delete, headers: Self.admin) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/v1/admin/bookings?space=ams-r-tulip", method: .get, headers: Self.admin) { response in
                let list = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]] ?? []
                #expect(list.first { $0["id"] as? String == id }?["status"] as? String == "cancelled")
            }
        }
    }

    @Test("A heartbeat is kept and shown with the device; a bad one is refused; a rotated credential replaces the old one", arguments: StorageKind.available)
    func heartbeatAndRotation(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.withDemoWorld(storage)
        let credential = try await Self.pairedDevice(platform)
        try await app(platform).test(.live) { client in
            let device: HTTPFields = [.authorization: "Bearer \(credential)", .contentType: "application/json"]
            let beat = #"{"agentVersion": "0.9.0", "clock": "trusted", "cacheAgeSeconds": 12, "outboxDepth": 0, "showing": "in-use", "display": "ok", "inputs": "ok"}"#
            try await client.execute(uri: "/v1/device/heartbeat", method: .post, headers: device, body: ByteBuffer(string: beat)) {
                #expect($0.status == .noContent, "\(String(buffer: $0.body))")
            }
            for bad in [
                #"{"clock": "trusted"}"#, #"{"agentVersion": "1", "outboxDepth": -1}"#, #"{"agentVersion": "1", "mood": "fine"}"#,
                #"{"agentVersion": "1", "outboxDepth": true}"#, #"{"agentVersion": "1", "cacheAgeSeconds": 1.5}"#,
            ] {
                try await client.execute(uri: "/v1/device/heartbeat", method: .post, headers: device, body: ByteBuffer(string: bad)) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
            try await client.execute(uri: "/v1/admin/devices", method: .get, headers: Self.admin) { response in
                let list = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]] ?? []
                let shown = (list.first?["heartbeat"] as? [String: Any])?["showing"] as? String
                #expect(shown == "in-use")
            }
            try await client.execute(uri: "/v1/admin/users", method: .get, headers: Self.admin) { response in
                let users = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]] ?? []
                #expect(users.count == 16)
            }
            let rotated = try await client.execute(uri: "/v1/device/credential", method: .post, headers: device) { response in
                #expect(response.status == .ok)
                return try #require(try Self.object(response.body)["credential"] as? String)
            }
            try await client.execute(uri: "/v1/device/pull", method: .get, headers: device) {
                #expect($0.status == .ok, "the old credential works until the new one is used")
            }
            try await client.execute(uri: "/v1/device/pull", method: .get, headers: [.authorization: "Bearer \(rotated)"]) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/device/pull", method: .get, headers: device) {
                #expect($0.status == .unauthorized, "once the new one is used, the old one is gone")
            }
        }
    }

    @Test("Pushed events get a verdict each; a replayed batch is all duplicates; a bad batch changes nothing", arguments: StorageKind.available)
    func pushOverHTTP(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.withDemoWorld(storage)
        let credential = try await Self.pairedDevice(platform)
        var checkIn = OutboxEvent(deviceId: "panel", seq: 1, at: ISO8601.parse("2026-11-23T07:55:00Z")!, spaceId: "ams-r-tulip", kind: .decision)
        checkIn.action = .checkIn
        checkIn.actorKind = .anonymous
        checkIn.bookingId = "bk-tulip-planning"
        checkIn.decision = "allowed"
        let batch = try SnapshotCoding.encoder().encode(["events": [checkIn]])
        let device: HTTPFields = [.authorization: "Bearer \(credential)", .contentType: "application/json"]
        try await app(platform).test(.live) { client in
            for expected in ["applied", "duplicate"] {
                try await client.execute(uri: "/v1/device/events", method: .post, headers: device, body: ByteBuffer(bytes: batch)) { response in
                    #expect(response.status == .ok)
                    let answer = try Self.object(response.body)
                    #expect((answer["results"] as? [[String: Any]])?.first?["status"] as? String == expected)
                    #expect(answer["acknowledgedThrough"] as? Int == 1)
                }
            }
            try await client.execute(uri: "/v1/device/events", method: .post, headers: device, body: ByteBuffer(string: #"{"events": [{"seq": 2}]}"#)) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/v1/device/events", method: .post, body: ByteBuffer(bytes: batch)) { #expect($0.status == .unauthorized) }
        }
    }

    @Test("A body over the limit is refused with 413", arguments: StorageKind.available)
    func oversize(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        let big = ByteBuffer(repeating: UInt8(ascii: " "), count: PlatformRoutes.deviceBodyLimit + 10)
        try await app(platform).test(.live) { client in
            try await client.execute(uri: "/v1/enrolments", method: .post, body: big) { response in
                #expect(response.status == .contentTooLarge)
                let problem = try Self.object(response.body)["code"] as? String
                #expect(problem == "body_too_large")
            }
        }
    }
}

@Suite("HTTPS: given a certificate and key, the platform serves its API over TLS")
struct PlatformTLSTests {
    /// A self-signed certificate for 127.0.0.1 and localhost, made by openssl in a temporary folder.
    static func selfSigned() throws -> (certificate: String, key: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lintel-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let certificate = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw CancellationError() }
        return (certificate, key)
    }

    @Test("The API answers over HTTPS with the given certificate", arguments: StorageKind.available)
    func servesHTTPS(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.withDemoWorld(storage)
        let files = try Self.selfSigned()
        let routes = PlatformRoutes(store: platform.store, adminToken: "admin-token-for-tests-0123456789", publicURL: "https://127.0.0.1")
        let app = try PlatformServer.application(
            routes: routes, host: "127.0.0.1", port: 0, tls: try PlatformServer.tls(certificate: files.certificate, key: files.key))
        try await app.test(.ahc(.https)) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/admin/users", method: .get, headers: PlatformHTTPTests.admin) {
                #expect($0.status == .ok)
                #expect(String(buffer: $0.body).contains("u-bram"))
            }
        }
    }

    @Test("A certificate or key file that is not one is a clear error naming the file")
    func badCertificateFile() throws {
        let files = try Self.selfSigned()
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).pem").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        for (certificate, key, named) in [(files.key, files.key, files.key), (empty, files.key, empty), (files.certificate, empty, empty)] {
            let error = #expect(throws: TLSFileError.self) { try PlatformServer.tls(certificate: certificate, key: key) }
            #expect(error?.file == named)
        }
    }
}

enum TemporaryPlatformFiles {
    static var demoWorld: URL { ProjectFiles.demoWorld }
}
