// Importers of the published lists that are not a store file: CCADB's CSV
// reports (Mozilla's IncludedCACertificateReportPEMCSV) and Apple's
// published list of trusted root certificates (its HTML page, or the same
// tables as Markdown). See include/trustready/importer/importer.h.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <optional>
#include <vector>

#include "importer/import_util.h"
#include "trustready/importer/import_lists.h"
#include "trustready/x509/pem.h"
#include "trustready/base/strings.h"

namespace trustready {

using namespace import_detail;

namespace {

struct CsvRow {
  size_t line = 0;  // where the row starts
  std::vector<std::string> fields;
};

// RFC 4180: comma-separated, fields optionally in double quotes ("" is a
// quote inside one), quoted fields may hold commas and line breaks; CRLF or
// LF ends a record. An unterminated quote is an error naming its line.
Result<std::vector<CsvRow>> ParseCsv(std::string_view s, const std::string& path) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  size_t line = 1, i = 0;
  bool quoted = false, field_started = false;
  row.line = 1;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    if (!(row.fields.size() == 1 && row.fields[0].empty())) rows.push_back(std::move(row));
    row = CsvRow{};
    row.line = line;
  };
  size_t quote_line = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        ++i;
        continue;
      }
      if (c == '\n') ++line;
      field += c;
      ++i;
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
      ++i;
    } else if (c == ',') {
      end_field();
      ++i;
    } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      ++line;
      i += 2;
      end_row();
    } else if (c == '\n') {
      ++line;
      ++i;
      end_row();
    } else {
      field += c;
      field_started = true;
      ++i;
    }
  }
  if (quoted) return ImportError(path, quote_line, "a quoted field is not closed (truncated file?)");
  if (field_started || !row.fields.empty()) end_row();
  return rows;
}

std::string Trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

// Hex with separators (spaces, colons) removed; empty if anything else.
std::string HexDigitsOnly(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == ':' || c == '\t' || c == '\n' || c == '\r') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return "";
    out += c;
  }
  return out;
}

}  // namespace

