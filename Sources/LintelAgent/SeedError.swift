/// A seed world that cannot be used: the file and what is wrong with it.
public struct SeedError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
