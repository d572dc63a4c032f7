import Foundation
import LintelTestKit
import LintelWire

/// `make bench`: prints one JSON object of figures. Decision latencies are measured in five passes;
/// decision_p50_us and decision_p99_us are the medians of the per-pass figures (host noise on this
/// shared machine spoils single passes), decision_p99_pooled_us is the p99 over every decision. Targets: decision_p99_us ≤ 50, render_ratio ≤ 1.5,
/// render_clock_update_ms ≤ 0.015; the agent: rss_steady_mb (its set size after 60 s: the proportional
/// set size it would have alone on a board, i.e. its resident size) ≤ 25,
/// first_frame_ms ≤ 250, press_to_frame_p99_ms ≤ 21, idle_wakeups_per_s ≤ 1.
@main
enum LintelBench {
    static func main() async throws {
        let quick = CommandLine.arguments.contains("--quick")
        if CommandLine.arguments.contains("--sleep-forever") {
            // The wake-up floor: a Swift process that does nothing but wait.
            try await Task.sleep(for: .seconds(86_400))
            return
        }
        if CommandLine.arguments.contains("--full-frames-only") {
            // For profiling full redraws alone.
            try RenderBenchmark().profileFullFrames(count: 5000)
            return
        }
        if CommandLine.arguments.contains("--render-only") {
            // For profiling the renderer alone.
            for _ in 0..<20 { _ = try RenderBenchmark().run() }
            return
        }
        if let index = CommandLine.arguments.firstIndex(of: "--write-world"), index + 1 < CommandLine.arguments.count {
            // The bench world as a snapshot file, for profiling the importer (`lintel store validate`).
            let world = SyntheticWorld.snapshot(users: 10_000, spaces: 1_000, bookings: 100_000, around: ISO8601.parse("2026-11-23T09:00:00Z")!)
            try SnapshotCoding.encode(world).write(to: URL(fileURLWithPath: CommandLine.arguments[index + 1]))
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lintel-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        if CommandLine.arguments.contains("--platform-load") {
            // The platform under load alone (needs lintel-platform beside this binary, and wrk).
            let load = try await platformLoad(in: folder, quick: quick)
            print("{" + load.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
            return
        }
        if CommandLine.arguments.contains("--sync-only") {
            let sync = try await syncFigures(in: folder, quick: quick)
            print("{" + sync.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
            return
        }
        if CommandLine.arguments.contains("--platform-only") {
            let p = try await PlatformBenchmark().run(in: folder)
            print("{\"platform_world_import_s\":\(format(p.importSeconds)),\"platform_snapshot_bytes\":\(p.snapshotBytes),"
                + "\"platform_snapshot_gzip_bytes\":\(p.snapshotGzipBytes),\"platform_first_pull_s\":\(format(p.pullSeconds)),"
                + "\"platform_first_pull_typed_s\":\(format(p.typedPullSeconds)),\"platform_first_pull_typed_ratio\":\(format(p.typedPullSeconds / p.pullSeconds))}")
            return
        }
        let benchmark = quick
            ? DecisionBenchmark(users: 1_000, spaces: 100, bookings: 10_000, decisions: 5_000)
            : DecisionBenchmark(users: 10_000, spaces: 1_000, bookings: 100_000, decisions: 50_000)
        let figures = try benchmark.run(in: folder)
        if CommandLine.arguments.contains("--decisions-only") {
            // For profiling the decision path alone.
            print("{\"decision_p50_us\":\(format(figures.p50)),\"decision_p99_us\":\(format(figures.p99)),\"decision_p99_pooled_us\":\(format(figures.pooledP99))}")
            return
        }
        let platform = try await PlatformBenchmark().run(in: folder)
        let load = try await platformLoad(in: folder, quick: quick)
        let render = try RenderBenchmark().run()
        let agent = try await AgentBenchmark(settleSeconds: quick ? 15 : 60, wakeupSeconds: quick ? 10 : 30, folder: folder).run()
        let sync = try await syncFigures(in: folder, quick: quick)
        let report: [(String, String)] = [
            ("decision_p50_us", format(figures.p50)),
            ("decision_p99_us", format(figures.p99)),
            ("decision_p99_pooled_us", format(figures.pooledP99)),
            ("decision_p99_per_pass_us", "[" + figures.passP99s.map(format).joined(separator: ",") + "]"),
            ("decision_max_us", format(figures.max)),
            ("decision_p99_target_us", "50"),
            ("decisions_measured", "\(benchmark.decisions)"),
            ("decisions_allowed_share", format(figures.allowedShare)),
            ("store_users", "\(benchmark.users)"),
            ("store_spaces", "\(benchmark.spaces)"),
            ("store_bookings", "\(benchmark.bookings)"),
            ("store_bytes", "\(figures.storeBytes)"),
            ("store_import_s", format(figures.importSeconds)),
            ("snapshot_json_bytes", "\(figures.snapshotBytes)"),
            ("snapshot_decode_s", format(figures.decodeSeconds)),
            ("platform_world_import_s", format(platform.importSeconds)),
            ("platform_first_pull_s", format(platform.pullSeconds)),
            ("platform_first_pull_typed_s", format(platform.typedPullSeconds)),
            ("platform_first_pull_typed_ratio", format(platform.typedPullSeconds / platform.pullSeconds)),
            ("platform_snapshot_bytes", "\(platform.snapshotBytes)"),
            ("platform_snapshot_gzip_bytes", "\(platform.snapshotGzipBytes)"),
            ("platform_snapshot_gzip_target_bytes", "2500000"),
        ] + load + [
            ("render_full_frame_ms", format(render.fullFrameMs)),
            ("memcpy_frame_ms", format(render.memcpyMs)),
            ("fill_frame_ms", format(render.fillMs)),
            ("render_ratio", format(render.fullFrameMs / render.memcpyMs)),
            ("render_ratio_target", "1.5"),
            ("render_clock_update_ms", String(format: "%.4f", render.clockUpdateMs)),
            ("render_clock_update_target_ms", "0.015"),
            ("render_clock_damage_px", "\(render.clockDamagePixels)"),
            // On a board no other process maps Swift's libraries, so the agent's PSS there is its
            // resident size; here the benchmark process shares those pages and halves their share.
            ("rss_steady_mb", format(agent.rssMB)),
            ("rss_steady_target_mb", "25"),
            ("rss_steady_pss_beside_bench_mb", format(agent.pssMB)),
            ("rss_steady_after_s", format(quick ? 15 : 60)),
            ("first_frame_ms", format(percentile(agent.firstFrameMs, 0.5))),
            ("first_frame_max_ms", format(agent.firstFrameMs.max() ?? 0)),
            ("first_frame_target_ms", "250"),
            ("press_to_frame_p50_ms", format(percentile(agent.pressToFrameMs, 0.5))),
            ("press_to_frame_p99_ms", format(percentile(agent.pressToFrameMs, 0.99))),
            ("press_to_frame_target_ms", "21"),
            ("presses_measured", "\(agent.pressToFrameMs.count)"),
            ("press_to_frame_nosync_p99_ms", format(percentile(agent.pressToFrameNoSyncMs, 0.99))),
            ("press_to_frame_nosync_p50_ms", format(percentile(agent.pressToFrameNoSyncMs, 0.5))),
            ("store_transactions_per_press", format(agent.transactionsPerPress)),
            ("store_transactions_per_press_target", "2"),
            ("idle_wakeups_per_s", format(agent.idleWakeupsPerSecond)),
            ("idle_wakeups_target_per_s", "1"),
            ("idle_wakeups_swift_floor_per_s", format(agent.floorWakeupsPerSecond)),
            ("idle_wakeups_own_per_s", format(max(0, agent.idleWakeupsPerSecond - agent.floorWakeupsPerSecond))),
            ("idle_measured_s", format(agent.idleSeconds)),
            ("press_to_frame_idle_p99_ms", format(percentile(agent.pressToFrameMs, 0.99))),
        ] + sync
        print("{" + report.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
    }

    /// The agent's sync figures (SyncBenchmark), as report entries.
    static func syncFigures(in folder: URL, quick: Bool) async throws -> [(String, String)] {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        return try await SyncBenchmark(folder: folder, quick: quick, platformBinary: here.appendingPathComponent("lintel-platform").path,
                                       lintel: here.appendingPathComponent("lintel").path).run()
    }

    /// The platform's load figures (PlatformLoadBenchmark), as report entries.
    static func platformLoad(in folder: URL, quick: Bool) async throws -> [(String, String)] {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lintel-platform").path
        let postgres = ProcessInfo.processInfo.environment["LINTEL_TEST_POSTGRES_URL"]
        let load = try await PlatformLoadBenchmark(platformBinary: binary, socketCount: quick ? 2_000 : 10_000, changes: quick ? 20 : 100)
            .run(in: folder, postgresURL: postgres)
        var report: [(String, String)] = [
            ("platform_empty_pull_rps", format(load.emptyPullRPS)),
            ("platform_empty_pull_rps_target", "10000"),
            ("platform_empty_pull_devices", "1000"),
            ("platform_empty_pull_non_304", "\(load.emptyPullErrors)"),
            ("platform_empty_pull_latency_p50_ms", format(load.emptyPullP50Ms)),
            ("platform_empty_pull_latency_p99_ms", format(load.emptyPullP99Ms)),
            ("platform_poke_sockets", "\(load.sockets)"),
            ("platform_poke_sockets_target", "10000"),
            ("platform_rss_per_socket_kb", format(load.rssPerSocketKB)),
            ("platform_rss_per_socket_target_kb", "32"),
            ("platform_change_to_poke_p50_ms", format(percentile(load.changeToPokeMs, 0.5))),
            ("platform_change_to_poke_p99_ms", format(percentile(load.changeToPokeMs, 0.99))),
            ("platform_change_to_poke_target_ms", "50"),
            ("platform_change_to_first_poke_p50_ms", format(percentile(load.changeToFirstPokeMs, 0.5))),
            ("platform_change_to_poke_changes", "\(load.changeToPokeMs.count)"),
            ("platform_change_to_poke_sockets_per_change", "\(load.pokedPerChange)"),
            ("platform_role_edit_to_all_pokes_s", format(load.roleEditToAllPokesS)),
            ("platform_role_edit_to_all_pokes_target_s", "2"),
            ("platform_role_edit_request_s", format(load.roleEditRequestS)),
        ]
        if let rps = load.postgresEmptyPullRPS { report.append(("platform_empty_pull_rps_postgresql", format(rps))) }
        return report
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
}