namespace {

// The ';'-separated values of a CCADB multi-value cell, trimmed.
std::vector<std::string> SplitBits(std::string_view cell) {
  std::vector<std::string> out;
  for (size_t a = 0; a <= cell.size();) {
    size_t b = cell.find(';', a);
    if (b == std::string_view::npos) b = cell.size();
    out.push_back(Trim(cell.substr(a, b - a)));
    a = b + 1;
  }
  return out;
}

// CCADB "IncludedCACertificateReportForMSFTCSV" (Microsoft's root program,
// https://ccadb.my.salesforce-sites.com/microsoft/IncludedCACertificateReportForMSFTCSV;
// a real copy of 2019 in tests/data/importer/ccadb-microsoft-real): one row
// per root with "SHA-1 Fingerprint", "SHA-256 Fingerprint", "Microsoft Trust
// Bits" or, in later reports, "Microsoft EKUs" (EKU names, "Server
// Authentication;Code Signing;...") and "Microsoft Status". No certificates: the fingerprints resolve against
// data/platforms/certs.der, as Apple's do.
//  - Included with "Server Authentication": a server-auth anchor. Included
//    without it (code signing, e-mail, ... only) is no TLS anchor: Windows
//    restricts a root to the EKUs Microsoft lists for it.
//  - Disabled: blocked (Windows trusts it for nothing).
//  - NotBefore: neither. Microsoft stops trusting what such a root issued
//    after a date this report does not give; an anchor without that date
//    would pass new certificates Windows refuses (a false READY), so the
//    root is left out (chains to it are not trusted; old ones too).
//  - any other status: an error, not a guess.
Result<ImportedSnapshot> ImportCcadbMicrosoftRows(const std::vector<CsvRow>& rows, std::map<std::string, size_t> col,
                                                  const std::string& path, const ImportOptions& options) {
  // The report of about 2019 names the EKU column "Microsoft Trust Bits";
  // later ones (Microsoft Status first) "Microsoft EKUs", with the same
  // values. Columns are found by name, so the order does not matter.
  const char* const kEkus = col.count("Microsoft EKUs") ? "Microsoft EKUs" : "Microsoft Trust Bits";
  for (const char* need : {"SHA-1 Fingerprint", "SHA-256 Fingerprint", kEkus, "Microsoft Status"}) {
    if (!col.count(need)) {
      const std::string what =
          need == kEkus ? "\"Microsoft EKUs\" (or \"Microsoft Trust Bits\")" : "\"" + std::string(need) + "\"";
      return ImportError(path, 1, "no " + what + " column: not CCADB's Microsoft report (IncludedCACertificateReportForMSFTCSV)");
    }
  }
  ImportedSnapshot out;
  out.platform = "windows";
  out.version = options.version;
  out.date = options.date;
  out.source = options.source;
  for (size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (row.fields.size() != rows.front().fields.size()) {
      return ImportError(path, row.line, std::to_string(row.fields.size()) + " fields, the header has " +
                                             std::to_string(rows.front().fields.size()) + " (truncated or not CCADB CSV)");
    }
    auto field = [&](const char* name) { return Trim(row.fields[col[name]]); };
    auto fp = ParseHex(HexDigitsOnly(field("SHA-256 Fingerprint")));
    if (!fp) return ImportError(path, row.line, "\"SHA-256 Fingerprint\" is not 64 hex digits");
    if (HexDigitsOnly(field("SHA-1 Fingerprint")).size() != 40) {
      return ImportError(path, row.line, "\"SHA-1 Fingerprint\" is not 40 hex digits");
    }
    const std::string status = field("Microsoft Status");
    if (status == "Disabled") {
      out.blocked.push_back(*fp);
    } else if (status == "Included") {
      const auto bits = SplitBits(field(kEkus));
      if (std::find(bits.begin(), bits.end(), "Server Authentication") != bits.end()) out.trusted.push_back(*fp);
    } else if (status != "NotBefore") {
      return ImportError(path, row.line, "\"Microsoft Status\" '" + status + "' is none of Included, Disabled, NotBefore");
    }
  }
  if (out.trusted.empty()) return ImportError(path, 0, "no Included root with Server Authentication");
  Finish(&out);
  return out;
}

}  // namespace

