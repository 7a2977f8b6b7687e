/// One key fact ``KeyFactExtractor`` found in a reference answer: the fact as a suite states it,
/// what kind of statement it is, and where the answer writes it.
public struct ExtractedFact: Sendable, Equatable {
    /// What the fact is, which says how sure the extraction is and how a caller may show it.
    public enum Kind: String, Sendable {
        /// A number in digits, English words or Chinese numerals, with the unit written after it
        /// (`25 mg`, `2,340 employees`, `三百五十毫克`): a ``KeyFact/number(value:relTol:unit:)``.
        case number
        /// A code of letters and digits: a formula, a model or SKU code, a version
        /// (`C17H21ClN4O2`, `ZX-200`, `v2.3`): a ``KeyFact/text(_:)``.
        case code
        /// A proper name: a capitalised sequence (`Maribor Research Campus`), Latin words inside
        /// Chinese text, a Chinese place or organisation name (`卢布尔雅那市`, `泽尔莫拉制药公司`)
        /// or a transliterated name joined by `·` (`托比亚斯·伦威克`): a ``KeyFact/text(_:)``.
        case name
        /// A term: quoted or bracketed (`“Migrelta”`, `《药品管理法》`), a Chinese product
        /// name (`阿司匹林肠溶片`), or the answer's new content words where no other cue marks
        /// them (`twice daily`, `预防偏头痛`): a ``KeyFact/text(_:)``.
        case term
    }

    /// The fact, as a suite's `key_facts` states it.
    public var fact: KeyFact
    /// What kind of statement it is.
    public var kind: Kind
    /// The fact exactly as written in the answer (a substring of it), so a caller can replace
    /// it: for a number, the number with its unit or currency sign (`25 mg`, `$40`, `14天`).
    public var written: String

    /// Creates an extracted fact.
    public init(fact: KeyFact, kind: Kind, written: String) {
        self.fact = fact
        self.kind = kind
        self.written = written
    }
}
