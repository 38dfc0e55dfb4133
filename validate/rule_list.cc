// The list of every rule (see rule.h for why it is explicit).
#include "validate/rule.h"

#include <algorithm>
#include <cstring>

namespace cfnlocal::validate {

namespace rules {
extern const Rule kCircular;
extern const Rule kConditionalRefs;
extern const Rule kUnreachableIf;
extern const Rule kConditionsStructure;
extern const Rule kConditionExists;
extern const Rule kFnEquals;
extern const Rule kFnAnd;
extern const Rule kFnNot;
extern const Rule kFnOr;
extern const Rule kConditionFn;
extern const Rule kUnusedConditions;
extern const Rule kEqualsAlways;
extern const Rule kFnBase64;
extern const Rule kFnCidr;
extern const Rule kFnFindInMap;
extern const Rule kFnGetAtt;
extern const Rule kFnGetAZs;
extern const Rule kFnIf;
extern const Rule kFnImportValue;
extern const Rule kFnJoin;
extern const Rule kFnRef;
extern const Rule kFnSelect;
extern const Rule kFnSplit;
extern const Rule kFnSub;
extern const Rule kFnSubUnusedVars;
extern const Rule kFnSubNotNeeded;
extern const Rule kFnUnknown;
extern const Rule kFnLength;
extern const Rule kFnToJsonString;
extern const Rule kRuntimeUpdateBlocked;
extern const Rule kRuntimeCreateBlocked;
extern const Rule kRuntimeDeprecated;
extern const Rule kParameterNames;
extern const Rule kParameterNameLength;
extern const Rule kResourceNames;
extern const Rule kOutputNames;
extern const Rule kOutputNameLength;
extern const Rule kMappingNames;
extern const Rule kUniqueNames;
extern const Rule kMappingStructure;
extern const Rule kUnusedMappings;
extern const Rule kOutputStructure;
extern const Rule kOutputRequired;
extern const Rule kOutputTypes;
extern const Rule kOutputCondition;
extern const Rule kOutputValueString;
extern const Rule kOutputExportString;
extern const Rule kUniqueExports;
extern const Rule kImportInOutput;
extern const Rule kParameterStructure;
extern const Rule kParameterTypes;
extern const Rule kParameterDefaults;
extern const Rule kUnusedParameters;
extern const Rule kFormatSecurityGroupId;
extern const Rule kFormatVpcId;
extern const Rule kFormatImageId;
extern const Rule kFormatSubnetId;
extern const Rule kFormatRoleArn;
extern const Rule kFormatKmsKeyArn;
extern const Rule kFormatTopicArn;
extern const Rule kFormatCertificateArn;
extern const Rule kFormatFunctionArn;
extern const Rule kFormatBucketName;
extern const Rule kFormatKmsKeyId;
extern const Rule kFormatKmsAliasName;
extern const Rule kPropAdditional;
extern const Rule kPropRequired;
extern const Rule kPropType;
extern const Rule kPropRequiredXor;
extern const Rule kPropAnyOf;
extern const Rule kPropOneOf;
extern const Rule kPropDependentExcluded;
extern const Rule kPropDependentRequired;
extern const Rule kPropEnum;
extern const Rule kPropPattern;
extern const Rule kPropItems;
extern const Rule kPropLength;
extern const Rule kPropRange;
extern const Rule kPropUnique;
extern const Rule kPropRequiredOr;
extern const Rule kRedundantDependsOn;
extern const Rule kResourceType;
extern const Rule kServerlessTransform;
extern const Rule kResourceStructure;
extern const Rule kDependsOn;
extern const Rule kResourceCondition;
extern const Rule kDeletionPolicy;
extern const Rule kUpdateReplacePolicy;
extern const Rule kServiceShutDown;
extern const Rule kServiceSunsetting;
extern const Rule kServiceMaintenance;
extern const Rule kSubNeeded;
extern const Rule kTemplateSize;
extern const Rule kDescriptionLength;
extern const Rule kDescriptionType;
extern const Rule kResourceLimit;
extern const Rule kParameterLimit;
extern const Rule kOutputLimit;
extern const Rule kMappingLimit;
extern const Rule kTemplateSections;
extern const Rule kTransformSection;
} // namespace rules

const std::vector<const Rule *> &all_rules() {
  static const std::vector<const Rule *> list = [] {
    std::vector<const Rule *> v = {
        &rules::kCircular,
        &rules::kConditionalRefs,
        &rules::kUnreachableIf,
        &rules::kConditionsStructure,
        &rules::kConditionExists,
        &rules::kFnEquals,
        &rules::kFnAnd,
        &rules::kFnNot,
        &rules::kFnOr,
        &rules::kConditionFn,
        &rules::kUnusedConditions,
        &rules::kEqualsAlways,
        &rules::kFnBase64,
        &rules::kFnCidr,
        &rules::kFnFindInMap,
        &rules::kFnGetAtt,
        &rules::kFnGetAZs,
        &rules::kFnIf,
        &rules::kFnImportValue,
        &rules::kFnJoin,
        &rules::kFnRef,
        &rules::kFnSelect,
        &rules::kFnSplit,
        &rules::kFnSub,
        &rules::kFnSubUnusedVars,
        &rules::kFnSubNotNeeded,
        &rules::kFnUnknown,
        &rules::kFnLength,
        &rules::kFnToJsonString,
        &rules::kRuntimeUpdateBlocked,
        &rules::kRuntimeCreateBlocked,
        &rules::kRuntimeDeprecated,
        &rules::kParameterNames,
        &rules::kParameterNameLength,
        &rules::kResourceNames,
        &rules::kOutputNames,
        &rules::kOutputNameLength,
        &rules::kMappingNames,
        &rules::kUniqueNames,
        &rules::kMappingStructure,
        &rules::kUnusedMappings,
        &rules::kOutputStructure,
        &rules::kOutputRequired,
        &rules::kOutputTypes,
        &rules::kOutputCondition,
        &rules::kOutputValueString,
        &rules::kOutputExportString,
        &rules::kUniqueExports,
        &rules::kImportInOutput,
        &rules::kParameterStructure,
        &rules::kParameterTypes,
        &rules::kParameterDefaults,
        &rules::kUnusedParameters,
        &rules::kFormatSecurityGroupId,
        &rules::kFormatVpcId,
        &rules::kFormatImageId,
        &rules::kFormatSubnetId,
        &rules::kFormatRoleArn,
        &rules::kFormatKmsKeyArn,
        &rules::kFormatTopicArn,
        &rules::kFormatCertificateArn,
        &rules::kFormatFunctionArn,
        &rules::kFormatBucketName,
        &rules::kFormatKmsKeyId,
        &rules::kFormatKmsAliasName,
        &rules::kPropAdditional,
        &rules::kPropRequired,
        &rules::kPropType,
        &rules::kPropRequiredXor,
        &rules::kPropAnyOf,
        &rules::kPropOneOf,
        &rules::kPropDependentExcluded,
        &rules::kPropDependentRequired,
        &rules::kPropEnum,
        &rules::kPropPattern,
        &rules::kPropItems,
        &rules::kPropLength,
        &rules::kPropRange,
        &rules::kPropUnique,
        &rules::kPropRequiredOr,
        &rules::kRedundantDependsOn,
        &rules::kResourceType,
        &rules::kServerlessTransform,
        &rules::kResourceStructure,
        &rules::kDependsOn,
        &rules::kResourceCondition,
        &rules::kDeletionPolicy,
        &rules::kUpdateReplacePolicy,
        &rules::kServiceShutDown,
        &rules::kServiceSunsetting,
        &rules::kServiceMaintenance,
        &rules::kSubNeeded,
        &rules::kTemplateSize,
        &rules::kDescriptionLength,
        &rules::kDescriptionType,
        &rules::kResourceLimit,
        &rules::kParameterLimit,
        &rules::kOutputLimit,
        &rules::kMappingLimit,
        &rules::kTemplateSections,
        &rules::kTransformSection,
    };
    std::sort(v.begin(), v.end(),
              [](const Rule *a, const Rule *b) { return std::strcmp(a->id, b->id) < 0; });
    return v;
  }();
  return list;
}

} // namespace cfnlocal::validate
