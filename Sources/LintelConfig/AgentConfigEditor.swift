import Foundation

/// What `lintel provision` changes in the agent's configuration, as text, so the file's comments
/// and layout stay: the top-level `board:` and the `sync:` section's `platform:` and `ca-bundle:`
/// lines are replaced, or added when missing.
public enum AgentConfigEditor {
    public static func provisioning(_ text: String, platform: String, board: String?, caBundle: String?) -> String {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        if let board { set(top: "board", to: board, in: &lines) }
        set(sync: "platform", to: platform, in: &lines)
        if let caBundle { set(sync: "ca-bundle", to: caBundle, in: &lines) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func isTop(_ line: String, _ key: String) -> Bool { line.hasPrefix(key + ":") }

    private static func set(top key: String, to value: String, in lines: inout [String]) {
        if let index = lines.firstIndex(where: { isTop($0, key) }) {
            lines[index] = "\(key): \(quoted(value))"
        } else {
            lines.append("\(key): \(quoted(value))")
        }
    }

    private static func set(sync key: String, to value: String, in lines: inout [String]) {
        guard let section = lines.firstIndex(where: { isTop($0, "sync") }) else {
            lines += ["sync:", "  \(key): \(quoted(value))"]
            return
        }
        var end = section + 1
        while end < lines.count, lines[end].hasPrefix(" ") || lines[end].hasPrefix("\t") || lines[end].trimmingCharacters(in: .whitespaces).isEmpty {
            end += 1
        }
        let body = (section + 1)..<end
        if let index = body.first(where: { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") }) {
            let indent = lines[index].prefix { $0 == " " || $0 == "\t" }
            lines[index] = "\(indent)\(key): \(quoted(value))"
        } else {
            lines.insert("  \(key): \(quoted(value))", at: section + 1)
        }
    }

    /// A YAML scalar that reads back as `value`.
    static func quoted(_ value: String) -> String {
        let plain = value.allSatisfy { $0.isLetter || $0.isNumber || "/._-:@+".contains($0) } && !value.isEmpty && !value.hasPrefix("-")
        return plain ? value : "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
