/// One place where an answer states a key fact.
public struct FactStatement: Sendable, Equatable {
    /// Byte offsets into the answer's UTF-8: from the first original character that folds into
    /// the fact's match to just past the last. Always on character boundaries.
    public let utf8: Range<Int>

    /// A statement at the UTF-8 byte range `utf8` of its answer.
    public init(utf8: Range<Int>) {
        self.utf8 = utf8
    }

    /// The same place as a range of characters of `answer`, the text it was found in.
    public func characters(in answer: String) -> Range<String.Index> {
        let view = answer.utf8
        let lower = view.index(view.startIndex, offsetBy: utf8.lowerBound)
        return lower..<view.index(lower, offsetBy: utf8.count)
    }
}
