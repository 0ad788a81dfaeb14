// Contract tests of the survey area (issue 8): surveys and their settings,
// definitions kept in versions, answers with their closing rules and
// idempotency keys, concurrent submission through the group commit, and the
// answer lists and scans.
#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "store/contract/store_contract_test.h"

namespace hearken {
namespace {

constexpr const char* kDefinition = R"({"pages":[{"elements":[{"type":"rating","name":"nps"}]}]})";

Survey NewSurvey(const std::string& name, SurveyStatus status = SurveyStatus::kOpen) {
  Survey s;
  s.name = name;
  s.status = status;
  return s;
}

SurveyAnswer NewAnswer(Id survey_id, int nps = 9, const std::string& key_hash = "") {
  SurveyAnswer a;
  a.survey_id = survey_id;
  a.version = 1;
  a.answers_json = R"({"nps":)" + std::to_string(nps) + "}";
  a.nps = nps;
  a.idempotency_key_hash = key_hash;
  return a;
}

class SurveyKit {
 public:
  SurveyKit(SqlStore& store, const WriteContext& ctx) : store_(store), ctx_(ctx) {}

  Survey Add(const std::string& name, SurveyStatus status = SurveyStatus::kOpen) {
    auto s = store_.surveys().CreateSurvey(ctx_, NewSurvey(name, status), kDefinition, "");
    EXPECT_TRUE(s.ok()) << ErrorText(s);
    return s.ok() ? *s : Survey{};
  }
  SurveyAnswer Submit(const SurveyAnswer& a) {
    auto r = store_.surveys().SubmitSurveyAnswer(ctx_, a);
    EXPECT_TRUE(r.ok()) << ErrorText(r);
    return r.ok() ? r->answer : SurveyAnswer{};
  }
  std::int64_t AuditCount(const std::string& entity_type) {
    AuditFilter filter;
    filter.entity_type = entity_type;
    ListOptions one;
    one.limit = 1;
    auto page = store_.audit().ListAudit(filter, one);
    EXPECT_TRUE(page.ok()) << ErrorText(page);
    return page.ok() ? page->total : -1;
  }

