#pragma once

#include "asl/json.h"
#include "cfn/templatedoc.h"

#include <string>
#include <vector>

namespace egress::cfn {

/** What the VPC side of a template must provide, decided from placement and egress. */
struct NetworkNeeds
{
    bool vpc = false;              ///< some function runs inside the VPC
    bool nat = false;              ///< a NAT gateway + Elastic IP per AZ
    bool gatewayEndpoints = false; ///< S3 and DynamoDB gateway endpoints
    /** One interface endpoint per entry: an AWS service name ("sqs"), or "" for a parameter-chosen one. */
    std::vector<std::string> interfaceServices;
    int availabilityZones = 2;
    bool createVpc = false;
};

/** How functions attach to the network. */
struct NetworkRefs
{
    Json subnetIds;        ///< a list expression for VpcConfig.SubnetIds
    Json securityGroupIds; ///< a list expression for VpcConfig.SecurityGroupIds
    std::vector<std::string> natGateways;
    std::vector<std::string> endpoints;
};

/**
 * Adds the network: parameters for an existing VPC (VpcId, PrivateSubnetIds, SecurityGroupIds, and
 * PrivateRouteTableIds / PublicSubnetIds when routes must be added), or with createVpc the VPC itself
 * (private subnets per AZ with their route tables, a security group; for a NAT public subnets, an
 * internet gateway, a NAT gateway + Elastic IP per AZ and the default routes), plus endpoints.
 */
NetworkRefs addNetwork(TemplateDoc &doc, const NetworkNeeds &needs);

} // namespace egress::cfn
