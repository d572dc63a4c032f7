import Hummingbird

/// What the router does not match, as problems: a path it serves asked with another method is
/// `405 method_not_allowed` with an `Allow` header; any other path is `404 not_found`.
struct UnmatchedRouteMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Each route's path split into components (`:name` matches any one), with its methods.
    let routes: [(components: [Substring], methods: Set<String>)]

    init(routes: [(path: String, method: String)]) {
        var byPath: [String: Set<String>] = [:]
        for route in routes { byPath[route.path, default: []].insert(route.method) }
        self.routes = byPath.map { ($0.key.split(separator: "/"), $0.value) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let components = request.uri.path.split(separator: "/")
            let allowed = routes.filter { route in
                route.components.count == components.count
                    && zip(route.components, components).allSatisfy { $0.hasPrefix(":") || $0.hasPrefix("{") || $0 == $1 }
            }.reduce(into: Set<String>()) { $0.formUnion($1.methods) }
            guard !allowed.isEmpty else { throw PlatformProblem(.notFound, "not_found", "no such resource: \(request.uri.path)") }
            var problem = PlatformProblem(.methodNotAllowed, "method_not_allowed", "\(request.method) is not served here; use \(allowed.sorted().joined(separator: ", "))")
            problem.allow = allowed.sorted().joined(separator: ", ")
            throw problem
        }
    }
}
