import ArgumentParser
import Foundation
import LintelStore
import LintelWire

/// `lintel store import`: replace the store's content with a snapshot, all or nothing.
struct StoreImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a snapshot (JSON) into the store in one transaction; a bad snapshot changes nothing.")

    @OptionGroup var location: StoreLocation

    @Argument(help: "The snapshot file (see docs/snapshot.md).")
    var snapshot: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: snapshot) else {
            throw InputError("cannot read snapshot file \(snapshot)")
        }
        do {
            let store = try AuthStore(path: location.store)
            let stats = try store.importSnapshot(json: data, file: snapshot)
            print("imported \(snapshot) into \(location.store): \(stats.locations) locations, \(stats.spaces) spaces, "
                + "\(stats.users) users, \(stats.bookings) bookings")
        } catch let error as SnapshotError {
            throw InputError("snapshot rejected, store unchanged: \(error)")
        }
    }
}