// CCADB "IncludedCACertificateReportPEMCSV" (Mozilla's included roots):
// one row per root; the columns used are "SHA-256 Fingerprint", "Trust
// Bits" ("Email;Websites"), "Distrust for TLS After Date" (YYYY.MM.DD) and
// "PEM Info" (the certificate in single quotes). "Websites" makes a
// server-auth anchor; a TLS distrust date becomes server_distrust_after at
// the end of that day (23:59:59Z, as certdata.txt states Mozilla's:
// Entrust's 2024.11.30 is CKA_NSS_SERVER_DISTRUST_AFTER 241130235959Z).
// Every row's PEM must hash to its fingerprint column.
Result<ImportedSnapshot> ImportCcadbCsv(std::string_view text, const std::string& path, const ImportOptions& options) {
  if (auto st = CheckOptions(options, true); !st.ok()) return st.error();
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  auto rows = ParseCsv(text, path);
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return ImportError(path, 0, "empty file (expected a CCADB CSV report)");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < rows->front().fields.size(); ++i) col[Trim(rows->front().fields[i])] = i;
  if (col.count("Microsoft Status")) return ImportCcadbMicrosoftRows(*rows, col, path, options);
  for (const char* need : {"SHA-256 Fingerprint", "Trust Bits", "PEM Info"}) {
    if (!col.count(need)) {
      return ImportError(path, 1, std::string("no \"") + need +
                                      "\" column: not a CCADB CSV report (IncludedCACertificateReportPEMCSV or "
                                      "IncludedCACertificateReportForMSFTCSV)");
    }
  }
  const bool has_distrust = col.count("Distrust for TLS After Date") != 0;
  ImportedSnapshot out;
  out.platform = "mozilla";
  out.version = options.version;
  out.date = options.date;
  out.source = options.source;
  for (size_t r = 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    if (row.fields.size() != rows->front().fields.size()) {
      return ImportError(path, row.line, std::to_string(row.fields.size()) + " fields, the header has " +
                                             std::to_string(rows->front().fields.size()) + " (truncated or not CCADB CSV)");
    }
    auto field = [&](const char* name) { return Trim(row.fields[col[name]]); };
    auto fp = ParseHex(HexDigitsOnly(field("SHA-256 Fingerprint")));
    if (!fp) return ImportError(path, row.line, "\"SHA-256 Fingerprint\" is not 64 hex digits");
    std::string pem = field("PEM Info");
    if (pem.size() >= 2 && pem.front() == '\'' && pem.back() == '\'') pem = pem.substr(1, pem.size() - 2);
    auto certs = LoadCertificatesFromBytes(pem, path + ":" + std::to_string(row.line));
    if (!certs.ok() || certs->size() != 1) {
      return ImportError(path, row.line, "\"PEM Info\" does not hold one certificate");
    }
    const CertificatePtr& cert = certs->front().cert;
    if (cert->sha256() != *fp) {
      return ImportError(path, row.line, "\"PEM Info\" hashes to " + cert->Sha256Hex() +
                                             ", not the row's SHA-256 Fingerprint " + Hex(*fp));
    }
    out.certificates.push_back(cert);
    bool websites = false;
    std::string bits = field("Trust Bits");
    for (size_t a = 0; a <= bits.size();) {
      size_t b = bits.find(';', a);
      if (b == std::string::npos) b = bits.size();
      websites |= Trim(std::string_view(bits).substr(a, b - a)) == "Websites";
      a = b + 1;
    }
    if (!websites) continue;
    out.trusted.push_back(*fp);
    if (has_distrust) {
      const std::string d = field("Distrust for TLS After Date");
      if (!d.empty()) {
        std::string iso = d;
        std::replace(iso.begin(), iso.end(), '.', '-');
        auto t = iso.size() == 10 ? ParseRfc3339(iso + "T23:59:59Z") : Result<UnixTime>(MakeError(ErrorKind::kFormat, ""));
        if (!t.ok()) return ImportError(path, row.line, "\"Distrust for TLS After Date\" '" + d + "' is not YYYY.MM.DD");
        ImportedAnchor a;
        a.sha256 = *fp;
        a.server_distrust_after = *t;
        out.anchors.push_back(std::move(a));
      }
    }
  }
  if (out.trusted.empty()) return ImportError(path, 0, "no root with the Websites trust bit");
  Finish(&out);
  return out;
}

