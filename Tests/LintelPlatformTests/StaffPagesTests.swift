import Foundation
import Hummingbird
import HummingbirdTesting
import LintelPlatformHTTP
import LintelPlatformStore
import Testing

/// The platform's pages for staff through a real HTTP server on loopback: signing in, approving a
/// panel's pairing code (where the panel's QR code leads), the devices and a space's bookings.
@Suite("The platform's staff pages: sign in, approve a pairing code, see devices and bookings")
struct StaffPagesTests {
    static let adminToken = "admin-token-for-tests-0123456789"
    /// Monday 23 November 2026, 07:00 UTC: the demo world's day.
    static let morning = Date(timeIntervalSince1970: 1_795_417_200)

    /// A clock the test moves.
    final class TestClock: @unchecked Sendable {
        private let lock = NSLock()
        private var instant: Date
        init(_ instant: Date) { self.instant = instant }
        var now: Date { lock.withLock { instant } }
        func advance(_ seconds: TimeInterval) { lock.withLock { instant = instant.addingTimeInterval(seconds) } }
    }

    func app(_ platform: TemporaryPlatform, clock: TestClock, token: String = adminToken) throws -> some ApplicationProtocol {
        let routes = PlatformRoutes(store: platform.store, adminToken: token, publicURL: "http://127.0.0.1", now: { clock.now })
        return try PlatformServer.application(routes: routes, host: "127.0.0.1", port: 0)
    }

