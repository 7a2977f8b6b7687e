import Testing
@testable import Evaluation

@Suite struct StudentTTests {
    @Test(arguments: [(1, 12.706205), (2, 4.302653), (9, 2.262157), (30, 2.042272), (1000, 1.962339)])
    func quantilesMatchTheTable(degrees: Int, expected: Double) {
        // Two-sided 95 % critical values, e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2.
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: degrees) - expected) < 1e-5)
        #expect(abs(StudentT.quantile(0.025, degreesOfFreedom: degrees) + expected) < 1e-5)
    }

    @Test func theIntervalOfStudentsSleepDataMatchesR() {
        // Cushny and Peebles' extra hours of sleep, drug 2 minus drug 1 for ten patients, the data
        // of Student (1908); R: t.test(extra ~ group, data = sleep, paired = TRUE) gives the
        // difference 1.58 with 95 % interval [0.7001142, 2.4598858].
        let differences = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4]
        let estimate = StudentT.mean95(differences)
        #expect(estimate.map { abs($0.estimate - 1.58) < 1e-12 } == true)
        #expect(estimate.map { abs($0.interval.lower - 0.7001142) < 1e-6 && abs($0.interval.upper - 2.4598858) < 1e-6 } == true,
                "\(String(describing: estimate))")
    }

    @Test func hallsCorrectionMovesARightSkewedIntervalUpAndLeavesASymmetricOne() {
        let skewed = [0.001, 0.001, 0.002, 0.001, 0.009]
        let plain = StudentT.mean95(skewed)!
        let corrected = StudentT.skewCorrectedMean95(skewed)!
        #expect(corrected.interval.upper > plain.interval.upper)
        #expect(corrected.interval.lower > plain.interval.lower)
        let symmetric = [1.0, 2.0, 3.0, 4.0, 5.0]
        #expect(StudentT.skewCorrectedMean95(symmetric) == StudentT.mean95(symmetric))
    }

    @Test func oneUnitHasNoInterval() {
        #expect(StudentT.mean95([0.1]) == nil)
    }
}
