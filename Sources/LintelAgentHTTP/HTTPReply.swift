import Foundation

/// One answer of the agent's loopback HTTP service.
public struct HTTPReply: Sendable, Equatable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    static func text(_ status: Int, _ text: String) -> HTTPReply {
        HTTPReply(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    static func json(_ status: Int, _ object: some Encodable) -> HTTPReply {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return HTTPReply(status: status, contentType: "application/json", body: Array((try? encoder.encode(object)) ?? Data("{}".utf8)))
    }
}
