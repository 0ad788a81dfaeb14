// The complaint list of SqlStore: queues and filters (ComplaintFilter), the
// sort allow-list and full-text search (FTS5 on SQLite, tsvector on
// PostgreSQL). User text never reaches SQL unquoted: search words are
// sanitised to letters and digits and bound as one parameter.
#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "core/validation.h"
#include "store/sql/complaints/complaint_row_codec.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

// True for code points that separate words although they are not ASCII:
// Latin-1 punctuation and signs, general punctuation, symbols, arrows and
// dingbats, CJK punctuation, full-width ASCII punctuation and emoji. Both
// full-text engines drop these, so a word made only of them would make the
// two dialects disagree.
bool IsSeparator(char32_t cp) {
  return (cp >= 0x80 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) || cp == 0xD7 || cp == 0xF7 ||
         (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE10 && cp <= 0xFE6F) ||
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0x1F000 && cp <= 0x1FAFF) || cp >= 0xFFF0;
}

// The words of a search: runs of ASCII letters and digits and of other
// non-separator characters (letters of other scripts); everything else,
// quotes and operators included, separates words. `search` is clean UTF-8.
std::vector<std::string> SearchWords(const std::string& search) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < search.size();) {
    unsigned char lead = static_cast<unsigned char>(search[i]);
    size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    len = std::min(len, search.size() - i);
    char32_t cp = len == 1 ? lead : lead & (0x3F >> (len - 1));
    for (size_t k = 1; k < len; ++k) cp = cp << 6 | (static_cast<unsigned char>(search[i + k]) & 0x3F);
    const bool word_char = len == 1 ? std::isalnum(lead) != 0 : !IsSeparator(cp);
    if (word_char)
      word.append(search, i, len);
    else
      flush();
    i += len;
  }
  flush();
  return words;
}

// Code points in valid UTF-8 text.
size_t CodePoints(const std::string& text) {
  size_t n = 0;
  for (char ch : text) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

// True when the last word is matched as a prefix: only when it is long
// enough to be selective ("rep" → report, repair, ...; "r" would match most
// of the index).
bool LastIsPrefix(const std::vector<std::string>& words) {
  return !words.empty() && CodePoints(words.back()) >= kMinSearchWordLength;
}

// FTS5: each word a quoted string (no quote can occur inside), ANDed by
// juxtaposition, the last as a prefix when long enough: "w1" "w2"*.
std::string Fts5Query(const std::vector<std::string>& words) {
  std::string q;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) q += ' ';
    q += '"' + words[i] + '"';
    if (i + 1 == words.size() && LastIsPrefix(words)) q += '*';
  }
  return q;
}

// PostgreSQL to_tsquery: each word a quoted lexeme, ANDed, the last with :*
// when long enough.
std::string TsQuery(const std::vector<std::string>& words) {
  std::string q;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) q += " & ";
    q += '\'' + words[i] + '\'';
    if (i + 1 == words.size() && LastIsPrefix(words)) q += ":*";
  }
  return q;
}

std::string Trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string UpperAscii(std::string s) {
  for (char& ch : s)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return s;
}

// Open complaints, written as the partial indexes of migration 0004 name them.
const char* const kOpenCondition = "c.state NOT IN ('closed', 'withdrawn')";

// True when `search` has a word of kMinSearchWordLength characters or is a
// reference: selective enough to run.
bool IsSelectiveSearch(const std::string& search) {
  const std::string text = Trimmed(search);
  if (IsComplaintReference(UpperAscii(text))) return true;
  for (const std::string& word : SearchWords(text))
    if (CodePoints(word) >= kMinSearchWordLength) return true;
  return false;
}

}  // namespace

