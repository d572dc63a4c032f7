import Foundation
import LintelAgent
import LintelDisplayDRM
import LintelInput
import LintelInputGPIOD
import LintelStore
import LintelSync

/// The checks of `lintel doctor`, each from the configuration and what the system has.
struct DoctorChecks {
    let settings: AgentConfig
    /// The agent's user; nil when it does not exist.
    let user: ServiceUser?
    let certificateDays: Int
    let minimumFreeMiB: Int

    static let udevFix = "install the package's udev rules (/usr/lib/udev/rules.d/60-lintel.rules), then `udevadm control --reload && udevadm trigger`"

    // MARK: Board and device nodes

    /// The board file against the GPIO chip that is there.
    func board(_ board: BoardConfig?) -> [DoctorFinding] {
        guard let board, let path = settings.boardPath else {
            return settings.boardPath == nil ? [.skipped("board file", "none configured (no buttons, sensor or LEDs)")] : []
        }
        let outcome = BoardHardwareCheck.check(board)
        if outcome.problems.isEmpty {
            return [.ok("board file", "\(path): \(board.name), chip \(board.chip) at \(outcome.chipPath ?? "?"), every line found")]
        }
        return outcome.problems.map {
            .failed("board file", "\(path) does not match this board: \($0)",
                    fix: "pick the board file for this board, or correct the chip label or line name in \(path) to one listed")
        }
    }

    /// Every device node the agent opens, there and usable by its user.
    func deviceNodes(board: BoardConfig?) -> [DoctorFinding] {
        var nodes: [(what: String, path: String, write: Bool, fix: String)] = []
        let display = settings.display
        switch display.output {
        case .auto, .drm:
            if let device = display.device ?? DRMConnectorProbe.cards().first {
                nodes.append(("display", device, true, "connect the display and load its KMS driver (on a Pi: dtoverlay=vc4-kms-v3d in config.txt); or set display.device"))
            } else {
                nodes.append(("display", "/dev/dri/card0", true, "connect the display and load its KMS driver (on a Pi: dtoverlay=vc4-kms-v3d in config.txt), or set display.output: fbdev"))
            }
        case .fbdev:
            nodes.append(("display", display.fbdev ?? "/dev/fb0", true, "enable the framebuffer driver, or set display.fbdev to the device there is"))
        case .png, .none:
            break
        }
        if let board {
            if case .path(let chip) = board.chip {
                nodes.append(("GPIO chip", chip, true, "enable the GPIO controller, or name the chip by its label in the board file"))
            } else if let chip = BoardHardwareCheck.check(board).chipPath {
                nodes.append(("GPIO chip", chip, true, "enable the GPIO controller"))
            }
            if let reader = board.badgeReader {
                nodes.append(("badge reader", reader.device, false, "plug the badge reader in, or correct badge-reader.device in \(settings.boardPath ?? "the board file") (ls /dev/input/by-id/)"))
            }
        }
        guard !nodes.isEmpty else { return [.skipped("device nodes", "none used by this configuration")] }
        guard let user else {
            return [.failed("device nodes", "the agent's user does not exist",
                            fix: "install the package (its sysusers file makes the lintel user), or run `systemd-sysusers`")]
        }
        return nodes.map { node in
            guard FileManager.default.fileExists(atPath: node.path) else {
                return .failed("device node", "missing \(node.path) (\(node.what))", fix: node.fix)
            }
            guard user.may(open: node.path, write: node.write) else {
                let group = ServiceUser.group(of: node.path)
                return .failed("device node", "\(user.name) cannot \(node.write ? "read and write" : "read") \(node.path) (\(node.what); \(Self.mode(node.path)), group \(group))",
                               fix: "add \(user.name) to the group \(group) (`usermod -aG \(group) \(user.name)`), or \(Self.udevFix)")
            }
            return .ok("device node", "\(node.path) (\(node.what)) usable by \(user.name)")
        }
    }

