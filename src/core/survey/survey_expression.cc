#include "core/survey/survey_expression.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

namespace hearken::survey {

enum class NodeKind { kLiteral, kVariable, kArray, kUnary, kBinary };

enum class Op {
  kNone,
  // unary
  kNot, kNegate, kEmpty, kNotEmpty,
  // binary
  kOr, kAnd,
  kEqual, kNotEqual, kLess, kLessOrEqual, kGreater, kGreaterOrEqual,
  kContains, kNotContains, kAnyOf, kAllOf,
  kAdd, kSubtract, kMultiply, kDivide, kModulo,
};

struct ExpressionNode {
  NodeKind kind = NodeKind::kLiteral;
  Op op = Op::kNone;
  nlohmann::json literal;                               // kLiteral
  std::string name;                                     // kVariable
  std::vector<std::shared_ptr<const ExpressionNode>> children;  // operands or array items
};

namespace {

using NodePtr = std::shared_ptr<const ExpressionNode>;

// ---- Tokens ------------------------------------------------------------------

enum class Tok { kEnd, kNumber, kString, kVariable, kWord, kSymbol };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;  // word lower-cased, symbol, variable name, string contents
  double number = 0;
  size_t pos = 0;
};

bool IsWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

Error Unsupported(const std::string& what, size_t pos) {
  return Error::InvalidArgument("expression uses " + what + ", which Hearken does not support (at position " +
                                std::to_string(pos) + ")");
}

Error Syntax(const std::string& what, size_t pos) {
  return Error::InvalidArgument("expression is not valid: " + what + " (at position " + std::to_string(pos) + ")");
}

bool IsKeyword(const std::string& w) {
  static const char* const kWords[] = {"and",      "or",          "not",   "true",  "false", "contains",
                                       "notcontains", "anyof",   "allof", "empty", "notempty", "equal",
                                       "notequal", "less",        "greater", "lessorequal", "greaterorequal"};
  return std::any_of(std::begin(kWords), std::end(kWords), [&](const char* k) { return w == k; });
}

Result<std::vector<Token>> Tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { ++i; continue; }
    Token t;
    t.pos = i;
    if (c == '{') {
      size_t close = s.find('}', i + 1);
      if (close == std::string_view::npos) return Syntax("'{' without a closing '}'", i);
      std::string name = Trim(s.substr(i + 1, close - i - 1));
      if (name.empty()) return Syntax("an empty question reference {}", i);
      if (name[0] == '$') return Unsupported("the variable {" + name + "}", i);
      if (name.find_first_of(".[]{") != std::string::npos)
        return Unsupported("the nested or context value {" + name + "} (only a plain question name is allowed)", i);
      t.kind = Tok::kVariable;
      t.text = std::move(name);
      i = close + 1;
    } else if (c == '\'' || c == '"') {
      std::string text;
      size_t j = i + 1;
      bool closed = false;
      while (j < s.size()) {
        if (s[j] == '\\' && j + 1 < s.size()) { text += s[j + 1]; j += 2; continue; }
        if (s[j] == c) { closed = true; break; }
        text += s[j++];
      }
      if (!closed) return Syntax("a string without its closing quote", i);
      t.kind = Tok::kString;
      t.text = std::move(text);
      i = j + 1;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t j = i;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
      if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1;
        if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
        if (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) {
          j = k;
          while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        }
      }
      std::string_view digits = s.substr(i, j - i);
      double v = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
      if (ec != std::errc() || end != digits.data() + digits.size()) return Syntax("a malformed number", i);
      if (j < s.size() && IsWordChar(s[j])) return Syntax("a number followed by letters", i);
      t.kind = Tok::kNumber;
      t.number = v;
      t.text = std::string(digits);
      i = j;
    } else if (IsWordStart(c)) {
      size_t j = i;
      while (j < s.size() && IsWordChar(s[j])) ++j;
      t.kind = Tok::kWord;
      t.text = Lower(s.substr(i, j - i));
      size_t k = j;
      while (k < s.size() && s[k] == ' ') ++k;
      if (k < s.size() && s[k] == '(' && !IsKeyword(t.text)) return Unsupported("the function " + std::string(s.substr(i, j - i)) + "()", i);
      i = j;
    } else {
      static const char* const kSymbols[] = {"==", "!=", "<>", "<=", ">=", "&&", "||", "=", "<", ">", "!",
                                             "+",  "-",  "*",  "/",  "%",  "(",  ")",  "[", "]", ","};
      bool found = false;
      for (const char* sym : kSymbols) {
        std::string_view sv(sym);
        if (s.substr(i, sv.size()) == sv) {
          t.kind = Tok::kSymbol;
          t.text = std::string(sv);
          i += sv.size();
          found = true;
          break;
        }
      }
      if (!found) return Unsupported("the character '" + std::string(1, c) + "'", i);
    }
    out.push_back(std::move(t));
  }
  Token end;
  end.pos = s.size();
  out.push_back(end);
  return out;
}