namespace sql {

// The WHERE clause of `filter` over `complaints c`, full-text search included.
Where ComplaintWhere(SqlDialect dialect, const ComplaintFilter& filter, TimePoint now) {
  Where where;
  if (!filter.states.empty()) {
    std::string in;
    SqlParams params;
    for (ComplaintState s : filter.states) {
      in += in.empty() ? "?" : ", ?";
      params.push_back(std::string(ToString(s)));
    }
    where.Add("c.state IN (" + in + ")", std::move(params));
  }
  if (filter.open_only || filter.overdue)
    where.Add(kOpenCondition);  // literal, so that the partial indexes on open complaints apply
  // PostgreSQL estimates the two due-time tests independently of the state
  // and took their indexes, then sorted every overdue complaint; as one
  // LEAST() (which skips NULLs) it walks the open complaints in page order
  // and stops when the page is full; the capped count reads the due times
  // from that index alone (migration 0009).
  if (filter.overdue && dialect == SqlDialect::kPostgres)
    where.Add("LEAST(c.ack_due_at, c.resolve_due_at) < ?", {now});
  else if (filter.overdue)
    where.Add("(c.ack_due_at IS NOT NULL AND c.ack_due_at < ?) OR (c.resolve_due_at IS NOT NULL AND "
              "c.resolve_due_at < ?)",
              {now, now});
  if (filter.assignee_id) where.Add("c.assignee_id = ?", {*filter.assignee_id});
  // SQLite would walk the assignee index for "IS NULL" (nearly every row at
  // scale) instead of the open-complaints index in page order; the unary plus
  // keeps the term off that index. PostgreSQL chooses by its statistics.
  if (filter.unassigned)
    where.Add(dialect == SqlDialect::kSqlite ? "+c.assignee_id IS NULL" : "c.assignee_id IS NULL");
  if (filter.category_id)
    where.Add(
        "c.category_id IN (WITH RECURSIVE below(id) AS (SELECT id FROM complaint_categories WHERE id = ? "
        "UNION ALL SELECT k.id FROM complaint_categories k JOIN below ON k.parent_id = below.id) "
        "SELECT id FROM below)",
        {*filter.category_id});
  if (filter.severity) where.Add("c.severity = ?", {static_cast<std::int64_t>(*filter.severity)});
  if (filter.segment_id) where.Add("c.segment_id = ?", {*filter.segment_id});
  if (!filter.site.empty()) where.Add("c.site = ?", {filter.site});
  if (filter.channel) where.Add("c.channel = ?", {std::string(ToString(*filter.channel))});
  if (filter.intake) where.Add("c.intake = ?", {std::string(ToString(*filter.intake))});
  if (filter.merged_into_id) where.Add("c.merged_into_id = ?", {*filter.merged_into_id});
  if (filter.exclude_merged) where.Add("c.merged_into_id IS NULL");
  if (filter.customer_id) where.Add("c.customer_id = ?", {*filter.customer_id});
  if (filter.received_from) where.Add("c.received_at >= ?", {*filter.received_from});
  if (filter.received_to) where.Add("c.received_at < ?", {*filter.received_to});
  if (!filter.search.empty()) {
    const std::string search = Trimmed(filter.search);
    const std::vector<std::string> words = SearchWords(search);
    std::string condition;
    std::vector<std::string> texts;  // the parameters, all text
    if (!words.empty()) {
      if (dialect == SqlDialect::kSqlite) {
        condition = "c.id IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH ?)";
        texts.push_back(Fts5Query(words));
      } else {
        condition =
            "c.id IN (SELECT complaint_id FROM complaint_fts WHERE document @@ to_tsquery('simple', ?))";
        texts.push_back(TsQuery(words));
      }
    }
    if (IsComplaintReference(UpperAscii(search))) {
      condition += condition.empty() ? "c.reference = ?" : " OR c.reference = ?";
      texts.push_back(UpperAscii(search));
    }
    // Converted at once rather than grown: GCC 12 misreads a growing vector
    // of variants as -Wmaybe-uninitialized.
    SqlParams params(texts.begin(), texts.end());
    // A search without any word (only punctuation) matches nothing.
    where.Add(condition.empty() ? "1 = 0" : condition, std::move(params));
  }
  return where;
}

}  // namespace sql

