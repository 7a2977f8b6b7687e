import Foundation
import LlamaTools
import Reports

/// Mix stage: a `mix` entry's tensor-type pairs, chosen by ``MixChoice`` from its base's
/// sensitivity measurements within its target size. It launches nothing; its record is what
/// the entry's quantize stage passes to llama-quantize as `--tensor-type` pairs and what the
/// report explains the mix by.
struct MixStage: Stage {
    let name: String
    let request: MixRequest
    /// The size the mix may reach, in bytes.
    let targetBytes: Int
    /// The base alone, and each group's steps, as measured.
    let reference: SensitivityStage.Record
    let measurements: [SensitivityStage.Record]
    let key: String

    /// The choice and what it rests on, as report.json states it (its comparison with the stock
    /// neighbour is added when the report is built).
    typealias Record = DomainMix

    init(name: String, request: MixRequest, targetBytes: Int, reference: SensitivityStage.Record, measurements: [SensitivityStage.Record]) {
        self.name = name
        self.request = request
        self.targetBytes = targetBytes
        self.reference = reference
        self.measurements = measurements
        key = WorkFolder.key([request.base.name, "\(targetBytes)", "\(reference.sizeBytes)", "\(reference.kld.kldMean)"]
                             + measurements.map { "\($0.group ?? "")=\($0.type ?? ""):\($0.sizeBytes):\($0.kld.kldMean)" })
    }

    var recordName: String { "mix-\(name)-\(key)" }
    var label: String { "mix \(name)" }

    func reusedLine(_ record: Record) -> String { "reused (\(record.pairs.count) pairs, \(ByteFormat.megabytes(record.predictedBytes)))" }

    /// - Throws: `PipelineError.badInput` when even every group one step down exceeds the target.
    func run(in context: RunContext) async throws -> Record {
        let record = try decide()
        let pairs = record.pairs.map { "\($0.group)=\($0.type)" }.joined(separator: ", ")
        context.progress.stage("mix \(name): \(pairs.isEmpty ? "the base \(record.base) as it is" : pairs), "
                               + "\(ByteFormat.megabytes(record.predictedBytes)) of \(ByteFormat.megabytes(record.targetBytes)), "
                               + String(format: "domain KLD %+.4f over %@", record.predictedDomainKLDIncrease, record.base))
        return record
    }

    /// The choice, from the records alone.
    func decide() throws -> Record {
        let options = measurements.compactMap { measured -> Record.Option? in
            guard let group = measured.group, let type = measured.type else { return nil }
            return Record.Option(group: group, type: type, groupTypes: measured.groupTypes, deltaBytes: measured.sizeBytes - reference.sizeBytes,
                                 deltaDomainKLD: measured.kld.kldMean - reference.kld.kldMean)
        }
        let classes = request.groups.map { group -> [MixChoice.Option] in
            let steps = options.filter { $0.group == group.name }.compactMap { option -> MixChoice.Option? in
                guard let type = GGMLType.named(option.type) else { return nil }
                return MixChoice.Option(group: group, type: type, deltaBytes: option.deltaBytes, deltaKLD: option.deltaDomainKLD)
            }
            return [MixChoice.Option(group: group, type: nil, deltaBytes: 0, deltaKLD: 0)] + steps
        }
        guard let picks = MixChoice.choose(classes, budget: targetBytes - reference.sizeBytes) else {
            throw PipelineError.badInput("ladder entry \(name): no mix of \(request.base.name) with its groups one step down fits \(request.target.text) (\(ByteFormat.megabytes(targetBytes)); the base is \(ByteFormat.megabytes(reference.sizeBytes))): choose a smaller base type or a larger target_size")
        }
        let chosen = picks.compactMap { pick in pick.type.map { Record.Pair(group: pick.group.name, pattern: pick.group.pattern, type: $0.name) } }
        return Record(base: request.base.name, target: request.target.text, targetBytes: targetBytes, baseBytes: reference.sizeBytes,
                      baseDomainKLD: reference.kld.kldMean, method: MixChoice.method, pairs: chosen,
                      predictedBytes: reference.sizeBytes + picks.reduce(0) { $0 + $1.deltaBytes },
                      predictedDomainKLDIncrease: picks.reduce(0) { $0 + $1.deltaKLD }, options: options)
    }
}
