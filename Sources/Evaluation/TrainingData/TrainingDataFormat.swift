/// The record shapes of fine-tuning data that ``TrainingDataReader`` reads.
///
/// The JSON shapes come as JSON Lines (one record per line) or as one JSON array of records;
/// which of the two is told by the file's first character, not by the format.
public enum TrainingDataFormat: String, CaseIterable, Sendable {
    /// `{"instruction", "input"?, "output", "system"?}`: the question is the instruction, followed
    /// by a blank line and the input when the input is not empty; the answer is the output.
    case alpaca
    /// `{"conversations": [{"from", "value"}], "system"?}` with `from` one of system, human or user,
    /// gpt or assistant: the first human turn and the gpt turn right after it.
    case sharegpt
    /// OpenAI chat, `{"messages": [{"role", "content"}]}` with `role` one of system (or developer),
    /// user, assistant and `content` a string or an array of `{"type": "text", "text"}` parts:
    /// the first user message and the assistant message right after it.
    case messages
    /// `{"prompt", "completion", "system"?}`.
    case promptCompletion = "prompt-completion"
    /// Comma-separated values with a header row naming a question column (question, instruction,
    /// prompt or input; instruction and input together are joined as Alpaca's are), an answer
    /// column (answer, output, response or completion) and optionally a system column and a
    /// category column (named as ``TrainingRecord/categoryFields`` lists).
    case csv

    /// What one record of this format must hold, for messages about records that do not.
    var shape: String {
        switch self {
        case .alpaca:
            #"an Alpaca record needs "instruction" and "output""#
        case .sharegpt:
            #"a ShareGPT record needs "conversations": [{"from": "human", "value": …}, {"from": "gpt", "value": …}]"#
        case .messages:
            #"an OpenAI chat record needs "messages": [{"role": "user", "content": …}, {"role": "assistant", "content": …}]"#
        case .promptCompletion:
            #"a prompt/completion record needs "prompt" and "completion""#
        case .csv:
            "a CSV row needs a question and an answer"
        }
    }
}
