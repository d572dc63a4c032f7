import Foundation
import LintelWire

/// Items written as a snapshot writes them (sorted keys, instants in UTC).
enum ItemJSON {
    static func one(_ value: some Encodable) throws -> Data { try SnapshotCoding.encoder().encode(value) }
    static func array(_ values: [some Encodable]) throws -> Data { try SnapshotCoding.encoder().encode(values) }
}
