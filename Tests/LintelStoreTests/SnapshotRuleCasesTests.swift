import Foundation
import LintelStore
import LintelTestKit
import LintelWire
import Testing

/// One hand-written case from `Tests/SnapshotRules/cases.json`: a way to break a valid snapshot,
/// the rule it breaks and the path the error must name. `make schema` runs the same cases through
/// the JSON Schema, so both must refuse each one at the same path.
struct SnapshotRuleCase: Sendable, CustomTestStringConvertible {
    let name: String
    let rule: String
    let path: String
    nonisolated(unsafe) let raw: [String: Any]
    var testDescription: String { "\(rule): \(name)" }

    static let all: [SnapshotRuleCase] = {
        let url = ProjectFiles.root.appendingPathComponent("Tests/SnapshotRules/cases.json")
        let list = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: Any]]
        return list.map { SnapshotRuleCase(name: $0["name"] as! String, rule: $0["rule"] as! String, path: $0["path"] as! String, raw: $0) }
    }()

    /// The broken document: the base (every-field.json unless named) with the edits applied (or the text of the file
    /// with one replacement, for a syntax error).
    func document() throws -> Data {
        let base = raw["base"] as? String == "demo-world"
            ? ProjectFiles.demoWorld : ProjectFiles.root.appendingPathComponent("Tests/SnapshotRules/every-field.json")
        let data = try Data(contentsOf: base)
        if let text = raw["text"] as? [String] {
            return Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: text[0], with: text[1]).utf8)
        }
        var root = try JSONSerialization.jsonObject(with: data)
        for step in raw["edit"] as! [[String: Any]] {
            let path = step["path"] as! [Any]
            if let value = step["set"] {
                root = JSONEdit.setting(root, path, value)
            } else if step["remove"] as? Bool == true {
                root = JSONEdit.setting(root, path, nil)
            } else if let value = step["append"] {
                root = JSONEdit.setting(root, path, (JSONEdit.value(root, path) as! [Any]) + [value])
            } else if let source = step["copy"] as? [Any] {
                root = JSONEdit.setting(root, path, (JSONEdit.value(root, path) as! [Any]) + [JSONEdit.value(root, source)])
            }
        }
        return try JSONSerialization.data(withJSONObject: root)
    }
}

@Suite("Every rule of the importer has a case that breaks it, refused at its path")
struct SnapshotRuleCasesTests {
    @Test("The every-field snapshot the cases start from is valid")
    func baseIsValid() throws {
        let data = try Data(contentsOf: ProjectFiles.root.appendingPathComponent("Tests/SnapshotRules/every-field.json"))
        #expect(throws: Never.self) { _ = try SnapshotCoding.decode(data) }
    }

    @Test("Each case is refused with its rule and path", arguments: SnapshotRuleCase.all)
    func refused(_ c: SnapshotRuleCase) throws {
        let data = try c.document()
        do {
            _ = try SnapshotCoding.decode(data, file: "case.json")
            Issue.record("accepted")
        } catch {
            #expect(error.rule.rawValue == c.rule, "\(error)")
            #expect(error.path == c.path, "\(error)")
        }
    }

    @Test("The cases cover every rule the importer has")
    func coverage() {
        let covered = Set(SnapshotRuleCase.all.map(\.rule))
        let missing = SnapshotRule.allCases.map(\.rawValue).filter { !covered.contains($0) }
        #expect(missing.isEmpty, "rules without a case: \(missing)")
        #expect(covered.isSubset(of: SnapshotRule.allCases.map(\.rawValue)), "cases name rules that do not exist")
    }
}
