public import Foundation
public import Hummingbird
public import HummingbirdAuth
import LintelPlatformCore
import LintelPolicy
public import LintelPlatformStore
import LintelWire

/// The routes of `docs/platform-api.yaml` that exist so far: enrolment, pull, and the admin
/// snapshot and device endpoints. Every error is a `PlatformProblem`.
public struct PlatformRoutes: Sendable {
    public let store: PlatformStore
    /// The token the admin API wants as its bearer credential.
    public let adminToken: String
    /// Where the approval page is, for the pairing QR code.
    public let publicURL: String
    /// The poke sockets this instance holds.
    public let hub: PokeHub
    /// How long a device's request body may take to arrive (a snapshot upload twenty times that).
    public let bodyTimeout: Duration
    public let now: @Sendable () -> Date
    /// Serve `/demo`, a booking page without the admin token (`make demo`, loopback only).
    public let demoPage: Bool

    /// Bodies larger than these are refused with 413 `body_too_large`.
    public static let deviceBodyLimit = 1 << 20
    public static let snapshotBodyLimit = 256 << 20

    public init(
        store: PlatformStore, adminToken: String, publicURL: String, hub: PokeHub = PokeHub(), bodyTimeout: Duration = .seconds(30),
        now: @escaping @Sendable () -> Date = { Date() }, demoPage: Bool = false
    ) {
        self.demoPage = demoPage
        self.bodyTimeout = bodyTimeout
        self.store = store
        self.adminToken = adminToken
        self.publicURL = publicURL
        self.hub = hub
        self.now = now
    }

    public func router() -> Router<PlatformRequestContext> {
        let router = Router(context: PlatformRequestContext.self)
        router.add(middleware: authenticator())
        router.get("/healthz") { _, _ in "ok\n" }
        router.post("/v1/enrolments") { request, context in try await startEnrolment(request, context) }
        router.post("/v1/enrolments/:deviceCode/token") { _, context in try await pollEnrolment(context.parameters.require("deviceCode")) }
        router.delete("/v1/device") { _, context in
            let device = try requireDevice(context)
            _ = try await store.devices.revoke(device.id)
            await hub.disconnect(deviceId: device.id)
            return Response(status: .noContent)
        }
        router.get("/v1/device/pull") { request, context in try await pull(request, context) }
        router.post("/v1/device/heartbeat") { request, context in try await heartbeat(request, context) }
        router.post("/v1/device/events") { request, context in try await pushEvents(request, context) }
        router.post("/v1/device/credential") { request, context in
            let device = try requireDevice(context)
            let credential = try await store.devices.rotateCredential(device.id, at: now())
            return json(try JSONSerialization.data(
                withJSONObject: ["deviceId": device.id, "credential": credential, "spaceId": device.spaceId ?? ""], options: [.sortedKeys]))
        }
        router.get("/v1/admin/users") { request, context in
            try requireAdmin(context)
            return json(try await store.userList())
        }
        router.get("/v1/admin/snapshot") { request, context in
            try requireAdmin(context)
            return try json(try await store.world(at: now()), compressingFor: request)
        }
        router.put("/v1/admin/snapshot") { request, context in try await importWorld(request, context) }
        router.get("/v1/admin/bookings") { request, context in
            try requireAdmin(context)
            let list = try await store.bookings.list(spaceId: request.uri.queryParameters.get("space"))
            return json(try ItemJSON.array(list))
        }
        router.post("/v1/admin/bookings") { request, context in try await addBooking(request, context) }
        router.delete("/v1/admin/bookings/:bookingId") { request, context in
            try requireAdmin(context)
            do {
                _ = try await store.bookings.cancel(try context.parameters.require("bookingId"), at: now())
            } catch let refusal as BookingDesk.Refusal {
                throw PlatformProblem(.notFound, "not_found", refusal.description)
            }
            return Response(status: .noContent)
        }
        router.get("/v1/admin/devices") { request, context in
            try requireAdmin(context)
            return json(try JSONSerialization.data(withJSONObject: try await store.devices.devices().map(Self.deviceJSON), options: [.sortedKeys]))
        }
        router.post("/v1/admin/devices/approve") { request, context in try await approve(request, context) }
        router.post("/v1/admin/devices/:deviceId/revoke") { request, context in
            try requireAdmin(context)
            let id = try context.parameters.require("deviceId")
            guard try await store.devices.revoke(id) else { throw PlatformProblem(.notFound, "not_found", "no such device") }
            await hub.disconnect(deviceId: id)
            return Response(status: .noContent)
        }
        StaffPages(store: store, keys: StaffSession.Keys(adminToken: adminToken), secure: publicURL.hasPrefix("https:"), now: now).add(to: router)
        if demoPage { DemoBookingPage(store: store, now: now).add(to: router) }
        router.add(middleware: UnmatchedRouteMiddleware(routes: router.routes.map { ("\($0.path)", $0.method.rawValue) }))
        return router
    }

