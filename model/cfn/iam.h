#pragma once

#include "asl/json.h"

#include <string>

namespace egress::cfn {

using asl::Json;

/** The trust policy letting one AWS service principal (e.g. "states.amazonaws.com") assume a role. */
Json assumeRolePolicy(const std::string &servicePrincipal, bool limitToThisAccount = true);

/** A Policies entry of an AWS::IAM::Role. */
Json inlinePolicy(const std::string &name, Json statements);

/** One Allow statement. */
Json allow(Json actions, Json resources);

} // namespace egress::cfn
