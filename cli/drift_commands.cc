// The drift verbs of `aws cloudformation`: detect-stack-drift, detect-stack-resource-drift,
// describe-stack-drift-detection-status, describe-stack-resource-drifts. Detection runs at once
// (a local read is fast), so the detection is complete when detect-stack-drift returns.
#include "cli/commands.h"
#include "cli/verb_support.h"

#include "engine/drift.h"
#include "engine/engine.h"

#include <fmt/format.h>
#include <iostream>

namespace cfnlocal::cli {

namespace {

void print_drift_text(const engine::ResourceDrift &d) {
  std::cout << fmt::format("{:<10} {} ({}) {}\n", d.status, d.logical_id, d.resource_type,
                           d.physical_id);
  for (const auto &p : d.differences)
    std::cout << fmt::format("  {} {}: expected {} actual {}\n", p.difference_type, p.path,
                             p.expected_value.empty() ? "-" : p.expected_value,
                             p.actual_value.empty() ? "-" : p.actual_value);
}

struct DriftArgs {
  std::string stack_name;
  std::vector<std::string> logical_ids;
  std::string detection_id;
  std::vector<std::string> status_filters;
};

void add_drift_commands(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto args = std::make_shared<DriftArgs>();

  auto *detect = app.add_subcommand(
      "detect-stack-drift", "Compare each resource with what the stack deployed (read handlers)");
  add_global_options(*detect, global);
  detect->add_option("--stack-name", args->stack_name, "Stack name or id")->required();
  detect->add_option("--logical-resource-ids", args->logical_ids, "Only these resources");
  detect->callback([args, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      engine::Engine engine(engine_config(global));
      auto d = engine.detect_stack_drift(args->stack_name, args->logical_ids);
      if (global.output == "json") {
        print_json(Json{{"StackDriftDetectionId", d.detection_id}});
      } else {
        std::cout << fmt::format("{}: {} ({} of {} resources drifted), detection {}\n",
                                 args->stack_name, d.stack_drift_status, d.drifted_resource_count,
                                 d.resources.size(), d.detection_id);
        for (const auto &r : d.resources)
          if (r.status != "IN_SYNC")
            print_drift_text(r);
      }
      return kExitOk;
    });
  });

  auto *one = app.add_subcommand("detect-stack-resource-drift", "Detect drift on one resource");
  add_global_options(*one, global);
  one->add_option("--stack-name", args->stack_name, "Stack name or id")->required();
  auto *logical = one->add_option("--logical-resource-id", args->logical_ids, "Logical ID");
  logical->required()->expected(1);
  one->callback([args, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      engine::Engine engine(engine_config(global));
      auto d = engine.detect_stack_drift(args->stack_name, args->logical_ids);
      if (d.resources.empty())
        throw Error(fmt::format("Resource {} was never created and has no drift to detect",
                                args->logical_ids.front()));
      if (global.output == "json")
        print_json(Json{{"StackResourceDrift", engine::drift_json(d.resources.front())}});
      else
        print_drift_text(d.resources.front());
      return kExitOk;
    });
  });

  auto *status = app.add_subcommand("describe-stack-drift-detection-status",
                                    "The outcome of a detect-stack-drift");
  add_global_options(*status, global);
  status->add_option("--stack-drift-detection-id", args->detection_id, "Detection id")->required();
  status->callback([args, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      engine::Engine engine(engine_config(global));
      auto d = engine.drift_detection(args->detection_id);
      if (!d)
        throw Error(fmt::format("Drift detection [{}] does not exist", args->detection_id));
      if (global.output == "json")
        print_json(engine::detection_status_json(*d));
      else
        std::cout << fmt::format("{} {} ({} drifted)\n", d->detection_status, d->stack_drift_status,
                                 d->drifted_resource_count);
      return kExitOk;
    });
  });

  auto *drifts = app.add_subcommand("describe-stack-resource-drifts",
                                    "Each resource's drift from the last detect-stack-drift");
  add_global_options(*drifts, global);
  drifts->add_option("--stack-name", args->stack_name, "Stack name or id")->required();
  drifts->add_option("--stack-resource-drift-status-filters", args->status_filters,
                     "IN_SYNC, MODIFIED, DELETED, NOT_CHECKED");
  drifts->callback([args, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      for (const auto &f : args->status_filters)
        if (f != "IN_SYNC" && f != "MODIFIED" && f != "DELETED" && f != "NOT_CHECKED")
          throw Error(fmt::format("--stack-resource-drift-status-filters: unknown status {}", f));
      engine::Engine engine(engine_config(global));
      auto d = engine.last_stack_drift(args->stack_name);
      if (!d)
        throw Error(fmt::format("No drift detection has been run on stack {}; run "
                                "detect-stack-drift first",
                                args->stack_name));
      Json list = Json::array();
      for (const auto &r : d->resources) {
        if (!args->status_filters.empty() &&
            std::find(args->status_filters.begin(), args->status_filters.end(), r.status) ==
                args->status_filters.end())
          continue;
        if (global.output == "json")
          list.push_back(engine::drift_json(r));
        else
          print_drift_text(r);
      }
      if (global.output == "json")
        print_json(Json{{"StackResourceDrifts", list}});
      return kExitOk;
    });
  });
}

const CommandRegistration registration("d-drift", add_drift_commands);

} // namespace

} // namespace cfnlocal::cli
