import ArgumentParser
import Foundation
import LintelAgent
import LintelConfig
import LintelStore
import LintelSync

/// `lintel deprovision`: the panel leaves its platform. The platform is told when it can be
/// reached (the credential stops working there); the credential and the cache are wiped. Events
/// not yet pushed are kept unless they are explicitly discarded.
struct DeprovisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deprovision",
        abstract: "Wipe the credential and the cache, telling the platform when it can be reached. Stop the agent first.")

    @OptionGroup var config: AgentConfigOption

    @Flag(help: "Wipe the cache even though events in its outbox never reached the platform.")
    var discardEvents = false

    func run() async throws {
        let settings = try config.load()
        if try await StatusCommand.fromAgent(settings) != nil {
            throw InputError("the agent is running: stop it first (`systemctl stop lintel`), then deprovision")
        }
        let store = settings.storePath
        if FileManager.default.fileExists(atPath: store) {
            let depth = try AuthStore(path: store).outboxDepth()
            if depth > 0, !discardEvents {
                throw InputError("\(depth) event\(depth == 1 ? "" : "s") in \(store) never reached the platform: run the agent until `lintel status` says 0, or deprovision --discard-events")
            }
        }
        if let sync = settings.sync {
            let credentials = CredentialFile(path: sync.credentialPath)
            if let credential = try? credentials.read() {
                do {
                    let client = try HTTPPlatformClient(baseURL: sync.platformURL, caBundle: sync.caBundle)
                    try await client.retire(credential: credential.credential)
                    await client.shutdown()
                    print("the platform at \(sync.platformURL) retired \(credential.deviceId)")
                } catch {
                    print("the platform could not be told (\(error)): revoke \(credential.deviceId) there (the devices page, or `lintel-platform devices revoke`)")
                }
            }
            try credentials.remove()
            print("removed the credential \(sync.credentialPath)")
        }
        for file in [store, store + "-wal", store + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
        }
        print("removed the cache \(store); at its next start the agent shows a pairing code")
    }
}
