import Foundation

extension Report {
    /// Checks what a reader of the report relies on, before it is rendered or committed:
    /// schema version 1; `run_id`, `created_at`, `model.slug` and `model.revision` well-formed;
    /// a baseline that is the first variant; unique quant types; every figure finite with a
    /// unit, fractions within 0…1, `ci95` two ordered finite numbers; sizes and counts not
    /// negative; a variant's `chat_template`, when present, a sha256 with source "gguf" or
    /// "server default"; `selection.quant_type` null or an accepted non-baseline variant;
    /// questions' answers naming known variants at most once each.
    /// - Throws: the first problem found, naming its field.
    public func validate() throws(ReportValidationError) {
        guard schemaVersion == Report.currentSchemaVersion else { throw .unsupportedSchemaVersion(schemaVersion) }
        guard RunID.isWellFormed(runID) else {
            throw .invalid(field: "run_id", value: quoted(runID), expected: "YYYYMMDDTHHMMSSZ-xxxxxx (UTC time, 6 lowercase hex digits)")
        }
        guard Self.parseDate(createdAt) != nil else {
            throw .invalid(field: "created_at", value: quoted(createdAt), expected: "an ISO 8601 UTC time such as 2026-11-29T09:30:00Z")
        }
        guard ModelSlug.isWellFormed(model.slug) else {
            throw .invalid(field: "model.slug", value: quoted(model.slug),
                           expected: "1-\(ModelSlug.maximumLength) characters a-z 0-9 . _ -, starting with a letter or digit, without '..', not ending with '.' or '.lock'")
        }
        guard Self.isWellFormedRevision(model.revision) else {
            throw .invalid(field: "model.revision", value: quoted(model.revision),
                           expected: "1-128 characters A-Z a-z 0-9 . _ -, not starting with '.' or '-', without '..', not ending with '.' or '.lock' (also in its first 12)")
        }
        guard ["hf_folder", "gguf"].contains(model.sourceKind) else {
            throw .invalid(field: "model.source_kind", value: quoted(model.sourceKind), expected: "\"hf_folder\" or \"gguf\"")
        }
        guard ["sequential", "parallel"].contains(settings.mode) else {
            throw .invalid(field: "settings.mode", value: quoted(settings.mode), expected: "\"sequential\" or \"parallel\"")
        }
        try checkCounts()
        try checkAcceptance()
        try checkVariants()
        if let noiseFloor { try Self.check(noiseFloor, field: "noise_floor") }
        try checkSelection()
        try checkQuestions()
        for (index, timing) in stageTimings.enumerated() where !timing.seconds.isFinite || timing.seconds < 0 {
            throw .invalid(field: "stage_timings[\(index)].seconds", value: "\(timing.seconds)", expected: "a finite number ≥ 0")
        }
    }

    /// Parses `created_at` (ISO 8601, with or without fractional seconds).
    static func parseDate(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// A revision usable as a folder name and, cut to 12 characters, as a tag component.
    static func isWellFormedRevision(_ revision: String) -> Bool {
        func component(_ text: Substring) -> Bool {
            !text.isEmpty && !text.hasPrefix(".") && !text.hasPrefix("-") && !text.hasSuffix(".")
                && !text.hasSuffix(".lock") && !text.contains("..")
        }
        let allowed = revision.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "._-".unicodeScalars.contains($0)
        }
        return allowed && revision.count <= 128 && component(revision[...]) && component(revision.prefix(12))
    }

    private func quoted(_ text: String) -> String { Self.quoted(text) }

    private static func quoted(_ text: String) -> String { "\"\(text)\"" }

    private func checkCounts() throws(ReportValidationError) {
        let counts: [(String, Int)] = [
            ("suite.questions", suite.questions), ("suite.forms", suite.forms),
            ("settings.sampling.max_tokens", settings.sampling.maxTokens), ("settings.ctx", settings.ctx),
            ("settings.slots", settings.slots), ("settings.threads", settings.threads),
            ("settings.gpu_layers", settings.gpuLayers), ("settings.perplexity.ctx", settings.perplexity.ctx),
            ("settings.perplexity.chunks", settings.perplexity.chunks),
        ]
        for (field, value) in counts where value < 0 {
            throw .invalid(field: field, value: "\(value)", expected: "a count ≥ 0")
        }
        guard settings.sampling.temperature.isFinite, settings.sampling.temperature >= 0 else {
            throw .invalid(field: "settings.sampling.temperature", value: "\(settings.sampling.temperature)", expected: "a finite number ≥ 0")
        }
    }

    private func checkAcceptance() throws(ReportValidationError) {
        let thresholds: [(String, Double)] = [
            ("accuracy_drop_max", acceptance.accuracyDropMax), ("key_fact_recall_drop_max", acceptance.keyFactRecallDropMax),
            ("flips_max", acceptance.flipsMax),
        ]
        for (field, value) in thresholds where !(0...1).contains(value) {
            throw .invalid(field: "acceptance.\(field)", value: "\(value)", expected: "a fraction within 0…1")
        }
        guard acceptance.kldMeanMax.isFinite, acceptance.kldMeanMax >= 0 else {
            throw .invalid(field: "acceptance.kld_mean_max", value: "\(acceptance.kldMeanMax)", expected: "a finite number ≥ 0 (nats)")
        }
    }

