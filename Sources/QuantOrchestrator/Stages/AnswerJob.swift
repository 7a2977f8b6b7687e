import Evaluation
import Foundation
import LlamaTools

/// One pass of the suite against one variant, as far as it can be described before the
/// variant's chat endpoint exists: what to ask, where the answers go, and the record's name.
///
/// The answers file is append-only and fsynced per line (`AnswersLog`); it is the resume
/// state. A pass is complete when the file holds an answer to every form of the suite for
/// this suite sha256, variant identity and pass.
struct AnswerJob: Sendable {
    /// The variant's name.
    let variant: String
    /// The `variant_sha256` of its answer records: the GGUF's sha256, or for an endpoint
    /// ``endpointIdentity(_:)``.
    let identity: String
    /// 1, or 2 for the baseline's noise-floor pass in parallel mode.
    let pass: Int
    let suite: Suite
    let mode: EvaluationMode
    /// Requests in flight in parallel mode.
    let slots: Int
    /// Key of the suite, mode and slots (`WorkFolder.key`).
    let evaluationKey: String
    let answersFile: URL
    /// Single-slot servers the pass is spread over (`evaluation.replicas`); 1 for an endpoint.
    /// Not in the key: the answers are sequential mode's.
    var replicas = 1

    /// How the runner sends the pass: sequential mode over N replicas keeps N requests in
    /// flight, one per replica (``ReplicaPool``), each alone in its server's batch.
    var sending: (mode: EvaluationMode, slots: Int) {
        replicas > 1 ? (.parallel, replicas) : (mode, slots)
    }

    var recordName: String { "answers-\(variant)-\(identity.prefix(12))-\(evaluationKey)-pass\(pass)" }
    var label: String { pass == 1 ? "answers \(variant)" : "answers \(variant) (noise-floor pass)" }

    /// The answers of this pass in the suite's form order (fewer when incomplete).
    /// - Throws: `AnswersLogError` when the file cannot be read.
    func answers() throws -> [AnswerRecord] {
        SuiteAnswers.pick(from: try AnswersLog(url: answersFile).existing(), suite: suite, variantSHA256: identity, pass: pass)
    }

    /// Whether every form of the suite has an answer in the file.
    /// - Throws: `AnswersLogError` when the file cannot be read.
    func isComplete() throws -> Bool {
        var forms = Set<String>()
        for record in try AnswersLog(url: answersFile).existing()
        where record.suiteSHA256 == suite.sha256 && record.variantSHA256 == identity && record.pass == pass {
            forms.insert("\(record.questionID)\u{1f}\(record.form)")
        }
        return forms.count >= suite.forms().count
    }

    /// The answer records' variant identity of an endpoint: sha256 of its URL and model, so
    /// another model behind the same URL never resumes from these answers.
    static func endpointIdentity(_ endpoint: RemoteEndpoint) -> String {
        FileDigest.sha256(of: Data("endpoint\u{1f}\(endpoint.url.absoluteString)\u{1f}\(endpoint.model)".utf8))
    }
}
