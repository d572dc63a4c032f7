public import Foundation
import Glibc

/// A plain TCP connection to a port on 127.0.0.1, for tests and benchmarks that speak HTTP
/// themselves (a request that stops halfway, a client that links no URL library). Its calls
/// block: make them off the threads async tasks run on.
public struct LoopbackConnection: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let fd: Int32

    /// Connects; a read waits at most `receiveTimeout` seconds.
    public init(port: Int, receiveTimeout: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw Failure(description: "connect to 127.0.0.1:\(port): errno \(errno)")
        }
        var timeout = timeval(tv_sec: receiveTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    public func send(_ data: Data) throws {
        try data.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = write(fd, raw.baseAddress! + sent, raw.count - sent)
                guard n > 0 else { throw Failure(description: "write: errno \(errno)") }
                sent += n
            }
        }
    }

    /// Everything the other side sends until it closes (or a read times out).
    public func receiveAll() -> [UInt8] {
        var out = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return out
    }

    public func close() { Glibc.close(fd) }

    /// The socket itself, for a caller that relays bytes with it (and closes it).
    public var fileDescriptor: Int32 { fd }
}
