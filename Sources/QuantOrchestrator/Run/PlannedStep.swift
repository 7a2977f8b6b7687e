/// One step as `quantorch plan` prints it.
public struct PlannedStep: Codable, Sendable, Equatable {
    /// Whether the step's work is done.
    public enum State: String, Codable, Sendable {
        /// Its record exists: a run reuses it (after verifying the files it names).
        case done
        /// Its inputs are known and it has no record: a run does it.
        case toRun = "to_run"
        /// It waits for a step before it, whose output names its record.
        case waiting
    }

    /// The step, e.g. "quantize Q4_K_M".
    public var step: String
    /// The record's name in the work folder's records/, nil while waiting.
    public var record: String?
    public var state: State
    /// Bytes it will write (estimated), 0 when done.
    public var writesBytes: Int

    enum CodingKeys: String, CodingKey {
        case step, record, state, writesBytes = "writes_bytes"
    }
}
