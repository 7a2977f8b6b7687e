import Foundation

/// The size of llama-perplexity's `--kl-divergence-base` file, exactly as
/// `tools/perplexity/perplexity.cpp` (build 11434) writes it:
/// the magic `_logits_` (8 bytes), `n_ctx`, `n_vocab` and `n_chunk` (int32 each), the
/// `n_chunk × n_ctx` int32 tokens, then per chunk, for each of the `n_ctx − 1 − n_ctx/2`
/// scored tokens, `nv = 2·⌈n_vocab/2⌉ + 4` uint16 values (log-probabilities plus the
/// maximum and sum it packs in front).
enum KLDBaseSize {
    /// - Parameters:
    ///   - contextSize: `-c`, tokens per chunk.
    ///   - chunks: chunks written (the corpus must hold `contextSize × chunks` tokens).
    ///   - vocabulary: the model's `n_vocab`.
    /// - Returns: bytes.
    static func bytes(contextSize: Int, chunks: Int, vocabulary: Int) -> Int {
        let nv = 2 * ((vocabulary + 1) / 2) + 4
        let scored = contextSize - 1 - contextSize / 2
        return 8 + 3 * 4 + chunks * contextSize * 4 + chunks * scored * nv * 2
    }

    /// The size the file at `url` must have according to its own header (n_ctx, n_vocab and
    /// n_chunk after the magic); nil when not even the header is there.
    static func expectedBytes(ofFileAt url: URL) -> Int? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 20), header.count == 20, header.prefix(8) == Data("_logits_".utf8) else { return nil }
        let fields = (0..<3).map { index in
            header.dropFirst(8 + 4 * index).prefix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        return bytes(contextSize: fields[0], chunks: fields[2], vocabulary: fields[1])
    }
}
