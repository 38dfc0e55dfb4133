// E2533, E2531, W2531: Lambda runtimes past their deprecation dates (AWS Lambda Developer Guide,
// "Lambda runtimes": deprecation, block function create, block function update). Checked for
// literal Runtime values of AWS::Lambda::Function, each Fn::If branch included, against today's
// date (UTC): past the update block date is E2533 (the function can no longer be updated), past
// the create block date E2531, past the deprecation date W2531.
#include "validate/rules/helpers.h"

#include <array>
#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

struct Runtime {
  std::string_view id;
  std::string_view deprecated, create_blocked, update_blocked; ///< YYYY-MM-DD
  std::string_view successor;
};

// The dates of the AWS Lambda deprecated-runtimes table (and the announced ones of the supported
// table).
constexpr std::array<Runtime, 38> kRuntimes = {{
    {"nodejs", "2016-08-30", "2016-09-30", "2016-10-31", "nodejs24.x"},
    {"nodejs4.3", "2020-03-05", "2020-02-03", "2020-03-05", "nodejs24.x"},
    {"nodejs4.3-edge", "2020-03-05", "2019-03-31", "2019-04-30", "nodejs24.x"},
    {"nodejs6.10", "2019-08-12", "2019-07-12", "2019-08-12", "nodejs24.x"},
    {"nodejs8.10", "2020-03-06", "2020-02-04", "2020-03-06", "nodejs24.x"},
    {"nodejs10.x", "2021-07-30", "2021-07-30", "2022-02-14", "nodejs24.x"},
    {"nodejs12.x", "2023-03-31", "2023-03-31", "2023-04-30", "nodejs24.x"},
    {"nodejs14.x", "2023-12-04", "2024-01-09", "2026-07-01", "nodejs24.x"},
    {"nodejs16.x", "2024-06-12", "2026-06-01", "2026-07-01", "nodejs24.x"},
    {"nodejs18.x", "2025-09-01", "2026-06-01", "2026-07-01", "nodejs24.x"},
    {"nodejs20.x", "2026-04-30", "2026-06-01", "2026-07-01", "nodejs24.x"},
    {"nodejs22.x", "2027-04-30", "2027-06-01", "2027-07-01", "nodejs24.x"},
    {"python2.7", "2021-07-15", "2021-07-15", "2022-05-30", "python3.14"},
    {"python3.6", "2022-07-18", "2022-07-18", "2022-08-29", "python3.14"},
    {"python3.7", "2023-12-04", "2024-01-09", "2026-03-09", "python3.14"},
    {"python3.8", "2024-10-14", "2026-06-01", "2026-07-01", "python3.14"},
    {"python3.9", "2025-12-15", "2026-06-01", "2026-07-01", "python3.14"},
    {"python3.10", "2026-06-30", "2026-07-31", "2026-08-31", "python3.14"},
    {"python3.11", "2026-06-30", "2026-07-31", "2026-08-31", "python3.14"},
    {"java8", "2024-01-08", "2024-02-08", "2026-07-01", "java25"},
    {"java8.al2", "2026-06-30", "2026-07-31", "2026-08-31", "java25"},
    {"java11", "2026-06-30", "2026-07-31", "2026-08-31", "java25"},
    {"java17", "2026-06-30", "2026-07-31", "2026-08-31", "java25"},
    {"dotnetcore1.0", "2019-06-27", "2019-06-30", "2019-07-30", "dotnet9"},
    {"dotnetcore2.0", "2019-05-30", "2019-04-30", "2019-05-30", "dotnet9"},
    {"dotnetcore2.1", "2022-01-05", "2022-01-05", "2022-04-13", "dotnet9"},
    {"dotnetcore3.1", "2023-04-03", "2023-04-03", "2023-05-03", "dotnet9"},
    {"dotnet6", "2024-12-20", "2026-06-01", "2026-07-01", "dotnet9"},
    {"dotnet8", "2026-11-10", "2026-12-10", "2027-01-11", "dotnet9"},
    {"ruby2.5", "2021-07-30", "2021-07-30", "2022-03-31", "ruby3.4"},
    {"ruby2.7", "2023-12-07", "2024-01-09", "2026-07-01", "ruby3.4"},
    {"ruby3.2", "2026-03-31", "2026-06-01", "2026-07-01", "ruby3.4"},
    {"ruby3.3", "2027-03-31", "2027-04-30", "2027-05-31", "ruby3.4"},
    {"go1.x", "2024-01-08", "2024-02-08", "2026-07-01", "provided.al2023"},
    {"provided", "2024-01-08", "2024-02-08", "2026-07-01", "provided.al2023"},
    {"provided.al2", "2026-06-30", "2026-07-31", "2026-08-31", "provided.al2023"},
    {"nodejs24.x", "2028-04-30", "2028-06-01", "2028-07-01", "nodejs24.x"},
    {"python3.12", "2028-10-31", "2028-11-30", "2029-01-10", "python3.14"},
}};

