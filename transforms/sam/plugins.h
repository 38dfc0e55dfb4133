#pragma once
/// \file
/// The translator's passes around the per-resource translation: template checks, Globals,
/// implicit APIs (before) and the checks that need every generated resource (after).

#include "transforms/sam/context.h"

namespace cfnlocal::transforms::sam {

/// Whether `type` is one this transform translates (AWS::Serverless::Function, ...).
bool is_sam_type(const std::string &type);

/// Translates one SAM resource into ctx.out.
void translate_resource(Context &ctx, const std::string &id, const std::string &type,
                        const Json &resource);

/// Checks the template's structure, applies Globals and adds the implicit APIs.
void run_before_plugins(Context &ctx);

/// Passes over the generated resources (duplicate logical IDs).
void run_after_plugins(Context &ctx);

} // namespace cfnlocal::transforms::sam
