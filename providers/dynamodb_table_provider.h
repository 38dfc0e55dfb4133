#pragma once
/// \file
/// AWS::DynamoDB::Table on Amazon DynamoDB's own operations (aws-resource-dynamodb-table.html;
/// Amazon DynamoDB API Reference). Create: DescribeTable to refuse a name already taken,
/// CreateTable with the key schema, attribute definitions, billing mode and throughput, indexes,
/// stream, SSE, table class, deletion protection and tags, then UpdateTimeToLive and
/// UpdateContinuousBackups when the template asks (the table is deleted again if they fail).
/// Update, diffed against what DynamoDB holds: UpdateTable per change DynamoDB takes one at a
/// time (billing mode and throughput; each global secondary index deleted, created or
/// re-provisioned; the stream switched off and on for a new view type; SSE; table class;
/// deletion protection), UpdateTimeToLive (off, then on for a new attribute),
/// UpdateContinuousBackups, TagResource / UntagResource. A changed KeySchema or
/// LocalSecondaryIndexes is NotUpdatable (DynamoDB cannot change them; CloudFormation replaces).
/// Read: DescribeTable, DescribeTimeToLive, DescribeContinuousBackups, ListTagsOfResource.
/// Delete: DeleteTable; List: ListTables. Ref is the table name; GetAtt Arn and StreamArn.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class DynamoDbTableProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

  /// CreateTable's input for a CloudFormation model (table name included; TTL and
  /// point-in-time recovery are separate calls).
  static Json create_table_input(const Value &model);
};

} // namespace cfnlocal::providers
