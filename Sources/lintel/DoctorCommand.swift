import ArgumentParser
import Foundation
import LintelAgent
import LintelConfig
import LintelDisplayDRM
import LintelInput
import LintelInputGPIOD
import LintelStore
import LintelSync
import LintelSystemClock

/// `lintel doctor`: everything a panel needs, checked the way the agent would use it, each failure
/// with what is wrong and how to fix it. The exit status is the number of failed checks.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check device nodes, the board file, display, clock, disk, store, platform, certificate and credential.",
        discussion: "Each failed check says what is wrong and how to fix it; the exit status is the number of failures.")

    @Option(help: "The agent's configuration file (YAML).")
    var config: String = "/etc/lintel/agent.yaml"

    @Option(help: "The user the agent runs as (default: lintel when it exists, else you).")
    var user: String?

    @Option(help: "Days before a certificate's end that count as about to expire.")
    var certificateDays = 14

    @Option(help: ArgumentHelp("The least free space the store's disk must have, in MiB.", visibility: .hidden))
    var minimumFreeMiB = 100

    @Option(help: ArgumentHelp("systemd-timesyncd's flag file (tests).", visibility: .hidden))
    var timesyncFlag = SystemClockState.timesyncFlag

    @Flag(help: ArgumentHelp("Ignore the kernel's clock state, only the flag file counts (tests).", visibility: .hidden))
    var flagFileOnly = false

    func run() async throws {
        var findings: [DoctorFinding] = []
        var boardProblem: ConfigError?
        let settings: AgentConfig
        do throws(ConfigError) {
            let text = try ConfigReader.text(ofFile: config)
            settings = try AgentConfigLoader.parse(text, file: config) { (path: String) throws(ConfigError) -> BoardConfig in
                do throws(ConfigError) {
                    return try BoardConfigLoader.load(file: path)
                } catch {
                    boardProblem = error
                    return BoardConfig(name: "", chip: .label(""))
                }
            }
            findings.append(.ok("configuration", config))
        } catch {
            findings.append(.failed("configuration", error.description, fix: "correct \(config) (lintel run reads the same file)"))
            report(findings)
        }
        if let user, ServiceUser(named: user) == nil {
            findings.append(.failed("user", "no user \(user)", fix: "install the package (its sysusers file makes the lintel user), or run `systemd-sysusers`"))
        }
        let checks = DoctorChecks(settings: settings, user: serviceUser(), certificateDays: certificateDays, minimumFreeMiB: minimumFreeMiB)
        let board = boardProblem == nil ? settings.board : nil
        if let boardProblem, let path = settings.boardPath {
            findings.append(.failed("board file", boardProblem.description,
                                    fix: "pick this board's file (/usr/share/lintel/boards/, board-configs/ in the source) and check it with `lintel board validate \(path)`"))
        }
        findings += checks.board(board)
        findings += checks.deviceNodes(board: board)
        findings += checks.display()
        findings.append(checks.clock(synchronised: flagFileOnly ? FileManager.default.fileExists(atPath: timesyncFlag)
                                        : SystemClockState.isSynchronised(flagFile: timesyncFlag)))
        findings.append(checks.disk())
        findings.append(checks.store())
        findings += await checks.platform()
        findings.append(checks.credential())
        report(findings)
    }

    private func serviceUser() -> ServiceUser? {
        if let user { return ServiceUser(named: user)?.withUnitGroups(Self.unitFiles) }
        if let lintel = ServiceUser(named: "lintel") { return lintel.withUnitGroups(Self.unitFiles) }
        return ServiceUser.current
    }

    /// Where the installed unit is; its `SupplementaryGroups=` are the agent's too.
    static let unitFiles = ["/etc/systemd/system/lintel.service", "/usr/lib/systemd/system/lintel.service", "/lib/systemd/system/lintel.service"]

    private func report(_ findings: [DoctorFinding]) -> Never {
        for finding in findings { print(finding.line) }
        let failed = findings.filter { $0.outcome == .failed }.count
        print(failed == 0 ? "\nAll checks passed." : "\n\(failed) check\(failed == 1 ? "" : "s") failed.")
        Foundation.exit(Int32(min(failed, 125)))
    }
}
