/// The results repository's folder name for a model (CONTRACT.md "Results repository").
///
/// Lower-cased, `/` → `--`, every other character outside `[a-z0-9._-]` → `-`:
/// `ModelSlug.make("HuggingFaceTB/SmolLM2-135M-Instruct")` is `"huggingfacetb--smollm2-135m-instruct"`.
/// A slug is idempotent: making the slug of a slug returns it unchanged.
public enum ModelSlug {
    /// Makes the slug of a model name.
    /// - Throws: `ModelSlugError` when the result would be empty, start with "." (`.git`) or
    ///   contain ".." (a name that could escape its folder).
    public static func make(_ name: String) throws(ModelSlugError) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar == "/" {
                slug += "--"
            } else if isAllowed(scalar) {
                slug.unicodeScalars.append(scalar)
            } else {
                slug += "-"
            }
        }
        guard isWellFormed(slug) else { throw ModelSlugError(name: name, slug: slug) }
        return slug
    }

    /// Whether `slug` could have come from `make`.
    public static func isWellFormed(_ slug: String) -> Bool {
        !slug.isEmpty && !slug.hasPrefix(".") && !slug.contains("..") && slug.unicodeScalars.allSatisfy(isAllowed)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" || scalar == "-"
    }
}

/// A model name whose slug would be empty or could escape the results repository's folder.
public struct ModelSlugError: Error, Equatable, CustomStringConvertible {
    /// The name given.
    public var name: String
    /// The slug it would have made.
    public var slug: String

    public var description: String {
        "model name \"\(name)\" makes the folder name \"\(slug)\", which is empty, starts with '.' or contains '..'; rename the model"
    }
}
