public import Foundation

/// The panel's device credential on disk: one JSON file, mode 0600, in the service's state
/// directory, written whole (a temporary file renamed over it, synced) so a power cut leaves the
/// old one or the new one. Its content is never logged.
public struct CredentialFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The stored credential; nil when there is none. A file that is not one is an error naming it.
    public func read() throws -> DeviceCredential? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            return try JSONDecoder().decode(DeviceCredential.self, from: data)
        } catch {
            throw CredentialFileError(path: path, problem: "not a device credential (deviceId, credential, spaceId): delete it to pair again")
        }
    }

    /// Stores `credential`, readable by the agent's user only.
    public func write(_ credential: DeviceCredential) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = path + ".new"
        let data = try JSONEncoder().encode(credential)
        FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        try handle.write(contentsOf: data)
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else { throw CredentialFileError(path: path, problem: "cannot be replaced (errno \(errno))") }
        let directory = open(url.deletingLastPathComponent().path, O_RDONLY)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// Forgets the credential (it was revoked); the outbox stays for after the next pairing.
    public func remove() throws {
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
    }

    /// The file's permission bits (0o600 once written).
    public func permissions() throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
    }
}

public struct CredentialFileError: Error, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { "\(path): \(problem)" }
}
