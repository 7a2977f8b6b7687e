import Foundation
import Testing
@testable import QuantOrchestrator

@Suite struct LadderSearchTests {
    /// Rungs named R0 (largest) … R(n−1), KLD growing as the size shrinks unless `kld` says
    /// otherwise.
    func rungs(_ count: Int, kld: [Double]? = nil, rejected: Set<Int> = []) -> [LadderSearch.Rung] {
        (0..<count).map { index in
            LadderSearch.Rung(name: "R\(index)", sizeBytes: 1_000 - index * 100, kldMean: kld?[index] ?? 0.01 * Double(index + 1),
                              domainKLDMean: nil, rejectedByKLD: rejected.contains(index))
        }
    }

    /// Runs the search to its end against `close` (rung index → CLOSE on the whole suite).
    func run(_ search: LadderSearch, close: (Int) -> Bool) -> LadderSearch {
        var search = search
        var steps = 0
        while let name = search.next() {
            steps += 1
            #expect(steps <= search.rungs.count, "the search asks no rung twice")
            guard steps <= search.rungs.count, let index = Int(name.dropFirst()) else { break }
            search.record(name, close: close(index))
        }
        return search
    }

    /// The exhaustive pick: the smallest CLOSE rung.
    func exhaustive(_ count: Int, close: (Int) -> Bool, excluded: Set<Int> = []) -> String? {
        (0..<count).last { close($0) && !excluded.contains($0) }.map { "R\($0)" }
    }

    @Test func findsTheExhaustivePickOfEveryMonotoneLadderWithinTheBound() {
        for count in 1...8 {
            let bound = Int(ceil(log2(Double(count + 1)))) + 1
            for boundary in 0...count {
                let close = { (index: Int) in index < boundary }
                let search = run(LadderSearch(rungs: rungs(count)), close: close)
                #expect(search.smallestClose == exhaustive(count, close: close), "count \(count), boundary \(boundary)")
                #expect(search.order.count <= bound, "count \(count), boundary \(boundary): \(search.order)")
            }
        }
    }

    @Test func sixRungsCostAtMostFourEvaluationsAndCheckTheRungAboveThePick() {
        let search = run(LadderSearch(rungs: rungs(6)), close: { $0 <= 3 })
        #expect(search.smallestClose == "R3")
        #expect(search.order.count <= 4)
        #expect(search.results["R2"] == true, "the rung just above the pick is evaluated")
        #expect(search.results["R4"] == false, "the rung just below is what bounds it")
        #expect(search.order == ["R3", "R5", "R4", "R2"])
        #expect(LadderSearch.monotoneBound(candidates: 6) == 4 && LadderSearch.monotoneBound(candidates: 1) == 1)
        #expect(search.whyNotEvaluated("R0")?.contains("the smaller R2 is CLOSE") == true)
        #expect(search.whyNotEvaluated("R3") == nil)
    }

    @Test func rungsRejectedByKLDAreNeverEvaluated() {
        let search = run(LadderSearch(rungs: rungs(5, rejected: [1, 3])), close: { $0 <= 2 })
        #expect(search.results["R1"] == nil && search.results["R3"] == nil)
        #expect(LadderSearch(rungs: rungs(5, rejected: [1, 3])).undecided == ["R0", "R2", "R4"], "rungs KLD rejects are decided")
        #expect(search.undecided.isEmpty)
        #expect(search.smallestClose == "R2")
        #expect(search.whyNotEvaluated("R1")?.contains("KL divergence alone rejects it") == true)
    }

    @Test func aLargerRungThatDivergesMoreMakesTheSearchEvaluateTheRungsBetween() {
        // R1 diverges more than R3: R1, R2 and R3 are evaluated whatever the search.
        let kld = [0.01, 0.045, 0.03, 0.04, 0.05, 0.06]
        let search = LadderSearch(rungs: rungs(6, kld: kld))
        #expect(search.inverted == ["R1", "R2", "R3"])
        let done = run(search, close: { $0 == 0 || $0 == 2 || $0 == 3 })
        #expect(Set(["R1", "R2", "R3"]).isSubset(of: Set(done.order)))
        #expect(done.smallestClose == "R3", "the smallest CLOSE rung, as exhaustive finds it")
    }

    @Test func aContradictionFoundByTheSearchFallsBackToEveryRungBelowIt() {
        // KLD monotone, but R0 is not CLOSE while R1 and R6 are. The binary search meets R4, R2
        // (not CLOSE) and R1 (CLOSE); checking the rung above the pick finds R0 not CLOSE, so every
        // rung below R0 is evaluated and the pick is what an exhaustive run picks.
        let close = { (index: Int) in index == 1 || index == 6 }
        let done = run(LadderSearch(rungs: rungs(8)), close: close)
        #expect(Array(done.order.prefix(4)) == ["R4", "R2", "R1", "R0"])
        #expect(Set(done.order) == Set((0..<8).map { "R\($0)" }))
        #expect(done.smallestClose == exhaustive(8, close: close))
        #expect(done.smallestClose == "R6")
    }

    @Test func tiesInSizeKeepTheLadderOrderAndNoCandidateMeansNoPick() {
        let same = [LadderSearch.Rung(name: "A", sizeBytes: 10, kldMean: 0.01, domainKLDMean: nil, rejectedByKLD: false),
                    LadderSearch.Rung(name: "B", sizeBytes: 10, kldMean: 0.02, domainKLDMean: nil, rejectedByKLD: false)]
        #expect(LadderSearch(rungs: same).candidates.map(\.name) == ["A", "B"])
        let none = LadderSearch(rungs: rungs(2, rejected: [0, 1]))
        #expect(none.next() == nil)
        #expect(none.smallestClose == nil)
    }

    @Test func aDomainKLDInversionCountsLikeAGenericOne() {
        var ladder = rungs(3)
        ladder[0].domainKLDMean = 0.2
        ladder[2].domainKLDMean = 0.1
        #expect(LadderSearch(rungs: ladder).inverted == ["R0", "R1", "R2"])
    }
}
