import Foundation
public import LintelAgent
import LintelInput

/// What the agent answers on loopback: `/metrics` (Prometheus text), `/healthz` and `/status.json` always; with the
/// virtual panel, the page, its live frame and state, and the on-screen inputs, which reach the
/// panel exactly as the board's buttons, PIR sensor and badge reader do.
public struct AgentRoutes: Sendable {
    public let metrics: AgentMetrics
    public let panel: VirtualPanel?
    public let inbox: AgentInbox
    /// The badges the virtual panel offers, read at each request (the store may have synced).
    public let badges: @Sendable () -> [DemoBadge]
    public let title: String
    /// The platform's booking page, linked from the virtual panel (a synced demo).
    public let platformPage: String?
    /// The agent's status report (`lintel status`) as JSON, served at `/status.json`.
    public let status: (@Sendable () -> [UInt8]?)?

    public init(metrics: AgentMetrics, panel: VirtualPanel?, inbox: AgentInbox, badges: @escaping @Sendable () -> [DemoBadge] = { [] }, title: String = "Lintel",
                platformPage: String? = nil, status: (@Sendable () -> [UInt8]?)? = nil) {
        self.status = status
        self.platformPage = platformPage
        self.metrics = metrics
        self.panel = panel
        self.inbox = inbox
        self.badges = badges
        self.title = title
    }

    public func respond(method: String, uri: String) -> HTTPReply {
        let path = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
        let query = uri.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        switch (method, path) {
        case ("GET", "/metrics"):
            return HTTPReply(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics.exposition())
        case ("GET", "/healthz"):
            return .text(200, "ok\n")
        case ("GET", "/status.json"):
            guard let report = status?() else { return .text(503, "no status report\n") }
            return HTTPReply(status: 200, contentType: "application/json", body: report)
        default:
            break
        }
        guard let panel else { return .text(404, "not found: \(path)\n") }
        let parts = path.split(separator: "/").map(String.init)
        switch (method, parts.first ?? "", parts.count) {
        case ("GET", "", 0):
            return HTTPReply(status: 200, contentType: "text/html; charset=utf-8", body: Array(VirtualPanelPage.html(title: title, width: panel.width, height: panel.height, platformPage: platformPage).utf8))
        case ("GET", "frame.png", 1):
            do {
                guard let png = try panel.png() else { return .text(503, "no frame yet\n") }
                return HTTPReply(status: 200, contentType: "image/png", body: png.bytes)
            } catch {
                return .text(500, "\(error)\n")
            }
        case ("GET", "state.json", 1):
            let state = panel.snapshot
            return .json(200, PanelState(version: state.version, status: state.status, notice: state.notice))
        case ("GET", "badges.json", 1):
            return .json(200, badges())
        case ("POST", "press", 2):
            guard let role = ButtonRole(rawValue: parts[1]) else {
                return .text(400, "unknown button \"\(parts[1])\"; expected one of \(ButtonRole.allCases.map(\.rawValue).joined(separator: ", "))\n")
            }
            inbox.send(.press(role, long: query.contains("long=1")))
            return .json(202, Queued(queued: "press \(role.rawValue)"))
        case ("POST", "presence", 2):
            guard ["on", "off"].contains(parts[1]) else { return .text(400, "expected /presence/on or /presence/off\n") }
            inbox.send(.presence(parts[1] == "on"))
            return .json(202, Queued(queued: "presence \(parts[1])"))
        case ("POST", "badge", 2):
            let uid = parts[1].removingPercentEncoding ?? parts[1]
            guard !uid.isEmpty, uid.count <= 64 else { return .text(400, "expected /badge/UID\n") }
            inbox.send(.badge(uid))
            return .json(202, Queued(queued: "badge"))
        default:
            return .text(404, "not found: \(method) \(path)\n")
        }
    }

    struct PanelState: Encodable {
        var version: Int
        var status: String
        var notice: String?
    }

    struct Queued: Encodable {
        var queued: String
    }
}
