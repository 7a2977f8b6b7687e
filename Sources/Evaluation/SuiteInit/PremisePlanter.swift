import Foundation

/// Writes false-premise forms for `suite init` (docs/SUITE.md "False premises"): the sentence of
/// the answer that states a key fact, with a wrong value put in its place, asserted before the
/// question ("I read that Zelmora was founded in 1992. When was Zelmora founded?"; in Chinese
/// "我听说…").
///
/// The wrong value, seeded per question so the suite is reproducible:
/// - a number: a year (a whole number 1000–2100) moves 3–12 years; any other number is scaled
///   by one of ×0.5, ×0.8, ×1.25, ×1.5, ×2, kept at the precision it is written in, and never
///   lands within the true fact's tolerance;
/// - a name or code: the same kind of fact from another picked question that asks the same
///   thing about something else (their words, names aside, overlap by half or more), else, for
///   a "who" or "where" question, from another one, so the premise is plausible in the
///   domain; without one, none.
/// Terms are not planted: a wrong term rarely reads as a premise anyone would hold. A question
/// whose facts offer nothing to plant gets no premise.
public enum PremisePlanter {
    /// At most `count` premises for `pair`; `others` are the other picked pairs (the source of
    /// wrong names).
    public static func premises(for pair: PickedPair, others: [PickedPair], count: Int, seed: UInt64) -> [FalsePremise] {
        guard count > 0 else { return [] }
        var generator = SplitMix64(mixing: [seed, UInt64(truncatingIfNeeded: pair.record.line), 0x5052_454D])
        var premises: [FalsePremise] = []
        // Numbers first, then codes and names: a wrong term ("used for once daily") reads as
        // nonsense rather than as a premise a user might hold.
        let plantable = pair.facts.filter { $0.kind == .number } + pair.facts.filter { $0.kind == .code || $0.kind == .name }
        let truth = pair.facts.map(\.fact)
        for fact in plantable where premises.count < count {
            guard let sentence = claimSentence(containing: fact.written, in: pair.record.answer),
                  let place = standalone(fact.written, in: sentence),
                  let (planted, written) = wrongValue(for: fact, in: pair, others: others, using: &generator) else { continue }
            let claim = sentence.replacingCharacters(in: place, with: written)
            // A premise is false only when its value is none of the question's facts and the
            // reference does not state it, and misleads only when the claim no longer states
            // the fact it replaced (a range "10–20 mg" doubled to 20 is neither).
            guard !KeyFactMatcher.hits(for: truth, in: planted.label).contains(where: \.found),
                  !PremiseCheck.asserts(planted, in: pair.record.answer),
                  !KeyFactMatcher.hits(for: [fact.fact], in: claim)[0].found else { continue }
            let prompt = CJKText.containsCJK(claim)
                ? "我听说\(claim)" + (CJKText.containsCJK(pair.record.question) ? "" : " ") + pair.record.question
                : "I read that \(lowercasedStart(claim)) \(pair.record.question)"
            premises.append(FalsePremise(prompt: prompt, planted: planted))
        }
        return premises
    }

    /// Where `written` stands in `sentence` on its own: not inside a longer number or word ("3"
    /// in "March 3, 2021 at 14:30" is the day, not the 3 of 2021 or 14:30).
    private static func standalone(_ written: String, in sentence: String) -> Range<String.Index>? {
        var start = sentence.startIndex
        while let range = sentence.range(of: written, range: start..<sentence.endIndex) {
            let before = range.lowerBound > sentence.startIndex ? sentence[sentence.index(before: range.lowerBound)] : nil
            let after = range.upperBound < sentence.endIndex ? sentence[range.upperBound] : nil
            func glued(_ character: Character?) -> Bool {
                guard let character else { return false }
                return (character.isNumber || character.isLetter || character == ":") && !character.unicodeScalars.contains(where: CJKText.isCJK)
            }
            if !glued(before), !glued(after) { return range }
            start = range.upperBound
        }
        return nil
    }

    private static let factors = [0.5, 0.8, 1.25, 1.5, 2]

