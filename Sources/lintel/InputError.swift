/// Bad input from the command line or a file: printed as is on stderr, exit status 2.
struct InputError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
