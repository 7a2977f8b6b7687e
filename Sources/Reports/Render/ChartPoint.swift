/// One variant as a chart draws it.
struct ChartPoint {
    enum State {
        case baseline, accepted, unsure, rejected

        /// Fill colour; the same palette as the HTML page's legend.
        var colour: String {
            switch self {
            case .baseline: "#5b6b7f"
            case .accepted: "#1f8a4c"
            case .unsure: "#b9770e"
            case .rejected: "#c0392b"
            }
        }
    }

    var label: String
    var x: Double
    var y: Double
    /// Interval on y, drawn as a whisker.
    var yInterval: [Double]?
    var state: State
    var selected: Bool
    /// A domain mix, drawn as a square so it stands out from the stock types it competes with.
    var isMix = false
}
