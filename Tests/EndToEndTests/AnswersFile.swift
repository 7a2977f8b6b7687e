import Foundation

/// Writes an answers file as `quantorch run` leaves it (one JSON record per line), with the
/// given (question id, answer) pairs and placeholder timings, for tests of `quantorch score`.
/// - Returns: the new file, a fresh name in `folder`.
func writeAnswersFile(_ pairs: [(String, String)], in folder: URL) throws -> URL {
    let lines = try pairs.map { id, answer in
        let record: [String: Any] = [
            "suite_sha256": "old", "variant_sha256": "v", "question_id": id, "form": "original", "pass": 1,
            "prompt": "p", "answer": answer, "prompt_tokens": 10, "completion_tokens": 8, "ttft_s": 0.1,
            "prompt_tokens_per_s": 100.0, "gen_tokens_per_s": 20.0, "finish_reason": "stop", "facts": [[String: Any]](),
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
    }.joined(separator: "\n") + "\n"
    let url = folder.appending(path: "answers-\(UUID().uuidString.prefix(6)).jsonl")
    try Data(lines.utf8).write(to: url)
    return url
}
