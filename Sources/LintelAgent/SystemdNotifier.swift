public import Foundation

/// systemd's notification protocol without libsystemd: datagrams such as `READY=1`, `STATUS=…` and
/// `WATCHDOG=1` sent to the socket named by $NOTIFY_SOCKET (a path, or `@name` for the abstract
/// namespace). Without the variable (not run by systemd) every call does nothing.
public struct SystemdNotifier: Sendable {
    public let socketPath: String?
    /// Half the watchdog interval systemd expects pings within ($WATCHDOG_USEC), if any.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        if let usec = environment["WATCHDOG_USEC"].flatMap(UInt64.init), usec > 0,
           environment["WATCHDOG_PID"].map({ Int32($0) == getpid() }) ?? true {
            watchdogInterval = .microseconds(Int64(usec / 2))
        } else {
            watchdogInterval = nil
        }
    }

    public func ready(status: String? = nil) throws { try send(["READY=1"] + (status.map { ["STATUS=\($0)"] } ?? [])) }
    public func status(_ text: String) throws { try send(["STATUS=\(text)"]) }
    public func watchdog() throws { try send(["WATCHDOG=1"]) }
    public func stopping() throws { try send(["STOPPING=1"]) }

    /// Sends one datagram of newline-separated assignments.
    public func send(_ assignments: [String]) throws {
        guard let socketPath else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw NotifyError.socket(errno) }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(socketPath.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 } // abstract namespace
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw NotifyError.pathTooLong(socketPath) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in bytes.enumerated() { raw[i] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (bytes.first == 0 ? 0 : 1))
        let message = Array(assignments.joined(separator: "\n").utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, message, message.count, 0, $0, length) }
        }
        guard sent == message.count else { throw NotifyError.send(errno) }
    }
}

public enum NotifyError: Error, CustomStringConvertible {
    case socket(Int32), send(Int32), pathTooLong(String)

    public var description: String {
        switch self {
        case .socket(let e): "notify socket: \(String(cString: strerror(e)))"
        case .send(let e): "notify send: \(String(cString: strerror(e)))"
        case .pathTooLong(let path): "NOTIFY_SOCKET path too long: \(path)"
        }
    }
}
