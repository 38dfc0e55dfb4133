#include "providers/pattern_sample.h"

#include "schema/pattern.h"

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace cfnlocal::providers {
namespace {

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
      s.add_range(33, 126);
      return true;
    case 'D':
      s.add_range(32, 47), s.add_range(58, 126);
      return true;
    case 'W':
      s.add_range(32, 47), s.add_range(58, 64), s.add_range(91, 94), s.add_range(96, 96),
          s.add_range(123, 126);
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
      s.add_range(32, 126);
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

// The walk's state: the random source, the hint being followed and how far, and how many extra
// characters the next open-ended item should add (to reach a minimum length).
struct Walk {
  RandomSource *random_ptr;
  std::string_view hint;
  size_t hpos = 0;
  size_t pad = 0;
  long penalty = 0; // hint characters skipped and characters invented while hint remained
  bool hinted() const { return !hint.empty(); }
  bool hint_left() const { return hpos < hint.size(); }
};

bool generate(const Node &n, Walk &w, std::string &out, char next_literal);

// A set of exactly one character (a literal), or 0.
char literal_of(const Node &n) {
  if (n.kind != Node::Set || n.set.negated)
    return 0;
  char found = 0;
  for (int c = 0; c < 128; ++c)
    if (n.set.in[c]) {
      if (found)
        return 0;
      found = static_cast<char>(c);
    }
  return found;
}

bool generate_once(const Node &n, Walk &w, std::string &out, char next_literal) {
  switch (n.kind) {
  case Node::Empty:
    return true;
  case Node::Set: {
    if (w.hint_left() && n.set.has(static_cast<unsigned char>(w.hint[w.hpos]))) {
      out += w.hint[w.hpos++];
      return true;
    }
    if (char lit = literal_of(n); lit && w.hint_left()) {
      // A literal the hint has a little further on: skip to it ("arn:aws" against "aws...").
      size_t found = w.hint.find(lit, w.hpos);
      if (found != std::string_view::npos && found - w.hpos <= 8) {
        w.penalty += static_cast<long>(found - w.hpos);
        w.hpos = found + 1;
        out += lit;
        return true;
      }
    }
    char c = choose(n.set, *w.random_ptr);
    if (!c)
      return false;
    if (w.hint_left())
      ++w.penalty;
    out += c;
    return true;
  }
  case Node::Seq:
    for (size_t i = 0; i < n.children.size(); ++i) {
      char next = next_literal;
      if (i + 1 < n.children.size() && n.children[i + 1]->min >= 1)
        next = literal_of(*n.children[i + 1]);
      if (!generate(*n.children[i], w, out, next))
        return false;
    }
    return true;
  case Node::Alt: {
    // Scored by hint characters followed minus twice those skipped or invented.
    std::optional<std::string> best;
    std::optional<Walk> best_walk;
    long best_score = 0;
    for (const auto &branch : n.children) {
      std::string attempt = out;
      Walk trial = w;
      if (!generate(*branch, trial, attempt, next_literal))
        continue;
      long score = static_cast<long>(trial.hpos - w.hpos) - 2 * (trial.penalty - w.penalty);
      if (!best || score > best_score) {
        best = std::move(attempt);
        best_walk = trial;
        best_score = score;
        if (!w.hinted())
          break;
      }
    }
    if (!best)
      return false;
    out = std::move(*best);
    w = *best_walk;
    return true;
  }
  }
  return false;
}

bool generate(const Node &n, Walk &w, std::string &out, char next_literal) {
  int max = n.max < 0 ? 1 << 20 : n.max;
  if (n.kind == Node::Set && w.hinted()) {
    // Follow the hint as far as the set allows, stopping (once the minimum is met) where the
    // next literal of the pattern takes over: a lazy match that keeps "us-east-1" out of ".+:".
    int count = 0;
    bool single = literal_of(n) != 0;
    while (count < max && w.hint_left() && n.set.has(static_cast<unsigned char>(w.hint[w.hpos])) &&
           !(count >= n.min && !single && next_literal && w.hint[w.hpos] == next_literal)) {
      out += w.hint[w.hpos++];
      ++count;
    }
    for (; count < n.min; ++count)
      if (!generate_once(n, w, out, next_literal))
        return false;
    if (n.max < 0 && w.pad > 0 && !w.hint_left()) {
      for (size_t i = 0; i < w.pad; ++i)
        if (!generate_once(n, w, out, next_literal))
          return false;
      w.pad = 0;
    }
    return true;
  }
  if (w.hinted()) {
    int count = 0;
    for (; count < max && count < 64; ++count) {
      if (count >= n.min && !w.hint_left())
        break;
      std::string attempt = out;
      Walk trial = w;
      if (!generate_once(n, trial, attempt, next_literal)) {
        if (count >= n.min)
          break;
        return false;
      }
      if (count >= n.min && trial.hpos == w.hpos)
        break; // an optional repetition that follows none of the hint: leave it out
      out = std::move(attempt);
      w = trial;
    }
    return count >= n.min;
  }
  int reps = n.min;
  if (reps == 0 && n.max != 0)
    reps = 1;
  if (n.max < 0 && w.pad > 0 && n.kind == Node::Set) {
    reps += static_cast<int>(w.pad);
    w.pad = 0;
  }
  if (n.max >= 0 && reps > n.max)
    reps = n.max;
  for (int r = 0; r < reps; ++r)
    if (!generate_once(n, w, out, next_literal))
      return n.min == 0 && r == 0; // an optional item we cannot produce is left out
  return true;
}

} // namespace

bool pattern_matches(std::string_view pattern, std::string_view value) {
  // The schema module's translation (lookarounds widened, \Z and \u handled): the same verdict
  // property validation gives.
  return schema::pattern_search(pattern, value);
}

std::optional<std::string> sample_pattern(std::string_view pattern, RandomSource &random,
                                          size_t min_length, std::string_view hint) {
  Parser parser(pattern);
  NodePtr root = parser.parse();
  if (!parser.ok() || !root)
    return std::nullopt;
  std::string out;
  Walk walk{&random, hint};
  if (!generate(*root, walk, out, 0))
    return std::nullopt;
  if (out.size() < min_length) {
    Walk again{&random, hint};
    again.pad = min_length - out.size();
    out.clear();
    if (!generate(*root, again, out, 0))
      return std::nullopt;
  }
  if (!pattern_matches(pattern, out))
    return std::nullopt;
  return out;
}

} // namespace cfnlocal::providers
