import Foundation
import GRDB

/// The platform's world in one SQLite file (GRDB): what a site runs. SQLite has one writer at a
/// time, so the change log's order is the commit order without any lock of ours; readers see the
/// last committed state (WAL) while a write goes on.
public final class SQLitePlatformDatabase: PlatformDatabase {
    public var kind: String { "sqlite" }
    private let pool: DatabasePool
    private let notices = NoticeBroadcaster()

    public init(path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        pool = try DatabasePool(path: path, configuration: config)
        try PlatformSchema.migrator.migrate(pool)
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T {
        try await pool.read { db in try body(GRDBTransaction(db)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T {
        try await pool.write { db in try body(GRDBTransaction(db)) }
    }

    public func writeWorld<T: Sendable>(_ body: @escaping @Sendable (WorldWrite) throws -> T) async throws -> T {
        let (value, notice) = try await pool.write { db in
            let world = try WorldWrite(GRDBTransaction(db), lockingClause: "")
            let value = try body(world)
            return (value, try world.finish())
        }
        if let notice { notices.publish(notice) }
        return value
    }

    public func changeNotices() -> AsyncStream<ChangeNotice> { notices.stream() }

    public func close() async {
        notices.finish()
        try? pool.close()
    }
}

/// GRDB's connection behind `SQLTransaction`; statements are prepared once per connection.
final class GRDBTransaction: SQLTransaction {
    private let db: Database

    init(_ db: Database) { self.db = db }

    func rows(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        var rows: [SQLRow] = []
        while let row = try cursor.next() {
            rows.append(SQLRow(row.databaseValues.map(Self.value)))
        }
        return rows
    }

    func execute(_ sql: String, _ arguments: [any SQLValueConvertible]) throws {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
    }

    private static func arguments(_ values: [any SQLValueConvertible]) -> StatementArguments {
        StatementArguments(values.map { value -> DatabaseValue in
            switch value.sqlValue {
            case .null: .null
            case .integer(let integer): integer.databaseValue
            case .text(let text): text.databaseValue
            case .blob(let data): data.databaseValue
            }
        })
    }

    private static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let double): .integer(Int64(double))
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }
}
