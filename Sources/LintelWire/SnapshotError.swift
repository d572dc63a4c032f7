/// A snapshot that cannot be imported: where (a JSON path such as `$.users[3].state`), the value
/// found there, and what is wrong with it. Nothing is written when one is raised.
public struct SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var path: String
    public var value: String?
    public var problem: String

    public init(file: String? = nil, path: String, value: String?, problem: String) {
        self.file = file
        self.path = path
        self.value = value
        self.problem = problem
    }

    public var description: String {
        let location = file.map { "\($0): " } ?? ""
        let found = value.map { " (value: \($0))" } ?? ""
        return "\(location)\(path): \(problem)\(found)"
    }
}
