import ArgumentParser
import Foundation
import LintelStore

/// The `--store PATH` option shared by every command that reads the store.
struct StoreLocation: ParsableArguments {
    @Option(name: .long, help: "Path of the SQLite store file.")
    var store: String

    /// Opens an existing store; a missing file is an input error, never silently created.
    func openExisting() throws -> AuthStore {
        guard FileManager.default.fileExists(atPath: store) else {
            throw InputError("no store at \(store): create one with `lintel store import --store \(store) SNAPSHOT.json`")
        }
        return try AuthStore(path: store)
    }
}
