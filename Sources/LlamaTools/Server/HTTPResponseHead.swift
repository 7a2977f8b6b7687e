/// The status line and header fields of an HTTP/1.1 reply.
///
/// Field names are matched case-insensitively (RFC 9110 §5.1); a field sent more than once is
/// kept as one value joined with ", " (RFC 9110 §5.3).
struct HTTPResponseHead: Equatable, Sendable {
    /// The status code, e.g. 200 or 401.
    let status: Int
    private let fields: [String: String]

    /// - Parameter fields: (name, value) pairs in the order received.
    init(status: Int, fields: [(name: String, value: String)]) {
        self.status = status
        var merged: [String: String] = [:]
        for field in fields {
            let key = field.name.lowercased()
            merged[key] = merged[key].map { "\($0), \(field.value)" } ?? field.value
        }
        self.fields = merged
    }

    /// The value of field `name` (any case), or nil when the reply does not have it.
    subscript(_ name: String) -> String? {
        fields[name.lowercased()]
    }
}
