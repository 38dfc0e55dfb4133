#include "schema/pattern.h"

#include <re2/re2.h>

#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>

namespace cfnlocal::schema {
namespace {

// POSIX-style classes that Java's \p{...} knows and RE2's \p{...} does not (ASCII ranges, as Java
// defines them). Returned without brackets so they can sit inside a character class.
const char *posix_class_ranges(std::string_view name) {
  static const std::map<std::string_view, const char *> classes = {
      {"ASCII", "\\x00-\\x7F"},
      {"Print", "\\x20-\\x7E"},
      {"Graph", "\\x21-\\x7E"},
      {"Alpha", "A-Za-z"},
      {"Digit", "0-9"},
      {"Alnum", "0-9A-Za-z"},
      {"Upper", "A-Z"},
      {"Lower", "a-z"},
      {"Punct", "!-/:-@\\[-`{-~"},
      {"Space", "\\t-\\r "},
      {"XDigit", "0-9A-Fa-f"},
      {"Blank", "\\t "},
      {"Cntrl", "\\x00-\\x1F\\x7F"},
  };
  auto it = classes.find(name);
  return it == classes.end() ? nullptr : it->second;
}

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

class Translator {
public:
  Translator(std::string_view in, int max_count) : in_(in), max_count_(max_count) {}

  std::optional<std::string> run() {
    while (i_ < in_.size()) {
      if (!(in_class_ ? step_class() : step())) {
        return std::nullopt;
      }
    }
    if (in_class_) {
      return std::nullopt;
    }
    return out_;
  }

  bool widened() const { return widened_; }

private:
  // Index of the ')' closing the group that opens at `open`, or npos.
  size_t group_end(size_t open) const {
    int depth = 0;
    bool cls = false;
    for (size_t k = open; k < in_.size(); ++k) {
      char c = in_[k];
      if (c == '\\') {
        ++k;
        continue;
      }
      if (cls) {
        if (c == ']') {
          cls = false;
        }
        continue;
      }
      if (c == '[') {
        cls = true;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0) {
        return k;
      }
    }
    return std::string_view::npos;
  }

  // Parses a {n}, {n,}, {n,m} or {,m} quantifier at i_. Returns its length (0 if not one).
  size_t parse_count(long &lo, long &hi) const {
    size_t k = i_ + 1;
    auto digits = [&](long &v) {
      size_t start = k;
      v = 0;
      while (k < in_.size() && std::isdigit(static_cast<unsigned char>(in_[k]))) {
        v = std::min<long>(v * 10 + (in_[k] - '0'), 1000000);
        ++k;
      }
      return k > start;
    };
    bool has_lo = digits(lo);
    hi = lo;
    if (k < in_.size() && in_[k] == ',') {
      ++k;
      if (!digits(hi)) {
        hi = -1;
      }
      if (!has_lo) {
        lo = 0;
        if (hi < 0) {
          return 0;
        }
      }
    } else if (!has_lo) {
      return 0;
    }
    if (k >= in_.size() || in_[k] != '}') {
      return 0;
    }
    return k + 1 - i_;
  }

  void skip_lazy_marker() {
    if (i_ < in_.size() && in_[i_] == '?') {
      ++i_;
    }
  }

  // Drops a quantifier that follows something RE2 cannot repeat (an anchor, a removed
  // lookaround). Repeating an assertion never changes what matches.
  void skip_quantifier() {
    if (i_ >= in_.size()) {
      return;
    }
    char c = in_[i_];
    if (c == '*' || c == '+' || c == '?') {
      ++i_;
      skip_lazy_marker();
    } else if (c == '{') {
      long lo, hi;
      if (size_t n = parse_count(lo, hi)) {
        i_ += n;
        skip_lazy_marker();
      }
    }
  }

