import Foundation
import Hummingbird
import LintelPlatformCore
import LintelPlatformStore
import LintelPolicy
import LintelWire

/// The platform's pages for staff, signed in with a name and password (`lintel-platform staff
/// set`): the devices and their health, approving a panel's pairing code for a space (the page
/// the pairing QR code opens), and a space's bookings. Server-rendered, usable on a phone.
struct StaffPages: Sendable {
    let store: PlatformStore
    let keys: StaffSession.Keys
    /// Whether the platform is reached over HTTPS (the session cookie is then marked Secure).
    let secure: Bool
    let now: @Sendable () -> Date

    /// A device not heard from for this long is shown as offline (its heartbeat comes every minute).
    static let offlineAfter: TimeInterval = 150

    func add(to router: Router<PlatformRequestContext>) {
        router.get("/") { _, _ in PageHTML.redirect("/devices") }
        router.get("/signin") { request, _ in signInPage(next: Self.safeNext(request.uri.queryParameters.get("next")), message: nil) }
        router.post("/signin") { request, _ in try await signIn(request) }
        router.post("/signout") { request, _ in
            let form = try await PageHTML.form(request)
            if let session = session(request), form["token"] != session.formToken(keys) { return forbidden() }
            return PageHTML.redirect("/signin", cookie: "\(StaffSession.cookieName)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
        }
        router.get("/pair") { request, _ in
            guard let session = session(request) else { return signInFirst(request) }
            return try await pairPage(session, code: request.uri.queryParameters.get("code"), outcome: nil)
        }
        router.post("/pair") { request, _ in
            guard let session = session(request) else { return signInFirst(request) }
            let form = try await PageHTML.form(request)
            guard form["token"] == session.formToken(keys) else { return forbidden() }
            return try await approve(session, code: form["code"] ?? "", spaceId: form["space"] ?? "")
        }
        router.get("/devices") { request, _ in
            guard let session = session(request) else { return signInFirst(request) }
            return try await devicesPage(session, message: nil)
        }
        router.post("/devices/:deviceId/revoke") { request, context in
            guard let session = session(request) else { return signInFirst(request) }
            let form = try await PageHTML.form(request)
            guard form["token"] == session.formToken(keys) else { return forbidden() }
            let id = try context.parameters.require("deviceId")
            let revoked = try await store.devices.revoke(id)
            return try await devicesPage(session, message: revoked ? "Revoked \(id): the panel goes back to its pairing screen." : "No device \(id).")
        }
        router.get("/spaces/:spaceId/bookings") { request, context in
            guard let session = session(request) else { return signInFirst(request) }
            return try await bookingsPage(session, spaceId: try context.parameters.require("spaceId"))
        }
    }

    // MARK: Signing in

    private func session(_ request: Request) -> StaffSession? {
        request.cookies[StaffSession.cookieName].flatMap { StaffSession.verify($0.value, keys: keys, at: now()) }
    }

    private func signInFirst(_ request: Request) -> Response {
        let target = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        return PageHTML.redirect("/signin?next=" + PageHTML.query(target))
    }

    private func forbidden() -> Response {
        PageHTML.page("Form expired", status: .forbidden, PageHTML.error("This form was not sent from this platform's page, or your session changed: go back, reload it and try again."))
    }

    /// Only a path on this platform (never another site's address) is followed after signing in.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/devices" }
        return next
    }

    private func signInPage(next: String, message: String?, status: HTTPResponse.Status = .ok) -> Response {
        PageHTML.page("Sign in", status: status, """
            \(message.map(PageHTML.error) ?? "")
            <form method="post" action="/signin">
            <input type="hidden" name="next" value="\(PageHTML.escape(next))">
            <label for="name">Name</label><input type="text" id="name" name="name" autocomplete="username" autocapitalize="none" required>
            <label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
            <p><button type="submit" id="signin">Sign in</button></p></form>
            <p class="muted">Staff accounts are made on the platform's server: <code>lintel-platform staff set NAME</code>.</p>
            """)
    }

