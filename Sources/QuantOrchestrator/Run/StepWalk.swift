import Evaluation
import LlamaTools

extension StageFactory {
    /// Visits every step in order, each stage built from the records the steps before it
    /// returned, and gathers them.
    /// - Throws: what the visitor throws; `PipelineError.io` when a corpus cannot be read.
    func walk(_ visitor: some StepVisitor) async throws -> RunOutputs {
        var outputs = RunOutputs()
        for step in steps() {
            switch step {
            case .convert:
                outputs.master = try await visitor.visit(convert(), label: step.label, writes: [])
            case .corpusLength:
                _ = try await visitor.visit(try corpusLength(outputs), label: step.label, writes: [])
            case .imatrix:
                outputs.imatrix = try await visitor.visit(try imatrix(outputs), label: step.label, writes: [])
            case let .quantize(entry):
                outputs.artifacts[entry.name] = try await visitor.visit(
                    quantize(entry, outputs), label: step.label,
                    writes: [DiskPlan.Item(label: entry.name, bytes: plan.estimatedBytes(entry))])
            case let .importGGUF(entry):
                outputs.artifacts[entry.name] = try await visitor.visit(importGGUF(entry, outputs), label: step.label, writes: [])
            case .kldBase:
                outputs.kldBase = try await visitor.visit(try kldBase(outputs), label: step.label,
                                                          writes: [DiskPlan.Item(label: DiskPlan.kldBaseLabel, bytes: plan.kldBaseBytes)])
            case let .serve(entry):
                outputs.serves[entry.name] = try await visitor.visit(serve(entry, outputs), label: step.label, writes: [])
            case let .answer(entry):
                if try await visitor.visit(try answer(entry), label: step.label, writes: []) != nil { outputs.answered.insert(entry.name) }
            case let .kld(entry):
                outputs.klds[entry.name] = try await visitor.visit(kld(entry, outputs), label: step.label, writes: [])
            case .domainKLDBase:
                guard !domainCorpusTooShort(outputs) else { continue }
                outputs.domainKLDBase = try await visitor.visit(try domainKLDBase(outputs), label: step.label, writes: [])
            case let .domainKLD(entry):
                guard !domainCorpusTooShort(outputs) else { continue }
                outputs.domainKLDs[entry.name] = try await visitor.visit(domainKLD(entry, outputs), label: step.label, writes: [])
            case let .sensitivity(probe):
                if domainCorpusTooShort(outputs) { throw PipelineError.badInput(mixWithoutDomainCorpus) }
                outputs.sensitivities[probe] = try await visitor.visit(sensitivity(probe, outputs), label: step.label,
                                                                       writes: [DiskPlan.Item(label: step.label, bytes: plan.estimatedBytes(LadderEntry(stock: probe.base)))])
            case let .mix(entry):
                outputs.mixes[entry.name] = try await visitor.visit(mix(entry, outputs), label: step.label, writes: [])
            case let .search(entries):
                outputs.search = try await search(entries, visitor: visitor, outputs: &outputs)
            case .divergence:
                outputs.divergence = try await visitor.visit(divergence(outputs), label: step.label, writes: [])
            }
        }
        return outputs
    }
}
