/// What ``TrainingDataReader/forEach(_:)`` read.
public struct TrainingDataSummary: Sendable, Equatable {
    /// The format the records were read as (named or detected).
    public var format: TrainingDataFormat
    /// Records handed to the caller.
    public var recordsRead: Int
    /// Bad records skipped (only with `skipBad`).
    public var skipped: Int
    /// Where the first ``keptSkipReasons`` skipped records start and what is wrong with them.
    public var skipReasons: [TrainingDataSkip]

    /// How many skipped records the summary names: enough to show what is wrong, few enough
    /// that a file with a million bad lines keeps a small summary.
    public static let keptSkipReasons = 5

    /// Creates a summary.
    public init(format: TrainingDataFormat, recordsRead: Int = 0, skipped: Int = 0, skipReasons: [TrainingDataSkip] = []) {
        self.format = format
        self.recordsRead = recordsRead
        self.skipped = skipped
        self.skipReasons = skipReasons
    }

    mutating func skip(line: Int, problem: String) {
        skipped += 1
        if skipReasons.count < Self.keptSkipReasons { skipReasons.append(TrainingDataSkip(line: line, problem: problem)) }
    }
}

/// One record skipped with `skipBad`: where it starts and what is wrong with it.
public struct TrainingDataSkip: Sendable, Equatable {
    /// The 1-based line where the record starts.
    public var line: Int
    /// The problem, worded as in ``TrainingDataError/badRecord(file:line:problem:)``.
    public var problem: String

    /// Creates a skip.
    public init(line: Int, problem: String) {
        self.line = line
        self.problem = problem
    }
}
