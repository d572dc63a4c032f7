import Dispatch
import Foundation
import LintelTestKit

/// One HTTP/1.1 request over a plain loopback socket, answered in full (Connection: close): the
/// benchmark's own client, so the board build links no URL-loading library.
enum LoopbackHTTP {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func request(port: Int, method: String, path: String, headers: [String: String] = [:], body: Data = Data()) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try requestNow(port: port, method: method, path: path, headers: headers, body: body) })
            }
        }
    }

    /// The status code of the answer.
    static func requestNow(port: Int, method: String, path: String, headers: [String: String], body: Data) throws -> Int {
        try exchangeNow(port: port, method: method, path: path, headers: headers, body: body).status
    }

    /// The status code and the body of the answer.
    static func exchangeNow(port: Int, method: String, path: String, headers: [String: String], body: Data) throws -> (status: Int, body: Data) {
        let connection = try LoopbackConnection(port: port, receiveTimeout: 120)
        defer { connection.close() }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        var message = Data((head + "\r\n").utf8)
        message.append(body)
        try connection.send(message)
        let answer = Data(connection.receiveAll())
        let statusLine = String(decoding: answer.prefix(32), as: UTF8.self)
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "no HTTP answer: \(statusLine)") }
        let split = answer.range(of: Data("\r\n\r\n".utf8))
        return (status, split.map { answer[$0.upperBound...] } ?? Data())
    }
}
