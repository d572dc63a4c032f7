import Foundation
import LintelAgent
import Testing

/// What `lintel status` says about provisioning, inputs and the sync, from the agent's live state.
@Suite("Status report: provisioning, inputs and sync as a technician reads them")
struct StatusReportTests {
    static let now = Date(timeIntervalSince1970: 1_795_417_200)

    static func config(sync: Bool) -> AgentConfig {
        var config = AgentConfig(spaceId: "ams-r-tulip", storePath: "/nonexistent/store.sqlite")
        if sync { config.sync = AgentConfig.Sync(platformURL: "https://platform.example", credentialPath: "/nonexistent/credential.json") }
        return config
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var sync: Bool
        var paired: Bool
        var code: String?
        var state: String
        var line: String
        var testDescription: String { state }
    }

    @Test("Provisioning: standalone without sync, unpaired, pairing with the code on the screen, paired as its device", arguments: [
        Case(sync: false, paired: false, code: nil, state: "standalone", line: "provisioning  standalone"),
        Case(sync: true, paired: false, code: nil, state: "unpaired", line: "provisioning  unpaired with https://platform.example"),
        Case(sync: true, paired: false, code: "ABCD-EFGH", state: "pairing",
             line: "provisioning  pairing with https://platform.example, code ABCD-EFGH on the screen"),
        Case(sync: true, paired: true, code: nil, state: "paired", line: "provisioning  paired with https://platform.example as dev-1"),
    ])
    func provisioning(_ c: Case) throws {
        let status = AgentStatus(startedAt: Self.now.addingTimeInterval(-60))
        status.pairing(code: c.code)
        let report = StatusReport.make(
            configPath: "/etc/lintel/agent.yaml", config: Self.config(sync: c.sync), store: nil,
            paired: c.paired ? StatusReport.Pairing(deviceId: "dev-1", spaceId: "ams-r-tulip") : nil, clockSynchronised: true,
            live: status.live, now: Self.now)
        #expect(report.provisioning.state == c.state)
        #expect(report.text(now: Self.now).split(separator: "\n").contains { $0.hasPrefix(c.line) }, "\(report.text(now: Self.now))")
        #expect(try StatusReport.decode(report.json()) == report)
    }

    @Test("The last event per input role, the last sync error and when; a badge is its role and kind, never its number")
    func inputsAndSync() throws {
        let status = AgentStatus(startedAt: Self.now.addingTimeInterval(-600))
        status.input(role: "checkin-button", event: "short-press", at: Self.now.addingTimeInterval(-30))
        status.input(role: "checkin-button", event: "long-press", at: Self.now.addingTimeInterval(-5))
        status.input(role: "badge-reader", event: "badge", at: Self.now.addingTimeInterval(-200))
        status.sync(state: "backing_off")
        status.syncFailed("pull: the platform answered 503 (unavailable)", at: Self.now.addingTimeInterval(-12))
        let report = StatusReport.make(configPath: "agent.yaml", config: Self.config(sync: true), store: nil, paired: nil,
                                       clockSynchronised: false, live: status.live, now: Self.now)
        // Columns are aligned to the longest label: compare with runs of spaces squeezed.
        let text = report.text(now: Self.now).replacing(/\ +/, with: " ")
        #expect(text.contains(" checkin-button long-press 2026-11-23T06:59:55Z (5 s ago)"))
        #expect(text.contains(" badge-reader badge 2026-11-23T06:56:40Z (3 min ago)"))
        #expect(text.contains("last sync error pull: the platform answered 503 (unavailable) (2026-11-23T06:59:48Z (12 s ago))"))
        #expect(text.contains("clock not synchronised"))
        #expect(text.contains("uptime 600 s"))
    }
}