 private:
  SqlStore& store_;
  const WriteContext& ctx_;
};

TEST_P(StoreContractTest, SurveyIsCreatedListedUpdatedAndDeleted) {
  SurveyKit k(*store_, ctx_);
  auto& surveys = store_->surveys();
  Survey made = k.Add("Relationship 2026", SurveyStatus::kDraft);
  EXPECT_GT(made.id, 0);
  EXPECT_EQ(made.public_slug.size(), 22u);
  EXPECT_EQ(made.public_slug.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(made.current_version, 1);
  EXPECT_EQ(made.status, SurveyStatus::kDraft);
  EXPECT_EQ(made.created_at, clock_.Now());
  auto v1 = surveys.GetSurveyVersion(made.id, 1);
  HEARKEN_ASSERT_OK(v1);
  EXPECT_EQ(v1->definition_json, kDefinition);
  EXPECT_EQ(v1->metric_map_json, "{}");
  EXPECT_EQ(v1->created_by, ctx_.actor.label);
  HEARKEN_EXPECT_ERROR(surveys.GetSurveyVersion(made.id, 2), kNotFound);

  auto by_slug = surveys.GetSurveyBySlug(made.public_slug);
  HEARKEN_ASSERT_OK(by_slug);
  EXPECT_EQ(by_slug->id, made.id);
  HEARKEN_EXPECT_ERROR(surveys.GetSurveyBySlug("short"), kNotFound);
  HEARKEN_EXPECT_ERROR(surveys.GetSurveyBySlug(std::string(22, 'A')), kNotFound);
  Survey other = k.Add("After the complaint");
  EXPECT_NE(other.public_slug, made.public_slug);

  auto dup = surveys.CreateSurvey(ctx_, NewSurvey("relationship 2026"), kDefinition, "");
  HEARKEN_EXPECT_ERROR(dup, kAlreadyExists);
  EXPECT_TRUE(NamesField(dup, "name"));
  Survey bad = NewSurvey(" ");
  bad.sampling_percent = 0;
  bad.max_answers = 0;
  auto invalid = surveys.CreateSurvey(ctx_, bad, kDefinition, "");
  EXPECT_TRUE(NamesField(invalid, "name"));
  EXPECT_TRUE(NamesField(invalid, "sampling_percent"));
  EXPECT_TRUE(NamesField(invalid, "max_answers"));
  EXPECT_TRUE(NamesField(surveys.CreateSurvey(ctx_, NewSurvey("No definition"), "  ", ""), "definition"));

  SurveyFilter open;
  open.status = SurveyStatus::kOpen;
  auto listed = surveys.ListSurveys(open, {});
  HEARKEN_ASSERT_OK(listed);
  EXPECT_EQ(listed->total, 1);
  EXPECT_THAT(Names(*listed), ::testing::ElementsAre("After the complaint"));
  SurveyFilter search;
  search.search = "RELATION";
  EXPECT_THAT(Names(*surveys.ListSurveys(search, {})), ::testing::ElementsAre("Relationship 2026"));
  auto by_name = surveys.ListSurveys({}, Sorted("name", SortDirection::kDescending, 1));
  HEARKEN_ASSERT_OK(by_name);
  EXPECT_EQ(by_name->total, 2);
  EXPECT_THAT(Names(*by_name), ::testing::ElementsAre("Relationship 2026"));
  EXPECT_TRUE(NamesField(surveys.ListSurveys({}, Sorted("slug")), "sort"));

  clock_.Advance(std::chrono::minutes(5));
  Survey changed = made;
  changed.name = "Relationship survey 2026";
  changed.status = SurveyStatus::kOpen;
  changed.kind = SurveyKind::kTransactional;
  changed.trigger_event = "complaint_closed";
  changed.trigger_delay_minutes = 60;
  changed.sampling_percent = 25;
  changed.closes_at = clock_.Now() + std::chrono::hours(24 * 30);
  changed.max_answers = 1000;
  changed.public_slug = "ignored";
  auto updated = surveys.UpdateSurvey(ctx_, changed);
  HEARKEN_ASSERT_OK(updated);
  EXPECT_EQ(updated->name, "Relationship survey 2026");
  EXPECT_EQ(updated->kind, SurveyKind::kTransactional);
  EXPECT_EQ(updated->trigger_event, "complaint_closed");
  EXPECT_EQ(updated->sampling_percent, 25);
  EXPECT_EQ(updated->closes_at, changed.closes_at);
  EXPECT_EQ(updated->max_answers, 1000);
  EXPECT_EQ(updated->public_slug, made.public_slug);
  EXPECT_EQ(updated->updated_at, clock_.Now());
  EXPECT_EQ(updated->created_at, made.created_at);
  Survey clash = *updated;
  clash.name = "AFTER THE COMPLAINT";
  EXPECT_TRUE(NamesField(surveys.UpdateSurvey(ctx_, clash), "name"));
  Survey missing = *updated;
  missing.id = 4040;
  HEARKEN_EXPECT_ERROR(surveys.UpdateSurvey(ctx_, missing), kNotFound);

  // Once answered it cannot go back to draft, nor be deleted.
  k.Submit(NewAnswer(made.id));
  Survey back = *updated;
  back.status = SurveyStatus::kDraft;
  auto refused = surveys.UpdateSurvey(ctx_, back);
  HEARKEN_EXPECT_ERROR(refused, kFailedPrecondition);
  EXPECT_TRUE(NamesField(refused, "status"));
  HEARKEN_EXPECT_ERROR(surveys.DeleteSurvey(ctx_, made.id), kFailedPrecondition);
  EXPECT_EQ(surveys.GetSurvey(made.id)->answer_count, 1);

  HEARKEN_ASSERT_OK(surveys.DeleteSurvey(ctx_, other.id));
  HEARKEN_EXPECT_ERROR(surveys.GetSurvey(other.id), kNotFound);
  HEARKEN_EXPECT_ERROR(surveys.ListSurveyVersions(other.id), kNotFound);
  HEARKEN_EXPECT_ERROR(surveys.DeleteSurvey(ctx_, other.id), kNotFound);

  std::vector<std::string> actions;
  for (const AuditEntry& e : AllAudit())
    if (e.entity_type == "survey") actions.push_back(e.action + " " + e.entity_id);
  const std::string a = std::to_string(made.id), b = std::to_string(other.id);
  EXPECT_THAT(actions, ::testing::ElementsAre("create " + a, "create " + b, "update " + a, "delete " + b));
  auto v = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(v);
  EXPECT_TRUE(v->intact);
}

TEST_P(StoreContractTest, SurveyDefinitionIsReplacedInPlaceUntilAnsweredThenVersioned) {
  SurveyKit k(*store_, ctx_);
  auto& surveys = store_->surveys();
  Survey s = k.Add("Versions");
  auto replaced = surveys.SaveSurveyDefinition(ctx_, s.id, R"({"pages":[]})", R"({"nps":"q1"})", 1);
  HEARKEN_ASSERT_OK(replaced);
  EXPECT_EQ(replaced->version, 1);
  EXPECT_EQ(replaced->definition_json, R"({"pages":[]})");
  EXPECT_EQ(replaced->metric_map_json, R"({"nps":"q1"})");
  EXPECT_EQ(surveys.ListSurveyVersions(s.id)->size(), 1u);

  SurveyAnswer first = k.Submit(NewAnswer(s.id, 10));
  auto next = surveys.SaveSurveyDefinition(ctx_, s.id, R"({"pages":[{"name":"p2"}]})", "", std::nullopt);
  HEARKEN_ASSERT_OK(next);
  EXPECT_EQ(next->version, 2);
  EXPECT_EQ(next->metric_map_json, "{}");
  EXPECT_EQ(surveys.GetSurvey(s.id)->current_version, 2);
  // While version 2 has no answers it is replaced in place again.
  auto again = surveys.SaveSurveyDefinition(ctx_, s.id, R"({"pages":[{"name":"p3"}]})", "", 2);
  HEARKEN_ASSERT_OK(again);
  EXPECT_EQ(again->version, 2);
  SurveyAnswer on_two = NewAnswer(s.id, 3);
  on_two.version = 2;
  k.Submit(on_two);
  k.Submit(NewAnswer(s.id, 8));  // an old version may still be answered (a page opened before)

  auto versions = surveys.ListSurveyVersions(s.id);
  HEARKEN_ASSERT_OK(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].version, 1);
  EXPECT_EQ((*versions)[0].definition_json, R"({"pages":[]})");
  EXPECT_EQ((*versions)[0].answer_count, 2);
  EXPECT_EQ((*versions)[1].definition_json, R"({"pages":[{"name":"p3"}]})");
  EXPECT_EQ((*versions)[1].answer_count, 1);
  EXPECT_EQ(surveys.GetSurveyAnswer(first.id)->version, 1);  // answers keep their version
  EXPECT_EQ(surveys.GetSurvey(s.id)->answer_count, 3);

  std::vector<std::string> actions;
  for (const AuditEntry& e : AllAudit())
    if (e.entity_type == "survey") actions.push_back(e.action);
  EXPECT_THAT(actions, ::testing::ElementsAre("create", "definition", "version", "definition"));
  HEARKEN_EXPECT_ERROR(surveys.SaveSurveyDefinition(ctx_, 4040, kDefinition, "", std::nullopt), kNotFound);
  EXPECT_TRUE(NamesField(surveys.SaveSurveyDefinition(ctx_, s.id, "", "", std::nullopt), "definition"));
  EXPECT_TRUE(NamesField(
      surveys.SaveSurveyDefinition(ctx_, s.id, std::string(kMaxSurveyDefinitionBytes + 1, ' ') + "{}", "", {}),
      "definition"));
}

TEST_P(StoreContractTest, SurveyDefinitionWithAStaleExpectedVersionIsRefused) {
  SurveyKit k(*store_, ctx_);
  auto& surveys = store_->surveys();
  Survey s = k.Add("Two editors");
  k.Submit(NewAnswer(s.id));
  HEARKEN_ASSERT_OK(surveys.SaveSurveyDefinition(ctx_, s.id, R"({"by":"anna"})", "", 1));
  const std::int64_t entries = AllAudit().size();
  auto stale = surveys.SaveSurveyDefinition(ctx_, s.id, R"({"by":"ben"})", "", 1);
  HEARKEN_EXPECT_ERROR(stale, kFailedPrecondition);
  EXPECT_TRUE(NamesField(stale, "version")) << stale.error().message;
  EXPECT_EQ(surveys.GetSurveyVersion(s.id, 2)->definition_json, R"({"by":"anna"})");
  EXPECT_EQ(static_cast<std::int64_t>(AllAudit().size()), entries);
}

TEST_P(StoreContractTest, SurveyAnswerIsRefusedByStatusClosingDateAndMaxAnswers) {
  SurveyKit k(*store_, ctx_);
  auto& surveys = store_->surveys();
  Survey draft = k.Add("Draft", SurveyStatus::kDraft);
  auto refused = surveys.SubmitSurveyAnswer(ctx_, NewAnswer(draft.id));
  HEARKEN_EXPECT_ERROR(refused, kFailedPrecondition);
  EXPECT_TRUE(NamesField(refused, "status"));
  Survey closed = k.Add("Closed", SurveyStatus::kClosed);
  EXPECT_TRUE(NamesField(surveys.SubmitSurveyAnswer(ctx_, NewAnswer(closed.id)), "status"));

  Survey dated = NewSurvey("Dated");
  dated.closes_at = clock_.Now() + std::chrono::hours(1);
  dated = *surveys.CreateSurvey(ctx_, dated, kDefinition, "");
  k.Submit(NewAnswer(dated.id));
  clock_.Advance(std::chrono::hours(1));  // at closes_at: closed
  auto late = surveys.SubmitSurveyAnswer(ctx_, NewAnswer(dated.id));
  HEARKEN_EXPECT_ERROR(late, kFailedPrecondition);
  EXPECT_TRUE(NamesField(late, "closes_at"));

  Survey capped = NewSurvey("Capped");
  capped.max_answers = 2;
  capped = *surveys.CreateSurvey(ctx_, capped, kDefinition, "");
  SurveyAnswer partial = NewAnswer(capped.id);
  partial.complete = false;
  k.Submit(partial);  // partial answers do not count
  k.Submit(NewAnswer(capped.id));
  k.Submit(NewAnswer(capped.id));
  auto full = surveys.SubmitSurveyAnswer(ctx_, NewAnswer(capped.id));
  HEARKEN_EXPECT_ERROR(full, kFailedPrecondition);
  EXPECT_TRUE(NamesField(full, "max_answers"));
  EXPECT_EQ(surveys.GetSurvey(capped.id)->answer_count, 2);

  HEARKEN_EXPECT_ERROR(surveys.SubmitSurveyAnswer(ctx_, NewAnswer(4040)), kNotFound);
  Survey open = k.Add("Open");
  SurveyAnswer unknown_version = NewAnswer(open.id);
  unknown_version.version = 2;
  HEARKEN_EXPECT_ERROR(surveys.SubmitSurveyAnswer(ctx_, unknown_version), kNotFound);
  SurveyAnswer bad = NewAnswer(open.id, 11);
  bad.answers_json = "";
  bad.ces = 0;
  bad.csat = 6;
  bad.csat_scale = 5;
  auto invalid = surveys.SubmitSurveyAnswer(ctx_, bad);
  HEARKEN_EXPECT_ERROR(invalid, kInvalidArgument);
  for (const char* field : {"answers", "nps", "ces", "csat"}) EXPECT_TRUE(NamesField(invalid, field)) << field;
  SurveyAnswer huge = NewAnswer(open.id);
  huge.answers_json = std::string(kMaxSurveyAnswerBytes + 1, 'x');
  EXPECT_TRUE(NamesField(surveys.SubmitSurveyAnswer(ctx_, huge), "answers"));

  Survey unlinked = NewSurvey("Link off");
  unlinked.public_link_enabled = false;
  unlinked = *surveys.CreateSurvey(ctx_, unlinked, kDefinition, "");
  EXPECT_TRUE(NamesField(surveys.SubmitSurveyAnswer(ctx_, NewAnswer(unlinked.id)), "public_link_enabled"));
  SurveyAnswer by_api = NewAnswer(unlinked.id);
  by_api.channel = AnswerChannel::kApi;
  k.Submit(by_api);
  EXPECT_EQ(k.AuditCount("survey_answer"), 5);  // refusals leave no entry
}

TEST_P(StoreContractTest, SurveyAnswerReplayedWithItsKeyIsStoredOnce) {
  SurveyKit k(*store_, ctx_);
  auto& surveys = store_->surveys();
  Survey s = k.Add("Replay");
  auto first = surveys.SubmitSurveyAnswer(ctx_, NewAnswer(s.id, 9, "key-hash-1"));
  HEARKEN_ASSERT_OK(first);
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->answer.idempotency_key_hash, "key-hash-1");
  clock_.Advance(std::chrono::seconds(3));
  auto again = surveys.SubmitSurveyAnswer(ctx_, NewAnswer(s.id, 2, "key-hash-1"));
  HEARKEN_ASSERT_OK(again);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->answer.id, first->answer.id);
  EXPECT_EQ(again->answer.nps, 9);  // the first answer
  EXPECT_EQ(again->answer.submitted_at, first->answer.submitted_at);
  // The first answer stands even after the survey closed.
  Survey closed = *surveys.GetSurvey(s.id);
  closed.status = SurveyStatus::kClosed;
  HEARKEN_ASSERT_OK(surveys.UpdateSurvey(ctx_, closed));
  auto after_close = surveys.SubmitSurveyAnswer(ctx_, NewAnswer(s.id, 9, "key-hash-1"));
  HEARKEN_ASSERT_OK(after_close);
  EXPECT_FALSE(after_close->created);

