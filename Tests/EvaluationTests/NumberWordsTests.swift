import Testing
@testable import Evaluation

/// Numeric key facts read as a careful grader reads them (issue 19): words, Chinese numerals,
/// scale words and spaced thousands, and where none of them is read.
struct NumberWordsTests {
    private func found(_ value: Double, in answer: String, relTol: Double = 0) -> Bool {
        KeyFactMatcher.hits(for: [.number(value: value, relTol: relTol, unit: nil)], in: answer)[0].found
    }

    private func numbers(_ text: String) -> [Double] {
        NumberScanner.numbers(in: TextFolding.fold(text))
    }

    @Test func englishCardinals() {
        #expect(found(7, in: "It has seven moons."))
        #expect(found(15, in: "Fifteen of them."))
        #expect(found(99, in: "ninety-nine bottles"))
        #expect(found(24, in: "twenty four hours"))
        #expect(found(4608, in: "four thousand six hundred and eight metres"))
        #expect(found(4608, in: "Four Thousand Six Hundred Eight"))
        #expect(found(1_200_345, in: "one million two hundred thousand three hundred forty-five"))
        #expect(found(1900, in: "nineteen hundred"))
        #expect(found(1e6, in: "about a million people"))
        #expect(found(120, in: "a hundred and twenty"))
        #expect(found(0, in: "zero"))
        #expect(numbers("four thousand six hundred and eight") == [4608])
        #expect(numbers("five six") == [5, 6])
        #expect(numbers("five-six") == [5, 6])
        #expect(numbers("共seven个") == [7])
        #expect(numbers("one thousand, two hundred") == [1000, 200])
        #expect(numbers("six hundred and the rest") == [600])
    }

    @Test func englishOrdinalsYearsAndFractions() {
        #expect(found(5, in: "Jupiter is the 5th planet."))
        #expect(found(5, in: "Jupiter is the fifth planet."))
        #expect(found(21, in: "the twenty-first century"))
        #expect(found(105, in: "the one hundred and fifth day"))
        #expect(found(100, in: "the hundredth anniversary"))
        #expect(found(2, in: "the second moon"))
        #expect(found(2024, in: "in twenty twenty-four"))
        #expect(found(1984, in: "nineteen eighty four"))
        #expect(found(1905, in: "nineteen oh five"))
        #expect(found(2010, in: "twenty ten"))
        #expect(found(0.2, in: "one fifth of it"))
        #expect(found(2.0 / 3, in: "two-thirds of it"))
        #expect(numbers("one fifth") == [0.2])
        #expect(numbers("three fourths") == [0.75])
        #expect(numbers("3/4") == [3, 4])
    }

    @Test func scaleWordsAfterDigits() {
        #expect(found(4700, in: "4.7 thousand"))
        #expect(found(2_500_000, in: "2.5 million users"))
        #expect(found(2_300_000, in: "2.3 million"))
        #expect(found(1.2e9, in: "1.2 billion"))
        #expect(found(300_000, in: "3 hundred thousand"))
        #expect(!found(2.5, in: "2.5 million users"))
        #expect(!found(4.7, in: "4.7 thousand"))
        #expect(numbers("2 thousands of") == [2])
    }

    @Test func englishWordsThatAreNotCounts() {
        #expect(!found(1, in: "It is one of the largest moons."))
        #expect(!found(1, in: "No one knows."))
        #expect(!found(1, in: "one can see it"))
        #expect(!found(1, in: "one's own"))
        #expect(!found(1, in: "someone phoned, alone"))
        #expect(!found(1, in: "Once there were ones."))
        #expect(!found(2, in: "It lasts a second."))
        #expect(!found(2, in: "one second"))
        #expect(!found(2, in: "30 metres per second"))
        #expect(!found(2, in: "5 second"))
        #expect(!found(1, in: "First, boil the water. Second, add salt."))
        #expect(!found(2, in: "First, boil the water. Second, add salt."))
        #expect(found(1, in: "He came first, then left."))
        #expect(found(1, in: "Earth has one moon."))
        // A longer number does not match a shorter one inside it.
        #expect(!found(608, in: "four thousand six hundred and eight"))
        #expect(!found(4000, in: "four thousand six hundred and eight"))
        #expect(!found(24, in: "twenty twenty-four"))
        #expect(!found(20, in: "twenty twenty-four"))
        #expect(!found(1, in: "one fifth"))
        #expect(!found(5, in: "one fifth"))
    }

