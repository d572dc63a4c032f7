import GRDB
import GRDBSQLite

/// A statement GRDB prepared and caches, stepped directly through SQLite's C API: no `Row` or
/// `StatementArguments` values per call. Used for the few queries on the decision path, inside a
/// transaction the caller holds. The statement is reset and its bindings cleared after each run.
struct PreparedQuery {
    private let handle: OpaquePointer

    init(_ db: Database, _ sql: String) throws {
        handle = try db.cachedStatement(sql: sql).sqliteStatement
    }

    /// SQLite copies the bound text (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ values: [QueryValue]) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .text(let text): sqlite3_bind_text(handle, index, text, -1, Self.transient)
            case .integer(let number): sqlite3_bind_int64(handle, index, number)
            }
        }
    }

    /// Runs the query with `values`, calling `row` for each result row.
    func forEachRow(_ values: [QueryValue], _ row: (ResultRow) throws -> Void) throws {
        bind(values)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_ROW {
                try row(ResultRow(handle: handle))
            } else if code == SQLITE_DONE {
                return
            } else {
                throw StoreError.corrupt("query failed (\(code)): \(String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))")
            }
        }
    }
}

enum QueryValue {
    case text(String)
    case integer(Int64)
}

/// The current row of a stepped statement; valid only inside the row callback.
struct ResultRow {
    let handle: OpaquePointer

    func text(_ column: Int32) -> String {
        sqlite3_column_text(handle, column).map { String(cString: $0) } ?? ""
    }

    func optionalText(_ column: Int32) -> String? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : text(column)
    }

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func optionalInteger(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : integer(column)
    }

    func bool(_ column: Int32) -> Bool { integer(column) != 0 }
}
