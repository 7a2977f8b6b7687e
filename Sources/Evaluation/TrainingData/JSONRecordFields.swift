import Foundation

/// Decodes one JSON record and takes its question, answer, system prompt and category out
/// according to its format.
enum JSONRecordFields {
    /// The decoded object of `bytes`, or the problem with them.
    static func object(_ bytes: [UInt8], torn: Bool) throws(TrainingRecordProblem) -> [String: Any] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw TrainingRecordProblem(syntaxProblem(bytes, error: error, torn: torn))
        }
        guard let object = value as? [String: Any] else {
            throw TrainingRecordProblem("\(RecordFields.kind(of: value)), not an object ({…}) holding a record's fields")
        }
        return object
    }

    /// The format whose fields `object` has, or `nil`.
    static func format(of object: [String: Any]) -> TrainingDataFormat? {
        if object["messages"] is [Any] { return .messages }
        if object["conversations"] is [Any] { return .sharegpt }
        if object["instruction"] != nil { return .alpaca }
        if object["prompt"] != nil && object["completion"] != nil { return .promptCompletion }
        return nil
    }

    /// `object`'s record as `format` reads it.
    static func record(_ object: [String: Any], format: TrainingDataFormat, line: Int) throws(TrainingRecordProblem) -> TrainingRecord {
        let fields = RecordFields(object: object, shape: format.shape)
        let system: String?
        let question: String
        let answer: String
        switch format {
        case .alpaca:
            question = try joinedQuestion(fields.required("instruction"), fields.optional("input"))
            answer = try fields.required("output")
            system = try fields.optional("system")
        case .promptCompletion:
            question = try fields.required("prompt")
            answer = try fields.required("completion")
            system = try fields.optional("system")
        case .sharegpt:
            let exchange = try ChatExchange(turns: fields.list("conversations"), style: .sharegpt)
            (question, answer) = (exchange.question, exchange.answer)
            if let turn = exchange.system { system = turn } else { system = try fields.optional("system") }
        case .messages:
            let exchange = try ChatExchange(turns: fields.list("messages"), style: .messages)
            (question, answer, system) = (exchange.question, exchange.answer, exchange.system)
        case .csv:
            preconditionFailure("CSV rows are read by CSVRecords")
        }
        let category = TrainingRecord.categoryFields.lazy.compactMap { (object[$0] as? String)?.trimmedNonEmpty }.first
        return TrainingRecord(question: question, answer: answer, system: system, category: category, line: line)
    }

    private static func syntaxProblem(_ bytes: [UInt8], error: any Error, torn: Bool) -> String {
        if String(validating: bytes, as: UTF8.self) == nil {
            return "the record is not UTF-8 text; save the file as UTF-8"
        }
        if String(decoding: bytes, as: UTF8.self).trimmedNonEmpty == "{" {
            return "a lone \"{\": one JSON object spread over many lines? A JSON Lines file holds one record per line, "
                + "a JSON file one array of records ([{…}, {…}])"
        }
        let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        let problem = "not valid JSON" + (detail.map { " (\($0))" } ?? "")
        return torn ? problem + "; it ends the file without a line break: was the file cut short?" : problem
    }
}

/// One record's fields, read with messages that name the field and the format's shape.
struct RecordFields {
    let object: [String: Any]
    /// What a record of the format needs, e.g. `an Alpaca record needs "instruction" and "output"`.
    let shape: String

    /// The trimmed text of `name`, which must be there and not be empty.
    func required(_ name: String) throws(TrainingRecordProblem) -> String {
        guard object[name] != nil, !(object[name] is NSNull) else {
            throw TrainingRecordProblem("a record without \"\(name)\" (\(shape))")
        }
        guard let text = try optional(name) else { throw TrainingRecordProblem("an empty \"\(name)\" (\(shape))") }
        return text
    }

    /// The trimmed text of `name`; `nil` when it is absent, null or empty.
    func optional(_ name: String) throws(TrainingRecordProblem) -> String? {
        switch object[name] {
        case nil, is NSNull:
            return nil
        case let text as String:
            return text.trimmedNonEmpty
        case let other?:
            throw TrainingRecordProblem("\"\(name)\" is \(Self.kind(of: other)), not text (\(shape))")
        }
    }

    /// The array `name`.
    func list(_ name: String) throws(TrainingRecordProblem) -> [Any] {
        guard let value = object[name] else { throw TrainingRecordProblem("a record without \"\(name)\" (\(shape))") }
        guard let list = value as? [Any] else {
            throw TrainingRecordProblem("\"\(name)\" is \(Self.kind(of: value)), not an array (\(shape))")
        }
        return list
    }

    /// What kind of JSON value `value` is, e.g. "a string".
    static func kind(of value: Any) -> String {
        switch value {
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        case is String: "a string"
        case is NSNull: "null"
        default: "a number or true/false"
        }
    }
}
