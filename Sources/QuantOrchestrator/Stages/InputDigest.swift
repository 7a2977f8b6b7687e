import Foundation
import LlamaTools

/// The sha256 of a stage's input file (a corpus) that goes into the stage's key.
enum InputDigest {
    /// - Parameter what: the file's role in messages ("perplexity corpus", "imatrix corpus").
    /// - Throws: `PipelineError.io` naming the file when it cannot be read.
    static func sha256(of file: URL, what: String) throws -> String {
        do { return try FileDigest.sha256(of: file) } catch {
            throw PipelineError.io("cannot read the \(what) \(file.path): \(error.localizedDescription)")
        }
    }
}
