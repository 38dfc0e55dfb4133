#pragma once
/// \file
/// How a running stack operation tells the user what happens (ninja's Status): one call per
/// stack event as the engine records it. The CLI picks a terminal reporter (one line per
/// resource state change, elapsed time first), a JSON-lines reporter, or the quiet one tests use.

#include "state/records.h"

#include <chrono>
#include <cstdio>
#include <memory>

namespace cfnlocal::engine {

class Reporter {
public:
  virtual ~Reporter() = default;
  /// Called after `event` is committed to the state file. Values of NoEcho parameters are
  /// already masked in it.
  virtual void on_event(const state::StackEvent &event) = 0;
};

/// Says nothing (tests, --output json where only the final shape is printed).
class QuietReporter : public Reporter {
public:
  void on_event(const state::StackEvent &) override {}
};

/// "  0.012s  CREATE_COMPLETE       AWS::S3::Bucket   Bucket  reason" lines on `out`, coloured
/// when `colour`.
class TerminalReporter : public Reporter {
public:
  explicit TerminalReporter(std::FILE *out, bool colour);
  void on_event(const state::StackEvent &event) override;

private:
  std::FILE *out_;
  bool colour_;
  std::chrono::steady_clock::time_point start_;
};

/// One JSON object per event (the AWS StackEvent shape) per line on `out`.
class JsonLinesReporter : public Reporter {
public:
  explicit JsonLinesReporter(std::FILE *out) : out_(out) {}
  void on_event(const state::StackEvent &event) override;

private:
  std::FILE *out_;
};

/// The AWS StackEvent shape of an event (describe-stack-events' items).
Json event_json(const state::StackEvent &event);

} // namespace cfnlocal::engine
