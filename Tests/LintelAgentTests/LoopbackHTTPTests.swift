import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LintelAgent
import LintelAgentHTTP
import LintelTestKit
import Logging
import Testing

/// The agent's HTTP service on a real loopback socket.
@Suite("Loopback HTTP: metrics and the virtual panel")
struct LoopbackHTTPTests {
    private func request(_ method: String, _ url: URL) async throws -> (Int, Data, String?) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return (http.statusCode, data, http.value(forHTTPHeaderField: "Content-Type"))
    }

    @Test("Metrics in Prometheus text; the page, frame and state; inputs reach the panel's inbox; unknown buttons are refused by name")
    func roundTrip() async throws {
        let inbox = AgentInbox()
        let metrics = AgentMetrics()
        let panel = VirtualPanel(width: 64, height: 32)
        try panel.present(.init(width: 64, height: 32, fill: .white), damage: [])
        panel.describe(status: "free", notice: nil)
        let service = LoopbackHTTPService(host: "127.0.0.1", port: 0, routes: AgentRoutes(metrics: metrics, panel: panel, inbox: inbox),
                                          logger: Logger(label: "test"))
        let running = Task { try await service.run() }
        defer { running.cancel() }
        var port: Int?
        for _ in 0..<200 where port == nil {
            port = service.boundPort
            try await Task.sleep(for: .milliseconds(10))
        }
        let base = URL(string: "http://127.0.0.1:\(try #require(port))")!

        metrics.decided(.checkIn, .deny(.badgeRequired))
        let (status, body, type) = try await request("GET", base.appendingPathComponent("metrics"))
        #expect(status == 200 && type?.hasPrefix("text/plain") == true)
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains(#"lintel_denials_total{reason="badge_required"} 1"#))
        #expect(text.contains(#"lintel_decisions_total{action="checkin",outcome="denied"} 1"#))

        let (pageStatus, page, _) = try await request("GET", base)
        #expect(pageStatus == 200 && String(decoding: page, as: UTF8.self).contains("press-checkin"))
        let (pngStatus, png, pngType) = try await request("GET", base.appendingPathComponent("frame.png"))
        #expect(pngStatus == 200 && pngType == "image/png" && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let (_, state, _) = try await request("GET", base.appendingPathComponent("state.json"))
        #expect(String(decoding: state, as: UTF8.self) == #"{"status":"free","version":1}"#)

        #expect(try await request("POST", base.appendingPathComponent("press/checkin")).0 == 202)
        #expect(try await request("POST", base.appendingPathComponent("presence/on")).0 == 202)
        #expect(try await request("POST", base.appendingPathComponent("badge/04E1C1EA")).0 == 202)
        let (bad, message, _) = try await request("POST", base.appendingPathComponent("press/doorbell"))
        #expect(bad == 400 && String(decoding: message, as: UTF8.self).contains("doorbell"))
        inbox.finish()
        var received: [AgentEvent] = []
        for await event in inbox.events { received.append(event) }
        #expect(received == [.press(.checkIn, long: false), .presence(true), .badge("04E1C1EA")])
    }

    @Test("Without the virtual panel only /metrics and /healthz answer", arguments: ["/", "/frame.png", "/state.json"])
    func panelOff(_ path: String) {
        let routes = AgentRoutes(metrics: AgentMetrics(), panel: nil, inbox: AgentInbox())
        #expect(routes.respond(method: "GET", uri: path).status == 404)
        #expect(routes.respond(method: "GET", uri: "/healthz").status == 200)
    }
}