    static func platformWithStaff(_ storage: StorageKind) async throws -> TemporaryPlatform {
        let platform = try await TemporaryPlatform.withDemoWorld(storage)
        try await platform.store.staff.set(name: "tess", password: "correct horse battery", at: Date())
        return platform
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Signs in as tess: the session cookie (`name=value`).
    static func signIn(_ client: some TestClientProtocol, password: String = "correct horse battery") async throws -> String? {
        try await client.execute(uri: "/signin", method: .post, headers: formHeaders,
                                 body: form(["name": "tess", "password": password, "next": "/devices"])) { response in
            guard response.status == .seeOther, let cookie = response.headers[.setCookie] else { return nil }
            return cookie.split(separator: ";").first.map(String.init)
        }
    }

    /// The hidden form token of a page.
    static func formToken(_ page: String) throws -> String {
        let marker = "name=\"token\" value=\""
        let start = try #require(page.range(of: marker)).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }

    @Test("A staff page without a session leads to sign-in and back: /pair?code=… → /signin?next=/pair?code=…", arguments: StorageKind.available)
    func pagesNeedSignIn(_ storage: StorageKind) async throws {
        let platform = try await Self.platformWithStaff(storage)
        try await app(platform, clock: TestClock(Self.morning)).test(.live) { client in
            for path in ["/devices", "/pair?code=ABCD-EFGH", "/spaces/ams-r-tulip/bookings"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/signin?next=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""))
                }
            }
            try await client.execute(uri: "/signin?next=%2Fpair%3Fcode%3DABCD-EFGH", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("value=\"/pair?code=ABCD-EFGH\""))
            }
        }
    }

    @Test("Signing in: a wrong password is refused; the right one gives a session that a forged, altered or expired cookie is not",
          arguments: StorageKind.available)
    func signInAndSessions(_ storage: StorageKind) async throws {
        let platform = try await Self.platformWithStaff(storage)
        let clock = TestClock(Self.morning)
        try await app(platform, clock: clock).test(.live) { client in
            try await client.execute(uri: "/signin", method: .post, headers: Self.formHeaders,
                                     body: Self.form(["name": "tess", "password": "wrong password!", "next": "/devices"])) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.setCookie] == nil)
                #expect(Self.text(response).contains("Wrong name or password"))
            }
            try await client.execute(uri: "/signin", method: .post, headers: Self.formHeaders,
                                     body: Self.form(["name": "nobody", "password": "correct horse battery", "next": "/devices"])) {
                #expect($0.status == .unauthorized)
            }
            let cookie = try #require(try await Self.signIn(client))
            try await client.execute(uri: "/devices", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("Sign out tess"))
            }
            var altered = Array(cookie)
            altered[altered.count - 1] = altered.last == "0" ? "1" : "0"
            let renamed = cookie.replacingOccurrences(of: "=" + Data("tess".utf8).base64EncodedString(), with: "=" + Data("root".utf8).base64EncodedString())
            for bad in [String(altered), renamed, "lintel_staff=bm9ib2R5.9999999999.00"] {
                try await client.execute(uri: "/devices", method: .get, headers: [.cookie: bad]) { #expect($0.status == .seeOther) }
            }
            clock.advance(13 * 3600)
            try await client.execute(uri: "/devices", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .seeOther, "a session lasts 12 hours") }
        }
        // Another platform's admin token signs other sessions: the cookie means nothing there.
        let otherClock = TestClock(Self.morning)
        try await app(platform, clock: otherClock, token: "another-admin-token-0123456789").test(.live) { client in
            let cookie = try #require(try await Self.signIn(client))
            try await app(platform, clock: otherClock).test(.live) { original in
                try await original.execute(uri: "/devices", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .seeOther) }
            }
        }
    }

    @Test("Approving on /pair: the waiting panel gets its credential; a wrong, unknown or expired code is a clear error; a post without the page's token is refused",
          arguments: StorageKind.available)
    func approveOnThePairPage(_ storage: StorageKind) async throws {
        let platform = try await Self.platformWithStaff(storage)
        let clock = TestClock(Self.morning)
        let enrolment = try await platform.store.devices.startEnrolment(hardware: "Raspberry Pi 4 Model B", at: clock.now)
        let stale = try await platform.store.devices.startEnrolment(hardware: "old board", at: clock.now.addingTimeInterval(-700))
        try await app(platform, clock: clock).test(.live) { client in
            let cookie = try #require(try await Self.signIn(client))
            let page = try await client.execute(uri: "/pair?code=\(enrolment.userCode.lowercased())", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                return Self.text(response)
            }
            #expect(page.contains("Raspberry Pi 4 Model B"), "the waiting panel is named")
            #expect(page.contains("<option value=\"ams-r-tulip\">Tulip</option>"))
            let token = try Self.formToken(page)

            for (code, message) in [("nonsense", "is not a pairing code"), ("ABCD-EFGH", "no device is waiting with the code ABCD-EFGH"),
                                    (stale.userCode, "no device is waiting with the code \(stale.userCode)")] {
                try await client.execute(uri: "/pair?code=\(code)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(Self.text(response).contains(message), "\(code)")
                }
                try await client.execute(uri: "/pair", method: .post, headers: Self.formHeaders + [.cookie: cookie],
                                         body: Self.form(["code": code, "space": "ams-r-tulip", "token": token])) { response in
                    #expect(Self.text(response).contains("Not approved: "), "\(code)")
                }
            }
            try await client.execute(uri: "/pair", method: .post, headers: Self.formHeaders + [.cookie: cookie],
                                     body: Self.form(["code": enrolment.userCode, "space": "ams-r-tulip", "token": "forged"])) {
                #expect($0.status == .forbidden)
            }
            #expect(try await platform.store.devices.poll(deviceCode: enrolment.deviceCode, at: clock.now) == .pending)

            clock.advance(3)
            try await client.execute(uri: "/pair", method: .post, headers: Self.formHeaders + [.cookie: cookie],
                                     body: Self.form(["code": enrolment.userCode, "space": "ams-r-tulip", "token": token])) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("Approved: panel \(enrolment.deviceId) serves Tulip (Amsterdam Zuidas)"))
            }
        }
        guard case .approved(let deviceId, _, let spaceId) = try await platform.store.devices.poll(deviceCode: enrolment.deviceCode, at: clock.now)
        else { Issue.record("the approved panel got no credential"); return }
        #expect(deviceId == enrolment.deviceId && spaceId == "ams-r-tulip")
    }

    @Test("The devices page: a waiting code, a paired panel with what it shows from its heartbeat, marked offline once it stops calling",
          arguments: StorageKind.available)
    func devicesAndHealth(_ storage: StorageKind) async throws {
        let platform = try await Self.platformWithStaff(storage)
        let clock = TestClock(Self.morning)
        let paired = try await platform.store.devices.startEnrolment(hardware: "Raspberry Pi 5", at: clock.now)
        _ = try await platform.store.devices.approve(code: paired.userCode, spaceId: "ams-r-tulip", at: clock.now)
        _ = try await platform.store.devices.poll(deviceCode: paired.deviceCode, at: clock.now)
        try await platform.store.devices.recordHeartbeat(
            paired.deviceId, Data(#"{"agentVersion":"1.2.3","showing":"in use","outboxDepth":4,"clock":"trusted"}"#.utf8), at: clock.now)
        let waiting = try await platform.store.devices.startEnrolment(hardware: "Pi in a box", at: clock.now)
        try await app(platform, clock: clock).test(.live) { client in
            let cookie = try #require(try await Self.signIn(client))
            let page = try await client.execute(uri: "/devices", method: .get, headers: [.cookie: cookie]) { Self.text($0) }
            #expect(page.contains("<td class=\"code\">\(waiting.userCode)</td>"))
            #expect(page.contains("href=\"/pair?code=\(waiting.userCode)\""))
            #expect(page.contains("data-device=\"\(paired.deviceId)\" data-state=\"active\""))
            #expect(page.contains("shows in use") && page.contains("4 events queued") && page.contains("lintel 1.2.3"))
            #expect(page.contains("href=\"/spaces/ams-r-tulip/bookings\">Tulip</a>"))

            clock.advance(600)
            let later = try await client.execute(uri: "/devices", method: .get, headers: [.cookie: cookie]) { Self.text($0) }
            #expect(later.contains("data-device=\"\(paired.deviceId)\" data-state=\"offline\""))
            #expect(later.contains("seen 10 min ago"))

            let token = try Self.formToken(later)
            try await client.execute(uri: "/devices/\(paired.deviceId)/revoke", method: .post, headers: Self.formHeaders + [.cookie: cookie],
                                     body: Self.form(["token": token])) { #expect(Self.text($0).contains("Revoked \(paired.deviceId)")) }
        }
        #expect(try await platform.store.devices.devices().first { $0.id == paired.deviceId }?.state == "revoked")
    }

    @Test("A space's bookings in its location's time: \"bk-tulip-planning\" 08:00Z shows as Mon 23 Nov 09:00–10:00 (Amsterdam)",
          arguments: StorageKind.available)
    func bookingsInLocalTime(_ storage: StorageKind) async throws {
        let platform = try await Self.platformWithStaff(storage)
        try await app(platform, clock: TestClock(Self.morning)).test(.live) { client in
            let cookie = try #require(try await Self.signIn(client))
            let page = try await client.execute(uri: "/spaces/ams-r-tulip/bookings", method: .get, headers: [.cookie: cookie]) { Self.text($0) }
            #expect(page.contains("data-booking=\"bk-tulip-planning\"><td>Mon 23 Nov 09:00–10:00</td>"))
            #expect(page.contains("times in Europe/Amsterdam"))
            try await client.execute(uri: "/spaces/nowhere/bookings", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .notFound) }
        }
    }

    @Test("Staff accounts: a bad name or a short password is refused, a password is never stored", arguments: StorageKind.available)
    func staffAccounts(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        await #expect(throws: StaffRegistry.StaffError.badName("no spaces")) {
            try await platform.store.staff.set(name: "no spaces", password: "long enough password", at: Date())
        }
        await #expect(throws: StaffRegistry.StaffError.shortPassword) {
            try await platform.store.staff.set(name: "tess", password: "short", at: Date())
        }
        try await platform.store.staff.set(name: "tess", password: "long enough password", at: Date())
        #expect(try await platform.store.staff.names() == ["tess"])
        #expect(try await platform.store.staff.verify(name: "tess", password: "long enough password"))
        #expect(try await !platform.store.staff.verify(name: "tess", password: "long enough passworD"))
        let stored = try await platform.store.database.read { tx in try tx.rows("SELECT passwordHash FROM staff").map { try $0.string(0) } }
        #expect(stored.count == 1 && !stored[0].contains("long enough") && stored[0].hasPrefix("$2"))
        try await platform.store.staff.remove(name: "tess")
        await #expect(throws: StaffRegistry.StaffError.noSuchStaff("tess")) { try await platform.store.staff.remove(name: "tess") }
    }
}
