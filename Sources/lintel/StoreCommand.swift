import ArgumentParser

/// `lintel store`: import, export and inspect the authorisation store.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Manage the local SQLite authorisation store.",
        subcommands: [StoreImportCommand.self, StoreExportCommand.self, StoreSeedCommand.self, StoreStatsCommand.self, StoreJournalCommand.self, StoreCheckCommand.self, StoreValidateCommand.self])
}
