/// Identifiers are the platform's own opaque strings; these names say which table one refers to.
public typealias OrganisationID = String
public typealias LocationID = String
public typealias AreaID = String
public typealias SpaceID = String
public typealias CategoryID = String
public typealias ProfileID = String
public typealias RoleID = String
public typealias UserID = String
public typealias VisaID = String
public typealias BookingID = String
