#include "report/spss_sav.h"

#include <readstat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace hearken {
namespace {

// `text` cut to at most `max` bytes without splitting a UTF-8 sequence.
std::string CutUtf8(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

ssize_t WriteToFile(const void* data, size_t len, void* ctx) {
  return static_cast<ssize_t>(std::fwrite(data, 1, len, static_cast<FILE*>(ctx)));
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string SpssVariableName(const std::string& wanted, std::map<std::string, int>& taken) {
  std::string name;
  for (char c : wanted) {
    const auto u = static_cast<unsigned char>(c);
    name += (std::isalnum(u) && u < 0x80) || c == '_' || c == '.' || c == '@' || c == '#' || c == '$' ? c : '_';
  }
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) name = "v" + name;
  name = name.substr(0, 64);
  while (name.size() > 1 && name.back() == '.') name.pop_back();
  static const char* kReserved[] = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"};
  for (const char* r : kReserved)
    if (Upper(name) == r) name += "_";
  std::string candidate = name;
  for (int i = 2; taken.count(Upper(candidate)); ++i) {
    std::string suffix = "_" + std::to_string(i);
    candidate = name.substr(0, 64 - suffix.size()) + suffix;
  }
  taken[Upper(candidate)] = 1;
  return candidate;
}

struct SavWriter::Impl {
  readstat_writer_t* writer = nullptr;
  FILE* file = nullptr;
  std::string path;
  std::vector<SavVariable> variables;
  std::vector<readstat_variable_t*> handles;
  long row_count = 0;
  long rows = 0;
  bool finished = false;

  ~Impl() {
    if (writer) readstat_writer_free(writer);
    if (file) std::fclose(file);
    if (!path.empty()) std::remove(path.c_str());
  }
};

SavWriter::SavWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SavWriter::~SavWriter() = default;
const std::string& SavWriter::path() const { return impl_->path; }

Result<std::unique_ptr<SavWriter>> SavWriter::Create(const std::vector<SavVariable>& variables, long row_count,
                                                     const std::string& file_label) {
  auto impl = std::make_unique<Impl>();
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/hearken-sav-XXXXXX";
  int fd = mkstemp(pattern.data());
  if (fd < 0) return Error::Internal("cannot make a temporary file for the .sav export");
  impl->path = pattern;
  impl->file = fdopen(fd, "wb");
  if (!impl->file) {
    close(fd);
    return Error::Internal("cannot open the temporary file of the .sav export");
  }
  impl->variables = variables;
  impl->row_count = row_count;
  impl->writer = readstat_writer_init();
  readstat_set_data_writer(impl->writer, &WriteToFile);
  readstat_writer_set_file_label(impl->writer, CutUtf8(file_label, 64).c_str());
  readstat_writer_set_compression(impl->writer, READSTAT_COMPRESS_ROWS);
  int label_sets = 0;
  for (const SavVariable& v : variables) {
    const size_t width = v.numeric ? 0 : std::clamp<size_t>(v.string_width, 1, 32767);
    readstat_variable_t* h =
        readstat_add_variable(impl->writer, v.name.c_str(), v.numeric ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_STRING, width);
    if (!h) return Error::Internal("readstat refused the variable " + v.name);
    readstat_variable_set_label(h, CutUtf8(v.label, 255).c_str());
    if (!v.format.empty()) readstat_variable_set_format(h, v.format.c_str());
    readstat_variable_set_measure(h, v.measure == SavMeasure::kScale     ? READSTAT_MEASURE_SCALE
                                     : v.measure == SavMeasure::kOrdinal ? READSTAT_MEASURE_ORDINAL
                                                                         : READSTAT_MEASURE_NOMINAL);
    if (v.numeric && !v.value_labels.empty()) {
      std::string set_name = "labels" + std::to_string(label_sets++);
      readstat_label_set_t* set = readstat_add_label_set(impl->writer, READSTAT_TYPE_DOUBLE, set_name.c_str());
      for (const SavValueLabel& l : v.value_labels)
        readstat_label_double_value(set, l.value, CutUtf8(l.label, 120).c_str());
      readstat_variable_set_label_set(h, set);
    }
    impl->handles.push_back(h);
  }
  readstat_error_t err = readstat_begin_writing_sav(impl->writer, impl->file, row_count);
  if (err != READSTAT_OK)
    return Error::InvalidArgument(std::string("the .sav export cannot start: ") + readstat_error_message(err));
  return std::unique_ptr<SavWriter>(new SavWriter(std::move(impl)));
}

Status SavWriter::AddRow(const std::vector<SavValue>& row) {
  Impl& m = *impl_;
  if (row.size() != m.variables.size())
    return Error::InvalidArgument("a .sav row has " + std::to_string(row.size()) + " values for " +
                                  std::to_string(m.variables.size()) + " variables");
  if (m.rows >= m.row_count) return Error::InvalidArgument("more rows than the .sav export was started with");
  if (readstat_error_t err = readstat_begin_row(m.writer); err != READSTAT_OK)
    return Error::Internal(std::string("readstat: ") + readstat_error_message(err));
  for (size_t i = 0; i < row.size(); ++i) {
    const SavVariable& v = m.variables[i];
    readstat_variable_t* h = m.handles[i];
    readstat_error_t err = READSTAT_OK;
    if (v.numeric && std::holds_alternative<double>(row[i])) {
      err = readstat_insert_double_value(m.writer, h, std::get<double>(row[i]));
    } else if (!v.numeric && std::holds_alternative<std::string>(row[i])) {
      std::string text = CutUtf8(std::get<std::string>(row[i]), std::clamp<size_t>(v.string_width, 1, 32767));
      err = readstat_insert_string_value(m.writer, h, text.c_str());
    } else {
      err = readstat_insert_missing_value(m.writer, h);
    }
    if (err != READSTAT_OK)
      return Error::Internal("readstat, variable " + v.name + ": " + readstat_error_message(err));
  }
  if (readstat_error_t err = readstat_end_row(m.writer); err != READSTAT_OK)
    return Error::Internal(std::string("readstat: ") + readstat_error_message(err));
  ++m.rows;
  return Status::Ok();
}

Status SavWriter::Finish() {
  Impl& m = *impl_;
  if (m.rows != m.row_count)
    return Error::Internal("the .sav export has " + std::to_string(m.rows) + " of its " +
                           std::to_string(m.row_count) + " rows");
  readstat_error_t err = readstat_end_writing(m.writer);
  if (err != READSTAT_OK) return Error::Internal(std::string("readstat: ") + readstat_error_message(err));
  if (std::fflush(m.file) != 0 || std::fclose(m.file) != 0) {
    m.file = nullptr;
    return Error::Internal("cannot write the .sav export's temporary file");
  }
  m.file = nullptr;
  m.finished = true;
  return Status::Ok();
}

// ---- Reading -------------------------------------------------------------------

namespace {

struct ReadState {
  SavContents contents;
  std::map<std::string, std::map<double, std::string>> label_sets;
  std::vector<std::string> variable_label_set;
  std::string error;
};

int OnMetadata(readstat_metadata_t* metadata, void* ctx) {
  auto* state = static_cast<ReadState*>(ctx);
  if (const char* label = readstat_get_file_label(metadata)) state->contents.file_label = label;
  return READSTAT_HANDLER_OK;
}

int OnVariable(int, readstat_variable_t* variable, const char* val_labels, void* ctx) {
  auto* state = static_cast<ReadState*>(ctx);
  SavContents::Variable v;
  v.name = readstat_variable_get_name(variable);
  if (const char* label = readstat_variable_get_label(variable)) v.label = label;
  if (const char* format = readstat_variable_get_format(variable)) v.format = format;
  v.numeric = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_NUMERIC;
  state->contents.variables.push_back(std::move(v));
  state->variable_label_set.push_back(val_labels ? val_labels : "");
  return READSTAT_HANDLER_OK;
}

int OnValueLabel(const char* set, readstat_value_t value, const char* label, void* ctx) {
  auto* state = static_cast<ReadState*>(ctx);
  if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_NUMERIC)
    state->label_sets[set][readstat_double_value(value)] = label;
  return READSTAT_HANDLER_OK;
}

int OnValue(int obs, readstat_variable_t* variable, readstat_value_t value, void* ctx) {
  auto* state = static_cast<ReadState*>(ctx);
  auto& rows = state->contents.rows;
  if (static_cast<size_t>(obs) >= rows.size()) rows.resize(static_cast<size_t>(obs) + 1);
  auto& row = rows[static_cast<size_t>(obs)];
  const auto index = static_cast<size_t>(readstat_variable_get_index(variable));
  if (row.size() <= index) row.resize(index + 1);
  if (readstat_value_is_system_missing(value)) return READSTAT_HANDLER_OK;
  if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING) {
    const char* s = readstat_string_value(value);
    if (s && *s) row[index] = std::string(s);
  } else {
    row[index] = readstat_double_value(value);
  }
  return READSTAT_HANDLER_OK;
}

void OnError(const char* message, void* ctx) { static_cast<ReadState*>(ctx)->error = message; }

}  // namespace

Result<SavContents> ReadSav(const std::string& path) {
  ReadState state;
  readstat_parser_t* parser = readstat_parser_init();
  readstat_set_metadata_handler(parser, &OnMetadata);
  readstat_set_variable_handler(parser, &OnVariable);
  readstat_set_value_label_handler(parser, &OnValueLabel);
  readstat_set_value_handler(parser, &OnValue);
  readstat_set_error_handler(parser, &OnError);
  readstat_error_t err = readstat_parse_sav(parser, path.c_str(), &state);
  readstat_parser_free(parser);
  if (err != READSTAT_OK)
    return Error::InvalidArgument(std::string("not a readable .sav: ") + readstat_error_message(err) +
                                  (state.error.empty() ? "" : " (" + state.error + ")"));
  for (size_t i = 0; i < state.contents.variables.size(); ++i)
    if (auto it = state.label_sets.find(state.variable_label_set[i]); it != state.label_sets.end())
      state.contents.variables[i].value_labels = it->second;
  for (auto& row : state.contents.rows) row.resize(state.contents.variables.size());
  return std::move(state.contents);
}

}  // namespace hearken
