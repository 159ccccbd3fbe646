#pragma once

#include "asl/json.h"

#include <string>

/**
 * Builders for CloudFormation intrinsic functions in their long JSON form. The YAML writer turns them
 * into short tags (!Ref, !GetAtt, !Sub ...); the JSON writer keeps them as they are.
 */
namespace egress::cfn {

using asl::Json;

inline Json refOf(const std::string &name)
{
    return Json{{"Ref", name}};
}

inline Json getAtt(const std::string &resource, const std::string &attribute)
{
    return Json{{"Fn::GetAtt", Json::array({resource, attribute})}};
}

inline Json sub(const std::string &text)
{
    return Json{{"Fn::Sub", text}};
}

/** Fn::Sub with its own variables: the text's ${Name}s come from `variables` (name → value). */
inline Json sub(const std::string &text, Json variables)
{
    return Json{{"Fn::Sub", Json::array({text, std::move(variables)})}};
}

inline Json select(int index, Json list)
{
    return Json{{"Fn::Select", Json::array({index, std::move(list)})}};
}

inline Json split(const std::string &delimiter, Json value)
{
    return Json{{"Fn::Split", Json::array({delimiter, std::move(value)})}};
}

inline Json getAZs()
{
    return Json{{"Fn::GetAZs", ""}};
}

inline Json cidr(Json ipBlock, int count, int hostBits)
{
    return Json{{"Fn::Cidr", Json::array({std::move(ipBlock), count, hostBits})}};
}

inline Json ifThen(const std::string &condition, Json whenTrue, Json whenFalse)
{
    return Json{{"Fn::If", Json::array({condition, std::move(whenTrue), std::move(whenFalse)})}};
}

inline Json equals(Json a, Json b)
{
    return Json{{"Fn::Equals", Json::array({std::move(a), std::move(b)})}};
}

/** The ARN of a managed IAM policy in the stack's partition. */
inline Json managedPolicy(const std::string &path)
{
    return sub("arn:${AWS::Partition}:iam::aws:policy/" + path);
}

/** The ARN pattern of every resource of `service` in the stack's account and region. */
inline Json accountScope(const std::string &service, const std::string &resourcePattern = "*")
{
    return sub("arn:${AWS::Partition}:" + service + ":${AWS::Region}:${AWS::AccountId}:" + resourcePattern);
}

} // namespace egress::cfn
