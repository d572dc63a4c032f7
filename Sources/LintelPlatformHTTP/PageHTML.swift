import Foundation
import Hummingbird

/// What the platform's server-rendered pages share: one layout usable at phone size, escaping,
/// form bodies, and times on the clock of the place they are about.
enum PageHTML {
    /// A whole page: `title`, an optional navigation bar (who is signed in), `body` as HTML.
    static func page(_ title: String, staff: String? = nil, formToken: String? = nil, status: HTTPResponse.Status = .ok, _ body: String) -> Response {
        let navigation = staff.map { name in
            """
            <nav><a href="/devices">Devices</a> <a href="/pair">Pair a panel</a>
            <form method="post" action="/signout" class="inline"><input type="hidden" name="token" value="\(escape(formToken ?? ""))">
            <button type="submit" id="signout">Sign out \(escape(name))</button></form></nav>
            """
        } ?? ""
        let html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · lintel-platform</title>
            <style>
            body{font:16px/1.4 system-ui,sans-serif;margin:0 auto;padding:1em;max-width:60em;color:#1b1f24}
            nav{display:flex;flex-wrap:wrap;gap:1em;align-items:center;border-bottom:1px solid #ccd;padding-bottom:.5em;margin-bottom:1em}
            form.inline{display:inline;margin-left:auto}
            label{display:block;margin:.8em 0 .2em}
            input,select,button{font:inherit;padding:.5em;max-width:100%;box-sizing:border-box}
            input[type=text],input[type=password],select{width:100%}
            button{padding:.6em 1.2em;border-radius:6px;border:1px solid #357;background:#246;color:#fff}
            nav button{background:none;color:#246;border:none;padding:0}
            table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4em;border-bottom:1px solid #e3e6ea;vertical-align:top}
            .note{background:#eef6ee;padding:.7em;border-radius:6px}.error{background:#fbeaea;padding:.7em;border-radius:6px}
            .offline{color:#a11;font-weight:600}.muted{color:#667}
            .code{font:600 1.4em ui-monospace,monospace;letter-spacing:.1em}
            @media (max-width:40em){table,tbody,tr,td{display:block;width:auto}tr:first-child{display:none}
            tr{border-bottom:1px solid #ccd;padding:.4em 0}td{border:none;padding:.15em 0;overflow-wrap:anywhere}}
            </style></head><body>\(navigation)<h1>\(escape(title))</h1>
            \(body)
            </body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static func note(_ text: String) -> String { "<p class=\"note\" id=\"note\">\(escape(text))</p>" }
    static func error(_ text: String) -> String { "<p class=\"error\" id=\"error\">\(escape(text))</p>" }

    static func redirect(_ location: String, cookie: String? = nil) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: .seeOther, headers: headers)
    }

    /// A form body (`application/x-www-form-urlencoded`) as its fields.
    static func form(_ data: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: data, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let key = parts.first { fields[key] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }

    static func form(_ request: Request) async throws -> [String: String] {
        form(Data(try await request.body.collect(upTo: 1 << 16).readableBytesView))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A query value, percent-encoded.
    static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }

    /// `instant` on the clock of the IANA zone `zone`, as "Fri 4 Dec 09:30".
    static func localTime(_ instant: Date, zone: String, dayToo: Bool = true) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = dayToo ? "EEE d MMM HH:mm" : "HH:mm"
        return formatter.string(from: instant)
    }

    /// How long ago `instant` was, in words ("12 s ago", "3 min ago", "2 h ago", "4 days ago").
    static func ago(_ instant: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(instant)))
        switch seconds {
        case ..<120: return "\(seconds) s ago"
        case ..<7200: return "\(seconds / 60) min ago"
        case ..<172_800: return "\(seconds / 3600) h ago"
        default: return "\(seconds / 86400) days ago"
        }
    }
}
