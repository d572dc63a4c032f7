import ArgumentParser

/// `lintel display`: the real display.
struct DisplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "display", abstract: "Drive the panel's display directly (DRM/KMS).", subcommands: [DisplayTestCommand.self])
}
