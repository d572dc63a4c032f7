/// The rules a snapshot must keep, one stable code each: what `SnapshotError.rule` names, what
/// `docs/snapshot.md` lists, and what the schema round-trip test covers rule by rule.
public enum SnapshotRule: String, CaseIterable, Sendable, Codable {
    // The JSON shape, as the schema states it.
    case syntax = "syntax"
    case duplicateField = "duplicate-field"
    case missingField = "missing-field"
    case wrongType = "wrong-type"
    case unknownField = "unknown-field"
    case invalidValue = "invalid-value"
    // Beyond the shape.
    case format = "format"
    case emptyId = "empty-id"
    case uniqueIds = "unique-ids"
    case references = "references-resolve"
    case timeZone = "iana-time-zone"
    case areaInOwnLocation = "area-parent-in-same-location"
    case areaCycle = "areas-without-cycles"
    case categoryKind = "category-kind-matches-space"
    case systemRoles = "system-roles-built-in"
    case activeUserRole = "active-user-has-role"
    case assignmentScope = "assignment-scope"
    case oneLocationManager = "one-location-manager"
    case oneSuperAdministrator = "one-super-administrator"
    case validityOrder = "ends-after-start"
}
