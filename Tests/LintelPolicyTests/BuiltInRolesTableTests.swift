import Foundation
import LintelPolicy
import LintelTestKit
import Testing

/// `docs/snapshot.md` states what each built-in role allows and what a custom role holds for a
/// field it leaves out (issue 10: the docs said custom roles default to the User role, and gave
/// `clean: none` as that default, while `system:user` may clean anonymous and own desks). Each
/// column of the table, read as a snapshot's `permissions`, must be exactly the role built in.
@Suite("The built-in roles table in docs/snapshot.md is the truth")
struct BuiltInRolesTableTests {
    /// The table's columns as `permissions` objects: column 1 is the custom-role default, then
    /// `system:user`, `system:booking-manager`, `system:manager`.
    static func columns() throws -> [(header: String, permissions: [String: Any])] {
        let text = try String(contentsOf: ProjectFiles.root.appendingPathComponent("docs/snapshot.md"), encoding: .utf8)
        let table = try #require(text.components(separatedBy: "<!-- roles-table -->").dropFirst().first?
            .components(separatedBy: "<!-- /roles-table -->").first)
        let rows = table.split(separator: "\n").map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }.filter { !$0.isEmpty }
        let headers = Array(rows[0].dropFirst())
        var columns = headers.map { (header: $0, permissions: [String: Any]()) }
        for row in rows.dropFirst(2) {
            let field = row[0].trimmingCharacters(in: ["`"])
            for (index, cell) in row.dropFirst().enumerated() where cell != "none" {
                let value = try JSONSerialization.jsonObject(with: Data(cell.trimmingCharacters(in: ["`"]).utf8), options: [.fragmentsAllowed])
                if field.hasPrefix("*.") {
                    for kind in ["rooms", "desks", "parking"] {
                        var rules = columns[index].permissions[kind] as? [String: Any] ?? [:]
                        rules[String(field.dropFirst(2))] = value
                        columns[index].permissions[kind] = rules
                    }
                } else {
                    columns[index].permissions[field] = value
                }
            }
        }
        return columns
    }

    @Test("Each column decodes to the role it names", arguments: ["custom role default", Role.user.id, Role.bookingManager.id, Role.manager.id])
    func column(_ name: String) throws {
        let built: [String: RolePermissions] = [
            "custom role default": RolePermissions(), Role.user.id: Role.user.permissions,
            Role.bookingManager.id: Role.bookingManager.permissions, Role.manager.id: Role.manager.permissions,
        ]
        let index = ["custom role default", Role.user.id, Role.bookingManager.id, Role.manager.id].firstIndex(of: name)!
        let expected = built[name]!
        let columns = try Self.columns()
        try #require(columns.count == 4)
        let data = try JSONSerialization.data(withJSONObject: columns[index].permissions)
        let stated = try JSONDecoder().decode(RolePermissions.self, from: data)
        #expect(stated == expected, "the column \(columns[index].header) is not what the agent has built in")
    }

    @Test("The table names every permission a role has")
    func everyPermission() throws {
        let fields = Set(try Self.columns()[0].permissions.keys)
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Role.manager.permissions)) as! [String: Any]
        #expect(fields == Set(encoded.keys))
    }
}