    /// The planted fact and how it is written in place of `fact.written`.
    private static func wrongValue(for fact: ExtractedFact, in pair: PickedPair, others: [PickedPair],
                                   using generator: inout SplitMix64) -> (KeyFact, String)? {
        switch fact.fact {
        case .number(let value, let relTol, let unit):
            // The digits as written ("4.5" in "$4.5 million") carry the precision; the scale
            // word or character after them stays, so the wrong value reads like the true one.
            let digitsRange = fact.written.range(of: #"[0-9][0-9,]*(\.[0-9]+)?"#, options: .regularExpression)
            let digits = digitsRange.map { String(fact.written[$0]).replacingOccurrences(of: ",", with: "") }
            let mantissa = digits.flatMap(Double.init) ?? value
            let scale = mantissa == 0 ? 1 : value / mantissa
            let decimals = digits?.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
            var wrong: Double
            if decimals == 0, scale == 1, value == value.rounded(), (1000...2100).contains(value) {
                let shift = Double(3 + generator.next(below: 10))
                wrong = generator.next(below: 2) == 0 ? mantissa - shift : mantissa + shift
            } else {
                wrong = mantissa * factors[generator.next(below: factors.count)]
            }
            let precision = pow(10, Double(decimals))
            wrong = (wrong * precision).rounded() / precision
            let wrongValue = wrong * scale
            guard !KeyFactMatcher.matches(wrongValue, value, relTol: relTol) else { return nil }
            let text = String(format: "%.\(decimals)f", wrong)
            let written = digitsRange.map { fact.written.replacingCharacters(in: $0, with: text) }
                ?? text + (unit.map { CJKText.containsCJK($0) ? $0 : " \($0)" } ?? "")
            return (.number(value: wrongValue, relTol: relTol, unit: unit), written)
        case .text:
            // Something the answer states, or that contains one of its facts, is no false premise.
            let answer = TextFolding.fold(pair.record.answer)
            let candidates = others.flatMap(\.facts).filter { other in
                other.kind == fact.kind
                    && !KeyFactMatcher.containsOnWordBoundaries(answer, TextFolding.fold(other.written))
                    && !KeyFactMatcher.hits(for: pair.facts.map(\.fact), in: other.written).contains(where: \.found)
            }
            // Only a fact that answers the same question about something else ("What is the trade
            // name of Tenarocil?" for Veltrazine's) is a plausible wrong value: a city planted as
            // a trade name reads as nonsense, not as a premise a user might hold.
            // Failing that, "who" gives a person for a person and "where" a place for a place.
            let frame = questionFrame(pair.record.question)
            let asked = questionWord(pair.record.question)
            func from(_ accepts: (PickedPair) -> Bool) -> [ExtractedFact] {
                candidates.filter { candidate in others.contains { $0.facts.contains(candidate) && accepts($0) } }
            }
            let sameQuestion = from { TokenOverlap.jaccard(questionFrame($0.record.question), frame) >= 0.5 }
            let sameKind = ["who", "whom", "whose", "where", "谁", "哪里"].contains(asked) ? from { questionWord($0.record.question) == asked } : []
            let pool = sameQuestion.isEmpty ? sameKind : sameQuestion
            guard !pool.isEmpty else { return nil }
            let pick = pool[generator.next(below: pool.count)]
            return (.text(pick.written), pick.written)
        }
    }

    /// The answer's sentence that states `written`, with something beside it: the whole answer
    /// when it is short (a sentence splitter takes "Dr." for an end), else its sentence.
    private static func claimSentence(containing written: String, in answer: String) -> String? {
        let sentence = answer.count <= 240 ? answer : SentenceSplitter.sentences(answer).first { $0.contains(written) }
        guard let sentence, sentence.contains(written),
              sentence.replacingOccurrences(of: written, with: "").split(whereSeparator: { !$0.isLetter }).count >= 2 else { return nil }
        return sentence
    }

    /// The question's words without its names (words after the first that start with a capital
    /// or hold a digit): what it asks, whatever it asks it about.
    private static func questionFrame(_ question: String) -> Set<String> {
        TokenOverlap.words(question).subtracting(ParaphraseFilter.names(in: question))
    }

    /// The question's first question word (who, where, what, …; 谁, 哪里), or "" when it has none.
    private static func questionWord(_ question: String) -> String {
        let folded = TextFolding.fold(question)
        for cue in ["谁", "哪里"] where folded.contains(cue) { return cue }
        return folded.split(whereSeparator: { !$0.isLetter }).first {
            ["who", "whom", "whose", "where", "when", "what", "which", "how", "why"].contains(String($0))
        }.map(String.init) ?? ""
    }

    /// "The dose is…" → "the dose is…", leaving names ("Zelmora was…") and acronyms as they are.
    private static func lowercasedStart(_ sentence: String) -> String {
        let words = sentence.split(separator: " ", maxSplits: 1)
        guard let first = words.first, ["The", "It", "Its", "A", "An", "This", "These", "They", "There"].contains(first) else {
            return sentence
        }
        return first.lowercased() + (words.count > 1 ? " " + words[1] : "")
    }
}
