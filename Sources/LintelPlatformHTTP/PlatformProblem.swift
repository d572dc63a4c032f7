import Foundation
public import Hummingbird

/// An error answer as RFC 9457 describes it (`application/problem+json`), with the stable `code`
/// of `docs/platform-api.yaml` that clients act on.
public struct PlatformProblem: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var detail: String
    public var path: String?
    /// For `denied`: the LintelPolicy denial reason (docs/reasons.md).
    public var reason: String?
    /// For `method_not_allowed`: the methods the path takes (the `Allow` header).
    public var allow: String?

    public init(_ status: HTTPResponse.Status, _ code: String, _ detail: String, path: String? = nil) {
        self.status = status
        self.code = code
        self.detail = detail
        self.path = path
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields: [String: Any] = [
            "type": "https://lintel.example/problems/\(code)", "title": status.reasonPhrase, "status": status.code,
            "code": code, "detail": detail,
        ]
        if let path { fields["path"] = path }
        if let reason { fields["reason"] = reason }
        let body = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let allow { headers[.allow] = allow }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static let unauthorised = PlatformProblem(.unauthorized, "unauthorised", "a valid bearer credential is required")
}
