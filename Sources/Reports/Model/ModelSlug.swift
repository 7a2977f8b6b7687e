/// The results repository's folder name for a model (docs/ARCHITECTURE.md "Results repository").
///
/// Lower-cased, `/` → `--`, every other character outside `[a-z0-9._-]` → `-`:
/// `ModelSlug.make("HuggingFaceTB/SmolLM2-135M-Instruct")` is `"huggingfacetb--smollm2-135m-instruct"`.
/// A slug is idempotent: making the slug of a slug returns it unchanged. A name with letters
/// outside ASCII ("Zürich-模型") would lose them all to "-", so two such names could share a
/// slug and with it the answers, results folder, tags and history: its slug ends with "-" and 8
/// hex digits of the name's FNV-1a hash (Fowler, Noll and Vo; 64-bit, of its UTF-8 bytes), so
/// "Zürich-模型" and "Zürich-模形" part.
///
/// The slug is also the first component of the run's tag and a folder name in the work folder,
/// so it must satisfy git's ref rules as libgit2 applies them to tags and the file system's
/// limit on a name: see `make(_:)`.
public enum ModelSlug {
    /// Longest slug accepted, in characters. File systems allow 255 bytes per name; the slug is
    /// kept well below that so that the tag ref file and lock files beside it fit too.
    public static let maximumLength = 100

    /// Makes the slug of a model name.
    /// - Throws: `ModelSlugError` when the result would be empty, longer than `maximumLength`,
    ///   start with anything but a letter or digit (".git", or "-", which libgit2 refuses at the
    ///   start of a tag name: "/etc/passwd" makes "--etc--passwd"), end with "." or ".lock"
    ///   (git refuses such ref names), or contain ".." (a name that could escape its folder).
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
        if !name.unicodeScalars.allSatisfy(\.isASCII) {
            slug += "-" + String(String(fnv1a(name), radix: 16).suffix(8)).leftPadded(to: 8)
        }
        if let problem = problem(with: slug) { throw ModelSlugError(name: name, slug: slug, problem: problem) }
        return slug
    }

    /// The 64-bit FNV-1a hash of `text`'s UTF-8 bytes: stable across runs, platforms and Swift
    /// versions, which `Hasher` is not.
    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Whether `slug` could have come from `make`.
    public static func isWellFormed(_ slug: String) -> Bool {
        problem(with: slug) == nil && slug.unicodeScalars.allSatisfy(isAllowed)
    }

    private static func problem(with slug: String) -> ModelSlugError.Problem? {
        guard let first = slug.unicodeScalars.first else { return .empty }
        guard slug.count <= maximumLength else { return .tooLong(slug.count) }
        guard ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return .badStart }
        guard !slug.hasSuffix("."), !slug.hasSuffix(".lock") else { return .badEnd }
        guard !slug.contains("..") else { return .dotDot }
        return nil
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" || scalar == "-"
    }
}

/// A model name whose slug could not be a folder and tag name of the results repository.
public struct ModelSlugError: Error, Equatable, CustomStringConvertible {
    /// What is wrong with the slug.
    public enum Problem: Sendable, Equatable {
        /// Nothing is left of the name.
        case empty
        /// Longer than `ModelSlug.maximumLength` characters (the count).
        case tooLong(Int)
        /// Starts with something other than a letter or digit.
        case badStart
        /// Ends with "." or ".lock".
        case badEnd
        /// Contains "..".
        case dotDot
    }

    /// The name given.
    public var name: String
    /// The slug it would have made.
    public var slug: String
    /// Why the slug is refused.
    public var problem: Problem

    public var description: String {
        let why = switch problem {
        case .empty: "which is empty"
        case let .tooLong(count): "which has \(count) characters, more than the \(ModelSlug.maximumLength) a folder and tag name may have here"
        case .badStart: "which does not start with a letter or digit (git tags and folders starting with '-' or '.' are refused)"
        case .badEnd: "which ends with '.' or '.lock' (git refuses such tag names)"
        case .dotDot: "which contains '..' (it could escape its folder)"
        }
        let shown = name.count > 60 ? "\(name.prefix(60))…" : name
        let shownSlug = slug.count > 60 ? "\(slug.prefix(60))…" : slug
        return "model name \"\(shown)\" makes the folder and tag name \"\(shownSlug)\", \(why); expected a name that starts with a letter or digit, e.g. \"acme-assistant\" or \"HuggingFaceTB/SmolLM2-135M-Instruct\""
    }
}

private extension String {
    /// `self` with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
