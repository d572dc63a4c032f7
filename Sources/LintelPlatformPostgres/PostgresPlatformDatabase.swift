import Foundation
public import LintelPlatformStore
public import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// The platform's world on PostgreSQL: what a fleet runs, several `lintel-platform` instances on
/// one database. Transactions run on a small thread pool, each on a connection of its own; the
/// statements are the same as on SQLite (`?` becomes `$n`).
///
/// Commit order: every world write first locks the change counter row (`FOR UPDATE`) and holds
/// it until it commits, so world writes are serialised and a sequence number is handed out only
/// after every lower one has committed — a reader can never see change 11 while 10 is still in
/// flight (which a plain sequence allows). Reads are REPEATABLE READ: a pull's cursor, changes and
/// checksum come from one snapshot.
///
/// Other instances learn of a commit through `NOTIFY lintel_changes` sent in the committing
/// transaction (delivered only if it commits); each instance LISTENs on a connection of its own
/// and hands the notices to `changeNotices`.
public final class PostgresPlatformDatabase: PlatformDatabase {
    public var kind: String { "postgresql" }
    static let channel = "lintel_changes"

    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let threads: NIOThreadPool
    private let idle = Mutex<[PostgresConnection]>([])
    private let nextConnectionId = Atomic<Int>(1)
    private let notices = NoticeBroadcaster()
    private let listener = Mutex<Task<Void, Never>?>(nil)

    /// Connects to `url` (`postgresql://user[:password]@host[:port]/database`), brings the schema
    /// up to date and starts listening for other instances' commits.
    public static func open(url: String, logger: Logger = Logger(label: "lintel-platform.postgres"), connections: Int = 8) async throws
        -> PostgresPlatformDatabase
    {
        let database = PostgresPlatformDatabase(configuration: try PostgresURL.configuration(url), logger: logger, connections: connections)
        do {
            try await database.transaction(isolation: "READ COMMITTED") { tx in try PostgresSchema.migrate(tx) }
        } catch let error as PSQLError {
            await database.close()
            throw PostgresStorageError(url: PostgresURL.redacted(url), error: error)
        }
        try await database.startListening()
        return database
    }

    /// Makes an empty database `name` (letters, digits, `_`) on the server `serverURL` names, for
    /// a fresh platform (tests, benchmarks); the URL that opens it.
    public static func createDatabase(named name: String, onServer serverURL: String, logger: Logger = Logger(label: "lintel-platform.postgres"))
        async throws -> String
    {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw PostgresURL.Invalid(url: name, problem: "not a database name (letters, digits and _ only)")
        }
        let connection = try await PostgresConnection.connect(configuration: try PostgresURL.configuration(serverURL), id: 0, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        } catch let error as PSQLError {
            try? await connection.close()
            throw PostgresStorageError(url: PostgresURL.redacted(serverURL), error: error)
        }
        try await connection.close()
        guard var components = URLComponents(string: serverURL) else { throw PostgresURL.Invalid(url: serverURL, problem: "not a URL") }
        components.path = "/" + name
        return components.string ?? serverURL
    }

    /// Whether a `--db` value names a PostgreSQL server rather than an SQLite file.
    public static func isURL(_ text: String) -> Bool { PostgresURL.isPostgres(text) }

    private init(configuration: PostgresConnection.Configuration, logger: Logger, connections: Int) {
        self.configuration = configuration
        self.logger = logger
        threads = NIOThreadPool(numberOfThreads: connections)
        threads.start()
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T {
        try await transaction(isolation: "REPEATABLE READ, READ ONLY", body)
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T {
        try await transaction(isolation: "READ COMMITTED", body)
    }

    public func writeWorld<T: Sendable>(_ body: @escaping @Sendable (WorldWrite) throws -> T) async throws -> T {
        try await transaction(isolation: "READ COMMITTED") { tx in
            let world = try WorldWrite(tx, lockingClause: " FOR UPDATE")
            let value = try body(world)
            if let notice = try world.finish() {
                _ = try tx.rows("SELECT pg_notify(?, ?)", [Self.channel, notice.payload()])
            }
            return value
        }
    }

    public func changeNotices() -> AsyncStream<ChangeNotice> { notices.stream() }

    deinit {
        for connection in stop() { Self.closeSoon(connection) }
        threads.shutdownGracefully { _ in }
    }

    public func close() async {
        for connection in stop() { try? await connection.close() }
        try? await threads.shutdownGracefully()
    }

    /// Stops listening and ends the notices; the idle connections, taken out of the pool, to close.
    private func stop() -> [PostgresConnection] {
        listener.withLock { $0?.cancel() }
        notices.finish()
        return idle.withLock { connections in defer { connections = [] }; return connections }
    }

    // MARK: Transactions

    /// Runs `body` in one transaction on a pool thread (where waiting on the connection is
    /// allowed): BEGIN, the statements, COMMIT; ROLLBACK when anything throws. A connection that
    /// failed is closed rather than reused.
    private func transaction<T: Sendable>(isolation: String, _ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T {
        try await threads.runIfActive { [self] in
            let connection = try lease()
            let tx = PostgresTransaction(connection, logger: logger)
            do {
                try tx.execute("BEGIN ISOLATION LEVEL " + isolation, [])
                let value = try body(tx)
                try tx.execute("COMMIT", [])
                try tx.flush()
                giveBack(connection)
                return value
            } catch {
                tx.discardPending()
                if (try? tx.execute("ROLLBACK", [])) != nil, (try? tx.flush()) != nil, !connection.isClosed {
                    giveBack(connection)
                } else {
                    Self.closeSoon(connection)
                }
                throw error
            }
        }
    }

    /// Closes a connection and keeps it alive until it is closed (PostgresNIO wants that).
    static func closeSoon(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private func lease() throws -> PostgresConnection {
        while let connection = idle.withLock({ $0.popLast() }) {
            if !connection.isClosed { return connection }
        }
        return try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
            id: nextConnectionId.add(1, ordering: .relaxed).newValue, logger: logger
        ).wait()
    }

    private func giveBack(_ connection: PostgresConnection) {
        idle.withLock { $0.append(connection) }
    }

    // MARK: Listening

    private func startListening() async throws {
        let ready = AsyncStream.makeStream(of: Void.self)
        let task = Task { [configuration, logger, notices] in
            var attempt = 0
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                    defer { PostgresPlatformDatabase.closeSoon(connection) }
                    try await connection.listen(on: Self.channel) { stream in
                        ready.continuation.yield()
                        if attempt > 0 {
                            // Notices may have been missed while reconnecting: every device pulls once.
                            notices.publish(ChangeNotice(seq: 0, locations: nil))
                        }
                        attempt = 0
                        for try await notification in stream {
                            if let notice = ChangeNotice(payload: notification.payload) { notices.publish(notice) }
                        }
                    }
                } catch {
                    if Task.isCancelled { break }
                    logger.warning("LISTEN \(Self.channel) lost, reconnecting", metadata: ["error": "\(error)"])
                }
                attempt += 1
                try? await Task.sleep(for: .milliseconds(min(5_000, 100 * attempt)))
            }
        }
        listener.withLock { $0 = task }
        for await _ in ready.stream { break }
    }
}
