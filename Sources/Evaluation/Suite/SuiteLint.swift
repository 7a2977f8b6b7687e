/// What `quantorch suite check` finds in a suite that parses but would measure less than it
/// seems to (docs/SUITE.md "Checking a suite"). Errors the parser refuses (a duplicate id, a
/// bad key fact) never get this far.
public enum SuiteLint {
    /// One finding: the question, the field and what is wrong with it.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// The question's id.
        public var questionID: String
        /// The field, as in the suite ("key_facts[1]", "paraphrases[0]", "prompt").
        public var field: String
        /// What is wrong, and what to do.
        public var problem: String

        public var description: String { "\(questionID).\(field): \(problem)" }
    }

    /// The findings, in the suite's order:
    /// - a sampling temperature above 0: answers then change from run to run on their own;
    /// - a question with neither key facts nor a reference: it has no correctness and counts in
    ///   no accuracy figure;
    /// - a prompt that states its own key fact: an answer that repeats it keeps the fact;
    /// - a false premise whose prompt does not state its planted value;
    /// - a key fact its own reference does not state (``KeyFactMatcher``): the baseline is likely
    ///   to miss it too, or the fact is mistyped;
    /// - a paraphrase the same as the prompt (word overlap ``ParaphraseFilter/maxOverlap`` or
    ///   more, ``TokenOverlap``) or as an earlier paraphrase: it asks nothing new;
    /// - a paraphrase that states a key fact: it gives the answer away;
    /// - with `contextTokens`: a form whose prompt, with the system prompt, is estimated over
    ///   `contextTokens − max_tokens` (``TokenEstimate``; `run` counts exactly with the model's
    ///   tokenizer before asking).
    public static func findings(_ suite: Suite, contextTokens: Int? = nil) -> [Finding] {
        var findings: [Finding] = []
        if suite.sampling.temperature > 0 {
            findings.append(Finding(questionID: "(suite)", field: "sampling.temperature",
                                    problem: "\(suite.sampling.temperature) samples: the same variant answers otherwise on each run, and the census counts every changed answer as the quant's doing; use 0"))
        }
        for question in suite.questions {
            func add(_ field: String, _ problem: String) {
                findings.append(Finding(questionID: question.id, field: field, problem: problem))
            }
            if question.keyFacts.isEmpty && question.reference == nil {
                add("key_facts", "neither key facts nor a reference: the question has no correctness and counts in no accuracy figure; add key_facts")
            }
            if let reference = question.reference {
                for (index, hit) in KeyFactMatcher.hits(for: question.keyFacts, in: reference).enumerated() where !hit.found {
                    add("key_facts[\(index)]", "\(hit.fact) is not stated in the question's own reference: check its spelling or tolerance")
                }
            }
            if let given = KeyFactMatcher.hits(for: question.keyFacts, in: question.prompt).first(where: \.found) {
                add("prompt", "states the key fact \(given.fact): any answer repeating the question keeps it")
            }
            for (index, premise) in question.falsePremises.enumerated()
            where !KeyFactMatcher.hits(for: [premise.planted], in: premise.prompt)[0].found {
                add("false_premises[\(index)]", "the prompt does not state the planted \(premise.planted.label): it misleads about nothing")
            }
            let prompt = TokenOverlap.words(question.prompt)
            var earlier: [Set<String>] = []
            for (index, paraphrase) in question.paraphrases.enumerated() {
                let words = TokenOverlap.words(paraphrase)
                if TokenOverlap.jaccard(words, prompt) >= ParaphraseFilter.maxOverlap {
                    add("paraphrases[\(index)]", "the same wording as the prompt (word overlap ≥ \(ParaphraseFilter.maxOverlap)): it asks nothing new")
                } else if earlier.contains(where: { TokenOverlap.jaccard(words, $0) >= ParaphraseFilter.maxOverlap }) {
                    add("paraphrases[\(index)]", "the same wording as an earlier paraphrase: it asks nothing new")
                }
                earlier.append(words)
                if let given = KeyFactMatcher.hits(for: question.keyFacts, in: paraphrase).first(where: \.found) {
                    add("paraphrases[\(index)]", "states the key fact \(given.fact): it gives the answer away")
                }
            }
        }
        if let contextTokens {
            let limit = contextTokens - suite.sampling.maxTokens
            let system = suite.systemPrompt.map(TokenEstimate.tokens) ?? 0
            for prompt in suite.forms() {
                let tokens = system + TokenEstimate.tokens(in: prompt.text)
                if tokens > limit {
                    findings.append(Finding(questionID: prompt.questionID, field: prompt.form,
                                            problem: "about \(tokens) tokens with the system prompt, over \(limit) (context \(contextTokens) − max_tokens \(suite.sampling.maxTokens))"))
                }
            }
        }
        return findings
    }
}