  bool step() {
    char c = in_[i_];
    switch (c) {
    case '\\':
      return escape(false);
    case '(': {
      std::string_view rest = in_.substr(i_);
      if (rest.starts_with("(?=") || rest.starts_with("(?!") || rest.starts_with("(?<=") ||
          rest.starts_with("(?<!")) {
        size_t end = group_end(i_);
        if (end == std::string_view::npos) {
          return false;
        }
        i_ = end + 1;
        widened_ = true;
        skip_quantifier();
        quantifiable_ = false;
        return true;
      }
      quantifiable_ = false;
      if (rest.starts_with("(?<") || rest.starts_with("(?P<")) {
        size_t close = in_.find('>', i_);
        if (close == std::string_view::npos) {
          return false;
        }
        size_t name_at = i_ + (rest[2] == 'P' ? 4 : 3);
        out_ += "(?P<" + std::string(in_.substr(name_at, close - name_at)) + ">";
        i_ = close + 1;
        return true;
      }
      if (rest.starts_with("(?")) {
        // Non-capturing group or inline flags: (?:, (?i), (?i:, (?-i:...
        out_ += "(?";
        i_ += 2;
        while (i_ < in_.size() &&
               (std::isalpha(static_cast<unsigned char>(in_[i_])) || in_[i_] == '-')) {
          out_ += in_[i_++];
        }
        if (i_ < in_.size() && (in_[i_] == ':' || in_[i_] == ')')) {
          out_ += in_[i_++];
        }
        return true;
      }
      out_ += '(';
      ++i_;
      return true;
    }
    case ')':
      out_ += ')';
      ++i_;
      quantifiable_ = true;
      return true;
    case '[':
      out_ += '[';
      ++i_;
      in_class_ = true;
      class_items_ = 0;
      last_was_class_escape_ = false;
      if (i_ < in_.size() && in_[i_] == '^') {
        out_ += '^';
        ++i_;
      }
      if (i_ < in_.size() && in_[i_] == ']') {
        return false; // ECMA's empty class [] or [^]: no RE2 spelling worth the risk
      }
      return true;
    case '{': {
      long lo, hi;
      size_t n = parse_count(lo, hi);
      if (n == 0) {
        out_ += "\\{";
        ++i_;
        quantifiable_ = true;
        return true;
      }
      i_ += n;
      if (!quantifiable_) {
        skip_lazy_marker();
        return true;
      }
      if (lo > max_count_ || hi > max_count_) {
        widened_ = true;
        if (lo > max_count_) {
          lo = max_count_;
        }
        hi = -1;
      }
      out_ += '{' + std::to_string(lo);
      if (hi != lo) {
        out_ += ',';
        if (hi >= 0) {
          out_ += std::to_string(hi);
        }
      }
      out_ += '}';
      if (i_ < in_.size() && in_[i_] == '?') {
        out_ += '?';
        ++i_;
      }
      quantifiable_ = false;
      return true;
    }
    case '}':
      out_ += "\\}";
      ++i_;
      quantifiable_ = true;
      return true;
    case '*':
    case '+':
    case '?':
      ++i_;
      if (quantifiable_) {
        out_ += c;
        if (i_ < in_.size() && in_[i_] == '?') {
          out_ += '?';
          ++i_;
        }
      }
      quantifiable_ = false;
      return true;
    case '^':
    case '$':
      out_ += c;
      ++i_;
      quantifiable_ = false;
      return true;
    default:
      out_ += c;
      ++i_;
      quantifiable_ = true;
      return true;
    }
  }

  bool step_class() {
    char c = in_[i_];
    if (c == ']') {
      out_ += ']';
      ++i_;
      in_class_ = false;
      quantifiable_ = true;
      return true;
    }
    if (c == '\\') {
      bool ok = escape(true);
      ++class_items_;
      return ok;
    }
    if (c == '[') {
      out_ += "\\[";
    } else if (c == '-') {
      // ECMA reads '-' next to a class escape ([\w-.]) as a literal; RE2 calls it a bad range.
      bool next_is_class_escape =
          i_ + 2 < in_.size() && in_[i_ + 1] == '\\' &&
          std::string_view("dDwWsSpP").find(in_[i_ + 2]) != std::string_view::npos;
      bool at_edge = class_items_ == 0 || (i_ + 1 < in_.size() && in_[i_ + 1] == ']');
      out_ += (last_was_class_escape_ || next_is_class_escape || at_edge) ? "\\-" : "-";
    } else {
      out_ += c;
    }
    ++i_;
    ++class_items_;
    last_was_class_escape_ = false;
    return true;
  }

