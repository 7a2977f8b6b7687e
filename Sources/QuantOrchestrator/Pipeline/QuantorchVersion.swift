/// This build's version, recorded in every report.
public enum QuantorchVersion {
    /// Semantic version of quantorch.
    public static let current = "0.1.0"
}
