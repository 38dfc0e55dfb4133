#include "providers/pattern_sample.h"

#include <re2/re2.h>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace cfnlocal::providers {
namespace {

// ECMA escapes RE2 spells differently: \uXXXX -> \x{XXXX}; "\/" is fine in RE2.
std::string to_re2(std::string_view pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 5 < pattern.size() + 0 && i + 1 < pattern.size() &&
        pattern[i + 1] == 'u' && i + 5 < pattern.size()) {
      out += "\\x{" + std::string(pattern.substr(i + 2, 4)) + "}";
      i += 5;
      continue;
    }
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      out += pattern[i];
      out += pattern[i + 1];
      ++i;
      continue;
    }
    out += pattern[i];
  }
  return out;
}

const RE2 *compiled(std::string_view pattern) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<RE2>, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(to_re2(pattern), options);
    it = cache.emplace(std::string(pattern), std::move(re)).first;
  }
  return it->second->ok() ? it->second.get() : nullptr;
}

// A character set as 128 ASCII flags (non-ASCII members are represented by 'a' not at all:
// we only ever generate ASCII).
struct CharSet {
  bool in[128] = {};
  bool negated = false;
  void add_range(int lo, int hi) {
    for (int c = std::max(lo, 0); c <= std::min(hi, 127); ++c)
      in[c] = true;
  }
  bool has(int c) const { return c >= 0 && c < 128 && (in[c] != negated); }
};

struct Node;
using NodePtr = std::unique_ptr<Node>;
struct Node {
  enum Kind { Seq, Alt, Set, Empty } kind = Empty;
  std::vector<NodePtr> children; // Seq: items; Alt: branches
  CharSet set;                   // Set
  int min = 1, max = 1;          // repetition of this node
};

class Parser {
public:
  explicit Parser(std::string_view p) : p_(p) {}
  NodePtr parse() {
    auto n = alternation();
    if (i_ != p_.size())
      ok_ = false;
    return n;
  }
  bool ok() const { return ok_; }

private:
  std::string_view p_;
  size_t i_ = 0;
  bool ok_ = true;

  bool more() const { return i_ < p_.size(); }

  NodePtr alternation() {
    auto alt = std::make_unique<Node>();
    alt->kind = Node::Alt;
    alt->children.push_back(sequence());
    while (more() && p_[i_] == '|') {
      ++i_;
      alt->children.push_back(sequence());
    }
    return alt;
  }

  NodePtr sequence() {
    auto seq = std::make_unique<Node>();
    seq->kind = Node::Seq;
    while (more() && p_[i_] != '|' && p_[i_] != ')') {
      NodePtr atom = this->atom();
      if (!ok_)
        return seq;
      if (!atom)
        continue;
      quantifier(*atom);
      seq->children.push_back(std::move(atom));
    }
    return seq;
  }

  void quantifier(Node &n) {
    if (!more())
      return;
    char c = p_[i_];
    if (c == '*') {
      n.min = 0, n.max = -1, ++i_;
    } else if (c == '+') {
      n.min = 1, n.max = -1, ++i_;
    } else if (c == '?') {
      n.min = 0, n.max = 1, ++i_;
    } else if (c == '{') {
      size_t close = p_.find('}', i_);
      if (close == std::string_view::npos)
        return;
      std::string body(p_.substr(i_ + 1, close - i_ - 1));
      size_t comma = body.find(',');
      try {
        if (comma == std::string::npos) {
          n.min = n.max = std::stoi(body);
        } else {
          n.min = comma == 0 ? 0 : std::stoi(body.substr(0, comma));
          std::string hi = body.substr(comma + 1);
          n.max = hi.empty() ? -1 : std::stoi(hi);
        }
      } catch (...) {
        return; // a literal "{"
      }
      i_ = close + 1;
    } else {
      return;
    }
    if (more() && (p_[i_] == '?' || p_[i_] == '+')) // lazy / possessive
      ++i_;
  }

  static NodePtr set_node(CharSet s) {
    auto n = std::make_unique<Node>();
    n->kind = Node::Set;
    n->set = s;
    return n;
  }