  auto listed = surveys.ListSurveyAnswers({.survey_id = s.id}, {});
  HEARKEN_ASSERT_OK(listed);
  EXPECT_EQ(listed->total, 1);
  EXPECT_EQ(surveys.GetSurvey(s.id)->answer_count, 1);
  EXPECT_EQ(k.AuditCount("survey_answer"), 1);
  // The key belongs to its survey: another survey takes it as new.
  Survey other = k.Add("Other");
  auto elsewhere = surveys.SubmitSurveyAnswer(ctx_, NewAnswer(other.id, 9, "key-hash-1"));
  HEARKEN_ASSERT_OK(elsewhere);
  EXPECT_TRUE(elsewhere->created);

  // The entry names where the answer went, never what it says.
  std::vector<AuditEntry> entries;
  for (const AuditEntry& e : AllAudit())
    if (e.entity_type == "survey_answer") entries.push_back(e);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].entity_id, std::to_string(first->answer.id));
  EXPECT_EQ(entries[0].action, "submit");
  auto value = nlohmann::json::parse(entries[0].new_value);
  EXPECT_EQ(value["survey_id"], s.id);
  EXPECT_EQ(value["version"], 1);
  EXPECT_EQ(value["channel"], "link");
  EXPECT_FALSE(value.contains("answers_json"));
  EXPECT_EQ(entries[0].new_value.find("nps"), std::string::npos);
}

