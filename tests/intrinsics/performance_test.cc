// Evaluation runs for every resource of large stacks: it must not copy or rescan the template per
// call. This builds a 5,000-resource template with Ref/GetAtt/Sub/Join chains and evaluates every
// resource's properties twice: partially (nothing created yet) and fully.
#include "intrinsics/evaluator.h"
#include "intrinsics/functions.h"
#include "intrinsics/references.h"

#include "test_env.h"

#include <chrono>
#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

class AllKnown : public Lookup {
public:
  std::optional<Value> ref_resource(std::string_view id) override {
    return Value("phys-" + std::string(id));
  }
  std::optional<Value> get_att(std::string_view id, std::string_view a) override {
    return Value("arn:aws:x:::" + std::string(id) + "/" + std::string(a));
  }
};

std::string big_template(int n) {
  std::string t = "Parameters:\n  Env: {Type: String, Default: prod}\nConditions:\n  IsProd: "
                  "!Equals [!Ref Env, prod]\n"
                  "Mappings:\n  M: {us-east-1: {Size: '10'}}\nResources:\n";
  for (int i = 0; i < n; ++i) {
    std::string prev = "R" + std::to_string(i == 0 ? 0 : i - 1);
    t += "  R" + std::to_string(i) +
         ":\n    Type: AWS::SQS::Queue\n    Properties:\n"
         "      QueueName: !Sub '${AWS::StackName}-${Env}-q" +
         std::to_string(i) +
         "'\n"
         "      Policy: !Join ['', ['arn:', !Ref AWS::Partition, ':', !GetAtt " +
         prev +
         ".Arn]]\n"
         "      Redrive: {deadLetterTargetArn: !Ref " +
         prev +
         ", maxReceiveCount: !FindInMap [M, !Ref AWS::Region, Size]}\n"
         "      Tags: [{Key: a, Value: !If [IsProd, !Sub '${" +
         prev + ".Arn}-x', !Ref AWS::NoValue]}]\n";
  }
  return t;
}

TEST(Performance, FiveThousandResources) {
  const int n = 5000;
  Env env(big_template(n));
  const Value &resources = *env.index.resources();
  auto run = [&](Lookup &lookup) {
    env.context.lookup = &lookup;
    auto t0 = std::chrono::steady_clock::now();
    size_t resolved = 0;
    for (const auto &r : resources.as_object()) {
      Value v = evaluate(*r.value.find("Properties"), env.context);
      resolved += is_resolved(v);
    }
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return std::make_pair(ms, resolved);
  };
  Lookup unknown;
  auto [partial_ms, partial_resolved] = run(unknown);
  AllKnown known;
  auto [full_ms, full_resolved] = run(known);
  auto t0 = std::chrono::steady_clock::now();
  size_t refs = 0;
  for (const auto &r : resources.as_object())
    refs += find_references(r.value, env.index).size();
  double refs_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "[ perf ] %d resources: partial evaluation %.1f ms, full %.1f ms, references %.1f ms (%zu)\n",
      n, partial_ms, full_ms, refs_ms, refs);
  EXPECT_EQ(partial_resolved, 0u);
  EXPECT_EQ(full_resolved, static_cast<size_t>(n));
  EXPECT_EQ(refs, static_cast<size_t>(n) * 9);
  // Generous bounds for a shared 2-core machine; typical numbers are far lower.
  EXPECT_LT(partial_ms, 2000);
  EXPECT_LT(full_ms, 2000);
}

} // namespace
