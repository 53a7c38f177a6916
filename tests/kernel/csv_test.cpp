// The one CSV module: what the writer quotes, and that the reader gives back exactly what the
// writer wrote, with the manual's separators (';' and ',', decimal comma or point).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ews/kernel/csv.hpp"

namespace ews::csv {
namespace {

const std::vector<std::string> kAwkwardNames = {
    "Sockets; floor 1", "Sockets, floor 1", "The \"big\" meter", "Line one\nline two", "CRLF\r\ninside",
    " padded ", "#1 first", "", "plain", "Compteur général", "tab\there"};

TEST(Csv, FieldsAreQuotedOnlyWhenTheyMustBe) {
  EXPECT_EQ(field("plain", ';'), "plain");
  EXPECT_EQ(field("1,5", ';'), "1,5");
  EXPECT_EQ(field("1,5", ','), "\"1,5\"");  // a decimal comma in a comma-separated file
  EXPECT_EQ(field("Sockets; floor 1", ';'), "\"Sockets; floor 1\"");
  EXPECT_EQ(field("Sockets; floor 1", ','), "Sockets; floor 1");
  EXPECT_EQ(field("The \"big\" meter", ';'), "\"The \"\"big\"\" meter\"");
  EXPECT_EQ(field("a\nb", ';'), "\"a\nb\"");
  EXPECT_EQ(field(" padded", ';'), "\" padded\"");
  EXPECT_EQ(field("", ';'), "");
}

TEST(Csv, RowQuotesAFirstFieldThatWouldReadAsAComment) {
  EXPECT_EQ(row({"#1", "#2"}, ';'), "\"#1\";#2\n");
}

// Found by the fuzz_csv target: a name starting with a byte order mark, written first on the
// file's first line, lost its mark when read back (the reader skips one at the start of a file).
TEST(Csv, RowQuotesAFirstFieldStartingWithAByteOrderMark) {
  const std::string name = "\xEF\xBB\xBFname";
  const std::string text = row({name, "value"}, ';');
  EXPECT_EQ(text, "\"" + name + "\";value\n");
  const Table table = read(text);
  ASSERT_TRUE(table.problems.empty());
  ASSERT_EQ(table.records.size(), 1u);
  EXPECT_EQ(table.records[0].fields[0].text, name);
  EXPECT_EQ(read("\xEF\xBB\xBF" + text).records[0].fields[0].text, name);  // after a file's own mark too
}

TEST(Csv, EveryAwkwardNameRoundTripsWithEitherSeparator) {
  for (const char separator : {';', ','}) {
    std::string text = row({"name", "value"}, separator);
    for (const auto& name : kAwkwardNames) text += row({name, separator == ',' ? "1.5" : "1,5"}, separator);
    const Table table = read(text);
    ASSERT_TRUE(table.problems.empty()) << table.problems.front().reason;
    ASSERT_EQ(table.records.size(), kAwkwardNames.size() + 1) << text;
    for (std::size_t i = 0; i < kAwkwardNames.size(); ++i) {
      const Record& record = table.records[i + 1];
      ASSERT_EQ(record.fields.size(), 2u) << kAwkwardNames[i];
      EXPECT_EQ(record.fields[0].text, kAwkwardNames[i]);
      EXPECT_EQ(record.separator, separator);
    }
  }
}

TEST(Csv, LinesAndColumnsFollowQuotedLineBreaks) {
  const Table table = read("a;b\n\"x\ny\";z\n  # comment \"\nlast;  v\n");
  ASSERT_TRUE(table.problems.empty());
  ASSERT_EQ(table.records.size(), 3u);
  EXPECT_EQ(table.records[1].line, 2);
  EXPECT_EQ(table.records[1].fields[0].text, "x\ny");
  EXPECT_EQ(table.records[1].fields[1].column, 4);  // on line 3, after `y";`
  EXPECT_EQ(table.records[2].line, 5);
  EXPECT_EQ(table.records[2].fields[1].column, 8);
  EXPECT_EQ(table.records[2].fields[1].text, "v");
}

TEST(Csv, SeparatorIsDetectedOutsideQuotesAndCanBeForced) {
  EXPECT_EQ(read("\"a;b\",c\n").records.front().separator, ',');
  EXPECT_EQ(read("a\tb\n").records.front().separator, '\t');
  EXPECT_EQ(read("a;b,c\n").records.front().fields.size(), 2u);
  EXPECT_EQ(read("a,b\nc;d,e\n").records[1].fields.size(), 2u);  // the first record decides
  EXPECT_EQ(read("a;b,c\n", {.separator = ','}).records.front().fields[0].text, "a;b");
}

TEST(Csv, ByteOrderMarkCrlfAndBlankLinesAreIgnored) {
  const Table table = read("\xEF\xBB\xBFtime;power\r\n\r\n0;1,5\r\n");
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].fields[0].text, "time");
  EXPECT_EQ(table.records[0].fields[1].text, "power");
  EXPECT_EQ(table.records[1].line, 3);
  EXPECT_EQ(table.records[1].fields[1].text, "1,5");
}

TEST(Csv, MalformedQuotingIsReportedWhereItIs) {
  const Table unterminated = read("a;b\nc;\"never closed\n");
  ASSERT_EQ(unterminated.problems.size(), 1u);
  EXPECT_EQ(unterminated.problems[0].line, 2);
  EXPECT_EQ(unterminated.problems[0].column, 3);
  EXPECT_EQ(unterminated.problems[0].reason, "quote opened here is never closed");
  const Table trailing = read("\"a\"x;b\n");
  ASSERT_EQ(trailing.problems.size(), 1u);
  EXPECT_EQ(trailing.problems[0].column, 4);
  EXPECT_EQ(trailing.records[0].fields[0].text, "ax");
}

}  // namespace
}  // namespace ews::csv
