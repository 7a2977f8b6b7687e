/// Distinct-n (Li et al. 2016, "A Diversity-Promoting Objective Function for Neural
/// Conversation Models", §4.2): the number of distinct n-grams divided by the total number of
/// n-grams, over all of a variant's answers.
///
/// Tokens are ``RougeTokenizer`` tokens; n-grams do not cross answer boundaries. nil when the
/// answers hold no n-gram at all.
public enum DistinctN {
    /// distinct / total in 0…1, or nil.
    public static func score(_ answers: [String], n: Int) -> Double? {
        var distinct = Set<[String]>()
        var total = 0
        for answer in answers {
            let tokens = RougeTokenizer.tokens(answer)
            guard tokens.count >= n else { continue }
            for start in 0...(tokens.count - n) {
                distinct.insert(Array(tokens[start..<start + n]))
                total += 1
            }
        }
        return total == 0 ? nil : Double(distinct.count) / Double(total)
    }
}
