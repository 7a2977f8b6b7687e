import CLibGit2

/// A git object id (SHA-1, 40 lowercase hex digits), kept as text so it can cross threads.
public struct GitOID: Hashable, Sendable, CustomStringConvertible {
    /// The 40 hex digits.
    public let hex: String

    init(_ raw: git_oid) {
        var copy = raw
        hex = String(cString: git_oid_tostr_s(&copy))
    }

    /// Parses 40 hex digits; nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 40, hex.allSatisfy(\.isHexDigit) else { return nil }
        self.hex = hex.lowercased()
    }

    /// The libgit2 form of this id.
    var raw: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstr(&oid, hex)
        return oid
    }

    public var description: String { hex }
}
