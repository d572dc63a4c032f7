import Dispatch
import Foundation
import Glibc
import Hummingbird
import HummingbirdTesting
import LintelPlatformHTTP
import Testing

/// A client of its own over a plain socket, to send a request that stops halfway.
struct RawConnection {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw CancellationError() }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) { _ = text.withCString { write(fd, $0, strlen($0)) } }

    /// What the server sends until it closes (or 10 s pass), read on a thread of its own (a
    /// blocking read must not hold one of the few threads the server's own tasks run on).
    func readAll() async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: readAllNow()) }
        }
    }

    private func readAllNow() -> String {
        var out = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            out += buffer[0..<count]
        }
        return String(decoding: out, as: UTF8.self)
    }

    func close() { _ = Glibc.close(fd) }
}

@Suite("Slow clients: a body that stalls is answered 408 and its connection let go")
struct SlowClientTests {
    @Test("A body that stops halfway gets 408 request_timeout after the body timeout", arguments: StorageKind.available)
    func stalledBody(_ storage: StorageKind) async throws {
        let platform = try await TemporaryPlatform.make(storage)
        let routes = PlatformRoutes(
            store: platform.store, adminToken: "admin-token-for-tests-0123456789", publicURL: "http://127.0.0.1", bodyTimeout: .milliseconds(500))
        try await PlatformServer.application(routes: routes, host: "127.0.0.1", port: 0).test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            defer { connection.close() }
            let started = Date()
            connection.send("POST /v1/enrolments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"hard")
            let answer = await connection.readAll()
            let waited = Date().timeIntervalSince(started)
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(80))")
            #expect(answer.contains("request_timeout"))
            #expect(waited >= 0.4 && waited < 5, "answered after \(waited) s")
        }
    }
}