  // Adds the class an escape letter names to `s`; returns false for unknown letters.
  bool class_escape(char e, CharSet &s) {
    switch (e) {
    case 'd':
      s.add_range('0', '9');
      return true;
    case 'w':
      s.add_range('a', 'z'), s.add_range('A', 'Z'), s.add_range('0', '9'), s.add_range('_', '_');
      return true;
    case 's':
      s.add_range(' ', ' ');
      return true;
    case 'S':
    case 'D':
      s.add_range('a', 'z');
      return true;
    case 'W':
      s.add_range('-', '-');
      return true;
    case 'p':
    case 'P':
    case 'X': {
      if (more() && p_[i_] == '{') {
        size_t close = p_.find('}', i_);
        i_ = close == std::string_view::npos ? p_.size() : close + 1;
      } else if (more()) {
        ++i_;
      }
      s.add_range('a', 'z'); // \p{L}, \p{Alnum}, ... all contain lowercase letters we use
      return true;
    }
    default:
      return false;
    }
  }

  // Reads one (possibly escaped) character after a backslash; returns its code.
  int escaped_char(char e) {
    switch (e) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'f':
      return '\f';
    case 'v':
      return '\v';
    case 'u': {
      if (i_ + 4 <= p_.size()) {
        int code = std::stoi(std::string(p_.substr(i_, 4)), nullptr, 16);
        i_ += 4;
        return code;
      }
      return 'u';
    }
    case 'x': {
      if (more() && p_[i_] == '{') {
        size_t close = p_.find('}', i_);
        int code = std::stoi(std::string(p_.substr(i_ + 1, close - i_ - 1)), nullptr, 16);
        i_ = close + 1;
        return code;
      }
      if (i_ + 2 <= p_.size()) {
        int code = std::stoi(std::string(p_.substr(i_, 2)), nullptr, 16);
        i_ += 2;
        return code;
      }
      return 'x';
    }
    default:
      return static_cast<unsigned char>(e);
    }
  }

  NodePtr atom() {
    char c = p_[i_++];
    switch (c) {
    case '^':
    case '$':
      return nullptr;
    case '(': {
      if (more() && p_[i_] == '?') {
        ++i_;
        if (more() && (p_[i_] == '=' || p_[i_] == '!')) { // lookahead: skip its body
          int depth = 1;
          ++i_;
          while (more() && depth > 0) {
            if (p_[i_] == '\\')
              ++i_;
            else if (p_[i_] == '(')
              ++depth;
            else if (p_[i_] == ')')
              --depth;
            ++i_;
          }
          return nullptr;
        }
        if (more() && p_[i_] == '<') { // named group or lookbehind
          size_t close = p_.find('>', i_);
          if (close == std::string_view::npos || p_[i_ + 1] == '=' || p_[i_ + 1] == '!') {
            ok_ = false;
            return nullptr;
          }
          i_ = close + 1;
        } else if (more() && p_[i_] == ':') {
          ++i_;
        } else {
          // inline flags such as (?i): skip to ':' or ')'
          while (more() && p_[i_] != ':' && p_[i_] != ')')
            ++i_;
          if (more() && p_[i_] == ')') {
            ++i_;
            return nullptr;
          }
          ++i_;
        }
      }
      auto inner = alternation();
      if (!more() || p_[i_] != ')') {
        ok_ = false;
        return nullptr;
      }
      ++i_;
      return inner;
    }
    case '[':
      return char_class();
    case '.': {
      CharSet s;
      s.add_range('a', 'z');
      s.add_range('0', '9');
      return set_node(s);
    }
    case '\\': {
      if (!more()) {
        ok_ = false;
        return nullptr;
      }
      char e = p_[i_++];
      CharSet s;
      if (e == 'b' || e == 'B' || e == 'A' || e == 'z' || e == 'Z')
        return nullptr;
      if (e >= '1' && e <= '9') { // backreference
        ok_ = false;
        return nullptr;
      }
      if (!class_escape(e, s)) {
        int code = escaped_char(e);
        s.add_range(code, code);
        if (code > 127)
          s.add_range('a', 'a');
      }
      return set_node(s);
    }
    default: {
      CharSet s;
      int code = static_cast<unsigned char>(c);
      if (code > 127) { // a UTF-8 byte of a literal: keep the whole sequence impossible to honour
        ok_ = false;
        return nullptr;
      }
      s.add_range(code, code);
      return set_node(s);
    }
    }
  }

  NodePtr char_class() {
    CharSet s;
    if (more() && p_[i_] == '^') {
      s.negated = true;
      ++i_;
    }
    bool first = true;
    while (more() && (p_[i_] != ']' || first)) {
      first = false;
      int lo;
      char c = p_[i_++];
      if (c == '\\' && more()) {
        char e = p_[i_++];
        if (class_escape(e, s))
          continue;
        lo = escaped_char(e);
      } else if (c == '[' && more() && p_[i_] == ':') { // POSIX class [:alnum:]
        size_t close = p_.find(":]", i_);
        if (close == std::string_view::npos) {
          ok_ = false;
          return nullptr;
        }
        s.add_range('a', 'z');
        s.add_range('0', '9');
        i_ = close + 2;
        continue;
      } else {
        lo = static_cast<unsigned char>(c);
      }
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        char h = p_[i_++];
        int hi = static_cast<unsigned char>(h);
        if (h == '\\' && more())
          hi = escaped_char(p_[i_++]);
        s.add_range(lo, hi);
      } else {
        s.add_range(lo, lo);
      }
    }
    if (!more()) {
      ok_ = false;
      return nullptr;
    }
    ++i_; // ']'
    return set_node(s);
  }
};

