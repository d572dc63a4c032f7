public import Foundation
import HummingbirdBcrypt

/// The people who may sign in to the platform's pages. A password is kept only as a bcrypt hash;
/// a name is 1 to 64 letters, digits, dots, dashes or underscores; a password at least 10
/// characters.
public struct StaffRegistry: Sendable {
    let database: any PlatformDatabase

    /// The bcrypt cost: about a quarter of a second per sign-in on a small server.
    static let cost: UInt8 = 11

    public enum StaffError: Error, Equatable, CustomStringConvertible {
        case badName(String)
        case shortPassword
        case noSuchStaff(String)

        public var description: String {
            switch self {
            case .badName(let name): "\"\(name.prefix(80))\" is not a staff name (1 to 64 letters, digits, '.', '-', '_')"
            case .shortPassword: "a password has at least 10 characters"
            case .noSuchStaff(let name): "no staff member \(name)"
            }
        }
    }

    /// Adds a staff member, or sets a new password for one.
    public func set(name: String, password: String, at instant: Date) async throws {
        guard Self.isName(name) else { throw StaffError.badName(name) }
        guard password.count >= 10 else { throw StaffError.shortPassword }
        let hash = Bcrypt.hash(password, cost: Self.cost)
        try await database.write { tx in
            try tx.execute(
                "INSERT INTO staff (name, passwordHash, createdAt) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET passwordHash = excluded.passwordHash",
                [name, hash, Millis.of(instant)])
        }
    }

    /// Whether `password` is `name`'s. An unknown name costs as long as a wrong password.
    public func verify(name: String, password: String) async throws -> Bool {
        let stored = try await database.read { tx in try tx.row("SELECT passwordHash FROM staff WHERE name = ?", [name])?.string(0) }
        guard let stored else {
            _ = Bcrypt.verify(password, hash: Self.decoy)
            return false
        }
        return Bcrypt.verify(password, hash: stored)
    }

    public func remove(name: String) async throws {
        let removed = try await database.write { tx in !(try tx.rows("DELETE FROM staff WHERE name = ? RETURNING name", [name])).isEmpty }
        guard removed else { throw StaffError.noSuchStaff(name) }
    }

    public func names() async throws -> [String] {
        try await database.read { tx in try tx.rows("SELECT name FROM staff ORDER BY name").map { try $0.string(0) } }
    }

    static func isName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-".unicodeScalars.contains($0) }
    }

    /// A hash of nothing anyone knows, verified against when the name is unknown.
    private static let decoy = Bcrypt.hash(Secrets.randomToken(bytes: 16), cost: cost)
}

extension PlatformStore {
    public var staff: StaffRegistry { StaffRegistry(database: database) }
}
