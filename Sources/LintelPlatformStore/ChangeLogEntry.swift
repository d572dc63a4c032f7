public import Foundation
public import LintelWire

/// One change of the world as a device receives it: an item upserted (with its snapshot body) or
/// deleted. A badge's change names the badge by the digest of its number (`logId`), never by it.
public struct ChangeLogEntry: Sendable, Hashable {
    public enum Operation: String, Sendable { case upsert, delete }

    public var seq: Int64
    public var entity: WorldEntity
    public var logId: String
    public var operation: Operation
    public var locationId: String?
    public var body: Data?

    public init(seq: Int64, entity: WorldEntity, logId: String, operation: Operation, locationId: String?, body: Data?) {
        self.seq = seq
        self.entity = entity
        self.logId = logId
        self.operation = operation
        self.locationId = locationId
        self.body = body
    }
}
