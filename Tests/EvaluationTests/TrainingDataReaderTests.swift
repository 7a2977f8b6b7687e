import Foundation
import Testing
@testable import Evaluation

/// The fine-tuning data reader: each format, detection, bad records and their lines, and files
/// cut short, in another encoding or split across read chunks.
struct TrainingDataReaderTests {
    /// Writes `text` byte for byte as `name` in a fresh folder.
    private func dataFile(_ text: String, name: String) throws -> URL {
        try dataFile(Data(text.utf8), name: name)
    }

    private func dataFile(_ bytes: Data, name: String) throws -> URL {
        let url = try TestFiles.folder("training-data").appending(path: name)
        try bytes.write(to: url)
        return url
    }

    private func records(_ url: URL, format: TrainingDataFormat? = nil, skipBad: Bool = false)
        throws -> (records: [TrainingRecord], summary: TrainingDataSummary) {
        var records: [TrainingRecord] = []
        let summary = try TrainingDataReader(url: url, format: format, skipBad: skipBad).forEach { records.append($0) }
        return (records, summary)
    }

    /// The error reading `url` throws, after checking that its message starts with the path.
    private func readingError(_ url: URL, format: TrainingDataFormat? = nil, skipBad: Bool = false) -> TrainingDataError? {
        do {
            _ = try TrainingDataReader(url: url, format: format, skipBad: skipBad).forEach { _ in }
        } catch {
            #expect(error.description.hasPrefix(url.path))
            return error
        }
        Issue.record("no error reading \(url.lastPathComponent)")
        return nil
    }

    // MARK: Formats

