import ArgumentParser
import AsyncHTTPClient
import Foundation
import LintelAgent
import LintelConfig
import LintelStore
import LintelSync
import LintelSystemClock

/// `lintel status`: what a technician asks first. From the running agent (its loopback API) when
/// it answers, else from the store, the credential file and the configuration.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show provisioning, space, board, display, inputs, clock, cache, outbox, sync and versions.",
        discussion: "Asks the running agent on its loopback address (the configuration's http: section); when it does not answer, reads the store.")

    @OptionGroup var config: AgentConfigOption

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let settings = try config.load()
        let report = try await Self.fromAgent(settings) ?? Self.fromStore(configPath: config.path, settings)
        if json {
            FileHandle.standardOutput.write(try report.json())
            print()
        } else {
            print(report.text(now: Date()), terminator: "")
        }
    }

    /// The running agent's report; nil when none answers on the configured loopback address.
    static func fromAgent(_ settings: AgentConfig) async throws -> StatusReport? {
        guard let http = settings.http else { return nil }
        var request = HTTPClientRequest(url: "http://\(http.host.contains(":") ? "[\(http.host)]" : http.host):\(http.port)/status.json")
        request.method = .GET
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(2))
            guard response.status == .ok else { return nil }
            let body = try await response.body.collect(upTo: 1 << 20)
            return try StatusReport.decode(Data(body.readableBytesView))
        } catch {
            return nil
        }
    }

    /// The report from the files alone (the agent is not running).
    static func fromStore(configPath: String, _ settings: AgentConfig) throws -> StatusReport {
        let store = FileManager.default.fileExists(atPath: settings.storePath) ? try AuthStore(path: settings.storePath) : nil
        let paired = try settings.sync.flatMap { try CredentialFile(path: $0.credentialPath).read() }
        return StatusReport.make(
            configPath: configPath, config: settings, store: store,
            paired: paired.map { StatusReport.Pairing(deviceId: $0.deviceId, spaceId: $0.spaceId) },
            clockSynchronised: SystemAgentClock(assumeSynchronised: settings.assumeSynchronisedClock).isSynchronised(), live: nil, now: Date())
    }
}