TEST_P(StoreContractTest, SurveyAnswersFromManyThreadsAreEachStoredOnce) {
  SurveyKit k(*store_, ctx_);
  auto& surveys = store_->surveys();
  Survey s = k.Add("Crowd");
  constexpr int kThreads = 8, kEach = 50;
  // Threads 2t and 2t+1 send the same 50 keys: every key arrives twice at
  // once, often in one write group.
  std::atomic<int> created{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto r = surveys.SubmitSurveyAnswer(
            ctx_, NewAnswer(s.id, i % 11, "k" + std::to_string(t / 2) + "-" + std::to_string(i)));
        if (!r.ok())
          ++failed;
        else if (r->created)
          ++created;
      }
    });
  for (auto& th : threads) th.join();
  constexpr int kKeys = kThreads / 2 * kEach;
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(created.load(), kKeys);
  auto rows = store_->QueryRows("SELECT count(*), count(DISTINCT idempotency_key_hash) FROM survey_answers");
  HEARKEN_ASSERT_OK(rows);
  EXPECT_EQ((*rows)[0][0], std::to_string(kKeys));
  EXPECT_EQ((*rows)[0][1], std::to_string(kKeys));
  EXPECT_EQ(surveys.GetSurvey(s.id)->answer_count, kKeys);
  EXPECT_EQ(k.AuditCount("survey_answer"), kKeys);
  auto v = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(v);
  EXPECT_TRUE(v->intact);
  EXPECT_EQ(v->entries_checked, kKeys + 1);
}