namespace {

// The FROM, WHERE and ORDER BY of a page of the complaint list, and of its
// capped count where that reads other tables than the page.
struct ComplaintListQuery {
  std::string from = " FROM complaints c";
  Where where;
  std::string order;
  std::optional<std::pair<std::string, Where>> count;
};

// A sorted search that matches more complaints than this walks the sort's
// index instead of sorting its matches (SQLite).
constexpr std::int64_t kSortedSearchMaxSortedMatches = 5000;

// The sorts whose order an index of complaints gives (migrations 0003 and
// 0010): the ones whose unset values come last only ascending.
bool IsIndexOrderedSort(const ListOptions& options) {
  if (options.sort == "received_at" || options.sort == "reference" || options.sort == "updated_at") return true;
  return options.direction == SortDirection::kAscending &&
         (options.sort == "severity" || options.sort == "ack_due_at" || options.sort == "resolve_due_at");
}

// The FTS5 index outermost (rows come in its rowid order, newest filed
// first) joined to the complaints that pass `rest`: a page reads the index
// and stops once full.
void FromFullTextIndex(SqlDialect dialect, const ComplaintFilter& rest, const std::vector<std::string>& words,
                       TimePoint now, std::string& from, Where& where) {
  where = ComplaintWhere(dialect, rest, now);
  if (dialect == SqlDialect::kSqlite) {
    // CROSS JOIN keeps the index outermost, so rows come in its order.
    from = " FROM complaint_fts CROSS JOIN complaints c ON c.id = complaint_fts.rowid";
    where.Add("complaint_fts MATCH ?", {Fts5Query(words)});
  } else {
    from = " FROM complaint_fts f JOIN complaints c ON c.id = f.complaint_id";
    where.Add("f.document @@ to_tsquery('simple', ?)", {TsQuery(words)});
  }
}

// True when the words match more than kSortedSearchMaxSortedMatches
// complaints (SQLite; reads at most one more rowid than that).
Result<bool> MatchesMany(SqlConnection& db, const std::vector<std::string>& words) {
  auto n = QueryInt(db, "SELECT count(*) FROM (SELECT 1 FROM complaint_fts WHERE complaint_fts MATCH ? LIMIT ?)",
                    {Fts5Query(words), kSortedSearchMaxSortedMatches + 1});
  if (!n.ok()) return n.error();
  return *n > kSortedSearchMaxSortedMatches;
}

// Validates `filter` and `options` and writes the page's query; `db` is
// asked how many complaints a sorted search matches.
Result<ComplaintListQuery> BuildComplaintListQuery(SqlConnection& db, const ComplaintFilter& filter,
                                                   const ListOptions& options, TimePoint now) {
  const SqlDialect dialect = db.dialect();
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  if (options.offset > kMaxComplaintListOffset)
    return Error::InvalidField("offset", "must be at most " + std::to_string(kMaxComplaintListOffset) +
                                             "; narrow the filters or use the export");
  for (auto [field, value] : {std::pair<const char*, const std::string*>{"search", &filter.search},
                              {"site", &filter.site}})
    if (Status s = CheckFilterText(field, *value); !s.ok()) return s.error();
  const bool searching = !Trimmed(filter.search).empty();
  if (searching && !IsSelectiveSearch(filter.search))
    return Error::InvalidField("search", "needs a word of at least " + std::to_string(kMinSearchWordLength) +
                                             " letters or digits, or a complaint reference");
  // A search in the default order reads the full-text index newest first
  // (its rowid order) and stops after the page; other searches and sorts
  // read the matching rows through the complaints indexes.
  const std::string search_text = Trimmed(filter.search);
  const std::vector<std::string> words = SearchWords(search_text);
  const bool word_search = searching && !words.empty() && !IsComplaintReference(UpperAscii(search_text));
  ComplaintFilter rest = filter;
  rest.search.clear();
  ComplaintListQuery query;
  if (word_search && options.sort.empty()) {
    query.order = dialect == SqlDialect::kSqlite ? " ORDER BY complaint_fts.rowid DESC" : " ORDER BY f.complaint_id DESC";
    FromFullTextIndex(dialect, rest, words, now, query.from, query.where);
    return query;
  }
  auto by = OrderBy(options,
                    {{"received_at", "c.received_at"},
                     {"updated_at", "c.updated_at"},
                     {"reference", "c.reference"},
                     // Unassessed complaints and stopped clocks last in either
                     // direction, the same in both dialects.
                     {"severity", "c.severity IS NULL, c.severity"},
                     {"state", "c.state"},
                     {"ack_due_at", "c.ack_due_at IS NULL, c.ack_due_at"},
                     {"resolve_due_at", "c.resolve_due_at IS NULL, c.resolve_due_at"}},
                    "received_at", SortDirection::kDescending, "c.id");
  if (!by.ok()) return by.error();
  query.order = std::move(*by);
  // SQLite cannot tell how many rows a full-text match has, so it read every
  // match and sorted them (5.9 s for "credit report" by received_at at
  // 1,000,000). A sorted search that matches many instead walks the sort's
  // index and asks the
  // full-text index about each row until the page is full (the matches are
  // dense, so few are asked); its count reads the full-text index up to the
  // cap. One that matches few reads its matches and sorts them.
  if (word_search && dialect == SqlDialect::kSqlite && IsIndexOrderedSort(options)) {
    auto many = MatchesMany(db, words);
    if (!many.ok()) return many.error();
    if (*many) {
      query.where = ComplaintWhere(dialect, rest, now);
      query.where.Add(
          "EXISTS (SELECT 1 FROM complaint_fts WHERE complaint_fts MATCH ? AND complaint_fts.rowid = c.id)",
          {Fts5Query(words)});
      query.count.emplace();
      FromFullTextIndex(dialect, rest, words, now, query.count->first, query.count->second);
      return query;
    }
  }
  query.where = ComplaintWhere(dialect, filter, now);
  return query;
}

}  // namespace

