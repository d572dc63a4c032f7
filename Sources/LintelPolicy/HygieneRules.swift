/// Marking a hygienic desk clean. Who may clean which desk depends on the best clean level among the
/// actor's roles that apply to the desk, and on whose booking last used it.
enum HygieneRules {
    static func markClean(place: PlaceContext, context: DecisionContext) -> Decision {
        guard case .user(let user, let roles) = context.actor else { return .deny(.identificationRequired) }
        guard place.space.kind == .desk, place.location.hygienic else { return .deny(.notHygienicDesk) }
        guard let hygiene = context.hygiene, hygiene.state == .needsCleaning else { return .deny(.alreadyClean) }
        let levels = RoleGrant.grants(of: user, roles: roles).filter { $0.applies(to: place.ancestry) }.map(\.permissions.clean)
        if levels.isEmpty || levels.allSatisfy({ $0 == .none }) { return .deny(.cleanNotPermitted) }
        let lastWasAnonymous = hygiene.lastOwnerId == nil
        let lastWasOwn = hygiene.lastOwnerId == user.id
        let permitted = levels.contains { level in
            switch level {
            case .none: false
            case .anonymous: lastWasAnonymous
            case .anonymousAndOwn: lastWasAnonymous || lastWasOwn
            case .all: true
            }
        }
        return permitted ? .allowed : .deny(.cleanLevelInsufficient)
    }
}
