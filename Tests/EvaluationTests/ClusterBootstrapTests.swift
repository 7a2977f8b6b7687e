import Testing
@testable import Evaluation

/// The question-level bootstrap: reproducible per seed, and blind to how many identical forms a
/// question has.
struct ClusterBootstrapTests {
    /// 24 questions; the first carries a drop of 1.0 on each of its `forms` forms, the other 23 a
    /// drop of 0 on one form.
    static func oneQuestionDrops(forms: Int) -> [[Double]] {
        let dropping: [Double] = Array(repeating: 1, count: forms)
        let steady: [[Double]] = Array(repeating: [0], count: 23)
        return [dropping] + steady
    }

    @Test func sameSeedSameInterval() throws {
        let questions: [[Double]] = (0..<30).map { (index: Int) -> [Double] in
            let first = Double(index % 7) / 10
            let second = Double(index % 3) / 5 - 0.1
            return [first, second]
        }
        let first = try #require(ClusterBootstrap(seed: 42).pooledMean(questions))
        let again = try #require(ClusterBootstrap(seed: 42).pooledMean(questions))
        let other = try #require(ClusterBootstrap(seed: 43).pooledMean(questions))
        #expect(first == again)
        #expect(first.estimate == other.estimate)
        #expect(first.interval != other.interval)
        #expect(first.interval.contains(first.estimate))
    }

    @Test func identicalFormsAreNotMoreEvidence() throws {
        let bootstrap = ClusterBootstrap(seed: 7)
        var previous: IntervalEstimate?
        for forms in 1...10 {
            let reading = try #require(bootstrap.pooledMean(Self.oneQuestionDrops(forms: forms)))
            #expect(abs(reading.estimate - Double(forms) / Double(forms + 23)) < 1e-12)
            // One question in 24 is missing from about a third of the resamples, so however many
            // forms repeat it, the interval cannot exclude "no drop".
            #expect(reading.interval.lower == 0)
            if let previous {
                #expect(reading.interval.width >= previous.interval.width,
                        "\(forms) identical forms gave a narrower interval than \(forms - 1)")
            }
            previous = reading
        }
        // One form: the 97.5th percentile sits at 3 draws of the dropping question, 3/24.
        let single = try #require(bootstrap.pooledMean(Self.oneQuestionDrops(forms: 1)))
        #expect(abs(single.interval.upper - 3.0 / 24) < 1e-12)
        // Ten forms: at 3 draws, 30/(30 + 21).
        let repeated = try #require(bootstrap.pooledMean(Self.oneQuestionDrops(forms: 10)))
        #expect(abs(repeated.interval.upper - 30.0 / 51) < 1e-12)
    }

    @Test func clusteredDropIsWiderThanTheSameValuesApart() throws {
        let bootstrap = ClusterBootstrap(seed: 7)
        let clustered = try #require(bootstrap.pooledMean(Self.oneQuestionDrops(forms: 10)))
        // The same 33 values, each its own question: what an iid bootstrap over forms sees, and
        // what the drop spread over 10 different questions would give.
        let values = Self.oneQuestionDrops(forms: 10).flatMap { $0 }
        let apart = try #require(bootstrap.pooledMean(values.map { [$0] }))
        #expect(clustered.estimate == apart.estimate)
        #expect(apart.interval.lower > 0.1)
        #expect(clustered.interval.lower == 0)
        #expect(clustered.interval.upper > apart.interval.upper + 0.1)
        #expect(clustered.interval.width > apart.interval.width)
    }

    @Test func allZeroIsExactlyZero() throws {
        let zeros = try #require(ClusterBootstrap(replicates: 500, seed: 1)
            .pooledMean(Array(repeating: [0, 0, 0], count: 24)))
        #expect(zeros == IntervalEstimate(estimate: 0, interval: Interval(lower: 0, upper: 0)))
    }

    @Test func noValuesNoEstimate() {
        #expect(ClusterBootstrap(seed: 1).pooledMean([]) == nil)
        #expect(ClusterBootstrap(seed: 1).pooledMean([[], []]) == nil)
    }
}
