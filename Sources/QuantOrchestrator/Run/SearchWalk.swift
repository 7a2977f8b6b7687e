import Evaluation
import LlamaTools

extension StageFactory {
    /// The adaptive search step: screens each entry on its KL divergences, then serves the
    /// entries ``LadderSearch`` asks for, one at a time, judging each on the whole suite before
    /// choosing the next. An entry that cannot be shipped (its GGUF not smaller than the
    /// baseline's, or over `max_size`) is not evaluated.
    ///
    /// While planning, a serve the records do not hold yet stops the search: it and every
    /// entry the search has not decided are listed as waiting for it.
    /// - Returns: the search, with what it evaluated; nil while planning before the screening
    ///   records exist.
    /// - Throws: what the visitor throws; what judging throws (``VariantResults/gather``).
    func search(_ entries: [LadderEntry], visitor: some StepVisitor, outputs: inout RunOutputs) async throws -> LadderSearch? {
        guard let baseline = artifact(for: recipe.ladder[0], in: outputs) else {
            try await listWaiting(entries, visitor: visitor)
            return nil
        }
        let policy = SelectionPolicy(acceptance: recipe.acceptance, noiseFloorFlips: nil)
        let baselineMeasurements = VariantMeasurements(quantType: recipe.ladder[0].name, sizeBytes: baseline.sizeBytes, evidence: VerdictEvidence())
        var rungs: [LadderSearch.Rung] = []
        for entry in entries {
            guard let artifact = artifact(for: entry, in: outputs), let kld = outputs.klds[entry.name] else {
                try await listWaiting(entries, visitor: visitor)
                return nil
            }
            let domain = outputs.domainKLDs[entry.name]
            let measured = VariantMeasurements(
                quantType: entry.name, sizeBytes: artifact.sizeBytes,
                evidence: VariantResults.kldEvidence(kld: kld, domainKLD: domain, domainQuestions: domainCorpus(outputs)?.conversations))
            // The selection's own rule (size below the baseline's, within max_size): a rung it
            // could never pick is not worth a suite.
            guard policy.ineligibility(measured, baseline: baselineMeasurements) == nil else { continue }
            let screening = policy.judge(measured)
            rungs.append(LadderSearch.Rung(name: entry.name, sizeBytes: artifact.sizeBytes, kldMean: kld.kldMean, domainKLDMean: domain?.kldMean,
                                           rejectedByKLD: screening.status == .rejected))
        }
        var search = LadderSearch(rungs: rungs)
        let screened = search.rungs.filter(\.rejectedByKLD).map(\.name)
        visitor.note("search: \(search.candidates.count) of \(entries.count) rungs to search (\(search.candidates.map(\.name).joined(separator: " ")))"
                     + (screened.isEmpty ? "" : "; REJECTED on KL divergence alone: \(screened.joined(separator: " "))")
                     + (search.inverted.isEmpty ? "" : "; KL divergence not monotone in size, so evaluated whole: \(search.candidates.map(\.name).filter(search.inverted.contains).joined(separator: " "))"))
        while let name = search.next(), let entry = entries.first(where: { $0.name == name }) {
            guard let record = try await visitor.visit(serve(entry, outputs), label: Step.serve(entry).label, writes: []) else {
                let undecided = Set(search.undecided)
                try await listWaiting(entries.filter { $0.name != name && undecided.contains($0.name) }, visitor: visitor)
                return search
            }
            outputs.serves[entry.name] = record
            let status = try judge(entry, outputs: outputs)
            search.record(name, close: status == .close)
            visitor.note("search: \(name) is \(status.rawValue)")
        }
        visitor.note("search: \(search.order.count) of \(entries.count) rungs asked the suite, \(entries.count - search.order.count) saved against an exhaustive run"
                     + (search.smallestClose.map { "; the smallest CLOSE one is \($0)" } ?? "; none is CLOSE"))
        return search
    }

    /// The verdict status of `entry` on the whole suite, as the final selection will read it.
    private func judge(_ entry: LadderEntry, outputs: RunOutputs) throws -> VerdictStatus {
        let results = try VariantResults.gather(factory: self, outputs: outputs, only: [entry.name])
        let noiseFloor = results[0].secondPass.map { Scorer.noiseFloor(suite: suite, first: results[0].answers, second: $0) }
        return SelectionPolicy(acceptance: recipe.acceptance, noiseFloorFlips: noiseFloor?[.flips]?.value)
            .judge(results[1].measurements).status
    }

    /// Lists each entry's serve as waiting for the search (planning only).
    private func listWaiting(_ entries: [LadderEntry], visitor: some StepVisitor) async throws {
        for entry in entries {
            _ = try await visitor.visit(ServeStage?.none, label: "\(Step.serve(entry).label) (if the search needs it)", writes: [])
        }
    }
}