// ---- Parser ------------------------------------------------------------------

NodePtr MakeUnary(Op op, NodePtr operand) {
  auto n = std::make_shared<ExpressionNode>();
  n->kind = NodeKind::kUnary;
  n->op = op;
  n->children.push_back(std::move(operand));
  return n;
}

NodePtr MakeBinary(Op op, NodePtr l, NodePtr r) {
  auto n = std::make_shared<ExpressionNode>();
  n->kind = NodeKind::kBinary;
  n->op = op;
  n->children.push_back(std::move(l));
  n->children.push_back(std::move(r));
  return n;
}

NodePtr MakeLiteral(nlohmann::json v) {
  auto n = std::make_shared<ExpressionNode>();
  n->kind = NodeKind::kLiteral;
  n->literal = std::move(v);
  return n;
}

nlohmann::json NumberJson(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.0e15) return static_cast<int64_t>(v);
  return v;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<NodePtr> ParseAll() {
    auto e = ParseOr();
    if (!e.ok()) return e;
    if (Peek().kind != Tok::kEnd) return Unexpected();
    return e;
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Next() { return tokens_[pos_++]; }
  bool IsSymbol(std::string_view s) const { return Peek().kind == Tok::kSymbol && Peek().text == s; }
  bool IsWord(std::string_view s) const { return Peek().kind == Tok::kWord && Peek().text == s; }

  Error Unexpected() const {
    const Token& t = Peek();
    if (t.kind == Tok::kEnd) return Syntax("it ends too early", t.pos);
    if (t.kind == Tok::kWord && !IsKeyword(t.text)) return Unsupported("the word '" + t.text + "'", t.pos);
    return Syntax("unexpected '" + t.text + "'", t.pos);
  }

  Result<NodePtr> ParseOr() {
    auto left = ParseAnd();
    if (!left.ok()) return left;
    NodePtr l = *left;
    while (IsWord("or") || IsSymbol("||")) {
      Next();
      auto right = ParseAnd();
      if (!right.ok()) return right;
      l = MakeBinary(Op::kOr, l, *right);
    }
    return l;
  }

  Result<NodePtr> ParseAnd() {
    auto left = ParseNot();
    if (!left.ok()) return left;
    NodePtr l = *left;
    while (IsWord("and") || IsSymbol("&&")) {
      Next();
      auto right = ParseNot();
      if (!right.ok()) return right;
      l = MakeBinary(Op::kAnd, l, *right);
    }
    return l;
  }

  Result<NodePtr> ParseNot() {
    if (IsWord("not") || IsSymbol("!")) {
      Next();
      auto operand = ParseNot();
      if (!operand.ok()) return operand;
      return MakeUnary(Op::kNot, *operand);
    }
    return ParseComparison();
  }

  std::optional<Op> ComparisonOp() const {
    const Token& t = Peek();
    if (t.kind == Tok::kSymbol) {
      if (t.text == "=" || t.text == "==") return Op::kEqual;
      if (t.text == "!=" || t.text == "<>") return Op::kNotEqual;
      if (t.text == "<") return Op::kLess;
      if (t.text == "<=") return Op::kLessOrEqual;
      if (t.text == ">") return Op::kGreater;
      if (t.text == ">=") return Op::kGreaterOrEqual;
    } else if (t.kind == Tok::kWord) {
      if (t.text == "equal") return Op::kEqual;
      if (t.text == "notequal") return Op::kNotEqual;
      if (t.text == "less") return Op::kLess;
      if (t.text == "lessorequal") return Op::kLessOrEqual;
      if (t.text == "greater") return Op::kGreater;
      if (t.text == "greaterorequal") return Op::kGreaterOrEqual;
      if (t.text == "contains") return Op::kContains;
      if (t.text == "notcontains") return Op::kNotContains;
      if (t.text == "anyof") return Op::kAnyOf;
      if (t.text == "allof") return Op::kAllOf;
    }
    return std::nullopt;
  }

  Result<NodePtr> ParseComparison() {
    auto left = ParseAdditive();
    if (!left.ok()) return left;
    if (IsWord("empty") || IsWord("notempty")) {
      Op op = Peek().text == "empty" ? Op::kEmpty : Op::kNotEmpty;
      Next();
      return MakeUnary(op, *left);
    }
    auto op = ComparisonOp();
    if (!op) return left;
    Next();
    auto right = ParseAdditive();
    if (!right.ok()) return right;
    if (ComparisonOp() || IsWord("empty") || IsWord("notempty"))
      return Syntax("comparisons cannot be chained; use parentheses with and/or", Peek().pos);
    return MakeBinary(*op, *left, *right);
  }

  Result<NodePtr> ParseAdditive() {
    auto left = ParseMultiplicative();
    if (!left.ok()) return left;
    NodePtr l = *left;
    while (IsSymbol("+") || IsSymbol("-")) {
      Op op = Next().text == "+" ? Op::kAdd : Op::kSubtract;
      auto right = ParseMultiplicative();
      if (!right.ok()) return right;
      l = MakeBinary(op, l, *right);
    }
    return l;
  }

  Result<NodePtr> ParseMultiplicative() {
    auto left = ParseUnary();
    if (!left.ok()) return left;
    NodePtr l = *left;
    while (IsSymbol("*") || IsSymbol("/") || IsSymbol("%")) {
      const std::string& s = Next().text;
      Op op = s == "*" ? Op::kMultiply : s == "/" ? Op::kDivide : Op::kModulo;
      auto right = ParseUnary();
      if (!right.ok()) return right;
      l = MakeBinary(op, l, *right);
    }
    return l;
  }

  Result<NodePtr> ParseUnary() {
    if (IsSymbol("-")) {
      Next();
      auto operand = ParseUnary();
      if (!operand.ok()) return operand;
      return MakeUnary(Op::kNegate, *operand);
    }
    if (IsSymbol("+")) {
      Next();
      return ParseUnary();
    }
    if (IsSymbol("!") || IsWord("not")) {
      Next();
      auto operand = ParseUnary();
      if (!operand.ok()) return operand;
      return MakeUnary(Op::kNot, *operand);
    }
    return ParsePrimary();
  }

  Result<NodePtr> ParsePrimary() {
    const Token& t = Peek();
    switch (t.kind) {
      case Tok::kNumber: Next(); return MakeLiteral(NumberJson(t.number));
      case Tok::kString: Next(); return MakeLiteral(t.text);
      case Tok::kVariable: {
        Next();
        auto n = std::make_shared<ExpressionNode>();
        n->kind = NodeKind::kVariable;
        n->name = t.text;
        return NodePtr(n);
      }
      case Tok::kWord:
        if (t.text == "true" || t.text == "false") {
          Next();
          return MakeLiteral(t.text == "true");
        }
        return Unexpected();
      case Tok::kSymbol:
        if (t.text == "(") {
          Next();
          auto inner = ParseOr();
          if (!inner.ok()) return inner;
          if (!IsSymbol(")")) return Syntax("'(' without a closing ')'", Peek().pos);
          Next();
          return inner;
        }
        if (t.text == "[") return ParseArray();
        return Unexpected();
      case Tok::kEnd: return Unexpected();
    }
    return Unexpected();
  }

  Result<NodePtr> ParseArray() {
    Next();  // '['
    auto n = std::make_shared<ExpressionNode>();
    n->kind = NodeKind::kArray;
    if (IsSymbol("]")) {
      Next();
      return NodePtr(n);
    }
    while (true) {
      auto item = ParseAdditive();
      if (!item.ok()) return item;
      n->children.push_back(*item);
      if (IsSymbol(",")) { Next(); continue; }
      if (IsSymbol("]")) { Next(); break; }
      return Syntax("an array needs ',' between items and a closing ']'", Peek().pos);
    }
    return NodePtr(n);
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

// ---- Evaluation ----------------------------------------------------------------

std::optional<double> ToNumber(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    std::string s = Trim(v.get_ref<const std::string&>());
    if (s.empty()) return std::nullopt;
    double d = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec == std::errc() && end == s.data() + s.size() && std::isfinite(d)) return d;
  }
  return std::nullopt;
}