namespace {

// The text of an HTML fragment: tags dropped, the entities Apple's page
// uses decoded, whitespace collapsed.
std::string HtmlText(std::string_view s) {
  std::string out;
  bool tag = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (tag) {
      tag = c != '>';
      continue;
    }
    if (c == '<') {
      tag = true;
      continue;
    }
    if (c == '&') {
      static const std::pair<const char*, const char*> kEntities[] = {
          {"&amp;", "&"}, {"&nbsp;", " "}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
      bool done = false;
      for (const auto& [e, v] : kEntities) {
        if (s.substr(i, std::strlen(e)) == e) {
          out += v;
          i += std::strlen(e) - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += c;
  }
  std::string collapsed;
  for (char c : out) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!collapsed.empty() && collapsed.back() != ' ') collapsed += ' ';
    } else {
      collapsed += c;
    }
  }
  return Trim(collapsed);
}

struct ListRow {
  size_t line = 0;
  std::vector<std::string> cells;
  bool header = false;  // <th> cells, or a Markdown row followed by |---|
};

// Table rows of an HTML page (<tr> with <td>/<th> cells) or of Markdown
// (lines starting with '|'), each tagged with the heading above it.
struct Section {
  std::string heading;  // lower-cased text
  std::vector<ListRow> rows;
};

// A document is read as HTML or as Markdown, never both: Apple's real page
// (HT208127, tests/data/importer/apple) starts every row on the line of the
// previous row's "</tr>", so a line-based Markdown reading of HTML would
// swallow the "<tr>" that follows.
std::vector<Section> ListSections(std::string_view text) {
  std::vector<Section> out(1);
  size_t line = 1;
  const std::string lower = AsciiLower(std::string(text));
  const bool html = lower.find("<tr") != std::string::npos;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      ++line;
      ++i;
      continue;
    }
    // HTML heading: <h1> .. <h6>, followed by '>' or an attribute.
    if (html && lower.compare(i, 2, "<h") == 0 && i + 3 < lower.size() && lower[i + 2] >= '1' && lower[i + 2] <= '6' &&
        (lower[i + 3] == '>' || std::isspace(static_cast<unsigned char>(lower[i + 3])))) {
      const std::string close = "</h" + std::string(1, lower[i + 2]);
      size_t end = lower.find(close, i);
      if (end == std::string::npos) break;
      out.push_back({AsciiLower(HtmlText(text.substr(i, end - i))), {}});
      line += static_cast<size_t>(std::count(text.begin() + i, text.begin() + end, '\n'));
      i = end;
      continue;
    }
    if (html && lower.compare(i, 3, "<tr") == 0 &&
        i + 3 < lower.size() && (lower[i + 3] == '>' || std::isspace(static_cast<unsigned char>(lower[i + 3])))) {
      size_t end = lower.find("</tr", i);
      if (end == std::string::npos) end = text.size();
      ListRow row;
      row.line = line;
      for (size_t j = i; j < end;) {
        size_t td = lower.find("<td", j), th = lower.find("<th", j);
        size_t cell = std::min(td, th);
        if (cell >= end) break;
        row.header |= cell == th;
        size_t open_end = lower.find('>', cell);
        if (open_end == std::string::npos || open_end >= end) break;  // a cut-off tag
        size_t close = std::min(lower.find("</td", open_end), lower.find("</th", open_end));
        if (close > end) close = end;
        row.cells.push_back(HtmlText(text.substr(open_end + 1, close - open_end - 1)));
        j = close + 1;
      }
      line += static_cast<size_t>(std::count(text.begin() + i, text.begin() + end, '\n'));
      out.back().rows.push_back(std::move(row));
      i = end;
      continue;
    }
    // Markdown: a heading line or a table line, at the start of a line.
    if (!html && (i == 0 || text[i - 1] == '\n')) {
      size_t eol = text.find('\n', i);
      if (eol == std::string::npos) eol = text.size();
      std::string_view l = text.substr(i, eol - i);
      if (!l.empty() && l[0] == '#') {
        const size_t text_at = l.find_first_not_of('#');
        out.push_back({text_at == std::string_view::npos ? "" : AsciiLower(Trim(l.substr(text_at))), {}});
      } else if (!l.empty() && l[0] == '|') {
        ListRow row;
        row.line = line;
        std::string_view body = l.substr(1);
        if (!body.empty() && body.back() == '|') body.remove_suffix(1);
        bool rule = true;
        for (size_t a = 0; a <= body.size();) {
          size_t b = body.find('|', a);
          if (b == std::string_view::npos) b = body.size();
          std::string cell = Trim(body.substr(a, b - a));
          rule &= !cell.empty() && cell.find_first_not_of("-: ") == std::string::npos;
          row.cells.push_back(cell);
          a = b + 1;
        }
        if (rule && !out.back().rows.empty()) {
          out.back().rows.back().header = true;
        } else {
          out.back().rows.push_back(std::move(row));
        }
      }
      i = eol;
      continue;
    }
    ++i;
  }
  return out;
}

}  // namespace

