import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOSSL
import LintelPlatformHTTP
import LintelPlatformPostgres
import LintelPolicy
import LintelPlatformStore
import LintelWire

/// `lintel-platform`: the reference central platform Lintel panels sync with.
@main
struct LintelPlatform: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lintel-platform",
        abstract: "The central platform Lintel panels enrol with and sync from (docs/platform-api.yaml).",
        subcommands: [Serve.self, Import.self, Export.self, Users.self, Bookings.self, Devices.self, Staff.self, Retire.self])
}

/// Where the platform's world is: an SQLite file (a site), or a PostgreSQL server (a fleet).
struct DatabaseOption: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: "The platform's SQLite file, or a PostgreSQL URL (postgresql://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]).")
    var path = "lintel-platform.sqlite"

    func open() async throws -> PlatformStore {
        if PostgresPlatformDatabase.isURL(path) { return PlatformStore(database: try await PostgresPlatformDatabase.open(url: path)) }
        return try PlatformStore(path: path)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the device and admin API: HTTPS when given a certificate and key, plain HTTP on loopback only.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8443
    @Option(help: "A file holding the admin API's bearer token (keep it 0600).") var adminTokenFile: String
    @Option(help: "The server's certificate chain (PEM); with --tls-key, the API is served over HTTPS.") var tlsCertificate: String?
    @Option(help: "The certificate's private key (PEM).") var tlsKey: String?
    @Option(help: "The address panels reach this platform at, for the pairing QR code (default: this server's own).") var publicURL: String?
    @Option(help: "Days the change log keeps a change; a panel away longer gets a fresh snapshot.") var retentionDays = 7.0
    @Flag(help: "Serve /demo, a page that books without the admin token (demos on loopback only).") var demoPage = false

    func run() async throws {
        let tls: TLSConfiguration?
        switch (tlsCertificate, tlsKey) {
        case (let certificate?, let key?): tls = try PlatformServer.tls(certificate: certificate, key: key)
        case (nil, nil): tls = nil
        default: throw ValidationError("--tls-certificate and --tls-key go together")
        }
        guard tls != nil || ["127.0.0.1", "::1", "localhost"].contains(host) else {
            throw ValidationError("plain HTTP is served on loopback only: give --tls-certificate and --tls-key to listen on \(host)")
        }
        guard let token = try? String(contentsOfFile: adminTokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
              token.count >= 16
        else { throw ValidationError("\(adminTokenFile): an admin token of at least 16 characters is required") }
        let scheme = tls == nil ? "http" : "https"
        guard !demoPage || ["127.0.0.1", "::1", "localhost"].contains(host) else {
            throw ValidationError("--demo-page books without the admin token: loopback only")
        }
        let routes = PlatformRoutes(store: try await database.open(), adminToken: token, publicURL: publicURL ?? "\(scheme)://\(host):\(port)",
                                    demoPage: demoPage)
        guard retentionDays > 0 else { throw ValidationError("--retention-days must be more than 0") }
        let maintenance = MaintenanceService(store: routes.store, retention: retentionDays * 86_400, logger: Logger(label: "lintel-platform"))
        try await PlatformServer.application(routes: routes, host: host, port: port, tls: tls, services: [maintenance]).runService()
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Replace the world with a snapshot file (docs/snapshot.md), all or nothing.")
    @OptionGroup var database: DatabaseOption
    @Argument(help: "The snapshot file.") var file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw PlatformCommandError("cannot read \(file)") }
        do {
            let summary = try await database.open().importWorld(try SnapshotCoding.decode(data, file: file), at: Date())
            print("imported \(file): \(summary.upserts) items changed, \(summary.deletes) removed, change log at \(summary.lastSeq)")
        } catch let error as SnapshotError {
            throw PlatformCommandError("snapshot rejected, world unchanged: \(error)")
        }
    }
}

struct Retire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take bookings that ended more than a day ago out of the world (panels drop them at their next pull); run it hourly.")
    @OptionGroup var database: DatabaseOption
    @Option(help: "Hours after its end that a booking is kept.") var keepHours = 24

    func run() async throws {
        let now = Date()
        let count = try await database.open().retireBookings(endedBefore: now.addingTimeInterval(-Double(keepHours) * 3600), at: now)
        print("retired \(count) bookings")
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the world as a snapshot.")
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        FileHandle.standardOutput.write(try await database.open().world(at: Date()))
        print()
    }
}

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the world's users: id, state, name.")
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let users = try JSONSerialization.jsonObject(with: try await database.open().userList()) as? [[String: Any]] ?? []
        for user in users {
            print("\(user["id"] as? String ?? "")\t\(user["state"] as? String ?? "")\t\(user["name"] as? String ?? "")")
        }
    }
}

