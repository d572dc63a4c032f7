import Foundation
import NIOSSL
import PostgresNIO

/// `postgresql://user[:password]@host[:port]/database` as a connection configuration. TLS is
/// used when the server offers it unless `?sslmode=disable` says otherwise.
enum PostgresURL {
    struct Invalid: Error, CustomStringConvertible {
        var url: String
        var problem: String
        var description: String { "\(url): \(problem) (expected postgresql://user[:password]@host[:port]/database)" }
    }

    static func isPostgres(_ text: String) -> Bool { text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") }

    static func configuration(_ text: String) throws -> PostgresConnection.Configuration {
        let shown = redacted(text)
        guard isPostgres(text), let components = URLComponents(string: text) else { throw Invalid(url: shown, problem: "not a PostgreSQL URL") }
        guard let host = components.host, !host.isEmpty else { throw Invalid(url: shown, problem: "no host") }
        guard let user = components.user, !user.isEmpty else { throw Invalid(url: shown, problem: "no user") }
        let database = String(components.path.drop { $0 == "/" })
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: throw Invalid(url: shown, problem: "sslmode \(sslMode) is not one of disable, prefer, require")
        }
        return PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: tls)
    }

    /// The URL with its password hidden, for logs and errors.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "postgresql://…"
    }
}
