public import Foundation

/// One value crossing between the platform's logic and its database, in the four kinds both
/// storages (SQLite and PostgreSQL) hold the same way. Booleans are integers 0 and 1.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case blob(Data)
}

/// A Swift value that binds as an SQL argument.
public protocol SQLValueConvertible: Sendable {
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLValueConvertible { public var sqlValue: SQLValue { self } }
extension String: SQLValueConvertible { public var sqlValue: SQLValue { .text(self) } }
extension Int64: SQLValueConvertible { public var sqlValue: SQLValue { .integer(self) } }
extension Int: SQLValueConvertible { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Bool: SQLValueConvertible { public var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension Data: SQLValueConvertible { public var sqlValue: SQLValue { .blob(self) } }
extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// A row of a query's answer, read by column position.
public struct SQLRow: Sendable {
    public let values: [SQLValue]

    public init(_ values: [SQLValue]) { self.values = values }

    public func string(_ column: Int) throws -> String {
        guard let value = try optionalString(column) else { throw SQLRowError(column: column, expected: "text", found: values[column]) }
        return value
    }

    public func optionalString(_ column: Int) throws -> String? {
        switch values[column] {
        case .null: return nil
        case .text(let text): return text
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        case .integer: throw SQLRowError(column: column, expected: "text", found: values[column])
        }
    }

    public func integer(_ column: Int) throws -> Int64 {
        guard let value = try optionalInteger(column) else { throw SQLRowError(column: column, expected: "integer", found: values[column]) }
        return value
    }

    public func optionalInteger(_ column: Int) throws -> Int64? {
        switch values[column] {
        case .null: return nil
        case .integer(let value): return value
        default: throw SQLRowError(column: column, expected: "integer", found: values[column])
        }
    }

    public func data(_ column: Int) throws -> Data {
        guard let value = try optionalData(column) else { throw SQLRowError(column: column, expected: "blob", found: values[column]) }
        return value
    }

    public func optionalData(_ column: Int) throws -> Data? {
        switch values[column] {
        case .null: return nil
        case .blob(let data): return data
        case .text(let text): return Data(text.utf8)
        case .integer: throw SQLRowError(column: column, expected: "blob", found: values[column])
        }
    }
}

/// A column held something its reader did not expect: a schema and its code disagree.
public struct SQLRowError: Error, CustomStringConvertible {
    public var column: Int
    public var expected: String
    public var found: SQLValue

    public var description: String { "column \(column): expected \(expected), found \(found)" }
}
