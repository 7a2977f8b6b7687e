import Foundation

/// The first exchange of a conversation: the first user turn and the assistant turn right after
/// it, with the system turn before them. Later turns are left out because they build on earlier
/// answers that a model asked the question alone would not have seen.
struct ChatExchange {
    /// How a conversation names its turns' speaker and text.
    enum Style {
        /// `{"from": "system" | "human" | "user" | "gpt" | "assistant", "value": "…"}`.
        case sharegpt
        /// `{"role": "system" | "developer" | "user" | "assistant", "content": "…" | [{"type": "text", "text": "…"}]}`.
        case messages
    }

    private enum Speaker {
        case system, user, assistant, other
    }

    var system: String?
    var question: String
    var answer: String

    init(turns: [Any], style: Style) throws(TrainingRecordProblem) {
        let (field, speakerKey, textKey, user, assistant) = switch style {
        case .sharegpt: ("conversations", "from", "value", "\"human\"", "\"gpt\"")
        case .messages: ("messages", "role", "content", "user", "assistant")
        }
        var system: String?
        for (index, turn) in turns.enumerated() {
            guard let turn = turn as? [String: Any] else {
                throw TrainingRecordProblem("turn \(index + 1) of \"\(field)\" is \(RecordFields.kind(of: turn)), not an object")
            }
            switch Self.speaker(turn[speakerKey], style: style) {
            case .system:
                if system == nil { system = try Self.text(turn[textKey], turn: index + 1, field: field) }
            case .user:
                guard let question = try Self.text(turn[textKey], turn: index + 1, field: field) else {
                    throw TrainingRecordProblem("the first \(user) turn of \"\(field)\" (turn \(index + 1)) has no text")
                }
                guard index + 1 < turns.count, let reply = turns[index + 1] as? [String: Any],
                      Self.speaker(reply[speakerKey], style: style) == .assistant else {
                    throw TrainingRecordProblem("the first \(user) turn of \"\(field)\" (turn \(index + 1)) is not followed by \(style == .sharegpt ? "a" : "an") \(assistant) turn")
                }
                guard let answer = try Self.text(reply[textKey], turn: index + 2, field: field) else {
                    throw TrainingRecordProblem("the \(assistant) turn after the first \(user) turn of \"\(field)\" (turn \(index + 2)) has no text")
                }
                (self.system, self.question, self.answer) = (system, question, answer)
                return
            case .assistant, .other:
                continue
            }
        }
        throw TrainingRecordProblem("no \(user) turn in \"\(field)\"")
    }

    private static func speaker(_ value: Any?, style: Style) -> Speaker {
        switch (style, value as? String) {
        case (_, "system"), (.messages, "developer"): .system
        case (.sharegpt, "human"), (_, "user"): .user
        case (.sharegpt, "gpt"), (_, "assistant"): .assistant
        default: .other
        }
    }

    /// A turn's trimmed text: a string, or the text parts of an array of content parts joined by
    /// line breaks; `nil` when empty or null (an assistant turn that only calls a tool).
    private static func text(_ value: Any?, turn: Int, field: String) throws(TrainingRecordProblem) -> String? {
        switch value {
        case nil, is NSNull:
            return nil
        case let text as String:
            return text.trimmedNonEmpty
        case let parts as [Any]:
            let texts = parts.compactMap { part -> String? in
                guard let part = part as? [String: Any], (part["type"] as? String ?? "text") == "text" else { return nil }
                return part["text"] as? String
            }
            return texts.joined(separator: "\n").trimmedNonEmpty
        case let other?:
            throw TrainingRecordProblem("turn \(turn) of \"\(field)\" holds \(RecordFields.kind(of: other)), not text")
        }
    }
}
