#pragma once

#include "asl/json.h"

#include <string>

namespace egress::cfn {

using asl::Json;

/**
 * The trust policy letting one AWS service principal (e.g. "states.amazonaws.com") assume a role.
 * limitToThisAccount adds the confused-deputy guard (aws:SourceAccount = this account); use it only for
 * services documented to send that key when assuming a role (Step Functions), or the role cannot be used.
 */
Json assumeRolePolicy(const std::string &servicePrincipal, bool limitToThisAccount = true);

/** A Policies entry of an AWS::IAM::Role. */
Json inlinePolicy(const std::string &name, Json statements);

/** One Allow statement. */
Json allow(Json actions, Json resources);

} // namespace egress::cfn