std::string ToText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return v.dump();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

bool Truthy(const nlohmann::json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>() != 0;
  return !IsEmptyValue(v);
}

bool ValuesEqual(const nlohmann::json& a, const nlohmann::json& b);

// Every item of `sub` equals some item of `super` and sizes match: set equality.
bool SameItems(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.size() != b.size()) return false;
  for (const auto& x : a)
    if (std::none_of(b.begin(), b.end(), [&](const nlohmann::json& y) { return ValuesEqual(x, y); })) return false;
  return true;
}

bool ValuesEqual(const nlohmann::json& a, const nlohmann::json& b) {
  bool ea = IsEmptyValue(a), eb = IsEmptyValue(b);
  if (ea || eb) return ea && eb;
  if (a.is_array() && b.is_array()) return SameItems(a, b);
  if (a.is_array() || b.is_array()) return false;
  auto na = ToNumber(a), nb = ToNumber(b);
  if (na && nb && (a.is_number() || b.is_number() || (a.is_string() && b.is_string()))) return *na == *nb;
  if (a.is_string() && b.is_string()) return Lower(Trim(a.get<std::string>())) == Lower(Trim(b.get<std::string>()));
  if (a.is_boolean() || b.is_boolean()) {
    // SurveyJS lets 'true' / 'false' stand for the boolean.
    if (a.is_boolean() && b.is_boolean()) return a == b;
    const auto& boolean = a.is_boolean() ? a : b;
    const auto& other = a.is_boolean() ? b : a;
    return other.is_string() && Lower(Trim(other.get<std::string>())) == (boolean.get<bool>() ? "true" : "false");
  }
  return a == b;
}

