public import Foundation
/// A board file that cannot be used: the file, the line in it, the key path, the value and what
/// is wrong. `description` reads `pi5.yaml:7: buttons.checkin.active: expected low or high (value: "lo")`.
public struct BoardConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String
    public var value: String?
    public var problem: String

    public init(file: String, line: Int?, key: String, value: String?, problem: String) {
        self.file = file
        self.line = line
        self.key = key
        self.value = value
        self.problem = problem
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        let found = value.map { " (value: \"\($0)\")" } ?? ""
        return "\(place): \(key.isEmpty ? "(top level)" : key): \(problem)\(found)"
    }
}

/// A configuration file that cannot be used (board files, the agent's configuration).
public typealias ConfigError = BoardConfigError
