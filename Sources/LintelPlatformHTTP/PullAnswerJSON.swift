import Foundation
import LintelPlatformStore
import LintelWire

/// The JSON of a pull answer, put together from stored item bodies without decoding them.
enum PullAnswerJSON {
    static func snapshot(cursor: PullCursor, checksum: ScopeChecksum, spaceId: String, snapshot: Data) -> Data {
        var out = head("snapshot", cursor, checksum, spaceId)
        out.append(Data(",\"snapshot\":".utf8))
        out.append(snapshot)
        out.append(UInt8(ascii: "}"))
        return out
    }

    static func delta(cursor: PullCursor, checksum: ScopeChecksum, spaceId: String, changes: [ChangeLogEntry]) -> Data {
        var out = head("delta", cursor, checksum, spaceId)
        out.append(Data(",\"changes\":[".utf8))
        for (index, change) in changes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(Data("{\"entity\":\(quoted(change.entity.rawValue)),\"id\":\(quoted(change.logId)),\"op\":\"\(change.operation.rawValue)\"".utf8))
            if let body = change.body {
                out.append(Data(",\"body\":".utf8))
                out.append(body)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(Data("]}".utf8))
        return out
    }

    private static func head(_ kind: String, _ cursor: PullCursor, _ checksum: ScopeChecksum, _ spaceId: String) -> Data {
        Data("{\"kind\":\"\(kind)\",\"cursor\":\"\(cursor)\",\"checksum\":\"\(checksum)\",\"spaceId\":\(quoted(spaceId))".utf8)
    }

    private static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed])) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
