import Foundation
import LintelStore
import LintelTestKit
import Testing

/// `lintel provision` and `lintel deprovision` against a real platform on loopback, with no agent
/// running: the command pairs itself and leaves the credential where the agent reads it.
@Suite("lintel provision and deprovision: pair from the shell, leave the platform cleanly")
struct ProvisionCommandTests {
    static func config(_ scratch: Scratch) throws -> String {
        let path = scratch.path("agent.yaml")
        try """
            # The agent's configuration (this comment stays).
            space: ams-r-tulip
            store: \(scratch.path("store.sqlite"))
            display:
              output: none
            http:
              listen: 127.0.0.1:\(Int.random(in: 20_000...40_000))
            sync:
              platform: http://127.0.0.1:9
              credential: \(scratch.path("credential.json"))

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `lintel provision` while approving the code it prints, as a technician would on the platform.
    static func provision(_ config: String, platform: PlatformProcess, space: String) async throws -> LintelProcess.Result {
        let process = try LintelProcess.start(["provision", "--config", config, "--platform", platform.url, "--timeout", "60"])
        var approved = false
        for _ in 0..<100 where !approved {
            try await Task.sleep(for: .milliseconds(200))
            if let pending = try platform.devices().first(where: { $0.count > 2 && $0[1] == "pending" }) {
                #expect(try platform.command(["devices", "approve", pending[2], "--space", space]).status == 0)
                approved = true
            }
        }
        #expect(approved, "provision asked the platform for a code")
        let out = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let err = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return LintelProcess.Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    @Test("Provision: the platform set in the configuration (its comments kept), a code to approve, the credential 0600 where the agent reads it; deprovision: the platform told, credential and cache gone")
    func provisionThenDeprovision() async throws {
        let scratch = try Scratch()
        let platform = try await PlatformProcess(in: scratch)
        let config = try Self.config(scratch)

        let result = try await Self.provision(config, platform: platform, space: "ams-r-tulip")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Approve this panel on the platform: code ") && result.stdout.contains("\(platform.url)/pair?code="))
        #expect(result.stdout.contains("paired as dev-"))
        let text = try String(contentsOfFile: config, encoding: .utf8)
        #expect(text.contains("# The agent's configuration (this comment stays).") && text.contains("  platform: \(platform.url)\n"))
        #expect(!text.contains("127.0.0.1:9\n"))
        let credential = scratch.path("credential.json")
        #expect((try FileManager.default.attributesOfItem(atPath: credential)[.posixPermissions] as? Int) == 0o600)
        let device = try #require(try platform.devices().first { $0[1] == "active" })
        #expect(device[3] == "ams-r-tulip")

        let status = try LintelProcess.run(["status", "--config", config])
        #expect(status.stdout.contains("paired with \(platform.url) as \(device[0])"), "\(status.stdout)")
        let again = try LintelProcess.run(["provision", "--config", config, "--platform", platform.url])
        #expect(again.status == 0 && again.stdout.contains("already paired as \(device[0])"))
        let elsewhere = try LintelProcess.run(["provision", "--config", config, "--platform", "http://localhost:\(platform.port)"])
        #expect(elsewhere.status == 2 && elsewhere.stderr.contains("run `lintel deprovision` first"))

        // Events that never reached the platform keep the cache unless they are discarded.
        let store = scratch.path("store.sqlite")
        #expect(try LintelProcess.run(["store", "import", "--store", store, ProjectFiles.demoWorld.path]).status == 0)
        #expect(try LintelProcess.run(["act", "--store", store, "--actor", "u-bram", "--action", "book", "--resource", "ams-r-tulip", "--at", "2026-11-23T10:00:00Z", "--end", "2026-11-23T10:30:00Z"]).status == 0)
        let refused = try LintelProcess.run(["deprovision", "--config", config])
        #expect(refused.status == 2 && refused.stderr.contains("never reached the platform"), "\(refused.stderr)")
        #expect(FileManager.default.fileExists(atPath: credential))

        let gone = try LintelProcess.run(["deprovision", "--config", config, "--discard-events"])
        #expect(gone.status == 0, "\(gone.stderr)")
        #expect(gone.stdout.contains("the platform at \(platform.url) retired \(device[0])"))
        #expect(!FileManager.default.fileExists(atPath: credential) && !FileManager.default.fileExists(atPath: store))
        #expect(try platform.devices().first { $0[0] == device[0] }?[1] == "revoked")
    }

    @Test("A platform that cannot be reached, or a board file that does not fit this board, is a clear error and changes nothing")
    func refusals() async throws {
        let scratch = try Scratch()
        let config = try Self.config(scratch)
        let before = try String(contentsOfFile: config, encoding: .utf8)
        let unreachable = try LintelProcess.run(["provision", "--config", config, "--platform", "http://127.0.0.1:9"])
        #expect(unreachable.status == 2 && unreachable.stderr.contains("http://127.0.0.1:9 cannot be reached"))
        let platform = try await PlatformProcess(in: scratch)
        let board = try LintelProcess.run(["provision", "--config", config, "--platform", platform.url,
                                           "--board", ProjectFiles.url("board-configs/raspberry-pi-5.yaml").path])
        #expect(board.status == 2 && board.stderr.contains("does not match this board: no GPIO chip pinctrl-rp1"), "\(board.stderr)")
        #expect(try String(contentsOfFile: config, encoding: .utf8) == before)
        #expect(try platform.devices().isEmpty)
    }
}
