public import Foundation
import LintelPolicy

/// JSON reading and writing of snapshots: instants are ISO 8601 with an offset (written in UTC),
/// and any decoding failure becomes a `SnapshotError` naming the JSON path and the value there.
public enum SnapshotCoding {
    public static func decode(_ data: Data, file: String? = nil) throws(SnapshotError) -> Snapshot {
        let snapshot = try decode(Snapshot.self, from: data, file: file)
        do throws(SnapshotError) {
            try SnapshotValidator.validate(snapshot)
        } catch {
            var named = error
            named.file = file
            throw named
        }
        return snapshot
    }

    /// Any other document of the format (an event batch, a pull answer): the same syntax check
    /// and the same errors naming the JSON path and the value there, without snapshot validation.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String? = nil) throws(SnapshotError) -> T {
        let decoder = decoder()
        let scan = JSONSyntaxLocator.scan(data)
        if let failure = scan.failure { throw syntaxError(failure, in: data, file: file) }
        decoder.userInfo[.documentHasNull] = scan.hasNull
        do {
            return try decoder.decode(T.self, from: data)
        } catch var error as SnapshotError {
            error.file = file
            throw error
        } catch let error as DecodingError {
            throw describe(error, in: data, file: file)
        } catch {
            throw SnapshotError(file: file, path: "$", value: nil, problem: "\(error)", rule: .invalidValue)
        }
    }

    public static func encode(_ snapshot: Snapshot) throws -> Data {
        try encoder(pretty: true).encode(snapshot)
    }

    /// A decoder that reads instants as the format writes them: ISO 8601 with an offset.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an ISO 8601 instant with offset, e.g. 2026-11-23T09:00:00Z")
            }
            return date
        }
        return decoder
    }

    /// An encoder that writes the format's canonical JSON: sorted keys, instants in UTC, slashes
    /// unescaped; `pretty` for files people read. Items encoded by it are the bodies a world's
    /// checksum is taken over, so both sides must encode with it.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.format(date))
        }
        return encoder
    }

    static func describe(_ error: DecodingError, in data: Data, file: String?) -> SnapshotError {
        var (path, problem, rule): ([any CodingKey], String, SnapshotRule) = ([], "", .invalidValue)
        switch error {
        case .keyNotFound(let key, let context):
            (path, problem, rule) = (context.codingPath + [key], "required field is missing", .missingField)
        case .typeMismatch(let type, let context):
            (path, problem, rule) = (context.codingPath, "expected \(describe(type))", .wrongType)
        case .valueNotFound(let type, let context):
            (path, problem, rule) = (context.codingPath, "expected \(describe(type)), found null", .wrongType)
        case .dataCorrupted(let context) where context.codingPath.isEmpty && context.debugDescription.contains("not valid JSON"):
            (path, problem, rule) = ([], "not valid JSON: \(context.debugDescription)", .syntax)
        case .dataCorrupted(let context):
            rule = context.debugDescription.hasPrefix("unknown field") ? .unknownField
                : context.debugDescription == UnknownField.nullProblem ? .wrongType : .invalidValue
            (path, problem) = (context.codingPath, context.debugDescription)
        @unknown default:
            (path, problem, rule) = ([], "\(error)", .invalidValue)
        }
        let value = JSONPath.value(at: path, in: data)
        return SnapshotError(file: file, path: JSONPath.render(path), value: value, problem: problem, rule: rule)
    }

    /// Where the text stops being JSON, by line and column, with the text around it.
    static func syntaxError(_ failure: JSONSyntaxLocator.Failure, in data: Data, file: String?) -> SnapshotError {
        let bytes = [UInt8](data)
        let (line, column, near) = JSONSyntaxLocator.position(of: failure.offset, in: bytes)
        if let field = failure.duplicateField {
            return SnapshotError(
                file: file, path: "$", value: nil,
                problem: "the field \"\(field)\" is given twice in one object; only one may stand (near: \(near))",
                rule: .duplicateField, line: line, column: column)
        }
        let found = failure.offset < bytes.count
            ? "found \"\(String(decoding: bytes[failure.offset...].prefix(1), as: UTF8.self))\"" : "found the end of the file"
        return SnapshotError(
            file: file, path: "$", value: nil,
            problem: "not valid JSON: expected \(failure.expected), \(found) (near: \(near))", rule: .syntax, line: line, column: column)
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)".hasPrefix("Array") ? "an array" : "\(type)".hasPrefix("Dictionary") ? "an object" : "a \(type)"
        }
    }
}

/// Renders coding paths as JSON paths and looks up the raw value found there.
enum JSONPath {
    static func render(_ path: [any CodingKey]) -> String {
        var text = "$"
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += ".\(key.stringValue)" }
        }
        return text
    }

    static func value(at path: [any CodingKey], in data: Data) -> String? {
        guard var node = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        for key in path {
            if let index = key.intValue, let array = node as? [Any], array.indices.contains(index) {
                node = array[index]
            } else if let object = node as? [String: Any], let next = object[key.stringValue] {
                node = next
            } else {
                return nil
            }
        }
        if let string = node as? String { return "\"\(string)\"" }
        if node is NSNull { return "null" }
        guard JSONSerialization.isValidJSONObject(node) || node is NSNumber,
              let data = try? JSONSerialization.data(withJSONObject: node, options: [.fragmentsAllowed, .sortedKeys])
        else { return "\(node)" }
        let text = String(decoding: data, as: UTF8.self)
        return text.count > 120 ? String(text.prefix(117)) + "..." : text
    }
}
