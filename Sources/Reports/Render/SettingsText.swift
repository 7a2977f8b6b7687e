/// How both views write the run's serving settings.
enum SettingsText {
    /// "1 slot", "4 slots", "1 slot × 2 replicas".
    static func slots(_ settings: Settings) -> String {
        "\(settings.slots) slot\(settings.slots == 1 ? "" : "s")" + (settings.replicas.map { " × \($0) replicas" } ?? "")
    }
}
