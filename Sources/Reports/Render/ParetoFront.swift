/// The size/quality Pareto front: variants no other variant beats on both size (smaller) and
/// quality (higher). A variant is on the front when every smaller one has strictly lower quality.
enum ParetoFront {
    /// Indices of `points` on the front, by increasing size.
    static func indices(sizes: [Double], qualities: [Double]) -> [Int] {
        let order = sizes.indices.sorted { sizes[$0] == sizes[$1] ? qualities[$0] > qualities[$1] : sizes[$0] < sizes[$1] }
        var front: [Int] = []
        var best = -Double.infinity
        for index in order where qualities[index] > best {
            front.append(index)
            best = qualities[index]
        }
        return front
    }
}