// Apple's "List of available trusted root certificates in iOS N, ...": the
// sections "Trusted Certificates", "Always Ask Certificates" and "Blocked
// (Trusted) Certificates", each a table whose "Fingerprint (SHA-256)"
// column holds the root's SHA-256 as hex pairs. Trusted rows become the
// snapshot's anchors, blocked rows its blocked list; "Always Ask" roots are
// neither (not trusted, not refused). Apple publishes fingerprints, not
// certificates: they resolve against data/platforms/certs.der.
Result<ImportedSnapshot> ImportAppleList(std::string_view text, const std::string& path, const ImportOptions& options) {
  if (auto st = CheckOptions(options, true); !st.ok()) return st.error();
  ImportedSnapshot out;
  out.platform = "apple";
  out.version = options.version;
  out.date = options.date;
  out.source = options.source;
  // A page cut off after a row or after the Trusted table (a download that
  // stopped) would otherwise import the rows before the cut as the whole
  // list, without its blocked section: an HTML page must end with </html>
  // and close every <table>. (Markdown has no such end mark.)
  const std::string lower = AsciiLower(std::string(text));
  if (lower.find("<tr") != std::string::npos && lower.find("</html") == std::string::npos) {
    return ImportError(path, 0, "no </html>: the page is cut off (truncated download?)");
  }
  size_t opened = 0, closed = 0;
  for (size_t at = lower.find("<table"); at != std::string::npos; at = lower.find("<table", at + 1)) {
    if (at + 6 < lower.size() && (lower[at + 6] == '>' || std::isspace(static_cast<unsigned char>(lower[at + 6])))) ++opened;
  }
  for (size_t at = lower.find("</table"); at != std::string::npos; at = lower.find("</table", at + 1)) ++closed;
  if (opened != closed) {
    return ImportError(path, 0, std::to_string(opened) + " <table> but " + std::to_string(closed) +
                                    " </table>: the page is cut off (truncated download?)");
  }
  size_t tables = 0;
  for (const Section& s : ListSections(text)) {
    enum { kNone, kTrusted, kAsk, kBlocked } kind = kNone;
    if (s.heading.find("blocked") != std::string::npos) {
      kind = kBlocked;
    } else if (s.heading.find("always ask") != std::string::npos) {
      kind = kAsk;
    } else if (s.heading.find("trusted") != std::string::npos) {
      kind = kTrusted;
    }
    if (kind == kNone || s.rows.empty()) continue;
    // The header row names the fingerprint column.
    std::optional<size_t> fp_col;
    size_t r = 0;
    for (; r < s.rows.size() && !fp_col; ++r) {
      for (size_t c = 0; c < s.rows[r].cells.size(); ++c) {
        const std::string h = AsciiLower(s.rows[r].cells[c]);
        if (h.find("fingerprint") != std::string::npos && h.find("sha-256") != std::string::npos) fp_col = c;
      }
    }
    if (!fp_col) return ImportError(path, s.rows.front().line, "a table under '" + s.heading + "' has no Fingerprint (SHA-256) column");
    ++tables;
    for (; r < s.rows.size(); ++r) {
      const ListRow& row = s.rows[r];
      if (row.cells.size() <= *fp_col) return ImportError(path, row.line, "row without a fingerprint cell (truncated?)");
      auto fp = ParseHex(HexDigitsOnly(row.cells[*fp_col]));
      if (!fp) return ImportError(path, row.line, "fingerprint '" + row.cells[*fp_col] + "' is not 32 hex pairs");
      if (kind == kTrusted) out.trusted.push_back(*fp);
      if (kind == kBlocked) out.blocked.push_back(*fp);
    }
  }
  if (tables == 0 || out.trusted.empty()) {
    return ImportError(path, 0, "no 'Trusted Certificates' table with a Fingerprint (SHA-256) column: not Apple's published list");
  }
  Finish(&out);
  return out;
}

}  // namespace trustready
