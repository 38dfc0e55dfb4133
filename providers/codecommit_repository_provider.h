#pragma once
/// \file
/// AWS::CodeCommit::Repository on AWS CodeCommit's own operations
/// (aws-resource-codecommit-repository.html; AWS CodeCommit API Reference). Create:
/// CreateRepository (name, description, KMS key, tags), then PutRepositoryTriggers for
/// Triggers, and for Code the zip at Code.S3 (read from S3 through the same backend) committed
/// whole as the first commit of Code.BranchName ("main" when left out) with CreateCommit; the
/// repository is deleted again when a later step fails. Update: UpdateRepositoryName,
/// UpdateRepositoryDescription, PutRepositoryTriggers, TagResource / UntagResource (Code is
/// only read at creation, as CloudFormation documents). Read: the repository found by its id in
/// ListRepositories, GetRepository, ListTagsForResource, GetRepositoryTriggers. Delete:
/// DeleteRepository. The physical ID and Ref are the repository id; GetAtt Arn, Name,
/// CloneUrlHttp and CloneUrlSsh as CodeCommit reports them.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class CodeCommitRepositoryProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