    static func mode(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "?" }
        return "mode " + String(info.st_mode & 0o777, radix: 8)
    }

    // MARK: Display

    /// The configured connector and mode on the DRM device.
    func display() -> [DoctorFinding] {
        let display = settings.display
        guard display.output == .auto || display.output == .drm else {
            return [.skipped("display", "output \(display.output.rawValue): no connector to check")]
        }
        guard let device = display.device ?? DRMConnectorProbe.cards().first else { return [] }
        let connectors: [DRMConnectorProbe.Connector]
        do {
            connectors = try DRMConnectorProbe.connectors(device: device)
        } catch {
            return [.failed("display", error.description, fix: "check the display's driver; `lintel display test` shows what the agent sees")]
        }
        let seen = connectors.map { "\($0.name) (\($0.connected ? "connected" : "disconnected"))" }.joined(separator: ", ")
        let chosen = display.connector.map { name in connectors.first { $0.name == name } } ?? connectors.first { $0.connected }
        guard let connector = chosen, connector.connected else {
            let wanted = display.connector.map { "connector \($0)" } ?? "a connected connector"
            return [.failed("display", "\(device): no \(wanted); there are \(seen.isEmpty ? "none" : seen)",
                            fix: "plug the display in (and power it), or set display.connector in the board file to one listed")]
        }
        if let mode = display.mode, !connector.modes.contains(mode) {
            return [.failed("display", "\(device) \(connector.name) has no mode \(mode); it offers \(connector.modes.prefix(8).joined(separator: ", "))",
                            fix: "set display.mode to one it offers, or leave it out for the preferred one")]
        }
        return [.ok("display", "\(device) \(connector.name) connected, mode \(display.mode ?? connector.modes.first ?? "?")")]
    }

    // MARK: Clock, disk, store

    func clock(synchronised: Bool) -> DoctorFinding {
        if synchronised { return .ok("clock", "synchronised") }
        let assumed = settings.assumeSynchronisedClock ? " (the configuration assumes it is: clock.assume-synchronised)" : ""
        return .failed("clock", "not synchronised: bookings made now could land at the wrong time\(assumed)",
                       fix: "let the board reach an NTP server: `timedatectl set-ntp true`, then `timedatectl timesync-status`")
    }

    func disk() -> DoctorFinding {
        var folder = (settings.storePath as NSString).deletingLastPathComponent
        while !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) { folder = (folder as NSString).deletingLastPathComponent }
        if folder.isEmpty { folder = "." }
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return .failed("disk", "cannot read the free space of \(folder)", fix: "check that \(folder) is mounted") }
        let free = Int(info.f_bavail) * Int(info.f_frsize) / (1 << 20)
        guard free >= minimumFreeMiB else {
            return .failed("disk", "\(free) MiB free on \(folder) (the store needs at least \(minimumFreeMiB) MiB)",
                           fix: "free space on \(folder): `journalctl --vacuum-size=50M`, remove old files")
        }
        return .ok("disk", "\(free) MiB free on \(folder)")
    }

    func store() -> DoctorFinding {
        let path = settings.storePath
        guard FileManager.default.fileExists(atPath: path) else {
            return .ok("store", "\(path) not there yet (the agent makes it)")
        }
        if let problem = StoreIntegrity.quickCheck(path: path) {
            return .failed("store", "\(path) is damaged: \(problem)",
                           fix: "stop the agent, keep a copy (`cp \(path) \(path).damaged`), remove the store; the agent fetches its data from the platform again (events not yet pushed are in the copy)")
        }
        return .ok("store", "\(path): quick_check ok")
    }

    // MARK: Platform, certificate, credential

    func platform() async -> [DoctorFinding] {
        guard let sync = settings.sync else { return [.skipped("platform", "no sync configured: the panel runs on its store alone")] }
        var findings: [DoctorFinding] = []
        do {
            let client = try HTTPPlatformClient(baseURL: sync.platformURL, caBundle: sync.caBundle)
            defer { Task { await client.shutdown() } }
            try await client.checkHealth()
            findings.append(.ok("platform", "\(sync.platformURL) answers"))
        } catch {
            let text = "\(error)"
            let certificate = ["certificate", "CERTIFICATE", "handshake", "TLS", "SSL"].contains { text.contains($0) }
            findings.append(certificate
                ? .failed("certificate", "\(sync.platformURL): the certificate is not valid: \(text)",
                          fix: "renew the platform's certificate; for a site's own CA set sync.ca-bundle to its PEM file")
                : .failed("platform", "\(sync.platformURL) cannot be reached: \(text)",
                          fix: "check the network (`ip addr`, `ping`), DNS and firewall, and that lintel-platform runs there"))
        }
        if let url = URL(string: sync.platformURL), url.scheme == "https", let host = url.host {
            do {
                let certificate = try await PeerCertificateProbe.fetch(host: host, port: url.port ?? 443)
                let days = Int(certificate.notValidAfter.timeIntervalSinceNow / 86400)
                if certificate.notValidAfter < Date() {
                    findings.append(.failed("certificate", "expired on \(Self.day(certificate.notValidAfter))",
                                            fix: "renew the platform's certificate (lintel-platform serve --tls-certificate)"))
                } else if days < certificateDays {
                    findings.append(.failed("certificate", "expires in \(days) day\(days == 1 ? "" : "s") (\(Self.day(certificate.notValidAfter)))",
                                            fix: "renew the platform's certificate before then"))
                } else {
                    findings.append(.ok("certificate", "valid until \(Self.day(certificate.notValidAfter))"))
                }
            } catch {
                if !findings.contains(where: { $0.check == "platform" && $0.outcome == .failed }) {
                    findings.append(.failed("certificate", "cannot read the certificate of \(host): \(error)", fix: "check that the platform serves HTTPS on that port"))
                }
            }
        } else {
            findings.append(.skipped("certificate", "plain http (loopback only)"))
        }
        return findings
    }

    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }

    func credential() -> DoctorFinding {
        guard let sync = settings.sync else { return .skipped("credential", "no sync configured") }
        let path = sync.credentialPath
        guard FileManager.default.fileExists(atPath: path) else {
            return .ok("credential", "\(path) not there: the panel shows its pairing code until it is approved")
        }
        var info = stat()
        guard stat(path, &info) == 0 else { return .failed("credential", "cannot read \(path)", fix: "check the file") }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            return .failed("credential", "\(path) is mode \(String(mode, radix: 8)): others can read the panel's credential",
                           fix: "`chmod 600 \(path)`; the credential may have leaked: revoke the device on the platform and pair again")
        }
        if let user, info.st_uid != user.uid, user.uid != 0 {
            return .failed("credential", "\(path) is not owned by \(user.name)", fix: "`chown \(user.name): \(path)`")
        }
        do {
            _ = try CredentialFile(path: path).read()
        } catch {
            return .failed("credential", "\(error)", fix: "`lintel deprovision`, then pair again")
        }
        return .ok("credential", "\(path) mode 600")
    }
}