// -1, 0, 1, or nullopt when the two cannot be ordered (empty, mixed kinds).
std::optional<int> Order(const nlohmann::json& a, const nlohmann::json& b) {
  if (IsEmptyValue(a) || IsEmptyValue(b)) return std::nullopt;
  auto na = ToNumber(a), nb = ToNumber(b);
  if (na && nb) return *na < *nb ? -1 : *na > *nb ? 1 : 0;
  if (a.is_string() && b.is_string()) {
    int c = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  return std::nullopt;
}

// One scalar `item` in `container` (an array holding it, or a string holding
// its text, ignoring case).
bool ContainsOne(const nlohmann::json& container, const nlohmann::json& item) {
  if (container.is_array())
    return std::any_of(container.begin(), container.end(), [&](const nlohmann::json& x) { return ValuesEqual(x, item); });
  if (container.is_string() || container.is_number()) return Lower(ToText(container)).find(Lower(ToText(item))) != std::string::npos;
  return false;
}

bool Contains(const nlohmann::json& l, const nlohmann::json& r) {
  if (IsEmptyValue(l) || IsEmptyValue(r)) return false;
  if (r.is_array())
    return std::all_of(r.begin(), r.end(), [&](const nlohmann::json& x) { return ContainsOne(l, x); });
  return ContainsOne(l, r);
}

bool AnyOf(const nlohmann::json& l, const nlohmann::json& r) {
  if (IsEmptyValue(l) || IsEmptyValue(r)) return false;
  if (!r.is_array()) return ContainsOne(l, r);
  if (!l.is_array()) return ContainsOne(r, l);
  return std::any_of(r.begin(), r.end(), [&](const nlohmann::json& x) { return ContainsOne(l, x); });
}

bool AllOf(const nlohmann::json& l, const nlohmann::json& r) {
  if (IsEmptyValue(l) || IsEmptyValue(r)) return false;
  if (!r.is_array()) return ContainsOne(l, r);
  if (!l.is_array()) return std::all_of(r.begin(), r.end(), [&](const nlohmann::json& x) { return ValuesEqual(l, x); });
  return std::all_of(r.begin(), r.end(), [&](const nlohmann::json& x) { return ContainsOne(l, x); });
}

nlohmann::json Arithmetic(Op op, const nlohmann::json& l, const nlohmann::json& r) {
  auto a = ToNumber(l), b = ToNumber(r);
  if (!a || !b) return nullptr;
  double v = 0;
  switch (op) {
    case Op::kAdd: v = *a + *b; break;
    case Op::kSubtract: v = *a - *b; break;
    case Op::kMultiply: v = *a * *b; break;
    case Op::kDivide:
      if (*b == 0) return nullptr;
      v = *a / *b;
      break;
    case Op::kModulo:
      if (*b == 0) return nullptr;
      v = std::fmod(*a, *b);
      break;
    default: return nullptr;
  }
  if (!std::isfinite(v)) return nullptr;
  return NumberJson(v);
}

nlohmann::json Eval(const ExpressionNode& n, const nlohmann::json& values) {
  switch (n.kind) {
    case NodeKind::kLiteral: return n.literal;
    case NodeKind::kVariable: {
      if (!values.is_object()) return nullptr;
      auto it = values.find(n.name);
      return it == values.end() ? nlohmann::json() : *it;
    }
    case NodeKind::kArray: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& c : n.children) a.push_back(Eval(*c, values));
      return a;
    }
    case NodeKind::kUnary: {
      nlohmann::json v = Eval(*n.children[0], values);
      switch (n.op) {
        case Op::kNot: return !Truthy(v);
        case Op::kEmpty: return IsEmptyValue(v);
        case Op::kNotEmpty: return !IsEmptyValue(v);
        case Op::kNegate: {
          auto d = ToNumber(v);
          return d ? NumberJson(-*d) : nlohmann::json();
        }
        default: return nullptr;
      }
    }
    case NodeKind::kBinary: break;
  }
  if (n.op == Op::kAnd) return Truthy(Eval(*n.children[0], values)) && Truthy(Eval(*n.children[1], values));
  if (n.op == Op::kOr) return Truthy(Eval(*n.children[0], values)) || Truthy(Eval(*n.children[1], values));
  nlohmann::json l = Eval(*n.children[0], values);
  nlohmann::json r = Eval(*n.children[1], values);
  switch (n.op) {
    case Op::kEqual: return ValuesEqual(l, r);
    case Op::kNotEqual: return !ValuesEqual(l, r);
    case Op::kLess: { auto o = Order(l, r); return o && *o < 0; }
    case Op::kLessOrEqual: { auto o = Order(l, r); return o && *o <= 0; }
    case Op::kGreater: { auto o = Order(l, r); return o && *o > 0; }
    case Op::kGreaterOrEqual: { auto o = Order(l, r); return o && *o >= 0; }
    case Op::kContains: return Contains(l, r);
    case Op::kNotContains: return IsEmptyValue(l) ? !IsEmptyValue(r) : !Contains(l, r);
    case Op::kAnyOf: return AnyOf(l, r);
    case Op::kAllOf: return AllOf(l, r);
    default: return Arithmetic(n.op, l, r);
  }
}

