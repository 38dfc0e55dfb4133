#include "planner/references.h"

#include "parser/reader.h"

#include <gtest/gtest.h>

namespace cfnlocal::planner {
namespace {

std::vector<std::string> targets(const std::vector<Reference> &refs) {
  std::vector<std::string> out;
  for (const auto &r : refs)
    out.push_back(r.attribute.empty() ? r.target : r.target + "." + r.attribute);
  return out;
}

Value yaml(const std::string &text) { return read_document(text, "refs.yaml"); }

TEST(References, RefAndGetAttForms) {
  auto refs = find_references(yaml(R"(
A: !Ref Bucket
B: !GetAtt Role.Arn
C: {"Fn::GetAtt": ["Queue", "QueueName"]}
D: {"Fn::GetAtt": "Stack.Outputs.Name"}
)"));
  ASSERT_EQ(refs.size(), 4u);
  EXPECT_EQ(refs[0].kind, Reference::Kind::Ref);
  EXPECT_EQ(refs[1].kind, Reference::Kind::GetAtt);
  EXPECT_EQ(targets(refs), (std::vector<std::string>{"Bucket", "Role.Arn", "Queue.QueueName",
                                                     "Stack.Outputs.Name"}));
  EXPECT_EQ(refs[0].mark.line, 2);
}

TEST(References, SubVariablesAndLiterals) {
  auto refs = find_references(yaml(R"(
A: !Sub "arn:${AWS::Partition}:s3:::${Bucket}/${Role.Arn}/${!Literal}"
B: !Sub
  - "${Local}-${Param}"
  - Local: !Ref Other
)"));
  EXPECT_EQ(targets(refs),
            (std::vector<std::string>{"AWS::Partition", "Bucket", "Role.Arn", "Param", "Other"}));
  EXPECT_EQ(refs[2].kind, Reference::Kind::SubGetAtt);
  EXPECT_EQ(refs[1].kind, Reference::Kind::Sub);
}

TEST(References, IfHonoursConditions) {
  Value v = yaml(R"(
X: !If [IsProd, !Ref ProdBucket, !Ref DevBucket]
Y: !If [Unknown, !Ref Left, !Ref Right]
)");
  ConditionValues conditions{{"IsProd", false}};
  EXPECT_EQ(targets(find_references(v, &conditions)),
            (std::vector<std::string>{"DevBucket", "Left", "Right"}));
  EXPECT_EQ(targets(find_references(v)),
            (std::vector<std::string>{"ProdBucket", "DevBucket", "Left", "Right"}));
}

TEST(References, ConditionNamesAndComputedAttributesAndNesting) {
  auto refs = find_references(yaml(R"(
A: {"Fn::And": [{"Condition": "C1"}, {"Condition": "C2"}]}
B: !GetAtt [Res, !Ref AttrParam]
C: !Join ["", [!Ref X, !Select [0, {"Fn::GetAZs": !Ref AWS::Region}]]]
D: {"Ref": {"Ref": "Odd"}}
)"));
  EXPECT_EQ(targets(refs),
            (std::vector<std::string>{"Res", "AttrParam", "X", "AWS::Region", "Odd"}));
}

} // namespace
} // namespace cfnlocal::planner
