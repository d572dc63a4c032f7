import Foundation
import Glibc
import LintelPlatformPostgres
import LintelPlatformStore
import LintelTestKit
import LintelWire
import Logging
import Synchronization

/// The platform under load, as a fleet would put it: `lintel-platform serve` in a process of its
/// own on loopback, its devices enrolled beforehand, and the load from this process and wrk.
/// - empty pulls from 1,000 devices (wrk, 1,000 connections, each request a device's pull with
///   the cursor it holds): requests per second;
/// - 10,000 poke sockets held at once: the server's resident memory per socket;
/// - with those open, a booking change through the admin API until every socket of its location
///   has its poke (100 times: p50, p99), and a role edit until all 10,000 have theirs.
struct PlatformLoadBenchmark {
    struct Figures {
        var emptyPullRPS: Double
        var emptyPullErrors: Int
        /// Latency under that load (wrk drives 1,000 connections as fast as they are answered).
        var emptyPullP50Ms: Double
        var emptyPullP99Ms: Double
        var sockets: Int
        var rssPerSocketKB: Double
        var changeToPokeMs: [Double]
        /// The same, until the first socket of the location has its poke.
        var changeToFirstPokeMs: [Double]
        var pokedPerChange: Int
        var roleEditToAllPokesS: Double
        var roleEditRequestS: Double
        var postgresEmptyPullRPS: Double?
    }

    let platformBinary: String
    let socketCount: Int
    let pullDevices = 1_000
    let changes: Int
    let admin = "bench-admin-token-0123456789abcdef"

    func run(in folder: URL, postgresURL: String?) async throws -> Figures {
        raiseFileLimit()
        let world = SyntheticWorld.snapshot(users: 1_000, spaces: 1_000, bookings: 4_000, around: Date())
        let tokenFile = folder.appendingPathComponent("admin-token").path
        try admin.write(toFile: tokenFile, atomically: true, encoding: .utf8)

        // SQLite: everything.
        let path = folder.appendingPathComponent("load.sqlite").path
        let setup = try await Self.fill(PlatformStore(database: try SQLitePlatformDatabase(path: path, durable: false)), world, devices: socketCount)
        let server = try Server(binary: platformBinary, db: path, tokenFile: tokenFile)
        defer { server.stop() }
        try await server.waitUntilUp()
        let (rps, errors, pullP50, pullP99) = try wrk(port: server.port, credentials: Array(setup.credentials.prefix(pullDevices)), cursor: setup.cursor, folder: folder)
        let rssBefore = server.rssKB()
        let sockets = SocketFleet(port: server.port, credentials: setup.credentials)
        try await sockets.open()
        try await Task.sleep(for: .seconds(2))
        let rssAfter = server.rssKB()

        // One location's booking changes, cancelled one at a time through the admin API.
        let location = "loc-0"
        let watched = setup.locations.enumerated().filter { $0.element == location }.map(\.offset)
        // Bookings still in the world: serve retires those a day past their end when it starts.
        let victims = world.bookings.filter { setup.locationOfSpace[$0.spaceId] == location && $0.status == .confirmed && $0.end > Date() }
            .prefix(changes)
        guard victims.count == changes else { throw BenchError("only \(victims.count) bookings of \(location) to change") }
        var delays: [Double] = [], firstDelays: [Double] = []
        for booking in victims {
            let before = sockets.counts()
            let sent = ContinuousClock.now
            let status = try await request(server.port, "DELETE", "/v1/admin/bookings/\(booking.id)")
            guard status == 204 else { throw BenchError("cancelling \(booking.id) answered \(status)") }
            let arrivals = try await sockets.waitForPokes(on: watched, after: before, within: .seconds(5))
            delays.append(((arrivals.max() ?? sent) - sent).seconds * 1000)
            firstDelays.append(((arrivals.min() ?? sent) - sent).seconds * 1000)
            try await Task.sleep(for: .milliseconds(20))
        }
        let others = setup.locations.enumerated().filter { $0.element != location }.map(\.offset)
        let pokedOthers = others.filter { sockets.counts()[$0] > 1 }.count
        guard pokedOthers == 0 else { throw BenchError("\(pokedOthers) sockets of other locations were poked for \(location)'s bookings") }

        // A role edit: every device's scope holds the roles, so every socket is poked.
        var edited = world
        edited.roles[0].name += " (edited)"
        let before = sockets.counts()
        let sent = ContinuousClock.now
        let status = try await request(server.port, "PUT", "/v1/admin/snapshot", body: try SnapshotCoding.encode(edited))
        let requestSeconds = (ContinuousClock.now - sent).seconds
        guard status == 204 else { throw BenchError("the role edit answered \(status)") }
        let all = try await sockets.waitForPokes(on: Array(0..<setup.credentials.count), after: before, within: .seconds(30))
        let roleEdit = ((all.max() ?? sent) - sent).seconds
        sockets.close()
        server.stop()

        // PostgreSQL: the same empty pulls.
        var postgresRPS: Double?
        if let postgresURL {
            let url = try await PostgresPlatformDatabase.createDatabase(named: "lintel_bench_\(getpid())", onServer: postgresURL + "?sslmode=disable")
            let store = PlatformStore(database: try await PostgresPlatformDatabase.open(url: url))
            let pgSetup = try await Self.fill(store, world, devices: pullDevices)
            await store.database.close()
            let pgServer = try Server(binary: platformBinary, db: url, tokenFile: tokenFile)
            defer { pgServer.stop() }
            try await pgServer.waitUntilUp()
            postgresRPS = try wrk(port: pgServer.port, credentials: pgSetup.credentials, cursor: pgSetup.cursor, folder: folder).rps
        }
        return Figures(
            emptyPullRPS: rps, emptyPullErrors: errors, emptyPullP50Ms: pullP50, emptyPullP99Ms: pullP99, sockets: setup.credentials.count,
            rssPerSocketKB: Double(rssAfter - rssBefore) / Double(setup.credentials.count),
            changeToPokeMs: delays, changeToFirstPokeMs: firstDelays, pokedPerChange: watched.count, roleEditToAllPokesS: roleEdit, roleEditRequestS: requestSeconds,
            postgresEmptyPullRPS: postgresRPS)
    }