// The intake's form: answers handed over without waiting, beside blocking
// ones, from many threads. Each `done` runs once, after the COMMIT that
// holds its answer (a reader sees it then), a refused answer fails alone,
// and the counters, the trail and its chain hold.
TEST_P(StoreContractTest, SurveyAnswersSubmittedWithoutWaitingAreCommittedBeforeTheyAreConfirmed) {
  SurveyKit k(*store_, ctx_);
  auto& surveys = store_->surveys();
  Survey s = k.Add("Intake");
  constexpr int kThreads = 6, kEach = 40;
  std::atomic<int> confirmed{0}, refused{0}, invisible{0}, blocking{0};
  std::mutex mutex;
  std::condition_variable all_done;
  int outstanding = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string key = "async-" + std::to_string(t) + "-" + std::to_string(i);
        if (t == 0) {  // one thread keeps to the blocking form
          if (surveys.SubmitSurveyAnswer(ctx_, NewAnswer(s.id, i % 11, key)).ok()) ++blocking;
          continue;
        }
        SurveyAnswer a = NewAnswer(s.id, i % 11, key);
        if (i == 7) a.version = 99;  // refused inside the write: no such version
        {
          std::lock_guard lock(mutex);
          ++outstanding;
        }
        surveys.SubmitSurveyAnswerAsync(ctx_, a, [&](Result<SubmittedAnswer> r) {
          if (r.ok()) {
            ++confirmed;
            if (!surveys.GetSurveyAnswer(r->answer.id).ok()) ++invisible;
          } else {
            EXPECT_EQ(r.error().code, ErrorCode::kNotFound) << r.error().message;
            ++refused;
          }
          std::lock_guard lock(mutex);
          if (--outstanding == 0) all_done.notify_all();
        });
      }
    });
  for (auto& th : threads) th.join();
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(all_done.wait_for(lock, std::chrono::seconds(60), [&] { return outstanding == 0; }));
  }
  constexpr int kAsync = (kThreads - 1) * kEach;
  EXPECT_EQ(refused.load(), kThreads - 1);
  EXPECT_EQ(confirmed.load(), kAsync - (kThreads - 1));
  EXPECT_EQ(invisible.load(), 0) << "an answer was confirmed before it was readable";
  EXPECT_EQ(blocking.load(), kEach);
  const int stored = confirmed.load() + blocking.load();
  EXPECT_EQ(surveys.GetSurvey(s.id)->answer_count, stored);
  EXPECT_EQ(k.AuditCount("survey_answer"), stored);
  auto v = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(v);
  EXPECT_TRUE(v->intact);
  EXPECT_EQ(v->entries_checked, stored + 1);
}