  // Handles a backslash escape at i_.
  bool escape(bool cls) {
    if (i_ + 1 >= in_.size()) {
      return false;
    }
    char e = in_[i_ + 1];
    i_ += 2;
    last_was_class_escape_ = false;
    quantifiable_ = true;
    switch (e) {
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 's':
    case 'S':
      out_ += '\\';
      out_ += e;
      last_was_class_escape_ = cls;
      return true;
    case 'b':
      out_ += cls ? "\\x08" : "\\b";
      quantifiable_ = cls;
      return true;
    case 'B':
      if (cls) {
        return false;
      }
      out_ += "\\B";
      quantifiable_ = false;
      return true;
    case 'A':
    case 'Z':
    case 'z':
      if (cls) {
        out_ += e;
        return true;
      }
      out_ += e == 'A' ? "\\A" : "\\z";
      quantifiable_ = false;
      return true;
    case 'n':
    case 'r':
    case 't':
    case 'f':
    case 'v':
      out_ += '\\';
      out_ += e;
      return true;
    case '0':
      out_ += "\\x00";
      return true;
    case 'x':
      if (i_ + 1 < in_.size() && is_hex(in_[i_]) && is_hex(in_[i_ + 1])) {
        out_ += "\\x";
        out_ += in_.substr(i_, 2);
        i_ += 2;
      } else {
        out_ += 'x';
      }
      return true;
    case 'u': {
      if (i_ < in_.size() && in_[i_] == '{') {
        size_t close = in_.find('}', i_);
        if (close == std::string_view::npos) {
          return false;
        }
        out_ += "\\x{" + std::string(in_.substr(i_ + 1, close - i_ - 1)) + "}";
        i_ = close + 1;
        return true;
      }
      if (i_ + 4 <= in_.size() && is_hex(in_[i_]) && is_hex(in_[i_ + 1]) && is_hex(in_[i_ + 2]) &&
          is_hex(in_[i_ + 3])) {
        out_ += "\\x{" + std::string(in_.substr(i_, 4)) + "}";
        i_ += 4;
      } else {
        out_ += 'u';
      }
      return true;
    }
    case 'p':
    case 'P': {
      std::string name;
      if (i_ < in_.size() && in_[i_] == '{') {
        size_t close = in_.find('}', i_);
        if (close == std::string_view::npos) {
          return false;
        }
        name = std::string(in_.substr(i_ + 1, close - i_ - 1));
        i_ = close + 1;
      } else if (i_ < in_.size()) {
        name = std::string(1, in_[i_]);
        ++i_;
      } else {
        return false;
      }
      std::string_view bare = name;
      if (bare.starts_with("Is")) {
        bare.remove_prefix(2); // Java's \p{IsAlphabetic}-style prefix
      }
      if (const char *ranges = posix_class_ranges(bare)) {
        if (cls) {
          if (e == 'P') {
            return false;
          }
          out_ += ranges;
        } else {
          out_ += e == 'p' ? "[" : "[^";
          out_ += ranges;
          out_ += ']';
        }
      } else {
        out_ += '\\';
        out_ += e;
        out_ += '{' + std::string(bare) + '}';
      }
      last_was_class_escape_ = cls;
      return true;
    }
    case 'c':
      return false;
    case 'k':
      if (i_ < in_.size() && in_[i_] == '<') {
        return false;
      }
      out_ += 'k';
      return true;
    default:
      if (e >= '1' && e <= '9') {
        return false; // backreference
      }
      if (std::isalnum(static_cast<unsigned char>(e)) || e == '_' ||
          static_cast<unsigned char>(e) >= 0x80) {
        out_ += e; // ECMA identity escape: the character itself
      } else {
        out_ += '\\';
        out_ += e;
      }
      return true;
    }
  }

