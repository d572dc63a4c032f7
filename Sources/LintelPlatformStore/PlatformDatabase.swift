/// The statements of one transaction. SQL is written once for both storages: `?` placeholders,
/// `INSERT … ON CONFLICT … DO UPDATE`, integers for booleans, no engine-specific functions.
public protocol SQLTransaction: AnyObject {
    func rows(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [SQLRow]
    func execute(_ sql: String, _ arguments: [any SQLValueConvertible]) throws
}

extension SQLTransaction {
    public func rows(_ sql: String) throws -> [SQLRow] { try rows(sql, []) }
    public func execute(_ sql: String) throws { try execute(sql, []) }

    /// The first row, if any.
    public func row(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> SQLRow? { try rows(sql, arguments).first }

    /// The first column of the first row; nil when there is no row or it holds NULL.
    public func value(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> SQLValue? {
        guard let row = try row(sql, arguments), let first = row.values.first, first != .null else { return nil }
        return first
    }
}

/// A storage of the platform's world: SQLite for a site, PostgreSQL for a fleet. Both run the
/// same statements (`SQLTransaction`); what differs is how transactions are made, and how the
/// writes that append to the change log are kept in commit order (`writeWorld`).
public protocol PlatformDatabase: Sendable {
    /// What this storage is, for logs and benchmarks ("sqlite", "postgresql").
    var kind: String { get }

    /// A read-only transaction that sees one committed state throughout.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T

    /// A write transaction that does not touch the change log (devices, receipts of their polls).
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T

    /// A write transaction that may append to the change log. Such transactions take the log's
    /// counter first and hold it until they commit, so sequence numbers are handed out in commit
    /// order: a reader never sees change 11 before change 10 has committed. After the commit, the
    /// notice of what changed reaches `changeNotices` of every instance on this storage.
    func writeWorld<T: Sendable>(_ body: @escaping @Sendable (WorldWrite) throws -> T) async throws -> T

    /// Every world write that committed on this storage, by any instance, from now on.
    func changeNotices() -> AsyncStream<ChangeNotice>

    /// Closes connections; the database is not used after.
    func close() async
}
