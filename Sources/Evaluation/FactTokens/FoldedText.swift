/// A text folded as ``TextFolding`` folds it, remembering for each folded Unicode scalar the
/// original character it came from, so a place found in the folded text (a key fact, a number)
/// can be named in the original.
///
/// Folding is done one original character (grapheme cluster) at a time, which gives
/// ``TextFolding/fold(_:)``'s result for ordinary text: NFKC and case folding do not reach across
/// grapheme clusters. The result is checked against ``TextFolding/fold(_:)``, so where the two
/// could differ there is no `FoldedText` rather than a wrong mapping.
struct FoldedText {
    /// Exactly ``TextFolding/fold(_:)`` of the original.
    let folded: String
    /// Per scalar of `folded`: the UTF-8 byte range in the original of the character it came from
    /// (for a collapsed run of whitespace, the run's first character).
    private let origins: [Range<Int>]

    /// Nil when folding character by character does not give ``TextFolding/fold(_:)``'s result.
    init?(_ original: String) {
        var scalars: [Unicode.Scalar] = []
        var origins: [Range<Int>] = []
        var pendingSpace: Range<Int>?
        var offset = 0
        for character in original {
            let width = String(character).utf8.count
            let origin = offset..<(offset + width)
            offset += width
            let piece = String(character).precomposedStringWithCompatibilityMapping
                .folding(options: [.caseInsensitive], locale: nil)
                .precomposedStringWithCompatibilityMapping
            for folded in piece {
                if folded.isWhitespace {
                    if !scalars.isEmpty, pendingSpace == nil { pendingSpace = origin }
                    continue
                }
                if let space = pendingSpace {
                    scalars.append(" ")
                    origins.append(space)
                    pendingSpace = nil
                }
                for scalar in folded.unicodeScalars {
                    scalars.append(scalar)
                    origins.append(origin)
                }
            }
        }
        let folded = TextFolding.fold(original)
        guard folded.unicodeScalars.elementsEqual(scalars) else { return nil }
        self.folded = folded
        self.origins = origins
    }

    /// The UTF-8 byte range in the original of the characters that folded into `scalars`
    /// (offsets into `folded.unicodeScalars`, non-empty).
    func originalUTF8(ofScalars scalars: Range<Int>) -> Range<Int> {
        origins[scalars.lowerBound].lowerBound..<origins[scalars.upperBound - 1].upperBound
    }

    /// The offsets into `folded.unicodeScalars` of `range`, a range of `folded`.
    func scalarOffsets(of range: Range<String.Index>) -> Range<Int> {
        let view = folded.unicodeScalars
        let lower = view.distance(from: view.startIndex, to: range.lowerBound)
        return lower..<(lower + view.distance(from: range.lowerBound, to: range.upperBound))
    }
}