    private func checkVariants() throws(ReportValidationError) {
        guard let first = variants.first else { throw .baseline("empty; the baseline must be the first variant") }
        guard first.isBaseline else {
            if let index = variants.firstIndex(where: \.isBaseline) {
                throw .baseline("the baseline \(variants[index].quantType) is variant \(index); it must be the first")
            }
            throw .baseline("no variant has is_baseline true; the first one must be the baseline")
        }
        var seen: Set<String> = []
        for (index, variant) in variants.enumerated() {
            let field = "variants[\(index)]"
            guard !variant.quantType.isEmpty else { throw .invalid(field: "\(field).quant_type", value: "\"\"", expected: "a quant type such as Q4_K_M") }
            guard seen.insert(variant.quantType).inserted else { throw .duplicateQuantType(variant.quantType) }
            if index > 0, variant.isBaseline {
                throw .baseline("\(variant.quantType) (variant \(index)) is a second baseline; only the first variant is")
            }
            if let size = variant.sizeBytes, size < 0 { throw .invalid(field: "\(field).size_bytes", value: "\(size)", expected: "bytes ≥ 0") }
            if let bpw = variant.bpw, !bpw.isFinite || bpw < 0 { throw .invalid(field: "\(field).bpw", value: "\(bpw)", expected: "a finite number ≥ 0") }
            try Self.check(variant.metrics, field: "\(field).metrics")
            try Self.check(variant.perplexity, field: "\(field).perplexity")
            try Self.check(variant.efficiency, field: "\(field).efficiency")
            if let template = variant.chatTemplate { try Self.check(template, field: "\(field).chat_template") }
            if variant.notEvaluated != nil {
                guard index > 0 else { throw .baseline("\(variant.quantType) has not_evaluated; the baseline is always asked the suite") }
                guard variant.metrics.isEmpty, variant.answersFile.isEmpty else {
                    throw .invalid(field: "\(field).not_evaluated", value: quoted(variant.notEvaluated ?? ""),
                                   expected: "only on a variant without metrics and with answers_file \"\"")
                }
            }
        }
    }

    private static func check(_ template: ChatTemplateInfo, field: String) throws(ReportValidationError) {
        guard template.sha256.count == 64, template.sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw .invalid(field: "\(field).sha256", value: quoted(template.sha256), expected: "64 lowercase hex digits")
        }
        guard [ChatTemplateInfo.fromGGUF, ChatTemplateInfo.serverDefault].contains(template.source) else {
            throw .invalid(field: "\(field).source", value: quoted(template.source), expected: "\"gguf\" or \"server default\"")
        }
    }

    private static func check(_ figures: [String: Figure], field: String) throws(ReportValidationError) {
        for key in figures.keys.sorted() {
            guard let figure = figures[key] else { continue }
            let name = "\(field).\(key)"
            guard !figure.unit.isEmpty else { throw .invalid(field: "\(name).unit", value: "\"\"", expected: "a unit such as fraction, s, bytes") }
            guard figure.value.isFinite else { throw .invalid(field: "\(name).value", value: "\(figure.value)", expected: "a finite number") }
            if figure.unit == "fraction", !(0...1).contains(figure.value) {
                throw .invalid(field: "\(name).value", value: "\(figure.value)", expected: "a fraction within 0…1")
            }
            if let n = figure.n, n < 0 { throw .invalid(field: "\(name).n", value: "\(n)", expected: "a sample size ≥ 0") }
            if let ci = figure.ci95 {
                guard ci.count == 2, ci.allSatisfy(\.isFinite), ci[0] <= ci[1] else {
                    throw .invalid(field: "\(name).ci95", value: "\(ci)", expected: "[lo, hi], two finite numbers with lo ≤ hi")
                }
                if figure.unit == "fraction", !ci.allSatisfy({ (0...1).contains($0) }) {
                    throw .invalid(field: "\(name).ci95", value: "\(ci)", expected: "bounds within 0…1")
                }
            }
        }
    }

    private func checkSelection() throws(ReportValidationError) {
        guard let quant = selection.quantType else { return }
        guard let variant = variants.first(where: { $0.quantType == quant }) else {
            throw .selection(quantType: quant, problem: "no variant has this quant type")
        }
        guard !variant.isBaseline else { throw .selection(quantType: quant, problem: "the baseline is never selected") }
        guard variant.accepted else { throw .selection(quantType: quant, problem: "the variant was not accepted") }
    }

    private func checkQuestions() throws(ReportValidationError) {
        let known = Set(variants.map(\.quantType))
        var ids: Set<String> = []
        for (index, question) in questions.enumerated() {
            guard !question.id.isEmpty, ids.insert(question.id).inserted else {
                throw .invalid(field: "questions[\(index)].id", value: "\"\(question.id)\"", expected: "a non-empty id unique in the report")
            }
            var answered: Set<String> = []
            for (position, answer) in question.answers.enumerated() {
                let field = "questions[\(index)].answers[\(position)].quant_type"
                guard known.contains(answer.quantType) else { throw .unknownVariant(field: field, quantType: answer.quantType) }
                guard answered.insert(answer.quantType).inserted else {
                    throw .invalid(field: field, value: "\"\(answer.quantType)\"", expected: "one answer per variant")
                }
            }
        }
    }
}
