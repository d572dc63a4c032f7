/// A snapshot that cannot be imported: where (a JSON path such as `$.users[3].state`, or a line
/// and column for a syntax error), the value found there, the rule broken and what is wrong.
/// Nothing is written when one is raised.
public struct SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var path: String
    public var value: String?
    public var problem: String
    public var rule: SnapshotRule
    /// Where a syntax error is, 1-based; nil for errors that have a path.
    public var line: Int?
    public var column: Int?

    public init(
        file: String? = nil, path: String, value: String?, problem: String, rule: SnapshotRule,
        line: Int? = nil, column: Int? = nil
    ) {
        self.file = file
        self.path = path
        self.value = value
        self.problem = problem
        self.rule = rule
        self.line = line
        self.column = column
    }

    public var description: String {
        let location = file.map { "\($0): " } ?? ""
        let found = value.map { " (value: \($0))" } ?? ""
        if let line, let column { return "\(location)line \(line), column \(column): \(problem)\(found)" }
        return "\(location)\(path): \(problem)\(found)"
    }
}