    // MARK: Enrolment

    private func startEnrolment(_ request: Request, _ context: PlatformRequestContext) async throws -> Response {
        let body = try await jsonObject(request, limit: Self.deviceBodyLimit, fields: ["hardware", "agentVersion"])
        if let version = body["agentVersion"], !((version as? String).map { !$0.isEmpty && $0.count <= 64 } ?? false) {
            throw PlatformProblem(.badRequest, "bad_body", "agentVersion: a string of 1 to 64 characters", path: "$.agentVersion")
        }
        guard let hardware = body["hardware"] as? String, !hardware.isEmpty, hardware.count <= 200 else {
            throw PlatformProblem(.badRequest, "bad_body", "hardware: a string of 1 to 200 characters is required", path: "$.hardware")
        }
        let enrolment = try await store.devices.startEnrolment(hardware: hardware, at: now())
        let answer: [String: Any] = [
            "deviceCode": enrolment.deviceCode, "userCode": enrolment.userCode,
            "verificationUri": "\(publicURL)/pair", "verificationUriComplete": "\(publicURL)/pair?code=\(enrolment.userCode)",
            "expiresIn": Int(DeviceRegistry.codeLifetime), "interval": Int(DeviceRegistry.pollInterval),
        ]
        return json(try JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys, .withoutEscapingSlashes]), status: .created)
    }

    private func pollEnrolment(_ deviceCode: String) async throws -> Response {
        switch try await store.devices.poll(deviceCode: deviceCode, at: now()) {
        case .pending: throw PlatformProblem(.badRequest, "authorization_pending", "waiting for a technician to approve the code")
        case .slowDown: throw PlatformProblem(.badRequest, "slow_down", "poll no more often than every \(Int(DeviceRegistry.pollInterval)) s")
        case .expired: throw PlatformProblem(.badRequest, "expired_token", "the pairing code expired; ask for a new one")
        case .denied: throw PlatformProblem(.badRequest, "access_denied", "unknown, refused or already used device code")
        case .approved(let deviceId, let credential, let spaceId):
            return json(try JSONSerialization.data(
                withJSONObject: ["deviceId": deviceId, "credential": credential, "spaceId": spaceId], options: [.sortedKeys]))
        }
    }

    // MARK: Pull

    private func pull(_ request: Request, _ context: PlatformRequestContext) async throws -> Response {
        let device = try requireDevice(context)
        guard let location = device.locationId, let space = device.spaceId else { throw PlatformProblem.unauthorised }
        let cursorText = request.uri.queryParameters.get("cursor")
        var cursor: Int64?
        if let cursorText {
            guard let parsed = PullCursor(cursorText) else {
                throw PlatformProblem(.badRequest, "bad_cursor", "not a cursor this platform made: \(cursorText.prefix(40))")
            }
            cursor = parsed.seq
        }
        let answer = try await store.pull(DeviceScope(locationId: location), after: cursor, at: now())
        switch answer {
        case .unchanged(let seq, let checksum):
            let etag = PullCursor(seq: seq).etag(checksum)
            if request.headers[.ifNoneMatch] == etag || cursor == seq {
                return Response(status: .notModified, headers: [.eTag: etag])
            }
            return try json(PullAnswerJSON.delta(cursor: PullCursor(seq: seq), checksum: checksum, spaceId: space, changes: []), etag: etag, compressingFor: request)
        case .snapshot(let seq, let checksum, let snapshot):
            let etag = PullCursor(seq: seq).etag(checksum)
            return try json(
                PullAnswerJSON.snapshot(cursor: PullCursor(seq: seq), checksum: checksum, spaceId: space, snapshot: snapshot), etag: etag,
                compressingFor: request)
        case .delta(let seq, let checksum, let changes):
            let etag = PullCursor(seq: seq).etag(checksum)
            return try json(
                PullAnswerJSON.delta(cursor: PullCursor(seq: seq), checksum: checksum, spaceId: space, changes: changes), etag: etag,
                compressingFor: request)
        }
    }

    /// A batch of outbox events, taken at most once each; the answer has a verdict per event.
    private func pushEvents(_ request: Request, _ context: PlatformRequestContext) async throws -> Response {
        let device = try requireDevice(context)
        let data = try await body(request, limit: Self.deviceBodyLimit)
        struct Batch: Decodable {
            var events: [OutboxEvent]
            enum CodingKeys: String, CodingKey, CaseIterable { case events }
            init(from decoder: any Decoder) throws {
                events = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self).decode([OutboxEvent].self, forKey: .events)
            }
        }
        let batch: Batch
        do {
            batch = try SnapshotCoding.decode(Batch.self, from: data, file: "event batch")
        } catch {
            throw PlatformProblem(
                .badRequest, error.rule == .syntax ? "bad_json" : "bad_body",
                "not an event batch ({\"events\": [...]} as docs/platform-api.yaml describes): \(error.description)", path: error.path)
        }
        guard batch.events.count <= 500 else { throw PlatformProblem(.badRequest, "bad_body", "at most 500 events per batch", path: "$.events") }
        guard batch.events.allSatisfy({ $0.seq >= 1 }) else { throw PlatformProblem(.badRequest, "bad_body", "seq starts at 1", path: "$.events") }
        if let index = batch.events.firstIndex(where: { $0.id.isEmpty }) {
            throw PlatformProblem(.badRequest, "bad_body", "an event needs its id", path: "$.events[\(index)].id")
        }
        let answer = try await store.events.receive(deviceId: device.id, events: batch.events, at: now())
        let results: [[String: Any]] = answer.verdicts.map { seq, verdict in
            switch verdict {
            case .applied: ["seq": seq, "status": "applied"]
            case .duplicate: ["seq": seq, "status": "duplicate"]
            case .rejected(let reason): ["seq": seq, "status": "rejected", "reason": reason]
            }
        }
        return json(try JSONSerialization.data(
            withJSONObject: ["acknowledgedThrough": answer.acknowledgedThrough, "results": results], options: [.sortedKeys]))
    }

    /// The heartbeat fields of docs/platform-api.yaml, each checked; anything else is refused.
    private func heartbeat(_ request: Request, _ context: PlatformRequestContext) async throws -> Response {
        let device = try requireDevice(context)
        let body = try await jsonObject(request, limit: Self.deviceBodyLimit)
        let fields: [String: (Any) -> Bool] = [
            "agentVersion": { ($0 as? String).map { !$0.isEmpty && $0.count <= 64 } ?? false },
            "clock": { ["trusted", "untrusted"].contains($0 as? String ?? "") },
            "cacheAgeSeconds": { Self.isCount($0) },
            "outboxDepth": { Self.isCount($0) },
            "showing": { ($0 as? String).map { $0.count <= 64 } ?? false },
            "display": { ["ok", "absent", "failed"].contains($0 as? String ?? "") },
            "inputs": { ["ok", "failed"].contains($0 as? String ?? "") },
            "lastError": { ($0 as? String).map { $0.count <= 500 } ?? false },
        ]
        guard body["agentVersion"] != nil else {
            throw PlatformProblem(.badRequest, "bad_body", "agentVersion is required", path: "$.agentVersion")
        }
        for (key, value) in body {
            guard let check = fields[key] else { throw PlatformProblem(.badRequest, "bad_body", "unknown field \(key)", path: "$.\(key)") }
            guard check(value) else { throw PlatformProblem(.badRequest, "bad_body", "\(key): not a value this field takes", path: "$.\(key)") }
        }
        try await store.devices.recordHeartbeat(device.id, try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), at: now())
        return Response(status: .noContent)
    }

    // MARK: Admin

    private func importWorld(_ request: Request, _ context: PlatformRequestContext) async throws -> Response {
        try requireAdmin(context)
        let data = try await body(request, limit: Self.snapshotBodyLimit)
        do {
            let snapshot = try SnapshotCoding.decode(data, file: "request body")
            try await store.importWorld(snapshot, at: now())
        } catch let error as SnapshotError {
            throw PlatformProblem(.badRequest, error.rule == .syntax ? "bad_json" : "bad_body", error.description, path: error.path)
        }
        return Response(status: .noContent)
    }

    private func addBooking(_ request: Request, _ context: PlatformRequestContext) async throws -> Response {
        try requireAdmin(context)
        let body = try await jsonObject(request, limit: Self.deviceBodyLimit, fields: ["spaceId", "ownerId", "start", "end", "title"])
        if let title = body["title"], !((title as? String).map { $0.count <= 200 } ?? false) {
            throw PlatformProblem(.badRequest, "bad_body", "title: a string of at most 200 characters", path: "$.title")
        }
        guard let space = body["spaceId"] as? String else { throw PlatformProblem(.badRequest, "bad_body", "spaceId is required", path: "$.spaceId") }
        guard let start = (body["start"] as? String).flatMap(ISO8601.parse) else {
            throw PlatformProblem(.badRequest, "bad_body", "start: an ISO 8601 instant with offset is required", path: "$.start")
        }
        guard let end = (body["end"] as? String).flatMap(ISO8601.parse) else {
            throw PlatformProblem(.badRequest, "bad_body", "end: an ISO 8601 instant with offset is required", path: "$.end")
        }
        if let owner = body["ownerId"], !((owner as? String).map { !$0.isEmpty } ?? false) {
            throw PlatformProblem(.badRequest, "bad_body", "ownerId: a user id", path: "$.ownerId")
        }
        do {
            let booking = try await store.bookings.add(
                spaceId: space, ownerId: body["ownerId"] as? String, start: start, end: end, title: body["title"] as? String, at: now())
            return json(try ItemJSON.one(booking), status: .created)
        } catch BookingDesk.Refusal.denied(let reason, let detail) {
            var problem = PlatformProblem(.conflict, "denied", detail.map { "\(reason.rawValue): \($0)" } ?? reason.rawValue)
            problem.reason = reason.rawValue
            throw problem
        }
    }

    private func approve(_ request: Request, _ context: PlatformRequestContext) async throws -> Response {
        try requireAdmin(context)
        let body = try await jsonObject(request, limit: Self.deviceBodyLimit, fields: ["userCode", "spaceId"])
        guard let code = body["userCode"] as? String else { throw PlatformProblem(.badRequest, "bad_body", "userCode is required", path: "$.userCode") }
        guard let space = body["spaceId"] as? String else { throw PlatformProblem(.badRequest, "bad_body", "spaceId is required", path: "$.spaceId") }
        do {
            let device = try await store.devices.approve(code: code, spaceId: space, at: now())
            return json(try JSONSerialization.data(withJSONObject: Self.deviceJSON(device), options: [.sortedKeys]))
        } catch let error as DeviceRegistry.ApprovalError {
            switch error {
            case .badCode: throw PlatformProblem(.badRequest, "bad_body", error.description, path: "$.userCode")
            case .noSuchCode: throw PlatformProblem(.notFound, "not_found", error.description, path: "$.userCode")
            case .noSuchSpace: throw PlatformProblem(.notFound, "not_found", error.description, path: "$.spaceId")
            }
        }
    }

    // MARK: Helpers

    /// Who a request's bearer token says it is (hummingbird-auth): the admin token, or the
    /// credential of an active device on the device routes. Anything else has no identity and
    /// gets 401 from the routes that need one.
    private func authenticator() -> ClosureAuthenticator<PlatformRequestContext> {
        ClosureAuthenticator { request, _ in
            guard let token = request.headers.bearer?.token else { return nil }
            if Self.constantTimeEqual(token, adminToken) { return .admin }
            guard request.uri.path == "/v1/device" || request.uri.path.hasPrefix("/v1/device/") else { return nil }
            return try await store.devices.device(credential: token, seenAt: now()).map(PlatformIdentity.device)
        }
    }

    private func requireAdmin(_ context: PlatformRequestContext) throws {
        guard case .admin = context.identity else { throw PlatformProblem.unauthorised }
    }

    private func requireDevice(_ context: PlatformRequestContext) throws -> DeviceRegistry.Device {
        guard case .device(let device) = context.identity else { throw PlatformProblem.unauthorised }
        return device
    }

    /// The active device a request's credential belongs to, for routes outside the router (the
    /// poke socket's upgrade).
    func device(of request: Request) async throws -> DeviceRegistry.Device {
        guard let token = request.headers.bearer?.token, let device = try await store.devices.device(credential: token, seenAt: now()) else {
            throw PlatformProblem.unauthorised
        }
        return device
    }

    /// A whole number from 0 up, not `true` or `false` (which JSONSerialization also gives as numbers).
    static func isCount(_ value: Any) -> Bool {
        guard type(of: value as AnyObject) != type(of: NSNumber(value: true) as AnyObject), let number = value as? Int else { return false }
        return number >= 0 && (value as? Double).map { $0 == Double(number) } ?? true
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The request's body, refused with 413 past `limit`, and with 408 when it has not all
    /// arrived within `bodyTimeout` (a client that starts a body and stalls holds nothing for long).
    func body(_ request: Request, limit: Int) async throws -> Data {
        let timeout = limit > Self.deviceBodyLimit ? bodyTimeout * 20 : bodyTimeout
        do {
            return try await withThrowingTaskGroup(of: Data?.self) { group in
                group.addTask { Data(try await request.body.collect(upTo: limit).readableBytesView) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let data = try await group.next() ?? nil else {
                    throw PlatformProblem(.requestTimeout, "request_timeout", "the body did not arrive within \(timeout)")
                }
                return data
            }
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw PlatformProblem(.contentTooLarge, "body_too_large", "the body is larger than \(limit) bytes")
        }
    }

    /// The body as a JSON object; a field not among `fields` (when given) is refused, naming it.
    func jsonObject(_ request: Request, limit: Int, fields: Set<String>? = nil) async throws -> [String: Any] {
        let data = try await body(request, limit: limit)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw PlatformProblem(.badRequest, "bad_json", "the body is not a JSON object")
        }
        if let fields, let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
            throw PlatformProblem(.badRequest, "bad_body", "unknown field \(unknown)", path: "$.\(unknown)")
        }
        return object
    }

    static func deviceJSON(_ device: DeviceRegistry.Device) -> [String: Any] {
        var fields: [String: Any] = ["id": device.id, "state": device.state == "approved" ? "pending" : device.state, "userCode": device.userCode]
        if let space = device.spaceId { fields["spaceId"] = space }
        if let seen = device.lastSeenAt { fields["lastSeen"] = ISO8601.format(seen) }
        if let beat = device.heartbeat, let object = try? JSONSerialization.jsonObject(with: beat) { fields["heartbeat"] = object }
        return fields
    }

    private func json(_ data: Data, status: HTTPResponse.Status = .ok, etag: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let etag { headers[.eTag] = etag }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The same, gzip-compressed when the client accepts it and the body is worth it.
    private func json(_ data: Data, etag: String? = nil, compressingFor request: Request) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let etag { headers[.eTag] = etag }
        let body = try ResponseCompression.body(data, for: request, headers: &headers)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
