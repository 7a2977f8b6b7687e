/// Neutral filler for the truncation probe: plain sentences about nothing a question could be
/// about, no digits or code words, taken in a fixed cycle so that every server is sent the
/// same text for the same length.
enum TruncationFiller {
    /// One cycle; the filler repeats it.
    static let sentences = [
        "The path runs along the river past a row of old trees.",
        "In the morning the light falls softly across the quiet fields.",
        "A few clouds drift over the hills and slowly move away.",
        "The small town has a market square with a fountain in the middle.",
        "People walk their dogs near the lake when the weather is mild.",
        "The library keeps long wooden tables by its tall windows.",
        "Later in the day the wind settles and the air grows warm.",
        "Birds gather on the roofs before they fly off together.",
    ]

    /// The first `count` sentences of the endless cycle, joined by spaces.
    static func text(sentences count: Int) -> String {
        (0..<max(0, count)).map { sentences[$0 % sentences.count] }.joined(separator: " ")
    }
}
