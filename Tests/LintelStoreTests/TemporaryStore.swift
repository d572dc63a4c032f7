import Foundation
import LintelStore
import LintelWire
import LintelTestKit

/// A real SQLite file in a fresh temporary folder, removed when the test is done.
final class TemporaryStore {
    let folder: URL
    let path: String
    let store: AuthStore

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lintel-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("store.sqlite").path
        store = try AuthStore(path: path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    static func demoWorldData() throws -> Data { try Data(contentsOf: ProjectFiles.demoWorld) }

    /// A store holding the demo world.
    static func withDemoWorld() throws -> TemporaryStore {
        let temporary = try TemporaryStore()
        try temporary.store.importSnapshot(json: try demoWorldData(), file: "demo-world.json")
        return temporary
    }
}
