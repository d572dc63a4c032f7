import ArgumentParser

/// `lintel inputs`: the board's inputs, live.
struct InputsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inputs", abstract: "Watch the board's buttons, sensor and badge reader.", subcommands: [InputsMonitorCommand.self])
}
