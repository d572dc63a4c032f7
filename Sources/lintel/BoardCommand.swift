import ArgumentParser

/// `lintel board`: board configuration files.
struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board", abstract: "Check board configuration files.", subcommands: [BoardValidateCommand.self])
}
