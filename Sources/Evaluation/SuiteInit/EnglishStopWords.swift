/// English words that carry no fact of their own: function words, the verbs and adverbs that
/// frame a fact ("is sold under", "usually"), and words that are capitalised without being
/// names (months, weekdays, job titles). Lower-cased.
///
/// Three readers use them: a capitalised one that opens a sentence is no name ("The", "It"),
/// a unit after a number is never one of them ("in 1987 and"), and the answer's new content
/// words (``NewContentTerm``) are the words that are not.
enum EnglishStopWords {
    static func contains(_ word: String) -> Bool {
        words.contains(word.lowercased())
    }

    /// Whether a capitalised word that opens a sentence is no name: a stop word, or a noun that
    /// often opens a sentence in answers ("Patients should…", "Adults take…").
    static func opensSentenceOnly(_ word: String) -> Bool {
        contains(word) || sentenceOpeners.contains(word.lowercased())
    }

    /// Capitalised words that are no name even inside a sentence.
    static func isNeverName(_ word: String) -> Bool {
        neverNames.contains(word.lowercased())
    }

    private static let words: Set<String> = [
        // Articles, pronouns, determiners.
        "a", "an", "the", "this", "that", "these", "those", "it", "its", "they", "them", "their",
        "he", "him", "his", "she", "her", "we", "us", "our", "you", "your", "i", "me", "my",
        "who", "whom", "whose", "which", "what", "where", "when", "why", "how", "there", "here",
        "some", "any", "all", "both", "each", "every", "either", "neither", "no", "none", "other",
        "another", "such", "same", "many", "much", "more", "most", "less", "least", "few", "several",
        // Prepositions and conjunctions.
        "of", "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto", "over", "under",
        "about", "above", "below", "between", "among", "through", "during", "before", "after",
        "since", "until", "within", "without", "per", "via", "up", "down", "out", "off", "as",
        "and", "or", "but", "nor", "so", "yet", "if", "than", "then", "because", "while",
        "although", "though", "whether", "also", "too", "only", "just", "even", "not", "yes",
        // Verbs that frame a fact.
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having",
        "do", "does", "did", "can", "could", "may", "might", "must", "shall", "should", "will",
        "would", "made", "make", "makes", "used", "use", "uses", "called", "named", "known",
        "sold", "marketed", "located", "based", "given", "taken", "available", "include",
        "includes", "including", "contains", "consists", "means", "refers", "lasts", "takes",
        // Adverbs and adjectives that hedge or frame.
        "usual", "usually", "typical", "typically", "normal", "normally", "common", "commonly",
        "general", "generally", "often", "always", "never", "sometimes", "currently", "now",
        "approximately", "around", "roughly", "nearly", "almost", "exactly", "very",
        "really", "well", "again", "however", "therefore", "thus", "instead", "still", "already",
        "answer", "question", "note", "total", "first", "second", "third", "last", "next", "new",
        // Words that open instructions and headings rather than name anything.
        "take", "taking", "give", "gives", "get", "gets", "wait", "repeat", "apply", "store",
        "keep", "avoid", "see", "call", "contact", "ask", "check", "add", "mix", "remove", "step",
        "steps", "please",
    ]

    private static let sentenceOpeners: Set<String> = [
        "patients", "patient", "adults", "children", "users", "customers", "people", "doctors", "most",
    ]

    private static let neverNames: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "i", "ceo", "cfo", "cto", "coo", "cmo", "hq", "ok",
    ]
}