char choose(const CharSet &s, RandomSource &random) {
  // Prefer what reads as an identifier: lowercase letters, digits, then anything printable.
  for (const char *pool : {"abcdefghijklmnopqrstuvwxyz", "0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                           "-_./:", " !#$%&'()*+,;<=>?@[]^`{|}~\"\\"}) {
    std::string candidates;
    for (const char *p = pool; *p; ++p)
      if (s.has(*p))
        candidates += *p;
    if (!candidates.empty())
      return candidates[random.between(0, static_cast<int64_t>(candidates.size()) - 1)];
  }
  return 0;
}

bool generate(const Node &n, RandomSource &random, std::string &out, size_t &pad);

bool generate_once(const Node &n, RandomSource &random, std::string &out, size_t &pad) {
  switch (n.kind) {
  case Node::Empty:
    return true;
  case Node::Set: {
    char c = choose(n.set, random);
    if (!c)
      return false;
    out += c;
    return true;
  }
  case Node::Seq:
    for (const auto &child : n.children)
      if (!generate(*child, random, out, pad))
        return false;
    return true;
  case Node::Alt: {
    for (const auto &branch : n.children) {
      std::string attempt = out;
      size_t p = pad;
      if (generate(*branch, random, attempt, p)) {
        out = std::move(attempt);
        pad = p;
        return true;
      }
    }
    return false;
  }
  }
  return false;
}

bool generate(const Node &n, RandomSource &random, std::string &out, size_t &pad) {
  int reps = n.min;
  if (reps == 0 && n.max != 0)
    reps = 1;
  if (n.max < 0 && pad > 0 && n.kind == Node::Set) {
    reps += static_cast<int>(pad);
    pad = 0;
  }
  if (n.max >= 0 && reps > n.max)
    reps = n.max;
  for (int r = 0; r < reps; ++r)
    if (!generate_once(n, random, out, pad))
      return n.min == 0 && r == 0; // an optional item we cannot produce is left out
  return true;
}

} // namespace

bool pattern_matches(std::string_view pattern, std::string_view value) {
  const RE2 *re = compiled(pattern);
  if (!re)
    return true;
  return RE2::PartialMatch(value, *re);
}

std::optional<std::string> sample_pattern(std::string_view pattern, RandomSource &random,
                                          size_t min_length) {
  Parser parser(pattern);
  NodePtr root = parser.parse();
  if (!parser.ok() || !root)
    return std::nullopt;
  std::string out;
  size_t pad = 0;
  if (!generate(*root, random, out, pad))
    return std::nullopt;
  if (out.size() < min_length) {
    pad = min_length - out.size();
    out.clear();
    if (!generate(*root, random, out, pad))
      return std::nullopt;
  }
  if (!pattern_matches(pattern, out))
    return std::nullopt;
  return out;
}

} // namespace cfnlocal::providers
