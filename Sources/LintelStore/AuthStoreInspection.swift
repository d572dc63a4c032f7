import GRDB

/// Looking inside the store file: how tests (and diagnostics) show where data lies.
extension AuthStore {
    /// Every stored text value, in any table but `excluded`, that contains one of `needles`, as
    /// `table.column` — how a test proves that no credential leaked out of the badge table.
    public func valuesContaining(_ needles: [String], outside excluded: String) throws -> [String] {
        try read { db in
            var found: [String] = []
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> ? AND name NOT LIKE 'sqlite_%'",
                                             arguments: [excluded])
            for table in tables {
                for column in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map({ $0["name"] as String }) {
                    for needle in needles {
                        let hits = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\" WHERE instr(upper(CAST(\"\(column)\" AS TEXT)), upper(?)) > 0",
                                                    arguments: [needle]) ?? 0
                        if hits > 0 { found.append("\(table).\(column)") }
                    }
                }
            }
            return found
        }
    }

    /// The database page size in bytes.
    public func pageSize() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0 }
    }

    /// The page numbers of a table's b-tree (SQLite's `dbstat`), its own indexes included.
    public func pageNumbers(of table: String) throws -> Set<Int> {
        try read { db in
            Set(try Int.fetchAll(db, sql: """
                SELECT pageno FROM dbstat WHERE name = ? OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?)
                """, arguments: [table, table]))
        }
    }
}
