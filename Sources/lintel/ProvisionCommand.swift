import ArgumentParser
import Foundation
import LintelAgent
import LintelConfig
import LintelDisplay
import LintelInput
import LintelInputGPIOD
import LintelSync

/// `lintel provision`: points the agent at its platform (and board file) and pairs it. With the
/// agent running, it is restarted and its pairing followed; without, this command pairs itself
/// and leaves the credential where the agent reads it.
struct ProvisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provision",
        abstract: "Set the platform (and board file) in the configuration and pair with it: a code to approve on the platform.",
        discussion: "Approve the code on the platform's /pair page (or `lintel-platform devices approve CODE --space ID`).")

    @OptionGroup var config: AgentConfigOption

    @Option(help: "The platform's address: https://… (http:// on loopback only).")
    var platform: String

    @Option(help: "The board file for this board (e.g. /usr/share/lintel/boards/raspberry-pi-5.yaml).")
    var board: String?

    @Option(help: "Extra trusted roots (PEM) for the platform's certificate.")
    var caBundle: String?

    @Flag(help: "Only write the configuration; pair later (the agent shows its code).")
    var noWait = false

    @Option(help: "Give up waiting for the approval after this many seconds.")
    var timeout = 600.0

    func run() async throws {
        let old = try config.load()
        var url = platform
        while url.hasSuffix("/") { url.removeLast() }
        let client: HTTPPlatformClient
        do {
            client = try HTTPPlatformClient(baseURL: url, caBundle: caBundle ?? old.sync?.caBundle)
            try await client.checkHealth()
        } catch {
            throw InputError("\(url) cannot be reached: \(error) — provisioning needs the platform (`lintel doctor` says more)")
        }
        defer { Task { await client.shutdown() } }
        if let board { try Self.checkBoard(board) }
        if let current = old.sync, let paired = try CredentialFile(path: current.credentialPath).read(), current.platformURL != url {
            throw InputError("this panel is paired with \(current.platformURL) as \(paired.deviceId): run `lintel deprovision` first")
        }

        // The new configuration, checked before it replaces the old one.
        let text = try ConfigReader.text(ofFile: config.path)
        let edited = AgentConfigEditor.provisioning(text, platform: url, board: board, caBundle: caBundle)
        let settings: AgentConfig
        do {
            settings = try AgentConfigLoader.parse(edited, file: config.path)
        } catch {
            throw InputError("the provisioned configuration would not load: \(error)")
        }
        try Self.replace(config.path, with: edited)
        let credentials = CredentialFile(path: settings.sync?.credentialPath ?? "/var/lib/lintel/credential.json")
        print("\(config.path): platform \(url)\(board.map { ", board \($0)" } ?? "")")
        if let paired = try credentials.read() {
            print("already paired as \(paired.deviceId) for \(paired.spaceId)")
            return
        }
        if noWait {
            print("not waiting: the agent shows the pairing code once it runs")
            return
        }
        let running = try await StatusCommand.fromAgent(old) != nil
        if running {
            try await followAgent(settings, restart: Self.systemdManagesAgent())
        } else {
            try await pairHere(client, settings: settings, credentials: credentials)
        }
    }

    static func checkBoard(_ path: String) throws {
        let board: BoardConfig
        do {
            board = try BoardConfigLoader.load(file: path)
        } catch {
            throw InputError(error.description)
        }
        let outcome = BoardHardwareCheck.check(board)
        guard outcome.problems.isEmpty else {
            throw InputError("\(path) does not match this board: " + outcome.problems.joined(separator: "; "))
        }
    }

    /// Writes `text` over `path` whole (a temporary file renamed over it), keeping its mode.
    static func replace(_ path: String, with text: String) throws {
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0o644
        let temporary = path + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: mode]),
              rename(temporary, path) == 0
        else { throw InputError("\(path): cannot be written (errno \(errno))") }
    }

    static func systemdManagesAgent() -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/systemctl")
        process.arguments = ["is-active", "--quiet", "lintel"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// The agent pairs: restart it (under systemd) and show the code it shows until it is paired.
    private func followAgent(_ settings: AgentConfig, restart: Bool) async throws {
        if restart {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/systemctl")
            process.arguments = ["restart", "lintel"]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw InputError("`systemctl restart lintel` failed: see `journalctl -u lintel`") }
        } else {
            print("the agent is running but not under systemd: restart it to use the new configuration")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var shown: String?
        while Date() < deadline {
            if let report = try await StatusCommand.fromAgent(settings) {
                if report.provisioning.state == "paired" {
                    print("paired as \(report.provisioning.deviceId ?? "?"): the panel shows \(report.space)")
                    return
                }
                if let code = report.provisioning.pairingCode, code != shown {
                    shown = code
                    print("the panel shows the code \(code): approve it at \(settings.sync?.platformURL ?? "")/pair?code=\(code)")
                }
            }
            try await Task.sleep(for: .seconds(1))
        }
        throw InputError("not approved within \(Int(timeout)) s: the panel keeps showing a code to approve")
    }

    /// No agent runs: pair from here and leave the credential for it.
    private func pairHere(_ client: HTTPPlatformClient, settings: AgentConfig, credentials: CredentialFile) async throws {
        let hardware = Self.hardwareModel() ?? settings.sync?.hardware ?? "Lintel panel"
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let enrolment = try await client.startEnrolment(hardware: hardware, agentVersion: AgentVersion.current)
            print("Approve this panel on the platform: code \(enrolment.userCode)")
            print("  \(enrolment.verificationUriComplete)")
            if let qr = QRCode(enrolment.verificationUriComplete) { print(Self.terminalQR(qr)) }
            let expires = Date().addingTimeInterval(Double(enrolment.expiresIn))
            while Date() < min(expires, deadline) {
                try await Task.sleep(for: .seconds(max(1, enrolment.interval)))
                do {
                    if let credential = try await client.pollEnrolment(deviceCode: enrolment.deviceCode) {
                        try credentials.write(credential)
                        Self.giveToServiceUser(credentials.path)
                        print("paired as \(credential.deviceId) for \(credential.spaceId); the credential is in \(credentials.path)")
                        print("start the agent: systemctl enable --now lintel")
                        return
                    }
                } catch PlatformFailure.enrolmentEnded(let why) {
                    print("the code ended (\(why)): asking for a new one")
                    break
                }
            }
        }
        throw InputError("not approved within \(Int(timeout)) s")
    }

    /// Run as root on a board, the credential goes to the agent's user (the service runs as lintel).
    static func giveToServiceUser(_ path: String) {
        guard getuid() == 0, let user = getpwnam("lintel") else { return }
        _ = chown(path, user.pointee.pw_uid, user.pointee.pw_gid)
    }

    /// The board's model from the device tree (a Raspberry Pi says which).
    static func hardwareModel() -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/device-tree/model") else { return nil }
        let model = String(decoding: data.prefix { $0 != 0 }, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return model.isEmpty ? nil : model
    }

    /// A QR code for a terminal: two modules a character (half blocks), with its quiet zone.
    static func terminalQR(_ qr: QRCode) -> String {
        let quiet = 2, size = qr.size + 2 * quiet
        func dark(_ x: Int, _ y: Int) -> Bool {
            let (mx, my) = (x - quiet, y - quiet)
            return mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr[mx, my]
        }
        var rows: [String] = []
        for y in stride(from: 0, to: size, by: 2) {
            rows.append(String((0..<size).map { x -> Character in
                switch (dark(x, y), dark(x, y + 1)) {
                case (true, true): " "
                case (true, false): "▄"
                case (false, true): "▀"
                case (false, false): "█"
                }
            }))
        }
        return rows.joined(separator: "\n")
    }
}
