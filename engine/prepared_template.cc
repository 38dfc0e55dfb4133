#include "engine/prepared_template.h"

#include "intrinsics/rules.h"
#include "parser/json.h"
#include "parser/reader.h"
#include "parser/template.h"
#include "transforms/transform.h"

namespace cfnlocal::engine {

intrinsics::Context PreparedTemplate::context(intrinsics::Lookup *lookup,
                                              bool dynamic_references) const {
  intrinsics::Context c;
  c.index = index.get();
  c.parameters = &parameters;
  c.pseudo = &pseudo;
  c.conditions = &conditions;
  c.lookup = lookup;
  c.resolve_dynamic_references = dynamic_references;
  return c;
}

std::string PreparedTemplate::description() const {
  const Value *d = processed->find("Description");
  return d && d->is_string() ? d->as_string() : std::string();
}

namespace {

PreparedTemplate finish(std::string body, Value processed, const PrepareInputs &inputs,
                        intrinsics::Lookup &lookup) {
  auto problems = structure_diagnostics(processed);
  if (!problems.empty())
    throw Error(problems.front());
  PreparedTemplate t;
  t.body = std::move(body);
  t.processed = std::make_unique<Value>(std::move(processed));
  t.index = std::make_unique<intrinsics::TemplateIndex>(*t.processed);
  t.pseudo = inputs.pseudo;
  t.parameters =
      intrinsics::bind_parameters(t.index->parameters(), inputs.parameter_values, lookup);
  intrinsics::Context c = t.context(&lookup, false);
  t.conditions = intrinsics::evaluate_conditions(c);
  // Rules run against the parameters before anything is created; AWS reports the first failed
  // assertion's AssertDescription.
  auto rules = intrinsics::evaluate_rules(t.context(&lookup, false));
  if (!rules.ok())
    throw Error(rules.failures.front().message, rules.failures.front().mark);
  for (const auto &m : t.index->resources()->as_object()) {
    std::string_view condition = t.index->resource_condition(m.key);
    if (condition.empty()) {
      t.active.push_back(m.key);
      continue;
    }
    auto holds = t.conditions.get(condition);
    const Value *attr = m.value.find("Condition");
    if (!holds)
      throw Error("Template format error: Unresolved dependencies [" + std::string(condition) +
                      "]. Cannot reference resources in the Conditions block of the template",
                  attr ? attr->mark() : Mark{});
    if (*holds)
      t.active.push_back(m.key);
  }
  return t;
}

} // namespace

PreparedTemplate prepare_template(std::string body, const PrepareInputs &inputs,
                                  intrinsics::Lookup &lookup) {
  Value document = read_document(body, inputs.file_name);
  return prepare_template(std::move(body), std::move(document), inputs, lookup);
}

PreparedTemplate prepare_template(std::string body, Value document, const PrepareInputs &inputs,
                                  intrinsics::Lookup &lookup) {
  transforms::TransformOptions options;
  options.region = inputs.pseudo.region;
  options.parameter_overrides = inputs.parameter_values;
  options.pseudo = &inputs.pseudo;
  options.lookup = &lookup;
  options.s3_object = inputs.s3_object;
  options.macro = inputs.macro;
  Value processed = transforms::apply_transforms(document, options);
  return finish(std::move(body), std::move(processed), inputs, lookup);
}

PreparedTemplate prepare_recorded(const std::string &body, const std::string &processed_json,
                                  const PrepareInputs &inputs, intrinsics::Lookup &lookup) {
  Value processed = processed_json.empty() ? read_document(body, inputs.file_name)
                                           : read_document(processed_json, inputs.file_name);
  return finish(body, std::move(processed), inputs, lookup);
}

} // namespace cfnlocal::engine
