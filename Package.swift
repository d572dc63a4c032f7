// swift-tools-version:6.1
import PackageDescription

/// One set of strict settings for every target: Swift 6 language mode, existential `any` spelled out.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Lintel",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lintel", targets: ["lintel"]),
        .library(name: "LintelPolicy", targets: ["LintelPolicy"]),
        .library(name: "LintelWire", targets: ["LintelWire"]),
        .library(name: "LintelStore", targets: ["LintelStore"]),
        .executable(name: "lintel-platform", targets: ["lintel-platform"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Pure domain values and decisions: Foundation only, no I/O, no clock reads.
        .target(name: "LintelPolicy", swiftSettings: strict),
        // What crosses the wire between a panel and the platform: snapshot, delta and event types with
        // their coding and validation. Foundation and LintelPolicy only (no GRDB, no NIO).
        .target(name: "LintelWire", dependencies: ["LintelPolicy"], swiftSettings: strict),
        // The SQLite authorisation cache behind one facade.
        .target(
            name: "LintelStore",
            dependencies: [
                "LintelPolicy", "LintelWire",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        // Input logic (debounce, presses, occupancy, LEDs, badges) and board configuration: pure.
        .target(name: "LintelInput", swiftSettings: strict),
        // C library shims, used only by the backends that need them.
        .systemLibrary(name: "CGPIOD", pkgConfig: "libgpiod", providers: [.apt(["libgpiod-dev"])]),
        .systemLibrary(name: "CEvdev"),
        // libgpiod v1 lines and evdev badge readers behind `InputSource`.
        .target(name: "LintelInputGPIOD", dependencies: ["LintelInput", "CGPIOD", "CEvdev"], swiftSettings: strict),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz", providers: [.apt(["libharfbuzz-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // Frame buffer, text, screens and the renderer; PNG and in-memory sinks.
        .target(
            name: "LintelDisplay", dependencies: ["LintelPolicy", "CFreeType", "CHarfBuzz", "CPNG", "CQREncode"],
            swiftSettings: strict),
        .systemLibrary(name: "CDRM", pkgConfig: "libdrm", providers: [.apt(["libdrm-dev"])]),
        // DRM/KMS sink and the fbdev fallback.
        .systemLibrary(name: "CFBDev"),
        .target(name: "LintelDisplayDRM", dependencies: ["LintelDisplay", "CDRM", "CFBDev"], swiftSettings: strict),
        // The agent: panel state machine, clock trust, the services of `lintel run`.
        .systemLibrary(name: "CTimex"),
        .systemLibrary(name: "CMalloc"),
        .target(
            name: "LintelAgent",
            dependencies: [
                "LintelPolicy", "LintelWire", "LintelStore", "LintelInput", "LintelDisplay",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict),
        // The system's clocks behind `AgentClock`: clock_gettime, timesyncd's flag, adjtimex.
        .target(name: "LintelSystemClock", dependencies: ["LintelAgent", "CTimex"], swiftSettings: strict),
        // YAML reading for board and agent files (one source for `display:`): errors name file:line, key and value.
        .target(
            name: "LintelConfig",
            dependencies: ["LintelPolicy", "LintelInput", "LintelDisplay", "LintelAgent", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        // Loopback HTTP for the agent (optional part): Prometheus metrics and the virtual panel.
        .target(
            name: "LintelAgentHTTP",
            dependencies: [
                "LintelAgent",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        // Sync with the platform (optional part of the agent): the platform client (AsyncHTTPClient,
        // a WebSocket for pokes), the pure sync machine, enrolment and the sync service.
        .target(
            name: "LintelSync",
            dependencies: [
                "LintelPolicy", "LintelWire", "LintelStore", "LintelAgent",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        // The platform (never linked into `lintel`): what a device's scope is, pairing codes; pure.
        .target(name: "LintelPlatformCore", dependencies: ["LintelPolicy", "LintelWire"], swiftSettings: strict),
        // The platform's world on SQLite with its change log, behind one facade.
        .target(
            name: "LintelPlatformStore",
            dependencies: [
                "LintelPolicy", "LintelWire", "LintelPlatformCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: strict),
        // The fleet storage: the same world and change log on PostgreSQL (postgres-nio), LISTEN/NOTIFY between instances.
        .target(
            name: "LintelPlatformPostgres",
            dependencies: [
                "LintelPlatformStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // The platform's HTTP API (Hummingbird): the routes of docs/platform-api.yaml, problems as RFC 9457.
        .target(
            name: "LintelPlatformHTTP",
            dependencies: [
                "LintelPolicy", "LintelWire", "LintelPlatformCore", "LintelPlatformStore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "lintel-platform",
            dependencies: [
                "LintelPolicy", "LintelWire", "LintelPlatformCore", "LintelPlatformStore", "LintelPlatformPostgres", "LintelPlatformHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        // World builders and doubles for tests and benchmarks.
        // Test kits by layer: fixtures and worlds (policy, wire), a scripted input source, a manual clock.
        .target(name: "LintelTestKit", dependencies: ["LintelPolicy", "LintelWire"], swiftSettings: strict),
        .target(name: "LintelInputTestKit", dependencies: ["LintelInput"], swiftSettings: strict),
        .target(name: "LintelAgentTestKit", dependencies: ["LintelAgent"], swiftSettings: strict),
        .target(name: "LintelSyncTestKit", dependencies: ["LintelSync", "LintelWire"], swiftSettings: strict),
        .executableTarget(
            name: "lintel",
            dependencies: [
                "LintelPolicy", "LintelWire", "LintelStore", "LintelInput", "LintelInputGPIOD", "LintelDisplay", "LintelDisplayDRM",
                "LintelAgent", "LintelAgentHTTP", "LintelSync", "LintelSystemClock", "LintelConfig", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "lintel-bench",
            dependencies: [
                "LintelPolicy", "LintelWire", "LintelStore", "LintelTestKit", "LintelAgentTestKit", "LintelDisplay", "LintelAgent", "LintelInput",
                "LintelPlatformCore", "LintelPlatformStore", "LintelPlatformPostgres", "LintelSync",
                .product(name: "CompressNIO", package: "compress-nio"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(name: "LintelPolicyTests", dependencies: ["LintelPolicy", "LintelTestKit"], swiftSettings: strict),
        .testTarget(name: "LintelStoreTests", dependencies: ["LintelWire", "LintelStore", "LintelTestKit"], swiftSettings: strict),
        .testTarget(name: "LintelInputTests", dependencies: ["LintelInput", "LintelInputTestKit", "LintelTestKit"], swiftSettings: strict),
        .testTarget(name: "LintelDisplayTests", dependencies: ["LintelDisplay", "LintelDisplayDRM", "LintelWire", "LintelStore", "LintelTestKit"], swiftSettings: strict),
        .testTarget(
            name: "LintelAgentTests",
            dependencies: ["LintelAgent", "LintelAgentHTTP", "LintelWire", "LintelStore", "LintelTestKit", "LintelAgentTestKit", "LintelInputTestKit", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")], swiftSettings: strict),
        .testTarget(name: "LintelConfigTests", dependencies: ["LintelConfig", "LintelInput", "LintelAgent", "LintelTestKit"], swiftSettings: strict),
        .testTarget(
            name: "LintelPlatformTests",
            dependencies: [
                "LintelPlatformCore", "LintelPlatformStore", "LintelPlatformPostgres", "LintelPlatformHTTP", "LintelWire", "LintelTestKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "LintelSyncTests",
            dependencies: [
                "LintelSync", "LintelSyncTestKit", "LintelStore", "LintelWire", "LintelAgent", "LintelAgentTestKit", "LintelTestKit",
                "LintelPlatformStore", "LintelPlatformHTTP",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .testTarget(name: "LintelCLITests", dependencies: ["LintelPolicy", "LintelWire", "LintelStore", "LintelTestKit"], swiftSettings: strict),
    ]
)
