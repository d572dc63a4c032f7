import LintelPolicy
import LintelTestKit
import Testing

@Suite("Roles: system roles are fixed, custom roles are cloned and edited")
struct RoleCatalogTests {
    @Test("The three predefined system roles always exist")
    func systemRolesExist() {
        let catalog = RoleCatalog()
        #expect(catalog.allRoles.map(\.name) == ["User", "Booking Manager", "Manager"])
        #expect(catalog.allRoles.allSatisfy { $0.isSystem })
    }

    @Test("System roles' permissions are not modifiable", arguments: Role.systemRoles.map(\.id))
    func systemRolesImmutable(_ id: RoleID) {
        var catalog = RoleCatalog()
        #expect(throws: RoleCatalogError.systemRoleImmutable(id)) { try catalog.edit(id) { $0.permissions.clean = .all } }
        #expect(throws: RoleCatalogError.systemRoleImmutable(id)) { try catalog.remove(id) }
        #expect(catalog.role(id) == Role.systemRoles.first { $0.id == id })
    }

    @Test("Clone an existing role, then edit the copy")
    func cloneAndEdit() throws {
        var catalog = RoleCatalog()
        let copy = try catalog.clone(Role.bookingManager.id, as: "role-desk-lead", name: "Desk lead")
        #expect(copy.permissions == Role.bookingManager.permissions)
        #expect(copy.clonedFrom == Role.bookingManager.id)
        #expect(!copy.isSystem)
        try catalog.edit("role-desk-lead") { $0.permissions.desks.simultaneous = true }
        #expect(catalog.role("role-desk-lead")?.permissions.desks.simultaneous == true)
        #expect(Role.bookingManager.permissions.desks.simultaneous == false)
    }

    @Test("A clone needs a fresh id and an existing source")
    func cloneErrors() {
        var catalog = RoleCatalog()
        #expect(throws: RoleCatalogError.duplicateId(Role.user.id)) { try catalog.clone(Role.manager.id, as: Role.user.id, name: "x") }
        #expect(throws: RoleCatalogError.unknownRole("nope")) { try catalog.clone("nope", as: "new", name: "x") }
    }

    @Test("A custom role can be removed; a system role cannot be added again")
    func addAndRemove() throws {
        var catalog = RoleCatalog()
        try catalog.add(Fixture.role("temp") { _ in })
        try catalog.remove("temp")
        #expect(catalog.role("temp") == nil)
        var fakeSystem = Role.user
        fakeSystem.id = "system:extra"
        #expect(throws: RoleCatalogError.systemRoleImmutable("system:extra")) { try catalog.add(fakeSystem) }
    }

    @Test("The admin section is for admins whatever the configuration", arguments: PlatformRole.allCases)
    func adminSectionForAdminsOnly(_ configured: PlatformRole) {
        let access = ModuleAccess(minimumRole: [.admin: configured, .booking: configured])
        #expect(access.requiredRole(for: .admin) == .admin)
        #expect(access.requiredRole(for: .booking) == configured)
        #expect(ModuleAccess().requiredRole(for: .weekPlanner) == .user)
    }

    @Test("Who may add members to each space and location role", arguments: [
        (AdministrativeRole.superAdministrator, Set<AdministrativeRole>()),
        (.spaceAdministrator, [.superAdministrator, .spaceAdministrator]),
        (.locationOperator, [.locationManager]),
        (.reception, [.locationManager, .locationOperator]),
    ] as [(AdministrativeRole, Set<AdministrativeRole>)])
    func assignableBy(_ role: AdministrativeRole, _ by: Set<AdministrativeRole>) {
        #expect(role.assignableBy == by)
    }
}

@Suite("Insight level")
struct BookingDisclosureTests {
    static let meeting = Booking(id: "b", spaceId: "r", ownerId: "u", start: Fixture.instant("2026-11-23T10:00:00Z"),
                                 end: Fixture.instant("2026-11-23T11:00:00Z"), title: "Budget")

    @Test("What a level shows of a booking", arguments: [
        (InsightLevel.availability, false, nil, nil),
        (.subject, false, "Budget", nil),
        (.subjectAndOrganiser, false, "Budget", "Uma"),
        (.subjectAndOrganiser, true, nil, nil),
    ] as [(InsightLevel, Bool, String?, String?)])
    func disclosure(_ level: InsightLevel, _ isPrivate: Bool, _ subject: String?, _ organiser: String?) {
        var booking = Self.meeting
        booking.isPrivate = isPrivate
        let shown = BookingDisclosure.of(booking, organiserName: "Uma", at: level)
        #expect(shown == BookingDisclosure(subject: subject, organiser: organiser))
    }
}
