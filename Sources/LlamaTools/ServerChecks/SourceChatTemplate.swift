import Foundation

/// The chat template of a Hugging Face checkpoint, found where llama.cpp's converter finds the
/// one it writes to `tokenizer.chat_template`, so a GGUF converted from it can be compared
/// string for string.
///
/// Source: gguf-py `SpecialVocab._try_load_from_tokenizer_json` (gguf/vocab.py). The converter
/// prefers `tokenizer_config.json`'s `chat_template` and only otherwise takes
/// `chat_template.jinja`, then `chat_template.json`'s `chat_template`. A list of
/// `{name, template}` objects keeps its `default` entry as `tokenizer.chat_template`
/// (gguf-py `GGUFWriter.add_chat_template`); the other names become `tokenizer.chat_template.<name>`.
///
/// ```swift
/// let template = try SourceChatTemplate.read(checkpointDirectory: URL(fileURLWithPath: "SmolLM2-135M-Instruct"))
/// ```
public enum SourceChatTemplate {
    /// The checkpoint's default chat template; nil when none of the three files carries one,
    /// `tokenizer_config.json` sets it to null, or the list taken has no `default` entry: what
    /// a GGUF without `tokenizer.chat_template` is converted from.
    /// - Throws: `SourceChatTemplateError.unreadable` when a file exists but cannot be read,
    ///   `.malformed` when a JSON file does not parse or its `chat_template` has another shape.
    public static func read(checkpointDirectory: URL) throws(SourceChatTemplateError) -> String? {
        // Like the converter's `tokenizer_config.get('chat_template', alternative)`: a field set
        // to null is no template, and only a missing field lets the other files count.
        if case let .field(template) = try jsonTemplate(checkpointDirectory.appending(path: "tokenizer_config.json")) { return template }
        if let text = try contents(checkpointDirectory.appending(path: "chat_template.jinja")) { return String(decoding: text, as: UTF8.self) }
        if case let .field(template) = try jsonTemplate(checkpointDirectory.appending(path: "chat_template.json")) { return template }
        return nil
    }

    /// What a JSON file says about `chat_template`.
    private enum Lookup {
        /// No such file, or no such field.
        case absent
        /// The field's default template; nil for null or a list without a `default` entry.
        case field(String?)
    }

    /// The `chat_template` field of `url`.
    private static func jsonTemplate(_ url: URL) throws(SourceChatTemplateError) -> Lookup {
        guard let data = try contents(url) else { return .absent }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw .malformed(path: url.path, reason: "not JSON (\(error.localizedDescription))")
        }
        guard let fields = object as? [String: Any] else {
            throw .malformed(path: url.path, reason: "the top level is not a JSON object")
        }
        switch fields["chat_template"] {
        case nil:
            return .absent
        case is NSNull:
            return .field(nil)
        case let template as String:
            return .field(template)
        case let list as [Any]:
            let entries = list.compactMap { $0 as? [String: Any] }
            guard entries.count == list.count else {
                throw .malformed(path: url.path, reason: "chat_template is a list whose entries are not all {name, template} objects")
            }
            guard let entry = entries.first(where: { $0["name"] as? String == "default" }) else { return .field(nil) }
            guard let template = entry["template"] as? String else {
                throw .malformed(path: url.path, reason: "the chat_template entry named default has no template string")
            }
            return .field(template)
        default:
            throw .malformed(path: url.path, reason: "chat_template is neither a string nor a list of {name, template}")
        }
    }

    /// The bytes of `url`; nil when there is no such file.
    private static func contents(_ url: URL) throws(SourceChatTemplateError) -> Data? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        do { return try Data(contentsOf: url) } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
    }
}