    @Test func alpacaJSONLines() throws {
        let url = try dataFile("""
            {"instruction": "What is 2+2?", "input": "", "output": "4", "category": "math"}
            {"instruction": "Translate.", "input": "Bonjour", "output": " Hello \\n", "system": "Be brief.", "task": "translation"}
            """ + "\n", name: "train.jsonl")
        let (read, summary) = try records(url)
        #expect(read == [
            TrainingRecord(question: "What is 2+2?", answer: "4", category: "math", line: 1),
            TrainingRecord(question: "Translate.\n\nBonjour", answer: "Hello", system: "Be brief.", category: "translation", line: 2),
        ])
        #expect(summary == TrainingDataSummary(format: .alpaca, recordsRead: 2))
    }

    @Test func alpacaJSONArraySpreadOverLines() throws {
        let url = try dataFile("""
            [
              {
                "instruction": "解释“量化”是什么意思。",
                "input": "",
                "output": "量化是用更少的比特表示模型权重。"
              },
              {"instruction": "Quote {this} and [that]", "output": "a \\"}]\\" b\\\\", "topic": "escapes"}
            ]
            """, name: "alpaca_data.json")
        let (read, summary) = try records(url)
        #expect(read == [
            TrainingRecord(question: "解释“量化”是什么意思。", answer: "量化是用更少的比特表示模型权重。", line: 2),
            TrainingRecord(question: "Quote {this} and [that]", answer: #"a "}]" b\"#, category: "escapes", line: 7),
        ])
        #expect(summary.format == .alpaca && summary.recordsRead == 2)
    }

    @Test func shareGPTTakesTheFirstExchange() throws {
        let url = try dataFile("""
            {"conversations": [{"from": "system", "value": "You are a chemist."}, {"from": "human", "value": "Boiling point of water?"}, {"from": "gpt", "value": "100 °C at sea level."}, {"from": "human", "value": "And on Everest?"}, {"from": "gpt", "value": "About 70 °C."}]}
            {"conversations": [{"from": "user", "value": "Hi"}, {"from": "assistant", "value": "Hello!"}], "system": "Be kind.", "source": "chat"}
            """, name: "sharegpt.jsonl")
        let (read, summary) = try records(url)
        #expect(read == [
            TrainingRecord(question: "Boiling point of water?", answer: "100 °C at sea level.", system: "You are a chemist.", line: 1),
            TrainingRecord(question: "Hi", answer: "Hello!", system: "Be kind.", category: "chat", line: 2),
        ])
        #expect(summary.format == .sharegpt)
    }

    @Test func messagesWithContentParts() throws {
        let url = try dataFile("""
            {"messages": [{"role": "system", "content": "Answer in French."}, {"role": "user", "content": [{"type": "text", "text": "Name the capital"}, {"type": "image_url", "image_url": {"url": "x"}}, {"type": "text", "text": "of France."}]}, {"role": "assistant", "content": [{"type": "text", "text": "Paris."}]}]}
            {"messages": [{"role": "developer", "content": "Terse."}, {"role": "user", "content": "1+1?"}, {"role": "assistant", "content": "2"}, {"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}]}
            """, name: "chat.jsonl")
        let (read, summary) = try records(url)
        #expect(read == [
            TrainingRecord(question: "Name the capital\nof France.", answer: "Paris.", system: "Answer in French.", line: 1),
            TrainingRecord(question: "1+1?", answer: "2", system: "Terse.", line: 2),
        ])
        #expect(summary.format == .messages)
    }

    @Test func promptCompletion() throws {
        let url = try dataFile(#"{"prompt": "Capital of Japan?\n\n###\n\n", "completion": " Tokyo END"}"# + "\n", name: "pc.jsonl")
        #expect(try records(url).records == [TrainingRecord(question: "Capital of Japan?\n\n###", answer: "Tokyo END", line: 1)])
        #expect(try TrainingDataReader(url: url).detectFormat() == .promptCompletion)
    }

    @Test func csvWithQuotedMultiLineFieldAndCRLF() throws {
        let url = try dataFile("\u{FEFF}Instruction,Input,Output,Category\r\n"
            + "Summarize,\"Line one\r\nline two\",Short,text\r\n"
            + "\r\n"
            + "\"Say \"\"hi\"\"\",,hi,\r\n"
            + "Empty answer,,  ,x\r\n", name: "data.csv")
        #expect(readingError(url) == .badRecord(file: url.path, line: 6, problem: #"an empty "Output" column (a CSV row needs a question and an answer)"#))
        let (read, summary) = try records(url, skipBad: true)
        #expect(read == [
            TrainingRecord(question: "Summarize\n\nLine one\r\nline two", answer: "Short", category: "text", line: 2),
            TrainingRecord(question: #"Say "hi""#, answer: "hi", line: 5),
        ])
        #expect(summary == TrainingDataSummary(format: .csv, recordsRead: 2, skipped: 1, skipReasons: [
            TrainingDataSkip(line: 6, problem: #"an empty "Output" column (a CSV row needs a question and an answer)"#),
        ]))
    }

    @Test func csvHeaderWithoutAnswerColumn() throws {
        let url = try dataFile("question,notes\nWhy?,none\n", name: "qa.csv")
        #expect(readingError(url) == .unknownFormat(file: url.path, found: #"a CSV header with the columns "question", "notes""#))
    }

    // MARK: Detection

    @Test func detectsEachFormat() throws {
        let files: [(String, String, TrainingDataFormat)] = [
            (#"[{"instruction": "a", "output": "b"}]"#, "a.json", .alpaca),
            (#"{"conversations": []}"#, "s.jsonl", .sharegpt),
            (#"{"messages": []}"#, "m.jsonl", .messages),
            (#"{"prompt": "a", "completion": "b"}"#, "p.jsonl", .promptCompletion),
            ("question,answer\na,b\n", "qa.txt", .csv),
        ]
        for (text, name, format) in files {
            #expect(try TrainingDataReader(url: dataFile(text, name: name)).detectFormat() == format)
        }
    }

    @Test func unknownShapeNamesTheFields() throws {
        let url = try dataFile(#"{"text": "Once upon a time", "id": 3}"# + "\n", name: "pretrain.jsonl")
        let error = readingError(url)
        #expect(error == .unknownFormat(file: url.path, found: #"a JSON Lines record (line 1) with the fields "id", "text""#))
        #expect(error?.description.contains("pass --format") == true)
        let text = try dataFile("Once upon a time\n", name: "story.txt")
        #expect(readingError(text) == .unknownFormat(file: text.path, found: #"text that is neither JSON nor a CSV header (its first line is "Once upon a time")"#))
    }

    @Test func namedFormatThatDoesNotFit() throws {
        let url = try dataFile(#"{"instruction": "a", "output": "b"}"#, name: "train.jsonl")
        #expect(readingError(url, format: .sharegpt) == .badRecord(file: url.path, line: 1, problem:
            #"a record without "conversations" (a ShareGPT record needs "conversations": [{"from": "human", "value": …}, {"from": "gpt", "value": …}])"#))
    }

    // MARK: Bad records

    @Test func badLineIsAnErrorOrSkipped() throws {
        let url = try dataFile("""
            {"instruction": "a", "output": "b"}

            {"instruction": "c", "output": "d"
            ["not", "an", "object"]
            {"instruction": "e"}
            {"instruction": "f", "output": "   "}
            {"instruction": "g", "output": "h"}
            """ + "\n", name: "train.jsonl")
        let error = readingError(url)
        guard case .badRecord(_, 3, let problem) = error else {
            Issue.record("expected a bad record at line 3, got \(String(describing: error))")
            return
        }
        #expect(problem.hasPrefix("not valid JSON"))
        #expect(error?.description.hasSuffix("; pass --skip-bad to skip such records") == true)
        let (read, summary) = try records(url, skipBad: true)
        #expect(read.map(\.line) == [1, 7])
        #expect(summary.skipped == 4)
        #expect(summary.skipReasons.map(\.line) == [3, 4, 5, 6])
        #expect(summary.skipReasons[1].problem == "an array, not an object ({…}) holding a record's fields")
        #expect(summary.skipReasons[2].problem == #"a record without "output" (an Alpaca record needs "instruction" and "output")"#)
        #expect(summary.skipReasons[3].problem == #"an empty "output" (an Alpaca record needs "instruction" and "output")"#)
    }

    @Test func tornLastLine() throws {
        let url = try dataFile(#"{"prompt": "a", "completion": "b"}"# + "\n" + #"{"prompt": "c", "compl"#, name: "cut.jsonl")
        guard case .badRecord(_, 2, let problem) = readingError(url) else {
            Issue.record("expected a bad record at line 2")
            return
        }
        #expect(problem.hasSuffix("it ends the file without a line break: was the file cut short?"))
        let (read, summary) = try records(url, skipBad: true)
        #expect(read.count == 1 && summary.skipped == 1)
    }

    @Test func lastLineWithoutNewlineAndCRLF() throws {
        let url = try dataFile("{\"prompt\": \"a\", \"completion\": \"b\"}\r\n\r\n{\"prompt\": \"c\", \"completion\": \"d\"}", name: "crlf.jsonl")
        #expect(try records(url).records.map(\.line) == [1, 3])
    }

    @Test func tornJSONArray() throws {
        let url = try dataFile("[\n" + #"{"instruction": "a", "output": "b"},"# + "\n" + #"{"instruction": "c", "output": "d"#, name: "cut.json")
        #expect(readingError(url) == .badRecord(file: url.path, line: 3, problem:
            "the file ends inside this record: was it cut short, or is a quote or bracket missing?"))
        let (read, summary) = try records(url, skipBad: true)
        #expect(read.count == 1 && summary.skipped == 1)
    }

    @Test func arrayElementThatIsNotAnObject() throws {
        let url = try dataFile(#"["just text", 42, {"instruction": "a", "output": "b"}]"#, name: "odd.json")
        let (read, summary) = try records(url, skipBad: true)
        #expect(read.count == 1)
        #expect(summary.skipReasons.map(\.problem) == [
            "a string, not an object ({…}) holding a record's fields",
            "a number or true/false, not an object ({…}) holding a record's fields",
        ])
    }

    @Test func everyRecordBad() throws {
        let url = try dataFile("{oops}\n", name: "bad.jsonl")
        guard case .unreadable(_, let reason) = readingError(url, skipBad: true) else {
            Issue.record("expected unreadable")
            return
        }
        #expect(reason.hasPrefix("none of its 1 records could be read; the first, at line 1: not valid JSON"))
    }

    @Test func bodyErrorStopsTheReading() throws {
        let url = try dataFile(#"{"prompt": "a", "completion": "b"}"# + "\n" + #"{"prompt": "c", "completion": "d"}"#, name: "two.jsonl")
        var seen = 0
        #expect(throws: TrainingDataError.badRecord(file: "f", line: 1, problem: "stop")) {
            _ = try TrainingDataReader(url: url).forEach { record throws(TrainingDataError) in
                seen += 1
                throw .badRecord(file: "f", line: record.line, problem: "stop")
            }
        }
        #expect(seen == 1)
    }

    // MARK: Files

    @Test func emptyFile() throws {
        let url = try dataFile("", name: "empty.jsonl")
        #expect(readingError(url) == .unreadable(file: url.path, reason: "the file is empty"))
        let array = try dataFile(" [ ]\n", name: "empty.json")
        #expect(readingError(array) == .unreadable(file: array.path, reason: "it holds no records"))
    }

    @Test func notUTF8() throws {
        var latin1 = Data(#"{"prompt": "a", "completion": "b"}"#.utf8 + [0x0A])
        latin1.append(contentsOf: Array(#"{"prompt": "caf"#.utf8) + [0xE9] + Array(#"", "completion": "d"}"#.utf8) + [0x0A])
        let url = try dataFile(latin1, name: "latin1.jsonl")
        #expect(readingError(url) == .unreadable(file: url.path, reason:
            "line 2 is not UTF-8 text; save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)"))
        let utf16 = try dataFile(#"{"prompt": "a", "completion": "b"}"#.data(using: .utf16)!, name: "utf16.jsonl")
        #expect(readingError(utf16) == .unreadable(file: utf16.path, reason:
            "it is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8"))
    }

    /// Files larger than one read chunk, with a Chinese character across every chunk boundary
    /// somewhere, read whole in both JSON layouts.
    @Test func recordsAcrossChunks() throws {
        let count = 6000
        let lines = (0..<count).map { #"{"instruction": "问题 \#($0) 量化", "output": "答案\#(String(repeating: "很长的回答", count: 20))"}"# }
        let jsonl = try dataFile(lines.joined(separator: "\n"), name: "big.jsonl")
        let array = try dataFile("[\n" + lines.joined(separator: ",\n") + "\n]\n", name: "big.json")
        #expect(try Data(contentsOf: jsonl).count > 2 * FileChunks.size)
        for url in [jsonl, array] {
            let (read, summary) = try records(url)
            #expect(summary.recordsRead == count)
            #expect(read.last == TrainingRecord(question: "问题 \(count - 1) 量化", answer: "答案" + String(repeating: "很长的回答", count: 20),
                                                line: url == jsonl ? count : count + 1))
        }
    }
}
