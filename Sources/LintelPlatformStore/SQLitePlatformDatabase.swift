import Foundation
import GRDB
import LintelWire
import Synchronization

/// The platform's world in one SQLite file (GRDB): what a site runs. SQLite has one writer at a
/// time, so the change log's order is the commit order without any lock of ours; readers see the
/// last committed state (WAL) while a write goes on.
///
/// Notices: a write of this instance is announced as it commits. A write of another process on
/// the same file (`lintel-platform bookings add` while `serve` runs) is found by a watcher that
/// reads the change counter every `watchInterval` and announces what the new changes concern.
public final class SQLitePlatformDatabase: PlatformDatabase {
    public var kind: String { "sqlite" }
    public static let watchInterval: Duration = .milliseconds(200)
    private let pool: DatabasePool
    private let notices = NoticeBroadcaster()
    /// The highest sequence number announced so far.
    private let announced = Atomic<Int64>(0)
    private let watcher = Mutex<Task<Void, Never>?>(nil)

    /// `durable: false` skips the flush to disk at each commit (PRAGMA synchronous = NORMAL): for
    /// filling a store in bulk (benchmarks), where a power cut may lose the last commits.
    public init(path: String, durable: Bool = true) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        let synchronous = durable ? "FULL" : "NORMAL"
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = \(synchronous)") }
        pool = try DatabasePool(path: path, configuration: config)
        try PlatformSchema.migrator.migrate(pool)
        announced.store(try pool.read { db in try Int64.fetchOne(db, sql: "SELECT last FROM changeCounter WHERE id = 1") ?? 0 }, ordering: .relaxed)
    }

    deinit { watcher.withLock { $0?.cancel() } }

    private func announce(_ notice: ChangeNotice) {
        if announced.max(notice.seq, ordering: .relaxed).oldValue < notice.seq { notices.publish(notice) }
    }

    /// Starts the watcher for other processes' writes (once; it stops with the database).
    private func watchOtherWriters() {
        watcher.withLock { task in
            guard task == nil else { return }
            task = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.watchInterval)
                    guard let self else { return }
                    if let notice = try? await self.noticeSinceAnnounced() { self.announce(notice) }
                }
            }
        }
    }

    /// What the changes after the last announced one concern, or nil when there are none.
    private func noticeSinceAnnounced() async throws -> ChangeNotice? {
        let from = announced.load(ordering: .relaxed)
        return try await pool.read { db -> ChangeNotice? in
            let last = try Int64.fetchOne(db, sql: "SELECT last FROM changeCounter WHERE id = 1") ?? 0
            guard last > from else { return nil }
            var reach = ChangeNotice.Reach()
            for row in try Row.fetchAll(db, sql: "SELECT entity, locationId FROM change WHERE seq > ? AND seq <= ?", arguments: [from, last]) {
                guard let entity = WorldEntity(rawValue: row[0]) else { return ChangeNotice(seq: last, locations: nil) }
                reach.add(entity, locationId: row[1])
            }
            return reach.notice(seq: last)
        }
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
        if let notice { announce(notice) }
        return value
    }

    public func changeNotices() -> AsyncStream<ChangeNotice> {
        watchOtherWriters()
        return notices.stream()
    }

    public func close() async {
        watcher.withLock { $0?.cancel() }
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
