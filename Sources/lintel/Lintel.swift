import ArgumentParser
import CMalloc
import Foundation
import LintelAgent

/// `lintel`: the device agent's command line.
struct Lintel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lintel",
        abstract: "Lintel: the meeting-room and desk display agent.",
        discussion: "Decides locally, online or not, whether an action is allowed, against a cached SQLite authorisation store.",
        version: AgentVersion.current,
        subcommands: [RunCommand.self, StatusCommand.self, DoctorCommand.self, ProvisionCommand.self, DeprovisionCommand.self, StoreCommand.self, DecideCommand.self, ActCommand.self, BoardCommand.self, InputsCommand.self, SelftestCommand.self, RenderCommand.self, DisplayCommand.self])
}

/// Runs the command; any usage or input error exits with status 2 and a message on stderr.
@main
enum LintelMain {
    static func main() async {
        // Before any other thread allocates: one malloc arena. The agent's few threads are quiet,
        // and each extra arena keeps megabytes of freed memory resident.
        _ = mallopt(M_ARENA_MAX, 1)
        do {
            var command = try Lintel.parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            let code = Lintel.exitCode(for: error)
            if code == .success {
                print(Lintel.fullMessage(for: error))
                exit(0)
            }
            if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
            FileHandle.standardError.write(Data(("lintel: " + Lintel.fullMessage(for: error) + "\n").utf8))
            exit(2)
        }
    }
}
