import LintelPolicy
import LintelTestKit

private let ten = "2026-11-23T10:00:00+01:00"
private let eleven = "2026-11-23T11:00:00+01:00"
private let noBooking = Fixture.role("no-booking") { $0.bookingLevel = .notAllowed }

private func scoped(_ name: String, _ scope: PlaceScope, expect: String) -> Scenario {
    .book(name, expect: expect, by: Fixture.user(roles: [Fixture.role { $0.bookingScope = scope }]), from: ten, to: eleven)
}

/// "Booking permissions": including and excluding locations and spaces, down the hierarchy
/// (room-1 is in wing-a, in floor-2, in loc-ams).
let scopeScenarios: [Scenario] = [
    scoped("Allowed for all locations, rooms and desks", .everywhere, expect: "allowed"),
    scoped("A parent's exclusion covers its children (floor excluded, room in its wing)", PlaceScope(excludeLocations: ["floor-2"]), expect: "space_excluded"),
    scoped("Excluding a location excludes every space in it", PlaceScope(excludeLocations: ["loc-ams"]), expect: "space_excluded"),
    scoped("Excluding a space", PlaceScope(excludeSpaces: ["room-1"]), expect: "space_excluded"),
    scoped("Excluding another floor leaves this one bookable", PlaceScope(excludeLocations: ["floor-3"]), expect: "allowed"),
    scoped("Including a floor includes the spaces of its wings", PlaceScope(includeLocations: ["floor-2"]), expect: "allowed"),
    scoped("Including a location includes all below it", PlaceScope(includeLocations: ["loc-ams"]), expect: "allowed"),
    scoped("Including only another floor leaves this space out", PlaceScope(includeLocations: ["floor-3"]), expect: "space_not_included"),
    scoped("Including just this space", PlaceScope(includeSpaces: ["room-1"]), expect: "allowed"),
    scoped("Including just another space", PlaceScope(includeSpaces: ["room-2"]), expect: "space_not_included"),
    scoped("An exclusion wins over an inclusion of the parent", PlaceScope(includeLocations: ["loc-ams"], excludeLocations: ["wing-a"]), expect: "space_excluded"),
    scoped("A parent's exclusion beats the space's own inclusion", PlaceScope(excludeLocations: ["floor-2"], includeSpaces: ["room-1"]), expect: "space_excluded"),
    .book("A Location Manager books anything in their location, outside hours too", expect: "allowed",
          by: Fixture.user(roles: [noBooking], assignments: [RoleAssignment(role: .locationManager, scope: "loc-ams")]),
          from: "2026-11-23T20:00:00+01:00", to: "2026-11-23T21:00:00+01:00"),
    .book("A Location Manager's rights stop at their location", expect: "space_not_included",
          by: Fixture.user(roles: [noBooking], assignments: [RoleAssignment(role: .locationManager, scope: "loc-ams")]),
          place: Fixture.place(location: Fixture.newYork, areaIds: ["nyc-f30"]),
          from: "2026-11-23T10:00:00-05:00", to: "2026-11-23T11:00:00-05:00"),
    .book("A Location Operator has all permissions in the location", expect: "allowed",
          by: Fixture.user(roles: [noBooking], assignments: [RoleAssignment(role: .locationOperator, scope: "loc-ams")]),
          from: ten, to: eleven),
    .book("A Department Administrator books for others in the department", expect: "allowed",
          by: Fixture.user(assignments: [RoleAssignment(role: .departmentAdministrator, scope: "wing-a")]),
          from: ten, to: eleven, onBehalfOf: "u-2") { $0.beneficiary = Fixture.user("u-2") },
    .book("A Department Administrator has no extra rights outside the department", expect: "space_not_included",
          by: Fixture.user(assignments: [RoleAssignment(role: .departmentAdministrator, scope: "wing-a")]),
          place: Fixture.place(areaIds: ["wing-b", "floor-2"]), from: ten, to: eleven, onBehalfOf: "u-2") { $0.beneficiary = Fixture.user("u-2") },
    .book("The Super Administrator has all permissions everywhere", expect: "allowed",
          by: Fixture.user(roles: [], assignments: [RoleAssignment(role: .superAdministrator)]),
          place: Fixture.place(location: Fixture.newYork, areaIds: ["nyc-f30"]),
          from: "2026-11-23T21:00:00-05:00", to: "2026-11-23T23:00:00-05:00"),
    .book("A Space Administrator has all permissions everywhere", expect: "allowed",
          by: Fixture.user(roles: [], assignments: [RoleAssignment(role: .spaceAdministrator)]), from: ten, to: eleven),
    .book("Billing, Member, Reception and Engineer grant no booking rights", expect: "booking_not_allowed",
          by: Fixture.user(roles: [noBooking], assignments: [
              RoleAssignment(role: .billing), RoleAssignment(role: .member),
              RoleAssignment(role: .reception, scope: "loc-ams"), RoleAssignment(role: .engineer, scope: "loc-ams"),
          ]), from: ten, to: eleven),
]