    private func signIn(_ request: Request) async throws -> Response {
        let form = try await PageHTML.form(request)
        let next = Self.safeNext(form["next"])
        let name = form["name"] ?? ""
        guard try await store.staff.verify(name: name, password: form["password"] ?? "") else {
            return signInPage(next: next, message: "Wrong name or password.", status: .unauthorized)
        }
        let session = StaffSession(name: name, expires: now().addingTimeInterval(StaffSession.lifetime))
        let cookie = "\(StaffSession.cookieName)=\(session.value(keys)); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(Int(StaffSession.lifetime))"
            + (secure ? "; Secure" : "")
        return PageHTML.redirect(next, cookie: cookie)
    }

    // MARK: Pairing

    private func pairPage(_ session: StaffSession, code: String?, outcome: String?) async throws -> Response {
        var body = outcome ?? ""
        var waiting: DeviceRegistry.Device?
        if let code, !code.isEmpty {
            do {
                waiting = try await store.devices.waiting(code: code, at: now())
                if waiting == nil { body += PageHTML.error(DeviceRegistry.ApprovalError.noSuchCode(PairingCode.normalised(code) ?? code).description) }
            } catch let error as DeviceRegistry.ApprovalError {
                body += PageHTML.error(error.description)
            }
        }
        let places = try await store.places()
        var groups: [String] = []
        for location in places.locations.sorted(by: { $0.name < $1.name }) {
            let options = places.entries.filter { $0.location.id == location.id }.map {
                "<option value=\"\(PageHTML.escape($0.space.id))\">\(PageHTML.escape($0.space.name))</option>"
            }
            if !options.isEmpty { groups.append("<optgroup label=\"\(PageHTML.escape(location.name))\">\(options.joined())</optgroup>") }
        }
        if let waiting {
            body += """
                <p>A panel is waiting with this code: <span class="muted">\(PageHTML.escape(waiting.hardware))</span>. Pick the space it serves.</p>
                """
        }
        body += """
            <form method="post" action="/pair">
            <input type="hidden" name="token" value="\(session.formToken(keys))">
            <label for="code">The code on the panel</label>
            <input type="text" id="code" name="code" class="code" value="\(PageHTML.escape(code ?? ""))" placeholder="XXXX-XXXX" autocapitalize="characters" required>
            <label for="space">The space this panel serves</label>
            <select id="space" name="space" required>\(groups.joined())</select>
            <p><button type="submit" id="approve">Approve</button></p></form>
            """
        return PageHTML.page("Pair a panel", staff: session.name, formToken: session.formToken(keys), body)
    }

    private func approve(_ session: StaffSession, code: String, spaceId: String) async throws -> Response {
        do {
            let device = try await store.devices.approve(code: code, spaceId: spaceId, at: now())
            let place = try await store.places().entry(spaceId)
            let name = place.map { "\($0.space.name) (\($0.location.name))" } ?? spaceId
            let body = PageHTML.note("Approved: panel \(device.id) serves \(name). It gets its credential at its next poll and shows the room within seconds.")
                + "<p><a href=\"/devices\">See the devices</a> · <a href=\"/pair\">Pair another panel</a></p>"
            return PageHTML.page("Panel approved", staff: session.name, formToken: session.formToken(keys), body)
        } catch let error as DeviceRegistry.ApprovalError {
            return try await pairPage(session, code: code, outcome: PageHTML.error("Not approved: \(error)"))
        }
    }

    // MARK: Devices and bookings