struct Bookings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add, cancel and list bookings; a booking is decided by the panel's rules, and its location's panels get it.",
        subcommands: [Add.self, Cancel.self, List.self])

    struct Add: AsyncParsableCommand {
        @OptionGroup var database: DatabaseOption
        @Option(help: "The space.") var space: String
        @Option(help: "The owner's user id; none for an anonymous booking.") var owner: String?
        @Option(help: "Start, ISO 8601 with offset.") var start: String
        @Option(help: "End, ISO 8601 with offset.") var end: String
        @Option(help: "A title.") var title: String?

        func run() async throws {
            guard let from = ISO8601.parse(start) else { throw PlatformCommandError("--start: not an ISO 8601 instant with offset: \(start)") }
            guard let to = ISO8601.parse(end) else { throw PlatformCommandError("--end: not an ISO 8601 instant with offset: \(end)") }
            do {
                let booking = try await database.open().bookings.add(spaceId: space, ownerId: owner, start: from, end: to, title: title, at: Date())
                print("booked \(booking.id): \(space) \(ISO8601.format(booking.start))–\(ISO8601.format(booking.end))")
            } catch let refusal as BookingDesk.Refusal {
                throw PlatformCommandError("not booked: \(refusal)")
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The booking id.") var booking: String
        func run() async throws {
            do {
                _ = try await database.open().bookings.cancel(booking, at: Date())
                print("cancelled \(booking)")
            } catch let refusal as BookingDesk.Refusal {
                throw PlatformCommandError(refusal.description)
            }
        }
    }

    struct List: AsyncParsableCommand {
        @OptionGroup var database: DatabaseOption
        @Option(help: "Only this space's bookings.") var space: String?
        func run() async throws {
            for b in try await database.open().bookings.list(spaceId: space) {
                print("\(b.id)\t\(b.spaceId)\t\(ISO8601.format(b.start))\t\(ISO8601.format(b.end))\t\(b.status.rawValue)\t\(b.checkIn.rawValue)\t\(b.ownerId ?? "-")\t\(b.title ?? "")")
            }
        }
    }
}

struct Devices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List, approve and revoke devices.", subcommands: [List.self, Approve.self, Revoke.self])

    struct List: AsyncParsableCommand {
        @OptionGroup var database: DatabaseOption
        func run() async throws {
            for device in try await database.open().devices.devices() {
                print("\(device.id)\t\(device.state)\t\(device.userCode)\t\(device.spaceId ?? "-")\t\(device.hardware)\t\(device.lastSeenAt.map(ISO8601.format) ?? "never")")
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The code the panel shows (XXXX-XXXX).") var code: String
        @Option(help: "The space the panel serves.") var space: String
        func run() async throws {
            do {
                let device = try await database.open().devices.approve(code: code, spaceId: space, at: Date())
                print("approved \(device.id) for \(space); the panel gets its credential at its next poll")
            } catch let error as DeviceRegistry.ApprovalError {
                throw PlatformCommandError(error.description)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The device id.") var device: String
        func run() async throws {
            guard try await database.open().devices.revoke(device) else { throw PlatformCommandError("no device \(device)") }
            print("revoked \(device)")
        }
    }
}

struct Staff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The people who may sign in to the platform's pages (approving panels, devices, bookings).",
        subcommands: [Set.self, List.self, Remove.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a staff member, or give one a new password.")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The name they sign in with.") var name: String
        @Option(help: "A file holding the password (its first line); without it, the password is read from standard input.")
        var passwordFile: String?

        func run() async throws {
            let text: String?
            if let passwordFile {
                guard let contents = try? String(contentsOfFile: passwordFile, encoding: .utf8) else { throw PlatformCommandError("cannot read \(passwordFile)") }
                text = contents
            } else {
                text = readLine(strippingNewline: true)
            }
            let password = text?.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            do {
                try await database.open().staff.set(name: name, password: password, at: Date())
                print("\(name) can sign in at the platform's /signin")
            } catch let error as StaffRegistry.StaffError {
                throw PlatformCommandError(error.description)
            }
        }
    }

    struct List: AsyncParsableCommand {
        @OptionGroup var database: DatabaseOption
        func run() async throws {
            for name in try await database.open().staff.names() { print(name) }
        }
    }

    struct Remove: AsyncParsableCommand {
        @OptionGroup var database: DatabaseOption
        @Argument var name: String
        func run() async throws {
            do {
                try await database.open().staff.remove(name: name)
                print("removed \(name)")
            } catch let error as StaffRegistry.StaffError {
                throw PlatformCommandError(error.description)
            }
        }
    }
}

/// A command that could not do what was asked: printed as is, exit status 1, no usage text.
struct PlatformCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
