import Foundation
import GRDB

/// A store file's health as `lintel doctor` checks it, without changing it: opened read-only,
/// `PRAGMA quick_check` (page structure and indexes, not every row's content against them).
public enum StoreIntegrity {
    /// nil when the store is sound; else what SQLite found, in its words.
    public static func quickCheck(path: String) -> String? {
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let findings = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
            return findings == ["ok"] ? nil : findings.joined(separator: "; ")
        } catch let error as DatabaseError {
            return error.message ?? "\(error)"
        } catch {
            return "\(error)"
        }
    }
}