  std::string_view in_;
  int max_count_;
  size_t i_ = 0;
  std::string out_;
  bool in_class_ = false;
  int class_items_ = 0;
  bool last_was_class_escape_ = false;
  bool quantifiable_ = false;
  bool widened_ = false;
};

std::optional<std::string> translate_with(std::string_view ecma, int max_count, bool *widened) {
  Translator t(ecma, max_count);
  auto out = t.run();
  if (widened) {
    *widened = t.widened();
  }
  return out;
}

std::unique_ptr<RE2> compile(std::string_view ecma, bool &widened, bool latin1 = false) {
  RE2::Options options;
  options.set_log_errors(false);
  if (latin1)
    options.set_encoding(RE2::Options::EncodingLatin1);
  // RE2's own repeat limit is 1000; a pattern whose counted repeats of Unicode classes exceed the
  // program size limit is retried with small counts widened to open-ended repeats.
  for (int max_count : {1000, 64}) {
    bool w = false;
    auto translated = translate_with(ecma, max_count, &w);
    if (!translated) {
      return nullptr;
    }
    auto re = std::make_unique<RE2>(*translated, options);
    if (re->ok()) {
      widened = w;
      return re;
    }
  }
  return nullptr;
}

struct Cache {
  std::shared_mutex mutex;
  std::map<std::string, std::unique_ptr<RE2>, std::less<>> patterns;
  // The same patterns compiled over Latin-1, for ASCII text only (see ascii_pattern).
  std::map<std::string, std::unique_ptr<RE2>, std::less<>> latin1_patterns;
  PatternStats stats;
};

Cache &cache() {
  static Cache instance;
  return instance;
}

} // namespace

std::optional<std::string> translate_pattern(std::string_view ecma, bool *widened) {
  return translate_with(ecma, 1000, widened);
}

const RE2 *compiled_pattern(std::string_view ecma) {
  Cache &c = cache();
  {
    std::shared_lock lock(c.mutex);
    auto it = c.patterns.find(ecma);
    if (it != c.patterns.end()) {
      return it->second.get();
    }
  }
  bool widened = false;
  auto re = compile(ecma, widened);
  std::unique_lock lock(c.mutex);
  auto [it, inserted] = c.patterns.emplace(std::string(ecma), std::move(re));
  if (inserted) {
    if (!it->second) {
      ++c.stats.skipped;
    } else {
      ++c.stats.compiled;
      c.stats.widened += widened ? 1 : 0;
    }
  }
  return it->second.get();
}

namespace {

bool is_ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80)
      return false;
  return true;
}

// The pattern for matching ASCII text. Over Latin-1 a Unicode class such as \p{L} is at most 256
// byte values instead of thousands of UTF-8 sequences, so patterns like the tag patterns
// (`^([\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128})$`) compile in a fraction of the time; and for ASCII
// text every construct means the same in both encodings (non-ASCII literals of the pattern match
// no ASCII character in either). Falls back to the UTF-8 pattern when Latin-1 cannot express it.
const RE2 *ascii_pattern(std::string_view ecma) {
  Cache &c = cache();
  {
    std::shared_lock lock(c.mutex);
    auto it = c.latin1_patterns.find(ecma);
    if (it != c.latin1_patterns.end())
      return it->second ? it->second.get() : compiled_pattern(ecma);
  }
  bool widened = false;
  auto re = compile(ecma, widened, /*latin1=*/true);
  const RE2 *out = nullptr;
  {
    std::unique_lock lock(c.mutex);
    auto [it, inserted] = c.latin1_patterns.emplace(std::string(ecma), std::move(re));
    out = it->second.get();
  }
  return out ? out : compiled_pattern(ecma);
}

const RE2 *pattern_for(std::string_view ecma, std::string_view text) {
  return is_ascii(text) ? ascii_pattern(ecma) : compiled_pattern(ecma);
}

// A whole pattern of the shape `^ATOM{lo,hi}$` (or `\Z`), ATOM one character: a class, `.`,
// an escape or a literal. The registry's name patterns are mostly this shape
// (`^[.\-_/#A-Za-z0-9]{1,512}\Z`), and RE2 unrolls a counted repeat into a copy of the atom per
// count: compiling one took longer than deploying a resource. Matching `^ATOM*$` and counting
// characters accepts exactly the same strings.
struct BoundedRepeat {
  std::string unbounded; // the pattern with the count replaced by `*`
  long lo = 0;
  long hi = 0;
};

