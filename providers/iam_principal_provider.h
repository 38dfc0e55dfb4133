#pragma once
/// \file
/// AWS::IAM::Role, AWS::IAM::User and AWS::IAM::Group on IAM's operations
/// (aws-resource-iam-role.html, -user.html, -group.html; IAM API Reference). Create: Create<Kind>
/// (a role with its trust policy, description, MaxSessionDuration; path, permissions boundary and
/// tags), Put<Kind>Policy for each inline policy in Policies, Attach<Kind>Policy for each of
/// ManagedPolicyArns, AddUserToGroup for a user's Groups; anything failing after the principal
/// exists undoes the create. Update diffs the template against what IAM holds (removing only
/// what the previous model named):
/// UpdateAssumeRolePolicy, UpdateRole, UpdateUser/UpdateGroup (path), boundary, inline policies,
/// attachments, group membership and tags. Delete detaches, deletes inline policies, leaves
/// groups, then Delete<Kind>. The physical ID and Ref are the name; GetAtt Arn (and RoleId).
/// IAM's errors (a malformed policy document, a name taken, a managed policy that does not exist,
/// a quota) come back as FAILED events with IAM's message.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class IamPrincipalProvider : public GenericProvider {
public:
  /// `label` is "Role", "User" or "Group": the IAM operations' and members' word.
  IamPrincipalProvider(services::Backend &backend, const schema::Registry &registry,
                       RandomSource &random, std::string label);

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

private:
  std::string name_member() const { return label_ + "Name"; }
  /// Brings the principal `name`'s policies, attachments, groups, boundary and tags from what IAM
  /// holds to `desired` (the CloudFormation model). Inline policies, managed policies and groups
  /// are removed only when `previous` (the last model; null on create) named them: others were
  /// added by other resources. Throws ServiceError.
  void converge(const std::string &name, const Value &previous, const Value &desired);
  /// Detaches, deletes inline policies and leaves groups, then deletes the principal.
  void delete_principal(const std::string &name);

  std::string label_;
};

} // namespace cfnlocal::providers
