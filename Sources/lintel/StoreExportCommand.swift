import ArgumentParser
import Foundation
import LintelStore
import LintelWire

/// `lintel store export`: print the store's content as a snapshot.
struct StoreExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print the store's content as a snapshot (JSON) on standard output.")

    @OptionGroup var location: StoreLocation

    func run() throws {
        let store = try location.openExisting()
        let data = try SnapshotCoding.encode(try store.exportSnapshot())
        FileHandle.standardOutput.write(data)
        print()
    }
}