void CollectNames(const ExpressionNode& n, std::vector<std::string>& out) {
  if (n.kind == NodeKind::kVariable && std::find(out.begin(), out.end(), n.name) == out.end()) out.push_back(n.name);
  for (const auto& c : n.children) CollectNames(*c, out);
}

}  // namespace

bool IsEmptyValue(const nlohmann::json& value) {
  if (value.is_null()) return true;
  if (value.is_string()) return value.get_ref<const std::string&>().find_first_not_of(" \t\r\n") == std::string::npos;
  if (value.is_array() || value.is_object()) return value.empty();
  return false;
}

Result<Expression> ParseExpression(std::string_view text) {
  if (Trim(text).empty()) return Error::InvalidArgument("expression is empty");
  auto tokens = Tokenize(text);
  if (!tokens.ok()) return tokens.error();
  Parser parser(std::move(*tokens));
  auto root = parser.ParseAll();
  if (!root.ok()) return root.error();
  return Expression{std::string(text), std::move(*root)};
}

nlohmann::json EvaluateExpression(const Expression& e, const nlohmann::json& values) {
  if (!e.root) return nullptr;
  return Eval(*e.root, values);
}

bool ExpressionIsTrue(const Expression& e, const nlohmann::json& values) { return Truthy(EvaluateExpression(e, values)); }

std::vector<std::string> ReferencedQuestions(const Expression& e) {
  std::vector<std::string> out;
  if (e.root) CollectNames(*e.root, out);
  return out;
}

}  // namespace hearken::survey
