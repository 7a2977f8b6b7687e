/// The report note for a baseline that answers no question right: then every variant "keeps"
/// accuracy and recall at zero, the suite tells nothing apart, and the selection rests on KLD
/// alone, which is what asking for key facts exists to prevent.
enum BaselineQualityNote {
    /// - Parameters:
    ///   - baseline: the baseline's quant type name.
    ///   - accuracy: its accuracy (share of questions with every key fact found, 0…1), nil when
    ///     no question could be judged.
    ///   - questions: how many questions were judged.
    /// - Returns: the note, or nil when the baseline got at least one answer right.
    static func note(baseline: String, accuracy: Double?, questions: Int) -> String? {
        guard let accuracy, accuracy == 0 else { return nil }
        return "the baseline \(baseline) answered none of the \(questions) question\(questions == 1 ? "" : "s") right, so accuracy, key-fact recall and flips cannot tell a variant that keeps the facts from one that loses them and the selection rests on KLD alone; check the suite's key_facts against the baseline's answers in report.html"
    }
}
