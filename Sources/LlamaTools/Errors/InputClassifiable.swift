/// An error that says whether the caller's input caused it, so that a command line can tell a
/// mistake in what it was asked to do (exit code 2, bad input) from a failure of the tools or
/// the machine (exit code 1).
///
/// Conformed to by `PerplexityError`, `QuantizeError`, `QuantTypeError` and `ConverterError`.
/// `GGUFError` is not: whether an unreadable GGUF is the user's file or one a step produced is
/// known only to the caller.
public protocol InputClassifiable: Error {
    /// True when a changed input fixes it: a missing or too short corpus, a context or chunk
    /// count too small for the statistics asked, a quant type that needs an importance matrix,
    /// a folder that is no checkpoint. False when a tool crashed or printed what it should not,
    /// where a rerun, a fixed build or a fixed machine is the remedy. The error's description
    /// names the input and the fix.
    var isInputError: Bool { get }
}
