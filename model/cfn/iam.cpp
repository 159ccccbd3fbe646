#include "cfn/iam.h"

#include "cfn/intrinsics.h"

namespace egress::cfn {

Json assumeRolePolicy(const std::string &servicePrincipal, bool limitToThisAccount)
{
    Json statement = {
        {"Effect", "Allow"}, {"Principal", {{"Service", servicePrincipal}}}, {"Action", "sts:AssumeRole"}};
    // Confused-deputy guard: the service may assume the role only on behalf of this account.
    if (limitToThisAccount)
        statement["Condition"] = {{"StringEquals", {{"aws:SourceAccount", refOf("AWS::AccountId")}}}};
    return {{"Version", "2012-10-17"}, {"Statement", Json::array({statement})}};
}

Json inlinePolicy(const std::string &name, Json statements)
{
    return {{"PolicyName", name},
            {"PolicyDocument", {{"Version", "2012-10-17"}, {"Statement", std::move(statements)}}}};
}

Json allow(Json actions, Json resources)
{
    return {{"Effect", "Allow"}, {"Action", std::move(actions)}, {"Resource", std::move(resources)}};
}

} // namespace egress::cfn
