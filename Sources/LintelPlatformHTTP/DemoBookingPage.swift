import Foundation
import Hummingbird
import LintelPlatformStore
import LintelPolicy
import LintelWire

/// `make demo`'s way to make a booking on the platform from a browser: a page with the world's
/// spaces and people and a form that books from a few minutes from now, decided by the same rules
/// as every platform booking, which the panels of its location get at once. Served only when
/// `serve --demo-page` asks for it, on loopback, without the admin token.
struct DemoBookingPage: Sendable {
    let store: PlatformStore
    let now: @Sendable () -> Date

    func add(to router: Router<PlatformRequestContext>) {
        router.get("/demo") { request, _ in
            try await page(space: request.uri.queryParameters.get("space"), message: nil)
        }
        router.post("/demo/bookings") { request, _ in
            let form = try await PageHTML.form(request)
            let space = form["space"] ?? ""
            let minutesFromNow = Int(form["in"] ?? "") ?? 5
            let length = max(5, min(480, Int(form["minutes"] ?? "") ?? 30))
            let owner = form["owner"].flatMap { $0.isEmpty ? nil : $0 }
            let instant = now()
            // From the next whole minute on, as a person at a booking screen would pick it.
            let first = (instant.timeIntervalSince1970 / 60).rounded(.up) * 60 + Double(max(0, minutesFromNow)) * 60
            let start = Date(timeIntervalSince1970: first), end = start.addingTimeInterval(Double(length) * 60)
            let message: String
            do {
                let booking = try await store.bookings.add(spaceId: space, ownerId: owner, start: start, end: end,
                                                            title: form["title"].flatMap { $0.isEmpty ? nil : $0 }, at: instant)
                message = "Booked \(booking.id): \(ISO8601.format(booking.start)) – \(ISO8601.format(booking.end)). The panel shows it within a second."
            } catch {
                message = "Not booked: \(error)"
            }
            return try await page(space: space, message: message)
        }
    }

    private func page(space: String?, message: String?) async throws -> Response {
        let world = try SnapshotCoding.decode(try await store.world(at: now()))
        let chosen = space ?? world.spaces.first?.id ?? ""
        let spaces = world.spaces.map { "<option value=\"\(PageHTML.escape($0.id))\"\($0.id == chosen ? " selected" : "")>\(PageHTML.escape($0.name)) (\(PageHTML.escape($0.id)))</option>" }
        let people = ["<option value=\"\">nobody (walk-up)</option>"] + world.users.map { "<option value=\"\(PageHTML.escape($0.id))\">\(PageHTML.escape($0.name))</option>" }
        let bookings = try await store.bookings.list(spaceId: chosen)
            .filter { $0.end > now().addingTimeInterval(-3600) && $0.status != .cancelled }
            .sorted { $0.start < $1.start }
            .prefix(12)
            .map { "<li>\(ISO8601.format($0.start)) – \(ISO8601.format($0.end)) \(PageHTML.escape($0.title ?? "")) <small>\(PageHTML.escape($0.id)) · \($0.checkIn.rawValue)</small></li>" }
        let html = """
            <!doctype html><html><head><meta charset="utf-8"><title>lintel-platform · book</title>
            <style>body{font:16px system-ui,sans-serif;margin:2em;max-width:44em}label{display:block;margin:.6em 0}
            .note{background:#eef6ee;padding:.6em;border-radius:6px}</style></head><body>
            <h1>Book on the platform</h1>
            \(message.map { "<p class=\"note\">\(PageHTML.escape($0))</p>" } ?? "")
            <form method="post" action="/demo/bookings">
            <label>Space <select name="space">\(spaces.joined())</select></label>
            <label>For <select name="owner">\(people.joined())</select></label>
            <label>Starting in <input name="in" type="number" value="55" min="0" max="1440"> minutes (the demo room has a stand-up first)</label>
            <label>For <input name="minutes" type="number" value="30" min="5" max="480"> minutes</label>
            <label>Title <input name="title" value="Booked on the platform" maxlength="200"></label>
            <button type="submit">Book</button></form>
            <h2>Bookings of \(PageHTML.escape(chosen))</h2><ul>\(bookings.joined())</ul>
            </body></html>
            """
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
