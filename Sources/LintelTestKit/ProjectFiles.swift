public import Foundation

/// Paths inside this repository, for tests that read shipped files (the demo world, docs).
public enum ProjectFiles {
    /// The repository root, found from this source file's location.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var demoWorld: URL { root.appendingPathComponent("examples/demo-world.json") }

    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}
