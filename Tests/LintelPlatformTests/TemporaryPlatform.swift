import Foundation
import LintelPlatformPostgres
import LintelPlatformStore
import LintelTestKit
import LintelWire
import Testing

/// The storages the platform's tests run on: SQLite always; PostgreSQL when
/// `LINTEL_TEST_POSTGRES_URL` names a server (`make test` starts a throwaway cluster and sets it).
enum StorageKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    static var postgresURL: String? { ProcessInfo.processInfo.environment["LINTEL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }

    static var available: [StorageKind] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgresql] }

    var testDescription: String { rawValue }
}

/// A platform store on a fresh storage of its own: a real SQLite file in a temporary folder, or a
/// new database on the test PostgreSQL server.
struct TemporaryPlatform: Sendable {
    let store: PlatformStore
    let storage: StorageKind
    /// How to open the same storage again (a second instance): the file's path or the database's URL.
    let location: String

    static func make(_ storage: StorageKind) async throws -> TemporaryPlatform {
        switch storage {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lintel-platform-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("platform.sqlite").path
            return TemporaryPlatform(store: try PlatformStore(path: path), storage: storage, location: path)
        case .postgresql:
            let url = try await freshDatabase()
            return TemporaryPlatform(store: PlatformStore(database: try await PostgresPlatformDatabase.open(url: url)), storage: storage, location: url)
        }
    }

    /// Another instance on the same storage, as a second `lintel-platform serve` would open it.
    func secondInstance() async throws -> PlatformStore {
        switch storage {
        case .sqlite: try PlatformStore(path: location)
        case .postgresql: PlatformStore(database: try await PostgresPlatformDatabase.open(url: location))
        }
    }

    /// CREATE DATABASE on the test server; the cluster is thrown away after the run.
    private static func freshDatabase() async throws -> String {
        guard let serverURL = StorageKind.postgresURL else { throw CancellationError() }
        let name = "lintel_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return try await PostgresPlatformDatabase.createDatabase(named: name, onServer: serverURL + "?sslmode=disable")
    }

    /// A platform of its own with the demo world imported now.
    static func withDemoWorld(_ storage: StorageKind) async throws -> TemporaryPlatform {
        let platform = try await make(storage)
        try await platform.store.importWorld(try demoWorld(), at: Date())
        return platform
    }

    static func demoWorld() throws -> Snapshot { try SnapshotCoding.decode(Data(contentsOf: ProjectFiles.demoWorld)) }
}

@Suite("The platform's storages under test")
struct StorageKindTests {
    @Test("`make test` runs every platform test on PostgreSQL as well as SQLite",
          .enabled(if: ProcessInfo.processInfo.environment["LINTEL_REQUIRE_POSTGRES"] == "1", "only where PostgreSQL is required (make test)"))
    func postgresWhenRequired() {
        #expect(StorageKind.available == [.sqlite, .postgresql], "LINTEL_TEST_POSTGRES_URL is not set: run the tests through scripts/with-postgres.sh")
    }
}
