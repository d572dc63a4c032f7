import Foundation
import Glibc
import LintelTestKit
import Synchronization

/// A TCP relay on loopback that counts the bytes going each way: what a request costs on the wire,
/// headers included, as the platform and the client really send them.
final class ByteCountingRelay: Sendable {
    let port: Int
    private let listener: Int32
    private let counts = Mutex<(up: Int, down: Int)>((0, 0))

    init(upstream: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 16) == 0 else { throw BenchError("relay: cannot listen (errno \(errno))") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                guard let server = try? LoopbackConnection(port: upstream, receiveTimeout: 3600).fileDescriptor else { Glibc.close(client); continue }
                Thread { self.copy(from: client, to: server, up: true) }.start()
                Thread { self.copy(from: server, to: client, up: false) }.start()
            }
        }.start()
    }

    /// Bytes so far: client to platform, platform to client.
    var bytes: (up: Int, down: Int) { counts.withLock { $0 } }

    private func copy(from source: Int32, to destination: Int32, up: Bool) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            counts.withLock { if up { $0.up += n } else { $0.down += n } }
            var sent = 0
            while sent < n {
                let m = buffer.withUnsafeBytes { write(destination, $0.baseAddress! + sent, n - sent) }
                guard m > 0 else { return }
                sent += m
            }
        }
        shutdown(destination, Int32(SHUT_WR))
    }

    func close() { shutdown(listener, Int32(SHUT_RDWR)); Glibc.close(listener) }
}