size_t atom_length(std::string_view p, size_t i) {
  if (i >= p.size())
    return 0;
  if (p[i] == '[') {
    size_t k = i + 1;
    if (k < p.size() && p[k] == '^')
      ++k;
    if (k < p.size() && p[k] == ']')
      ++k; // a leading ']' is a member
    for (; k < p.size(); ++k) {
      if (p[k] == '\\')
        ++k;
      else if (p[k] == '[')
        return 0; // nested classes (Java's intersections): leave to the translator
      else if (p[k] == ']')
        return k + 1 - i;
    }
    return 0;
  }
  if (p[i] == '\\') {
    if (i + 1 >= p.size())
      return 0;
    char e = p[i + 1];
    if (e == 'p' || e == 'P') {
      size_t close = p.find('}', i);
      return p.size() > i + 2 && p[i + 2] == '{' && close != std::string_view::npos ? close + 1 - i
                                                                                    : 0;
    }
    // Single-character escapes only: \b, \B, backreferences and \x/\u sequences are not atoms here.
    return std::string_view("dDwWsS.-_/\\^$|?*+()[]{}#:=!@,").find(e) != std::string_view::npos ? 2
                                                                                                : 0;
  }
  if (std::string_view("()|?*+{}^$").find(p[i]) != std::string_view::npos)
    return 0;
  return static_cast<unsigned char>(p[i]) < 0x80 ? 1 : 0;
}

std::optional<BoundedRepeat> bounded_repeat(std::string_view p) {
  if (p.size() < 6 || p[0] != '^')
    return std::nullopt;
  size_t end;
  if (p.ends_with("\\Z"))
    end = p.size() - 2;
  else if (p.ends_with('$') && !p.ends_with("\\$"))
    end = p.size() - 1;
  else
    return std::nullopt;
  size_t atom = atom_length(p, 1);
  if (atom == 0 || 1 + atom >= end || p[1 + atom] != '{' || p[end - 1] != '}')
    return std::nullopt;
  std::string_view count = p.substr(2 + atom, end - 1 - (2 + atom));
  size_t comma = count.find(',');
  auto number = [](std::string_view d, long &v) {
    if (d.empty() || d.size() > 6)
      return false;
    v = 0;
    for (char c : d) {
      if (!std::isdigit(static_cast<unsigned char>(c)))
        return false;
      v = v * 10 + (c - '0');
    }
    return true;
  };
  BoundedRepeat out;
  if (comma == std::string_view::npos) {
    if (!number(count, out.lo))
      return std::nullopt;
    out.hi = out.lo;
  } else if (!number(count.substr(0, comma), out.lo) || !number(count.substr(comma + 1), out.hi)) {
    return std::nullopt;
  }
  // Small counts compile quickly as they are; the rewrite pays off for long ones.
  if (out.hi < 16 || out.lo > out.hi)
    return std::nullopt;
  out.unbounded = std::string(p.substr(0, 1 + atom)) + "*" + std::string(p.substr(end));
  return out;
}

// Characters as RE2 counts them (code points of UTF-8 text).
size_t characters(std::string_view text) {
  size_t n = 0;
  for (char c : text)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

} // namespace

bool pattern_search(std::string_view ecma, std::string_view text) {
  // Text with a newline takes the plain path: the anchors' treatment of a final newline is the
  // translator's business, not the character count's.
  auto bounded = text.find('\n') == std::string_view::npos ? bounded_repeat(ecma) : std::nullopt;
  if (bounded) {
    size_t n = characters(text);
    if (n < static_cast<size_t>(bounded->lo) || n > static_cast<size_t>(bounded->hi))
      return false;
    const RE2 *re = pattern_for(bounded->unbounded, text);
    return re == nullptr || RE2::PartialMatch(text, *re);
  }
  const RE2 *re = pattern_for(ecma, text);
  return re == nullptr || RE2::PartialMatch(text, *re);
}

bool pattern_full_match(std::string_view ecma, std::string_view text) {
  const RE2 *re = pattern_for(ecma, text);
  return re == nullptr ? ecma == text : RE2::FullMatch(text, *re);
}

PatternStats pattern_stats() {
  Cache &c = cache();
  std::shared_lock lock(c.mutex);
  return c.stats;
}

} // namespace cfnlocal::schema