// A replay inside one write group (one transaction, a savepoint each) sees
// the first answer of that group and stores nothing.
TEST_P(StoreContractTest, SurveyAnswerReplayedInsideOneWriteGroupIsStoredOnce) {
  SurveyKit k(*store_, ctx_);
  auto& surveys = store_->surveys();
  Survey s = k.Add("Grouped");
  std::promise<void> leading;
  std::mutex mutex;
  std::vector<size_t> sizes;
  store_->SetWriteGroupHookForTesting([&](size_t size) {
    std::unique_lock lock(mutex);
    sizes.push_back(size);
    if (sizes.size() > 1) return;
    lock.unlock();
    leading.set_value();
    while (store_->QueuedWritesForTesting() < 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  auto submit = [&](int nps, const std::string& key) {
    return std::async(std::launch::async, [&, nps, key] { return surveys.SubmitSurveyAnswer(ctx_, NewAnswer(s.id, nps, key)); });
  };
  auto first = submit(1, "holds-the-gate");
  leading.get_future().wait();
  std::vector<std::future<Result<SubmittedAnswer>>> group;
  for (auto [nps, key] : {std::pair{2, "dup"}, {3, "dup"}, {4, "single"}}) {
    group.push_back(submit(nps, key));
    while (store_->QueuedWritesForTesting() < group.size()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  HEARKEN_ASSERT_OK(first.get());
  std::vector<Result<SubmittedAnswer>> results;
  for (auto& f : group) results.push_back(f.get());
  store_->SetWriteGroupHookForTesting(nullptr);

  EXPECT_EQ(sizes, (std::vector<size_t>{1, 3}));
  for (const auto& r : results) HEARKEN_ASSERT_OK(r);
  EXPECT_TRUE(results[0]->created);
  EXPECT_FALSE(results[1]->created);
  EXPECT_EQ(results[1]->answer.id, results[0]->answer.id);
  EXPECT_EQ(results[1]->answer.nps, 2);
  EXPECT_TRUE(results[2]->created);
  EXPECT_EQ(surveys.ListSurveyAnswers({.survey_id = s.id}, {})->total, 3);
  EXPECT_EQ(surveys.GetSurvey(s.id)->answer_count, 3);
  EXPECT_EQ(k.AuditCount("survey_answer"), 3);
  auto v = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(v);
  EXPECT_TRUE(v->intact);
}

TEST_P(StoreContractTest, SurveyAnswerNamesItsCustomerAndTakesTheCustomersSegment) {
  SurveyKit k(*store_, ctx_);
  auto& surveys = store_->surveys();
  Segment retail = AddSegment("Retail");
  Customer c = NewCustomer("Known Person", "known@example.org");
  c.segment_id = retail.id;
  c = *store_->customers().CreateCustomer(ctx_, c);
  Survey named = NewSurvey("Named only");
  named.anonymous_allowed = false;
  named = *surveys.CreateSurvey(ctx_, named, kDefinition, "");

  auto anonymous = surveys.SubmitSurveyAnswer(ctx_, NewAnswer(named.id));
  HEARKEN_EXPECT_ERROR(anonymous, kInvalidArgument);
  EXPECT_TRUE(NamesField(anonymous, "customer_id"));
  SurveyAnswer unknown = NewAnswer(named.id);
  unknown.customer_id = 4040;
  auto refused = surveys.SubmitSurveyAnswer(ctx_, unknown);
  HEARKEN_EXPECT_ERROR(refused, kInvalidArgument);
  EXPECT_TRUE(NamesField(refused, "customer_id"));

  SurveyAnswer known = NewAnswer(named.id);
  known.customer_id = c.id;
  known.segment_id = 999;  // the store's own, from the customer
  known.language = "de-CH";
  known.channel = AnswerChannel::kInvitation;
  known.csat = 4;
  known.csat_scale = 5;
  known.ces = 2;
  known.overall = 7;
  SurveyAnswer stored = k.Submit(known);
  EXPECT_EQ(stored.segment_id, retail.id);
  EXPECT_EQ(stored.submitted_at, clock_.Now());
  auto read = surveys.GetSurveyAnswer(stored.id);
  HEARKEN_ASSERT_OK(read);
  EXPECT_EQ(read->customer_id, c.id);
  EXPECT_EQ(read->segment_id, retail.id);
  EXPECT_EQ(read->language, "de-CH");
  EXPECT_EQ(read->channel, AnswerChannel::kInvitation);
  EXPECT_EQ(read->answers_json, known.answers_json);
  EXPECT_EQ(read->nps, 9);
  EXPECT_EQ(read->csat, 4);
  EXPECT_EQ(read->csat_scale, 5);
  EXPECT_EQ(read->ces, 2);
  EXPECT_EQ(read->overall, 7);
  EXPECT_TRUE(read->complete);
  EXPECT_EQ(read->submitted_at, stored.submitted_at);
  HEARKEN_EXPECT_ERROR(surveys.GetSurveyAnswer(4040), kNotFound);

  // The answer is in the customer's history.
  AuditFilter history;
  history.customer_id = c.id;
  ListOptions all;
  all.limit = 500;
  auto entries = store_->audit().ListAudit(history, all);
  HEARKEN_ASSERT_OK(entries);
  bool found = false;
  for (const AuditEntry& e : entries->items)
    found = found || (e.entity_type == "survey_answer" && e.entity_id == std::to_string(stored.id));
  EXPECT_TRUE(found);
}

TEST_P(StoreContractTest, SurveyAnswersAreFilteredPagedAndScanned) {
  SurveyKit k(*store_, ctx_);
  auto& surveys = store_->surveys();
  Segment b2b = AddSegment("B2B");
  Customer c = NewCustomer("Firm", "firm@example.org");
  c.segment_id = b2b.id;
  c = *store_->customers().CreateCustomer(ctx_, c);
  Survey s = k.Add("Lists");
  Survey other = k.Add("Elsewhere");
  k.Submit(NewAnswer(other.id));
  const TimePoint start = clock_.Now();
  std::vector<Id> ids;
  for (int i = 0; i < 10; ++i) {
    SurveyAnswer a = NewAnswer(s.id, i);
    if (i % 2 == 0) a.language = "fr";
    if (i % 3 == 0) a.channel = AnswerChannel::kEmbed;
    if (i >= 7) a.customer_id = c.id;
    if (i == 9) a.complete = false;
    ids.push_back(k.Submit(a).id);
    clock_.Advance(std::chrono::minutes(1));
  }
  auto& list = surveys;
  auto newest = list.ListSurveyAnswers({.survey_id = s.id}, {});
  HEARKEN_ASSERT_OK(newest);
  EXPECT_EQ(newest->total, 9);  // complete only by default
  ASSERT_EQ(newest->items.size(), 9u);
  EXPECT_EQ(newest->items.front().id, ids[8]);
  EXPECT_EQ(newest->items.back().id, ids[0]);
  SurveyAnswerFilter with_partial{.survey_id = s.id, .complete_only = false};
  EXPECT_EQ(list.ListSurveyAnswers(with_partial, {})->total, 10);

  auto page = list.ListSurveyAnswers({.survey_id = s.id}, Sorted("id", SortDirection::kAscending, 3, 3));
  HEARKEN_ASSERT_OK(page);
  EXPECT_EQ(page->total, 9);
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].id, ids[3]);
  EXPECT_TRUE(NamesField(list.ListSurveyAnswers({.survey_id = s.id}, Sorted("nps")), "sort"));
  HEARKEN_EXPECT_ERROR(list.ListSurveyAnswers({.survey_id = 4040}, {}), kNotFound);

  auto count = [&](const SurveyAnswerFilter& f) {
    auto r = list.ListSurveyAnswers(f, {});
    EXPECT_TRUE(r.ok()) << ErrorText(r);
    return r.ok() ? r->total : -1;
  };
  EXPECT_EQ(count({.survey_id = s.id, .language = "fr"}), 5);
  EXPECT_EQ(count({.survey_id = s.id, .channel = AnswerChannel::kEmbed}), 3);  // 0, 3, 6 (9 is partial)
  EXPECT_EQ(count({.survey_id = s.id, .segment_id = b2b.id}), 2);
  EXPECT_EQ(count({.survey_id = s.id, .customer_id = c.id}), 2);
  EXPECT_EQ(count({.survey_id = s.id, .version = 1}), 9);
  EXPECT_EQ(count({.survey_id = s.id, .version = 2}), 0);
  EXPECT_EQ(count({.survey_id = s.id, .from = start + std::chrono::minutes(2), .to = start + std::chrono::minutes(5)}),
            3);

  std::vector<Id> scanned;
  Id after = 0;
  for (int guard = 0; guard < 20; ++guard) {
    auto batch = list.ScanSurveyAnswers(with_partial, after, 4);
    HEARKEN_ASSERT_OK(batch);
    if (batch->empty()) break;
    for (const SurveyAnswer& a : *batch) scanned.push_back(a.id);
    after = batch->back().id;
  }
  EXPECT_EQ(scanned, ids);
  auto fr = list.ScanSurveyAnswers({.survey_id = s.id, .language = "fr"}, ids[2], 100);
  HEARKEN_ASSERT_OK(fr);
  ASSERT_EQ(fr->size(), 3u);  // 4, 6, 8
  EXPECT_EQ(fr->front().id, ids[4]);
  EXPECT_TRUE(NamesField(list.ScanSurveyAnswers({.survey_id = s.id}, 0, 0), "limit"));
  EXPECT_TRUE(NamesField(list.ScanSurveyAnswers({.survey_id = s.id}, 0, 5001), "limit"));
}

// Issue 8, import: an imported answer keeps when it was answered elsewhere;
// every other channel gets the store's clock.
TEST_P(StoreContractTest, ImportedSurveyAnswerKeepsItsOwnTime) {
  SurveyKit k(*store_, ctx_);
  Survey s = k.Add("Imported");
  const TimePoint then = *ParseTimestamp("2017-07-18T08:28:48Z");
  SurveyAnswer imported = NewAnswer(s.id);
  imported.channel = AnswerChannel::kImport;
  imported.submitted_at = then;
  EXPECT_EQ(k.Submit(imported).submitted_at, then);
  SurveyAnswer linked = NewAnswer(s.id);
  linked.submitted_at = then;
  EXPECT_EQ(k.Submit(linked).submitted_at, clock_.Now());
  auto scanned = store_->surveys().ScanSurveyAnswers({.survey_id = s.id, .to = then + std::chrono::seconds(1)}, 0, 10);
  HEARKEN_ASSERT_OK(scanned);
  ASSERT_EQ(scanned->size(), 1u);
  EXPECT_EQ(scanned->front().submitted_at, then);
  SurveyAnswer future = NewAnswer(s.id);
  future.channel = AnswerChannel::kImport;
  future.submitted_at = clock_.Now() + std::chrono::hours(1);
  EXPECT_TRUE(NamesField(store_->surveys().SubmitSurveyAnswer(ctx_, future), "submitted_at"));
}

}  // namespace
}  // namespace hearken
