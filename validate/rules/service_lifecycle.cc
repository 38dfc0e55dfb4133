// E3710, W3696, W3697: resource types of AWS services that have been shut down, are being sunset,
// or are in maintenance mode (the services' end-of-support announcements). Matched by type-name
// prefix: "AWS::OpsWorks::" covers every OpsWorks type, "AWS::AutoScaling::LaunchConfiguration"
// one type.
#include "validate/rules/helpers.h"

#include <array>
#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

enum class Phase { ShutDown, Sunsetting, Maintenance };

struct Service {
  std::string_view prefix;
  Phase phase;
  std::string_view date;
};

constexpr std::array<Service, 21> kServices = {{
    {"AWS::CodeStar::", Phase::ShutDown, "2024-07-25"},
    {"AWS::Evidently::", Phase::ShutDown, "2025-10-17"},
    {"AWS::IoTAnalytics::", Phase::ShutDown, "2025-12-15"},
    {"AWS::IoTEvents::", Phase::ShutDown, "2026-05-20"},
    {"AWS::IoTThingsGraph::", Phase::ShutDown, "2022-11-09"},
    {"AWS::OpsWorks::", Phase::ShutDown, "2024-05-01"},
    {"AWS::QLDB::", Phase::ShutDown, "2025-07-31"},
    {"AWS::AppMesh::", Phase::Sunsetting, "2026-09-30"},
    {"AWS::FinSpace::", Phase::Sunsetting, "2026-10-07"},
    {"AWS::FraudDetector::", Phase::Sunsetting, "2025-11-07"},
    {"AWS::Greengrass::", Phase::Sunsetting, "2026-10-01"},
    {"AWS::Inspector::", Phase::Sunsetting, "2026-05-20"},
    {"AWS::MediaStore::", Phase::Sunsetting, "2025-11-13"},
    {"AWS::Pinpoint::", Phase::Sunsetting, "2026-10-30"},
    {"AWS::Proton::", Phase::Sunsetting, "2026-10-07"},
    {"AWS::SimSpaceWeaver::", Phase::Sunsetting, "2026-05-20"},
    {"AWS::AutoScaling::LaunchConfiguration", Phase::Maintenance, "2024-10-01"},
    {"AWS::Cloud9::", Phase::Maintenance, "2024-07-25"},
    {"AWS::CodeGuruReviewer::", Phase::Maintenance, "2025-10-07"},
    {"AWS::Forecast::", Phase::Maintenance, "2024-07-29"},
    {"AWS::Timestream::", Phase::Maintenance, "2025-06-20"},
}};

void run(const Context &ctx, Reporter &out, Phase wanted) {
  const Value *res = ctx.resources();
  if (!res)
    return;
  for (const auto &r : res->as_object()) {
    std::string_view type = ctx.resource_type(r.key);
    if (type.empty())
      continue;
    for (const auto &s : kServices) {
      if (s.phase != wanted || type.substr(0, s.prefix.size()) != s.prefix)
        continue;
      if (s.prefix.back() != ':' && type != s.prefix)
        continue;
      const Value::Member *t = r.value.find_member("Type");
      std::string message =
          wanted == Phase::ShutDown
              ? fmt::format("Resource type '{}' is from a service that was shut down on {}", type,
                            s.date)
          : wanted == Phase::Sunsetting
              ? fmt::format("Resource type '{}' is from a service that will be shut down on {}. "
                            "Plan to migrate to an alternative",
                            type, s.date)
              : fmt::format("Resource type '{}' is from a service in maintenance mode since {}. "
                            "Consider migrating to an alternative",
                            type, s.date);
      const Value::Member *props = r.value.find_member("Properties");
      // cfn-lint points at Properties when present; the Type otherwise.
      const Mark &m = props ? props->key_mark : t ? t->key_mark : r.key_mark;
      out.report(m, join_path("Resources", r.key) + (props ? "/Properties" : "/Type"), message);
      break;
    }
  }
}

void shut_down(const Context &ctx, Reporter &out) { run(ctx, out, Phase::ShutDown); }
void sunsetting(const Context &ctx, Reporter &out) { run(ctx, out, Phase::Sunsetting); }
void maintenance(const Context &ctx, Reporter &out) { run(ctx, out, Phase::Maintenance); }

} // namespace

extern const Rule kServiceShutDown{"E3710", Severity::Error, "Service shut down",
                                   "The resource type belongs to a service that has been shut "
                                   "down; it can no longer be created.",
                                   shut_down};
extern const Rule kServiceSunsetting{"W3696", Severity::Warning, "Service being sunset",
                                     "The resource type belongs to a service with an announced "
                                     "shutdown date.",
                                     sunsetting};
extern const Rule kServiceMaintenance{"W3697", Severity::Warning, "Service in maintenance mode",
                                      "The resource type belongs to a service in maintenance "
                                      "mode (no new features).",
                                      maintenance};

} // namespace cfnlocal::validate::rules
