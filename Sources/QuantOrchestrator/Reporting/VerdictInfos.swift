import Evaluation
import Reports

/// A verdict as report.json writes it (`variants[].verdict`).
public enum VerdictInfos {
    /// The report's form of `verdict`, with the server checks run on the variant.
    /// - Parameter baseline: the baseline's name, as the census line names it.
    public static func info(_ verdict: VariantVerdict, checks: [ServerCheckInfo], baseline: String) -> VerdictInfo {
        VerdictInfo(status: verdict.status.rawValue, summary: verdict.summary, moreToDecide: verdict.moreToDecide,
                    criteria: verdict.criteria.map { criterion in
                        CriterionInfo(name: criterion.name.rawValue, estimate: criterion.estimate, lower: criterion.interval.lower,
                                      upper: criterion.interval.upper, margin: criterion.margin, reading: criterion.reading.rawValue,
                                      n: criterion.n, unit: criterion.unit, method: criterion.method, pValue: criterion.pValue,
                                      moreToDecide: criterion.moreToDecide, line: criterion.line,
                                      canReadWithin: criterion.name.isShare ? criterion.canReadWithin : nil,
                                      censusCount: criterion.censusCount)
                    },
                    checks: checks, census: verdict.census.map { census(of: $0, verdict: verdict, baseline: baseline) },
                    limit: verdict.limit)
    }

    private static func census(of census: SuiteCensus, verdict: VariantVerdict, baseline: String) -> CensusInfo {
        let atRisk = verdict.criteria.first { $0.name == .factsAtRisk }?.censusCount
        let risk = atRisk.map { $0 == 0 ? "no fact at risk" : "\($0) fact\($0 == 1 ? "" : "s") at risk" }
        let line = census.line(baseline: baseline, factsAtRisk: risk)
        let lost = { (facts: [SuiteCensus.LostFact]) in facts.map { CensusInfo.LostFact(questionID: $0.questionID, form: $0.form, fact: $0.fact) } }
        return CensusInfo(questions: census.questions, questionsChanged: census.questionsChanged, forms: census.forms,
                          formsChanged: census.formsChanged, factsStated: census.factsStated,
                          factsLost: lost(census.factsLost),
                          rightToWrong: census.rightToWrong, wrongToRight: census.wrongToRight, newLoops: census.newLoops,
                          factsAtRisk: atRisk, noisyForms: census.noisyForms, noisyFormsChanged: census.noisyFormsChanged,
                          noisyFactsLost: lost(census.noisyFactsLost),
                          line: line)
    }
}
