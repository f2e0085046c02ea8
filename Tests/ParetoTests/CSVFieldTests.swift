import ModelFamily
import Reports
import Testing

@Suite struct CSVFieldTests {
    @Test func quotesOnlyWhatRFC4180Needs() {
        #expect(csvField("plain") == "plain")
        #expect(csvField("Zürich, CH") == "\"Zürich, CH\"")
        #expect(csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(csvField("two\nlines") == "\"two\nlines\"")
        #expect(csvField("cr\r") == "\"cr\r\"")
        #expect(csvField("kg CO2-Eq; 100a") == "kg CO2-Eq; 100a")
    }
}