    @Test func chineseNumerals() {
        #expect(found(6008, in: "六千零八"))
        #expect(found(99, in: "共九十九个"))
        #expect(found(10, in: "十"))
        #expect(found(15, in: "十五"))
        #expect(found(100_000, in: "十万人"))
        #expect(found(105, in: "一百零五"))
        #expect(found(2024, in: "二〇二四年"))
        #expect(found(2024, in: "二零二四年"))
        #expect(found(1984, in: "一九八四"))
        #expect(found(98, in: "九八年"))
        #expect(found(2, in: "有两个卫星"))
        #expect(found(2000, in: "两千"))
        #expect(found(2500, in: "两千五"))
        #expect(found(12000, in: "一万二"))
        #expect(found(350_000_000, in: "三亿五千万"))
        #expect(found(30_000_000, in: "三千万"))
        #expect(found(5, in: "第五颗行星"))
        #expect(found(1, in: "地球有一个卫星。"))
        #expect(found(2000, in: "两仟"))
        #expect(found(20000, in: "兩萬"))
        #expect(numbers("六千零八") == [6008])
    }

    @Test func chineseScaleCharactersAfterDigits() {
        #expect(found(47000, in: "约4.7万人"))
        #expect(found(30_000_000, in: "3千万"))
        #expect(found(120_000_000, in: "1亿2000万"))
        #expect(found(1.2e12, in: "1.2万亿"))
        #expect(found(35000, in: "3万5千"))
        #expect(found(35000, in: "3万5000"))
        #expect(found(35000, in: "3万5"))
        #expect(found(47000, in: "４.７万"))
        #expect(!found(4.7, in: "4.7万"))
    }

    @Test func chineseCharactersThatAreNotOneNumber() {
        #expect(numbers("三四个") == [])
        #expect(numbers("七八十") == [])
        #expect(numbers("两三千") == [])
        #expect(numbers("两千五万") == [])
        #expect(numbers("十两") == [])
        #expect(numbers("千万不要") == [])
        #expect(numbers("万一下雨") == [])
        #expect(numbers("几千") == [])
        #expect(numbers("几十个，十几个，三十几岁") == [])
        #expect(numbers("一一对应") == [])
        #expect(numbers("百分之五十") == [50])
        #expect(!found(1, in: "北京是最大的城市之一"))
        #expect(!found(1, in: "两者一样"))
        #expect(!found(1, in: "一些人"))
        #expect(!found(8, in: "六千零八"))
        #expect(!found(6000, in: "六千零八"))
        #expect(!found(24, in: "二〇二四年"))
        #expect(!found(3, in: "三千万"))
        #expect(!found(5, in: "三点五"))
        #expect(numbers("三点五") == [3.5])
        #expect(numbers("约三点五亿") == [350_000_000])
        #expect(numbers("一点五") == [1.5])
        #expect(numbers("三点五分") == [3, 5])
        #expect(numbers("一点也不") == [])
        #expect(numbers("十二点三十分") == [12, 30])
    }

    @Test func spacedThousands() {
        #expect(found(4608, in: "4 608 m"))
        #expect(found(4608, in: "4\u{2009}608 m"))
        #expect(found(4608, in: "4\u{00A0}608 m"))
        #expect(found(4608, in: "4\u{202F}608 m"))
        #expect(found(1_000_000, in: "1 000 000"))
        #expect(found(4608.5, in: "4 608.5"))
        #expect(!found(608, in: "4 608"))
        #expect(!found(4, in: "4 608"))
        #expect(numbers("2024 123") == [2024, 123])
        #expect(numbers("4 60 and 12 3456") == [4, 60, 12, 3456])
        #expect(numbers("1 2 3") == [1, 2, 3])
        #expect(numbers("1,000 000") == [1000, 0])
        #expect(NumberScanner.numbers(in: "4\u{2009}608") == [4608])
    }

    @Test func whatWasReadBeforeStaysSo() {
        #expect(!found(1000, in: "It has 1,000,000 branches."))
        #expect(!found(47, in: "C47H51NO14"))
        #expect(!found(2, in: "CO₂ is a gas."))
        #expect(found(853.9, in: "853.90 g/mol"))
        #expect(found(853.9, in: "８５３.９ g/mol"))
        #expect(found(853.9, in: "8.539e2"))
        #expect(!found(1, in: "Romeo and someone"))
        // Negation is out of scope: "not 30" states 30.
        #expect(found(30, in: "It is not 30."))
        #expect(found(30, in: "It is not thirty."))
    }

    @Test func detailRetentionReadsWordsAsNumbers() {
        #expect(DetailRetention.retention(baseline: "It has seven moons.", variant: "It has 7 moons.") == 1)
        #expect(DetailRetention.retention(baseline: "有两千人。", variant: "有2000人。") == 1)
        #expect(DetailRetention.retention(baseline: "About 4.7 thousand people.", variant: "About 4 700 people.") == 1)
        #expect(DetailRetention.retention(baseline: "It has seven moons.", variant: "It has many moons.") == 0)
        #expect(DetailRetention.items(in: "First, it is one of many.") == [])
    }
}
