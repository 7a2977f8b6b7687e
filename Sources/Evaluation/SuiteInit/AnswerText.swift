import Foundation

/// An answer as the extractors read it: its characters, for spans a caller can cut out, and the
/// NFKC form of each character as one scalar array, the form ``KeyFactMatcher`` reads numbers
/// in (full-width ２５ is 25), with the character each scalar came from.
struct AnswerText {
    let characters: [Character]
    let scalars: [Unicode.Scalar]
    private let owners: [Int]

    init(_ text: String) {
        characters = Array(text)
        var scalars: [Unicode.Scalar] = []
        var owners: [Int] = []
        for (index, character) in characters.enumerated() {
            for scalar in String(character).precomposedStringWithCompatibilityMapping.unicodeScalars {
                scalars.append(scalar)
                owners.append(index)
            }
        }
        self.scalars = scalars
        self.owners = owners
    }

    /// The NFKC text the scalar offsets refer to.
    var normalized: String {
        String(String.UnicodeScalarView(scalars))
    }

    /// The characters a non-empty range of scalar offsets was read from.
    func characterRange(ofScalars range: Range<Int>) -> Range<Int> {
        owners[range.lowerBound]..<(owners[range.upperBound - 1] + 1)
    }

    /// The characters in `range`, as written.
    func string(_ range: Range<Int>) -> String {
        String(characters[range])
    }

    /// The character at `index`, or nil outside the text.
    subscript(safe index: Int) -> Character? {
        characters.indices.contains(index) ? characters[index] : nil
    }

    /// A letter of an alphabetic script: CJK characters are letters to Unicode but are not words
    /// of their own, as ``KeyFactMatcher`` treats them.
    static func isWordLetter(_ character: Character) -> Bool {
        character.isLetter && !isCJK(character)
    }

    static func isCJK(_ character: Character) -> Bool {
        character.unicodeScalars.contains(where: CJKText.isCJK)
    }

    static func isASCIIAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }
}