    private func devicesPage(_ session: StaffSession, message: String?) async throws -> Response {
        let instant = now()
        let devices = try await store.devices.devices()
        let places = try await store.places()
        let token = session.formToken(keys)
        let pending = devices.filter { $0.state == "pending" }.map { device in
            """
            <tr class="pending"><td class="code">\(PageHTML.escape(device.userCode))</td><td>\(PageHTML.escape(device.hardware))</td>
            <td><a href="/pair?code=\(PageHTML.query(device.userCode))">Approve…</a></td></tr>
            """
        }
        let serving = devices.filter { $0.state != "pending" }.map { device -> String in
            let beat = device.heartbeat.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
            let place = device.spaceId.flatMap(places.entry)
            let offline = device.state == "active" && (device.lastSeenAt.map { instant.timeIntervalSince($0) > Self.offlineAfter } ?? true)
            let seen = device.lastSeenAt.map { PageHTML.ago($0, now: instant) } ?? "never"
            let space = device.spaceId.map { id in
                "<a href=\"/spaces/\(PageHTML.query(id))/bookings\">\(PageHTML.escape(place?.space.name ?? id))</a>"
                    + (place.map { " <span class=\"muted\">\(PageHTML.escape($0.location.name))</span>" } ?? "")
            } ?? "—"
            var health: [String] = []
            if let showing = beat["showing"] as? String { health.append("shows \(PageHTML.escape(showing))") }
            if let clock = beat["clock"] as? String { health.append("clock \(PageHTML.escape(clock))") }
            if let age = beat["cacheAgeSeconds"] as? Int { health.append("data \(age) s old") }
            if let depth = beat["outboxDepth"] as? Int { health.append("\(depth) events queued") }
            if let version = beat["agentVersion"] as? String { health.append("lintel \(PageHTML.escape(version))") }
            let state = offline ? "<span class=\"offline\">offline</span>" : PageHTML.escape(device.state)
            let revoke = device.state == "revoked" ? "" : """
                <form method="post" action="/devices/\(PageHTML.query(device.id))/revoke"><input type="hidden" name="token" value="\(token)">
                <button type="submit">Revoke</button></form>
                """
            return """
                <tr class="device" data-device="\(PageHTML.escape(device.id))" data-state="\(offline ? "offline" : PageHTML.escape(device.state))">
                <td>\(PageHTML.escape(device.id))<br><span class="muted">\(PageHTML.escape(device.hardware))</span></td><td>\(space)</td>
                <td>\(state)<br><span class="muted">seen \(seen)</span></td><td class="health">\(health.joined(separator: " · "))</td><td>\(revoke)</td></tr>
                """
        }
        let body = (message.map(PageHTML.note) ?? "")
            + "<h2>Waiting for approval</h2>"
            + (pending.isEmpty ? "<p class=\"muted\">No panel is waiting. A panel waiting to be paired shows a code and a QR code.</p>"
                : "<table id=\"pending\"><tr><th>Code</th><th>Hardware</th><th></th></tr>\(pending.joined())</table>")
            + "<h2>Panels</h2>"
            + (serving.isEmpty ? "<p class=\"muted\">No panel is paired yet.</p>"
                : "<table id=\"devices\"><tr><th>Panel</th><th>Space</th><th>State</th><th>Health</th><th></th></tr>\(serving.joined())</table>")
        return PageHTML.page("Devices", staff: session.name, formToken: token, body)
    }

    private func bookingsPage(_ session: StaffSession, spaceId: String) async throws -> Response {
        let instant = now()
        guard let place = try await store.places().entry(spaceId) else {
            return PageHTML.page("No such space", staff: session.name, formToken: session.formToken(keys), status: .notFound,
                                 PageHTML.error("There is no space \(spaceId) in the world."))
        }
        let zone = place.location.timeZone
        let rows = try await store.bookings.list(spaceId: spaceId)
            .filter { $0.end > instant.addingTimeInterval(-12 * 3600) }
            .prefix(200)
            .map { booking in
                """
                <tr class="booking" data-booking="\(PageHTML.escape(booking.id))"><td>\(PageHTML.localTime(booking.start, zone: zone))–\(PageHTML.localTime(booking.end, zone: zone, dayToo: false))</td>
                <td>\(PageHTML.escape(booking.title ?? ""))</td><td>\(PageHTML.escape(booking.ownerId ?? "walk-up"))</td>
                <td>\(booking.status.rawValue)</td><td>\(booking.checkIn.rawValue)</td></tr>
                """
            }
        let body = "<p>\(PageHTML.escape(place.location.name)) · times in \(PageHTML.escape(zone))</p>"
            + (rows.isEmpty ? "<p class=\"muted\">No bookings from the last 12 hours on.</p>"
                : "<table id=\"bookings\"><tr><th>When</th><th>Title</th><th>Owner</th><th>Status</th><th>Check-in</th></tr>\(rows.joined())</table>")
        return PageHTML.page(place.space.name, staff: session.name, formToken: session.formToken(keys), body)
    }
}
