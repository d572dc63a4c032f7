import Foundation
import LintelPlatformStore
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// One PostgreSQL transaction behind `SQLTransaction`, used from one pool thread. Statements
/// that return nothing are pipelined: sent at once and waited for at the next query that returns
/// rows or at `flush` (COMMIT), so a transaction of many writes costs few round trips. A failure
/// of a pipelined statement surfaces there, and the transaction is rolled back.
final class PostgresTransaction: SQLTransaction {
    private let connection: PostgresConnection
    private let logger: Logger
    private var pending: [EventLoopFuture<PostgresQueryResult>] = []

    init(_ connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    func rows(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [SQLRow] {
        try flush()
        let result = try connection.query(try Self.query(sql, arguments), logger: logger).wait()
        return try result.rows.map { row in SQLRow(try row.map(Self.value)) }
    }

    func execute(_ sql: String, _ arguments: [any SQLValueConvertible]) throws {
        pending.append(connection.query(try Self.query(sql, arguments), logger: logger))
    }

    func flush() throws {
        let waiting = pending
        pending = []
        var firstError: (any Error)?
        for future in waiting {
            do { _ = try future.wait() } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }

    func discardPending() {
        for future in pending { _ = try? future.wait() }
        pending = []
    }

    private static let converted = Mutex<[String: String]>([:])

    /// `?` placeholders as `$1`, `$2`, … (the statements hold no `?` inside literals).
    static func numbered(_ sql: String) -> String {
        if let done = converted.withLock({ $0[sql] }) { return done }
        var out = ""
        var index = 0
        for character in sql {
            if character == "?" {
                index += 1
                out += "$\(index)"
            } else {
                out.append(character)
            }
        }
        converted.withLock { $0[sql] = out }
        return out
    }

    private static func query(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument.sqlValue {
            case .null: binds.appendNull()
            case .integer(let value): binds.append(value)
            case .text(let value): binds.append(value)
            case .blob(let value): binds.append(ByteBuffer(bytes: value))
            }
        }
        return PostgresQuery(unsafeSQL: numbered(sql), binds: binds)
    }

    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2: return .integer(Int64(try cell.decode(Int16.self)))
        case .int4: return .integer(Int64(try cell.decode(Int32.self)))
        case .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea: return .blob(Data(try cell.decode(ByteBuffer.self).readableBytesView))
        case .void: return .null
        default: return .text(try cell.decode(String.self))
        }
    }
}
