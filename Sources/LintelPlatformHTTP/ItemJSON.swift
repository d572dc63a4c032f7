import Foundation
import LintelWire

/// Items written as a snapshot writes them (sorted keys, instants in UTC).
enum ItemJSON {
    static func one(_ value: some Encodable) throws -> Data { try encoder.encode(value) }
    static func array(_ values: [some Encodable]) throws -> Data { try encoder.encode(values) }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.format(date))
        }
        return encoder
    }
}