const Runtime *find(std::string_view id) {
  for (const auto &r : kRuntimes)
    if (r.id == id)
      return &r;
  return nullptr;
}

/// Literal runtime values of a Runtime property: the string, or the literals of each Fn::If
/// branch.
void literals(const Value &v, std::vector<const Value *> &out, int depth = 0) {
  if (v.is_string()) {
    out.push_back(&v);
    return;
  }
  if (depth < 8 && is_call(v, "Fn::If")) {
    const Value &arg = *v.find("Fn::If");
    if (arg.is_array() && arg.size() == 3) {
      literals(arg.as_array()[1], out, depth + 1);
      literals(arg.as_array()[2], out, depth + 1);
    }
  }
}

enum class Stage { Deprecated, CreateBlocked, UpdateBlocked };

void run(const Context &ctx, Reporter &out, Stage wanted) {
  const Value *res = ctx.resources();
  if (!res)
    return;
  const std::string now = ctx.today();
  for (const auto &r : res->as_object()) {
    if (ctx.resource_type(r.key) != "AWS::Lambda::Function")
      continue;
    const Value *props = r.value.find("Properties");
    const Value::Member *rt = props && props->is_object() ? props->find_member("Runtime") : nullptr;
    if (!rt)
      continue;
    std::vector<const Value *> values;
    literals(rt->value, values);
    for (const Value *v : values) {
      const Runtime *info = find(v->as_string());
      if (!info)
        continue;
      Stage stage;
      if (now >= info->update_blocked)
        stage = Stage::UpdateBlocked;
      else if (now >= info->create_blocked)
        stage = Stage::CreateBlocked;
      else if (now >= info->deprecated)
        stage = Stage::Deprecated;
      else
        continue;
      if (stage != wanted)
        continue;
      out.report(mark_or(*v, rt->key_mark), join_path("Resources", r.key) + "/Properties/Runtime",
                 fmt::format("Runtime '{}' was deprecated on '{}'. Creation was disabled on '{}' "
                             "and update on '{}'. Please consider updating to '{}'",
                             info->id, info->deprecated, info->create_blocked, info->update_blocked,
                             info->successor));
    }
  }
}

void update_blocked(const Context &ctx, Reporter &out) { run(ctx, out, Stage::UpdateBlocked); }
void create_blocked(const Context &ctx, Reporter &out) { run(ctx, out, Stage::CreateBlocked); }
void deprecated(const Context &ctx, Reporter &out) { run(ctx, out, Stage::Deprecated); }

} // namespace

extern const Rule kRuntimeUpdateBlocked{"E2533", Severity::Error,
                                        "Lambda runtime cannot be updated",
                                        "The Lambda runtime is past the date after which "
                                        "functions using it can no longer be updated.",
                                        update_blocked};
extern const Rule kRuntimeCreateBlocked{"E2531", Severity::Error,
                                        "Lambda runtime cannot be created",
                                        "The Lambda runtime is past the date after which new "
                                        "functions using it can no longer be created.",
                                        create_blocked};
extern const Rule kRuntimeDeprecated{"W2531", Severity::Warning, "Lambda runtime deprecated",
                                     "The Lambda runtime is deprecated (no more security "
                                     "patches); creation and update will be blocked later.",
                                     deprecated};

} // namespace cfnlocal::validate::rules