    // MARK: Setting up

    struct Setup {
        var credentials: [String]
        /// The location of each device, in the order of `credentials`.
        var locations: [String]
        var locationOfSpace: [String: String]
        var cursor: String
    }

    /// The world and `devices` enrolled devices, spread over the spaces.
    static func fill(_ store: PlatformStore, _ world: Snapshot, devices: Int) async throws -> Setup {
        try await store.importWorld(world, at: Date())
        var locationOfSpace: [String: String] = [:]
        let areaLocation = Dictionary(uniqueKeysWithValues: world.areas.map { ($0.id, $0.locationId) })
        for space in world.spaces { locationOfSpace[space.id] = areaLocation[space.areaId] }
        let spaces = world.spaces.map(\.id)
        let registry = store.devices
        let spaceLocations = locationOfSpace
        let made = try await withThrowingTaskGroup(of: [(Int, String, String)].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var out: [(Int, String, String)] = []
                    for index in stride(from: worker, to: devices, by: 8) {
                        let space = spaces[index % spaces.count]
                        let enrolment = try await registry.startEnrolment(hardware: "bench", at: Date())
                        _ = try await registry.approve(code: enrolment.userCode, spaceId: space, at: Date())
                        guard case .approved(_, let credential, _) = try await registry.poll(deviceCode: enrolment.deviceCode, at: Date()) else {
                            throw BenchError("enrolment \(index) was not approved")
                        }
                        out.append((index, credential, spaceLocations[space] ?? ""))
                    }
                    return out
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted { $0.0 < $1.0 }
        }
        // What serve's first housekeeping round would retire goes now, so the cursor stays the last.
        try await store.retireBookings(endedBefore: Date().addingTimeInterval(-86_400), at: Date())
        let cursor: String
        switch try await store.pull(.init(locationId: "loc-0"), after: nil, at: Date()) {
        case .snapshot(let seq, _, _), .unchanged(let seq, _), .delta(let seq, _, _): cursor = "v1.\(seq)"
        }
        return Setup(credentials: made.map(\.1), locations: made.map(\.2), locationOfSpace: locationOfSpace, cursor: cursor)
    }

    func raiseFileLimit() {
        var limit = rlimit()
        getrlimit(RLIMIT_NOFILE_VALUE, &limit)
        limit.rlim_cur = min(limit.rlim_max, 200_000)
        setrlimit(RLIMIT_NOFILE_VALUE, &limit)
    }

    // MARK: Load

    /// wrk with 1,000 connections for 10 s: requests per second, how many were not 304, and the
    /// latency's median and 99th percentile.
    func wrk(port: Int, credentials: [String], cursor: String, folder: URL) throws -> (rps: Double, errors: Int, p50Ms: Double, p99Ms: Double) {
        let file = folder.appendingPathComponent("credentials.txt")
        try credentials.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/bench/empty-pull.lua").path
        process.arguments = ["-t", "2", "-c", "\(pullDevices)", "-d", "10s", "--latency", "--timeout", "10s", "-s", script, "http://127.0.0.1:\(port)"]
        process.environment = ["LINTEL_WRK_CREDENTIALS": file.path, "LINTEL_WRK_CURSOR": cursor]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
              let rps = Double(line.split(separator: " ").last ?? "")
        else { throw BenchError("wrk said: \(text)") }
        let errors = text.split(separator: "\n").first { $0.hasPrefix("not-304:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? -1
        let socketErrors = text.split(separator: "\n").first { $0.contains("Socket errors") }.map(String.init)
        if let socketErrors { FileHandle.standardError.write(Data("wrk: \(socketErrors)\n".utf8)) }
        func latency(_ label: String) -> Double {
            guard let line = text.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }),
                  let value = line.split(separator: " ").last else { return 0 }
            let number = Double(value.dropLast(value.hasSuffix("ms") ? 2 : value.hasSuffix("us") ? 2 : 1)) ?? 0
            return value.hasSuffix("ms") ? number : value.hasSuffix("us") ? number / 1000 : number * 1000
        }
        return (rps, errors, latency("50%"), latency("99%"))
    }

    func request(_ port: Int, _ method: String, _ path: String, body: Data? = nil) async throws -> Int {
        try await LoopbackHTTP.request(
            port: port, method: method, path: path, headers: ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"],
            body: body ?? Data())
    }
}

/// `lintel-platform serve` in a process of its own.
final class Server: Sendable {
    let port: Int
    private let process: Process

    init(binary: String, db: String, tokenFile: String) throws {
        port = Int.random(in: 20_000...60_000)
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--db", db, "--port", "\(port)", "--admin-token-file", tokenFile]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func waitUntilUp() async throws {
        for _ in 0..<300 {
            if (try? await LoopbackHTTP.request(port: port, method: "GET", path: "/healthz")) == 200 { return }
            guard process.isRunning else { throw BenchError("lintel-platform serve exited with \(process.terminationStatus)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchError("lintel-platform serve did not come up")
    }

    /// Resident set size in kB (VmRSS).
    func rssKB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
