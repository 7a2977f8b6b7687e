/// Applies one kind of seeded character noise to a prompt (robustness forms, docs/EVALUATION.md
/// "Robustness").
///
/// Every character eligible for the kind (see ``NoiseKind``) is edited with probability `rate`,
/// one draw per eligible character from left to right; when no character was drawn, one
/// eligible character is picked, so a noisy form always differs from the original where the
/// kind can change anything. The generator is ``SplitMix64`` seeded from the suite's seed, the
/// question's index, the kind's position in ``NoiseKind/allCases`` and the copy, so each
/// noisy prompt is reproducible and independent of the other kinds listed.
enum NoiseInjector {
    private static let letters = Array("abcdefghijklmnopqrstuvwxyz")
    private static let marks = Array(".,;:!?'\"-")

    /// The noisy version of `text`.
    static func apply(_ kind: NoiseKind, rate: Double, to text: String, seed: Int, questionIndex: Int, copy: Int) -> String {
        let kindIndex = NoiseKind.allCases.firstIndex(of: kind) ?? 0
        var rng = SplitMix64(mixing: [UInt64(bitPattern: Int64(seed)), UInt64(questionIndex), UInt64(kindIndex), UInt64(copy)])
        let characters = Array(text)
        let eligible = characters.indices.filter { isEligible(kind, at: $0, in: characters) }
        var chosen = Set(eligible.filter { _ in rng.nextUnit() < rate })
        if chosen.isEmpty, !eligible.isEmpty {
            chosen.insert(eligible[rng.next(below: eligible.count)])
        }
        var output: [Character] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard chosen.contains(index) else {
                output.append(character)
                index += 1
                continue
            }
            switch kind {
            case .swap:
                output.append(characters[index + 1])
                output.append(character)
                index += 1
            case .drop:
                break
            case .insert:
                output.append(character)
                output.append(letters[rng.next(below: letters.count)])
            case .case:
                output.append(contentsOf: character.isUppercase ? character.lowercased() : character.uppercased())
            case .punctuation:
                if !character.isPunctuation {
                    output.append(character)
                    output.append(marks[rng.next(below: marks.count)])
                }
            }
            index += 1
        }
        return String(output)
    }

    private static func isEligible(_ kind: NoiseKind, at index: Int, in characters: [Character]) -> Bool {
        let character = characters[index]
        guard !character.isWhitespace else { return false }
        switch kind {
        case .swap:
            return index + 1 < characters.count && !characters[index + 1].isWhitespace && characters[index + 1] != character
        case .drop, .insert, .punctuation:
            return true
        case .case:
            return character.isCased
        }
    }
}