Result<Page<Complaint>> SqlStore::ListComplaints(const ComplaintFilter& filter, const ListOptions& options) {
  const TimePoint now = filter.now.value_or(clock_.Now());
  return ReadSnapshot<Page<Complaint>>([&](SqlConnection& db) -> Result<Page<Complaint>> {
    auto query = BuildComplaintListQuery(db, filter, options, now);
    if (!query.ok()) return query.error();
    const std::string& from = query->from;
    const Where& where = query->where;
    const std::string& order = query->order;
    const std::string& count_from = query->count ? query->count->first : from;
    const Where& count_where = query->count ? query->count->second : where;
    Page<Complaint> page;
    // Counted up to the cap (or the end of this page): a page costs what it shows.
    const std::int64_t count_to = std::max<std::int64_t>(kComplaintTotalCap, options.offset + options.limit);
    // Paging parameters appended by WithPaging rather than grown here: GCC 12
    // misreads a growing vector of variants as -Wmaybe-uninitialized.
    ListOptions count_window;
    count_window.limit = static_cast<int>(count_to + 1);
    auto total = QueryInt(db,
                          "SELECT count(*) FROM (SELECT 1" + count_from + count_where.Clause() + " LIMIT ? OFFSET ?) capped",
                          WithPaging(count_where.params(), count_window));
    if (!total.ok()) return total.error();
    page.total = std::min(*total, count_to);
    page.total_capped = *total > count_to;
    auto items = QueryComplaints(db,
                                 std::string("SELECT ") + kComplaintColumns + from + where.Clause() + order +
                                     " LIMIT ? OFFSET ?",
                                 WithPaging(where.params(), options));
    if (!items.ok()) return items.error();
    page.items = std::move(*items);
    return page;
  });
}

Result<std::string> SqlStore::ExplainComplaintList(const ComplaintFilter& filter, const ListOptions& options) {
  const TimePoint now = filter.now.value_or(clock_.Now());
  return ReadSnapshot<std::string>([&](SqlConnection& db) -> Result<std::string> {
    auto query = BuildComplaintListQuery(db, filter, options, now);
    if (!query.ok()) return query.error();
    const std::string& from = query->from;
    const Where& where = query->where;
    const std::string& order = query->order;
    const char* explain = db.dialect() == SqlDialect::kSqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
    auto rows = db.Execute(std::string(explain) + "SELECT " + kComplaintColumns + from + where.Clause() + order + " LIMIT ? OFFSET ?",
                           WithPaging(where.params(), options));
    if (!rows.ok()) return rows.error();
    std::string plan;
    for (const SqlRow& row : rows->rows) plan += row.Text(row.size() - 1) + "\n";  // the detail column
    return plan;
  });
}

}  // namespace hearken
