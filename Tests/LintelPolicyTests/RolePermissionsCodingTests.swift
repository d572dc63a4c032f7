import Foundation
import LintelPolicy
import Testing

@Suite("Role permissions as the snapshot writes them")
struct RolePermissionsCodingTests {
    @Test("Services and visitors access read from their JSON forms", arguments: [
        (#"{"services": "all-providers", "visitors": {"location": "loc-ams"}}"#, ServicesAccess.allProviders, VisitorsAccess.location("loc-ams")),
        (#"{"services": {"provider": "catering"}, "visitors": "all-locations"}"#, .provider("catering"), .allLocations),
        (#"{}"#, .notAllowed, .notAllowed),
    ])
    func servicesAndVisitors(_ json: String, _ services: ServicesAccess, _ visitors: VisitorsAccess) throws {
        let permissions = try JSONDecoder().decode(RolePermissions.self, from: Data(json.utf8))
        #expect(permissions.services == services)
        #expect(permissions.visitors == visitors)
        let again = try JSONDecoder().decode(RolePermissions.self, from: try JSONEncoder().encode(permissions))
        #expect(again == permissions)
    }

    @Test("Visitors for one location permit only that location")
    func visitorsForOneLocation() {
        #expect(VisitorsAccess.location("loc-ams").permits("loc-ams"))
        #expect(!VisitorsAccess.location("loc-ams").permits("loc-nyc"))
        #expect(!VisitorsAccess.notAllowed.permits("loc-ams"))
    }

    @Test("Unknown words are refused", arguments: [#"{"services": "some"}"#, #"{"visitors": "everyone"}"#, #"{"clean": "sometimes"}"#])
    func unknownWords(_ json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RolePermissions.self, from: Data(json.utf8)) }
    }
}
