import Foundation

/// Whether a variant's llama-server ran its model the way the baseline's did, from the two
/// servers' `ServerProbe`s: pure, so it runs on saved probes as well as fresh ones.
///
/// ```swift
/// let checks = ServerChecks.compare(variant: q4, baseline: f16, recipeContext: 2048,
///                                   sourceTemplate: try SourceChatTemplate.read(checkpointDirectory: hf))
/// checks.filter(\.couldChangeScores).map(\.detail)
/// ```
public enum ServerChecks {
    /// The four checks, in `ServerCheck.Name` order.
    /// - Parameters:
    ///   - variant: the probe of the server whose scores are judged.
    ///   - baseline: the probe of the baseline's server.
    ///   - recipeContext: the context one slot should hold, in tokens, as the recipe sets it.
    ///   - sourceTemplate: the source checkpoint's chat template (`SourceChatTemplate.read`);
    ///     nil when the source is a GGUF or the checkpoint has none, and then the template is
    ///     compared with the baseline's only.
    public static func compare(variant: ServerProbe, baseline: ServerProbe, recipeContext: Int, sourceTemplate: String?) -> [ServerCheck] {
        [chatTemplate(variant: variant, baseline: baseline, sourceTemplate: sourceTemplate),
         tokenization(variant: variant, baseline: baseline),
         context(variant: variant, recipeContext: recipeContext),
         truncation(variant: variant, baseline: baseline)]
    }

    /// Fails when the variant's GGUF has no template (llama-server then renders prompts with
    /// a built-in one) or its template differs from the source's or the baseline's: the model
    /// then sees other prompt text than it was trained on, or than the baseline saw.
    static func chatTemplate(variant: ServerProbe, baseline: ServerProbe, sourceTemplate: String?) -> ServerCheck {
        guard let template = variant.chatTemplate else {
            return .fail(.chatTemplate, "the variant's GGUF has no tokenizer.chat_template, so llama-server fell back to its built-in template (sha256 \(short(variant.servedChatTemplateSHA256))); restore the template with gguf_new_metadata.py --chat-template")
        }
        let digest = short(variant.chatTemplateSHA256)
        var differences: [String] = []
        if let sourceTemplate, sourceTemplate != template {
            differences.append("differs from the source checkpoint's (sha256 \(short(FileDigest.sha256(of: Data(sourceTemplate.utf8)))))")
        }
        if let baselineTemplate = baseline.chatTemplate {
            if baselineTemplate != template { differences.append("differs from the baseline's (sha256 \(short(baseline.chatTemplateSHA256)))") }
        } else {
            differences.append("is not what the baseline ran with: the baseline's GGUF has none and got llama-server's built-in template")
        }
        guard differences.isEmpty else {
            return .fail(.chatTemplate, "the variant's template (sha256 \(digest)) " + differences.joined(separator: " and "))
        }
        let against = sourceTemplate == nil ? "the baseline's (no source checkpoint template to compare with)" : "the source checkpoint's and the baseline's"
        return .pass(.chatTemplate, "the variant's template (sha256 \(digest)) is identical to \(against)")
    }

    /// Fails at the first probe text whose ids differ from the baseline's: the same answer
    /// text would then be other tokens, and the same prompt another input.
    static func tokenization(variant: ServerProbe, baseline: ServerProbe) -> ServerCheck {
        for (index, (mine, theirs)) in zip(variant.tokenizations, baseline.tokenizations).enumerated() {
            guard mine.text == theirs.text else {
                return .fail(.tokenization, "probe text #\(index + 1) differs (\(quoted(mine.text)) against the baseline's \(quoted(theirs.text))); probe both servers with the same suite")
            }
            if mine.tokens != theirs.tokens {
                let position = mine.tokens.indices.first { $0 >= theirs.tokens.count || mine.tokens[$0] != theirs.tokens[$0] } ?? mine.tokens.count
                return .fail(.tokenization, "\(quoted(mine.text)) tokenizes differently: \(mine.tokens.count) ids against the baseline's \(theirs.tokens.count), first differing at id #\(position + 1); the variant's GGUF carries another tokenizer")
            }
        }
        guard variant.tokenizations.count == baseline.tokenizations.count else {
            return .fail(.tokenization, "the variant was probed with \(variant.tokenizations.count) texts and the baseline with \(baseline.tokenizations.count); probe both with the same build")
        }
        return .pass(.tokenization, "identical ids for all \(variant.tokenizations.count) probe texts")
    }

    /// Fails when one slot holds less than the recipe asks: prompts and answers that need the
    /// rest are refused or cut short.
    static func context(variant: ServerProbe, recipeContext: Int) -> ServerCheck {
        guard variant.contextPerSlot >= recipeContext else {
            return .fail(.context, "the server holds \(variant.contextPerSlot) tokens per slot (\(variant.slots) slots), less than the recipe's \(recipeContext): prompts truncated or refused; start it with -c \(recipeContext * variant.slots)")
        }
        return .pass(.context, "the server holds \(variant.contextPerSlot) tokens per slot, at least the recipe's \(recipeContext)")
    }

    /// Counts only when the baseline recalls the code word at the probe's length; then fails
    /// when the variant does not, and says whether its context could hold the prompt.
    static func truncation(variant: ServerProbe, baseline: ServerProbe) -> ServerCheck {
        let probe = variant.truncation
        guard baseline.truncation.found else {
            return .inconclusive(.truncation, "the baseline does not recall the marker at this length (\(baseline.truncation.targetTokens) tokens)")
        }
        guard probe.targetTokens == baseline.truncation.targetTokens else {
            return .inconclusive(.truncation, "the variant's probe was sized for \(probe.targetTokens) tokens and the baseline's for \(baseline.truncation.targetTokens)")
        }
        if probe.found {
            return .pass(.truncation, "the marker at the start of a \(probe.promptTokens)-token prompt is recalled, as on the baseline")
        }
        let needed = probe.promptTokens + TruncationProbe.answerTokens
        let said = probe.refusal.map { "the server refused the prompt: \($0)" } ?? "it answered \(quoted(probe.answer ?? ""))"
        guard variant.contextPerSlot >= needed else {
            return .fail(.truncation, "context truncated: the marker is lost because \(needed) tokens do not fit \(variant.contextPerSlot) per slot; \(said)")
        }
        return .fail(.truncation, "lost recall at this length, not context: the \(probe.promptTokens)-token prompt fits \(variant.contextPerSlot) tokens per slot, yet the variant misses the marker the baseline recalls; \(said)")
    }

    private static func short(_ digest: String?) -> String {
        String((digest ?? "none").prefix(12))
    }

    private static func quoted(_ text: String) -> String {
        let line = text.replacing("\n", with: "\\n").replacing("\t", with: "\\t")
        return "\"" + (line.count > 60 ? line.prefix(60) + "…" : line) + "\""
    }
}
