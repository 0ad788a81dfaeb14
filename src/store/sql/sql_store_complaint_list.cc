// The complaint list of SqlStore: queues and filters (ComplaintFilter), the
// sort allow-list and full-text search (FTS5 on SQLite, tsvector on
// PostgreSQL). User text never reaches SQL unquoted: search words are
// sanitised to letters and digits and bound as one parameter.
#include <cctype>

#include "core/validation.h"
#include "store/sql/complaint_row_codec.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

// The words of a search: runs of ASCII letters and digits and of non-ASCII
// bytes (letters of other scripts); everything else separates words.
std::vector<std::string> SearchWords(const std::string& search) {
  std::vector<std::string> words;
  std::string word;
  for (unsigned char ch : search) {
    if (std::isalnum(ch) || ch >= 0x80) {
      word += static_cast<char>(ch);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// FTS5: each word a quoted string (no quote can occur inside), ANDed by
// juxtaposition, the last as a prefix: "w1" "w2"*.
std::string Fts5Query(const std::vector<std::string>& words) {
  std::string q;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) q += ' ';
    q += '"' + words[i] + '"';
    if (i + 1 == words.size()) q += '*';
  }
  return q;
}

// PostgreSQL to_tsquery: each word a quoted lexeme, ANDed, the last with :*.
std::string TsQuery(const std::vector<std::string>& words) {
  std::string q;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) q += " & ";
    q += '\'' + words[i] + '\'';
    if (i + 1 == words.size()) q += ":*";
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

}  // namespace

Result<Page<Complaint>> SqlStore::ListComplaints(const ComplaintFilter& filter, const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  for (auto [field, value] : {std::pair<const char*, const std::string*>{"search", &filter.search},
                              {"site", &filter.site}})
    if (Status s = CheckFilterText(field, *value); !s.ok()) return s.error();
  auto order = OrderBy(options,
                       {{"received_at", "c.received_at"},
                        {"updated_at", "c.updated_at"},
                        {"reference", "c.reference"},
                        {"severity", "c.severity"},
                        {"state", "c.state"},
                        {"ack_due_at", "c.ack_due_at"},
                        {"resolve_due_at", "c.resolve_due_at"}},
                       "received_at", SortDirection::kDescending, "c.id");
  if (!order.ok()) return order.error();
  const TimePoint now = filter.now.value_or(clock_.Now());
  return ReadSnapshot<Page<Complaint>>([&](SqlConnection& db) -> Result<Page<Complaint>> {
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
      where.Add("c.state NOT IN (?, ?)",
                {std::string(ToString(ComplaintState::kClosed)), std::string(ToString(ComplaintState::kWithdrawn))});
    if (filter.overdue)
      where.Add("(c.ack_due_at IS NOT NULL AND c.ack_due_at < ?) OR (c.resolve_due_at IS NOT NULL AND "
                "c.resolve_due_at < ?)",
                {now, now});
    if (filter.assignee_id) where.Add("c.assignee_id = ?", {*filter.assignee_id});
    if (filter.unassigned) where.Add("c.assignee_id IS NULL");
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
    if (filter.customer_id) where.Add("c.customer_id = ?", {*filter.customer_id});
    if (filter.received_from) where.Add("c.received_at >= ?", {*filter.received_from});
    if (filter.received_to) where.Add("c.received_at < ?", {*filter.received_to});
    if (!filter.search.empty()) {
      const std::string search = Trimmed(filter.search);
      const std::vector<std::string> words = SearchWords(search);
      std::string condition;
      SqlParams params;
      if (!words.empty()) {
        if (db.dialect() == SqlDialect::kSqlite) {
          condition = "c.id IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH ?)";
          params.push_back(Fts5Query(words));
        } else {
          condition =
              "c.id IN (SELECT complaint_id FROM complaint_fts WHERE document @@ to_tsquery('simple', ?))";
          params.push_back(TsQuery(words));
        }
      }
      if (IsComplaintReference(UpperAscii(search))) {
        condition += condition.empty() ? "c.reference = ?" : " OR c.reference = ?";
        params.push_back(UpperAscii(search));
      }
      // A search without any word (only punctuation) matches nothing.
      where.Add(condition.empty() ? "1 = 0" : condition, std::move(params));
    }
    Page<Complaint> page;
    auto total = QueryInt(db, "SELECT count(*) FROM complaints c" + where.Clause(), where.params());
    if (!total.ok()) return total.error();
    page.total = *total;
    auto items = QueryComplaints(db,
                                 std::string("SELECT ") + kComplaintColumns + " FROM complaints c" + where.Clause() +
                                     *order + " LIMIT ? OFFSET ?",
                                 WithPaging(where.params(), options));
    if (!items.ok()) return items.error();
    page.items = std::move(*items);
    return page;
  });
}

}  // namespace hearken
