import Testing
@testable import Reports

@Suite struct MetricDirectionTests {
    /// A domain KLD or a share of facts at risk that falls is an improvement, as for the
    /// generic KLD: `compare --fail-on domain_kld_mean:…` must flag a rise, not a fall.
    @Test func theVerdictsLossesGetWorseWhenTheyRise() {
        for key in ["domain_kld_mean", "facts_at_risk", "kld_mean"] {
            #expect(MetricDirection.worsening(key, from: 0.02, to: 0.03) > 0, "\(key)")
            #expect(MetricDirection.worsening(key, from: 0.03, to: 0.02) < 0, "\(key)")
        }
    }
}
