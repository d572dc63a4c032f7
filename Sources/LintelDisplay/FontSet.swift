import Foundation

/// The three weights panels use, loaded from a folder (the bundled Inter in `assets/fonts`).
public struct FontSet: Sendable {
    public let regular: Typeface
    public let semibold: Typeface
    public let bold: Typeface

    public init(folder: String) throws(TypefaceError) {
        regular = try Typeface(file: folder + "/Inter-Regular.otf")
        semibold = try Typeface(file: folder + "/Inter-SemiBold.otf")
        bold = try Typeface(file: folder + "/Inter-Bold.otf")
    }

    /// `assets/fonts` next to the executable's installation, or in the source tree, or LINTEL_ASSETS.
    public static func locateFolder(near executable: String = CommandLine.arguments[0]) -> String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["LINTEL_ASSETS"] { candidates.append(env + "/fonts") }
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("assets/fonts").path)
            candidates.append(dir.appendingPathComponent("share/lintel/fonts").path)
            dir = dir.deletingLastPathComponent()
        }
        candidates += ["/usr/share/lintel/fonts", "/usr/local/share/lintel/fonts"]
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/Inter-Regular.otf") }
    }
}
