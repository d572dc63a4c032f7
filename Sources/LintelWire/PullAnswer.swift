public import Foundation

/// What the platform answers a pull with (`docs/platform-api.yaml`, `PullAnswer`): a whole snapshot
/// of the device's scope or the changes after the cursor the device sent, with the new cursor and
/// the scope's checksum after applying it. Read strictly: an unknown field, a `null`, a change of
/// an unknown entity, an upsert without a body or whose body names another id is an error naming
/// the JSON path.
public struct PullAnswer: Sendable, Decodable {
    public enum Kind: String, Sendable, Codable {
        case snapshot, delta
    }

    /// One change of a delta.
    public struct Change: Sendable, Decodable {
        public enum Operation: String, Sendable, Codable {
            case upsert, delete
        }

        public var entity: WorldEntity
        public var operation: Operation
        public var id: String
        /// The item for an upsert; nil for a delete.
        public var value: WorldItemValue?

        public init(entity: WorldEntity, operation: Operation, id: String, value: WorldItemValue?) {
            self.entity = entity
            self.operation = operation
            self.id = id
            self.value = value
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case entity, op, id, body }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
            entity = try c.decode(WorldEntity.self, forKey: .entity)
            operation = try c.decode(Operation.self, forKey: .op)
            id = try c.decode(String.self, forKey: .id)
            switch operation {
            case .delete:
                value = nil
            case .upsert:
                guard c.contains(.body) else {
                    throw DecodingError.keyNotFound(CodingKeys.body, .init(codingPath: c.codingPath, debugDescription: "an upsert carries the item as body"))
                }
                let item = try WorldItemValue.decode(entity, from: try c.superDecoder(forKey: .body))
                guard item.id == id else {
                    throw DecodingError.dataCorruptedError(forKey: .id, in: c, debugDescription: "the body is item \"\(item.id)\", not \"\(id)\"")
                }
                value = item
            }
        }
    }

    public var kind: Kind
    /// Opaque: sent back as the next pull's cursor.
    public var cursor: String
    /// The scope's checksum once this answer is applied.
    public var checksum: ScopeChecksum
    public var spaceId: String?
    /// The whole scope (kind `snapshot`), validated by the importer's rules.
    public var snapshot: Snapshot?
    /// The changes in commit order (kind `delta`).
    public var changes: [Change]

    public init(kind: Kind, cursor: String, checksum: ScopeChecksum, spaceId: String?, snapshot: Snapshot?, changes: [Change]) {
        self.kind = kind
        self.cursor = cursor
        self.checksum = checksum
        self.spaceId = spaceId
        self.snapshot = snapshot
        self.changes = changes
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case kind, cursor, checksum, spaceId, snapshot, changes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.knownFieldsContainer(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        cursor = try c.decode(String.self, forKey: .cursor)
        let text = try c.decode(String.self, forKey: .checksum)
        guard let checksum = ScopeChecksum(text) else {
            throw DecodingError.dataCorruptedError(forKey: .checksum, in: c, debugDescription: "expected sixteen hex digits")
        }
        self.checksum = checksum
        spaceId = try c.decodeIfPresent(String.self, forKey: .spaceId)
        switch kind {
        case .snapshot:
            guard c.contains(.snapshot) else {
                throw DecodingError.keyNotFound(CodingKeys.snapshot, .init(codingPath: c.codingPath, debugDescription: "a snapshot answer carries the snapshot"))
            }
            snapshot = try c.decode(Snapshot.self, forKey: .snapshot)
            changes = []
        case .delta:
            snapshot = nil
            changes = try c.decode([Change].self, forKey: .changes)
        }
    }

    /// Reads a pull answer's JSON: the syntax, every field, and a snapshot's validation rules.
    /// `source` names where it came from in errors (e.g. the URL).
    public static func decode(_ data: Data, source: String? = nil) throws(SnapshotError) -> PullAnswer {
        let answer = try SnapshotCoding.decode(PullAnswer.self, from: data, file: source)
        if let snapshot = answer.snapshot {
            do throws(SnapshotError) {
                try SnapshotValidator.validate(snapshot)
            } catch {
                var named = error
                named.file = source
                named.path = "$.snapshot" + named.path.dropFirst()
                throw named
            }
        }
        return answer
    }
}

/// What the platform answers a push of events with: a verdict per event and the highest sequence
/// every event up to which is applied or refused for good.
public struct EventVerdicts: Sendable, Decodable, Equatable {
    public struct Verdict: Sendable, Decodable, Equatable {
        public enum Status: String, Sendable, Codable {
            case applied, duplicate, rejected
        }
        public var seq: Int64
        public var status: Status
        public var reason: String?

        public init(seq: Int64, status: Status, reason: String? = nil) {
            self.seq = seq
            self.status = status
            self.reason = reason
        }
    }

    public var acknowledgedThrough: Int64
    public var results: [Verdict]

    public init(acknowledgedThrough: Int64, results: [Verdict]) {
        self.acknowledgedThrough = acknowledgedThrough
        self.results = results
    }
}

/// A batch of outbox events as a push carries it.
public struct EventBatch: Sendable, Encodable {
    /// The most events one batch may carry (the platform refuses more).
    public static let maximumCount = 500

    public var events: [OutboxEvent]

    public init(events: [OutboxEvent]) { self.events = events }

    /// The batch's JSON, instants as the format writes them.
    public func json() throws -> Data { try SnapshotCoding.encoder().encode(self) }
}
